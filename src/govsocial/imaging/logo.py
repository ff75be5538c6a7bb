"""Where the official logo is in an image: edge orientations of the logo's silhouette.

The logo's shape (its alpha channel, or what differs from the flat colour around it when
it is given without transparency) gives edge directions; the photo gives its own. The
score at a position is the sum of ``cos 2(θ_logo − θ_photo)`` over the logo's edge
pixels, weighted by how strong the photo's edge is, divided by the square root of the
number of edge pixels. Doubling the angle ignores polarity, so a white, black, grey or
coloured version of the logo scores the same.

1. Search: numpy FFT correlations over the corner zones only (the guides want the logo
   in a corner), on a /2 pyramid so each template is about 48-96 px wide (wider for a
   thin wordmark, so that its strokes stay a pixel thick), first on a coarse grid of
   widths (x1.15), then on a fine one (x1.05) around each corner's and each pyramid
   level's best and in the interval between coarse widths where a sharp peak in width
   would lie (see _COARSE_STEP).
2. Verification: each of those candidates is scored again at full working resolution
   (at most 1024 px wide), with the silhouette's edges and with the logo's inner
   (luminance) edges too, within a few pixels of the candidate. A plain outline (a
   disc, a shield: it fills most of its bounding box) weighs less than the knocked-out
   details inside it, so that another round logo does not pass for this one. The photo's
   edges are weighed against the noise around the candidate: a pale logo on a plain
   patch of a busy photo counts what its contrast is worth there (see _local_eps2).
   A logo with a plain part (a disc or a square beside its wordmark: what survives an
   opening of its shape, see _Logo.generic_band) is matched only where its silhouette
   beyond that part agrees too, better than chance and in proportion to how well the
   plain part's outline agrees (see _distinctive): a partner's plain disc has the disc
   and nothing else. (App icons, judged by their inner edges, are left as they were.)
3. Decision: the best verified candidate, if its score divided by the eighth root of
   its area (in working pixels), less an amount for the clutter behind it (photo edges
   where the logo is plain: texture or another logo matched by chance, or the photo
   seen through a line-art print), reaches the threshold. A box under MIN_SIDE working
   pixels on a side is never a candidate: a logo that small is a smear no one reads,
   and its template a few lines that any straight edge matches.
4. Threshold: at a logo's first use it is calibrated, once per logo content: the logo
   is scored against synthetic images without it (junk-prone textures, partner-like
   plain shapes: :mod:`govsocial.imaging.logo_negatives`) and its threshold is kept
   CALIBRATION_MARGIN above the best of those scores, and never below its base.
5. App icons: a logo whose shape is a plain fill (a square, rounded square or disc of one
   colour with the drawing on it) has a silhouette that any square or disc matches, and
   a one-colour print of it keeps only the drawing. Such a logo is searched and judged
   with its inner edges, never by its outline alone, and gets a second model, of
   the drawing cut out of the fill colour, with its own calibrated threshold, searched
   when the whole icon is not found, in the same corner zones' spectra as the icon (the
   second search costs its templates only). The box is always the whole logo's extent as
   designed (the drawing's box mapped back to the icon's frame).

Measured on benchmarks/logo_detection.py (dev split tuned on; a clean3 split frozen
before this detector's last round, run once at its end): see benchmarks/README.md.

Long on purpose: the pyramid, the two width grids and the corner zones share one
search whose parts only make sense together; split, each would need the others' state.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from govsocial.errors import MissingExtraError, UsageError
from govsocial.imaging.inspect import DEFAULT_MAX_PIXELS, ImageSource, inspect_image

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["CORNERS", "DEFAULT_THRESHOLD", "PLAIN_OUTLINE_THRESHOLD", "LogoMatch", "locate_logo"]

CORNERS: tuple[str, ...] = ("top-left", "top-right", "bottom-left", "bottom-right")

#: Score at or above which a match counts: chosen on the benchmark's dev split only (dev
#: photos, 400 cases for each of two logos: the negatives accepted by the brand rules
#: scored at most 2.88, positives located right at least 2.53, most above 3.6).
DEFAULT_THRESHOLD = 3.0
#: For a logo whose outline is a plain shape: 0.27 above the highest negative on the dev
#: split (3.03, another round logo), which costs about 1 % of recall there.
PLAIN_OUTLINE_THRESHOLD = 3.3

#: Clutter behind a match (mean photo edge weight, 0 to 1, where the logo is plain)
#: tolerated, and how much each unit more takes off its score (0.9 per 0.1). The score
#: used to be scaled down by 2 tenths per 0.1 of clutter, which at the scores where the
#: decision is taken (about 3 to 4.5) is the same 0.6 to 0.9: the penalty is now that
#: fixed amount, so that clutter raises the bar as chance matches in clutter rise, but
#: no longer wipes out a strong match seen through (a logo printed as line art, its
#: plain parts see-through, on bricks or foliage).
CLUTTER_FREE = 0.1
CLUTTER_WEIGHT = 9.0
#: ... unless the match's edges agree with the logo's far better than chance does in
#: clutter: a print whose plain parts are see-through (line art on gravel) shows the
#: photo there, and is told from a chance match by how well its own edges agree (the
#: score per edge pixel, 0 to 1). At or below CHANCE_AGREEMENT the whole penalty applies,
#: at or above SEEN_THROUGH_AGREEMENT none, linearly between. On the seen splits, chance
#: matches in clutter (images without the logo, partners' logos) agreed at most 0.22 per
#: edge pixel; app icons printed as line art on gravel or grass, 0.3 to 0.8.
CHANCE_AGREEMENT = 0.25
SEEN_THROUGH_AGREEMENT = 0.5

#: What a logo's default threshold keeps above the best score it reaches on synthetic
#: images without it (its calibration).
CALIBRATION_MARGIN = 0.5

_WORK_WIDTH = 1024  # photos are searched at most this wide
_MIN_TEMPLATE = 48  # a template is searched at the coarsest level where it is this wide
#: ... or wider, so that the logo's strokes are at least this many pixels thick there (a
#: thin wordmark at 48 px has strokes of half a pixel: the pyramid's averaging blends them
#: into the photo's grain and the coarse search ranks texture above the logo). On clean3
#: (seen) 1.5 found one more Pygame Zero drawing (recall 0.960, not 0.950) but made
#: Ursina's wordmark cost 1.6x OpenCV's NCC instead of 1.0x: 1.0 is kept.
_MIN_STROKE = 1.0
_MAX_TEMPLATE = 192  # ... but never needs a template wider than this to be searched
_EPS2 = 30.0**2  # photo edges weaker than about 30 (Sobel; a step of 7-8 grey levels) count less
#: In a smooth, clean photo that bar is lowered to NOISE_FACTOR times the photo's typical
#: gradient (its median Sobel magnitude: noise and fine grain), never below _MIN_EPS: a
#: faint logo (grey on a grey sky) then weighs what its contrast is worth in that photo.
NOISE_FACTOR = 3.0
_MIN_EPS = 10.0
_EDGE_FRACTION = 0.2  # logo edge pixels: gradient above 20 % of its maximum
_INNER_STEP = 48.0  # inner edges: a luminance step of about 48 grey levels or more
_SCALE_STEP = 1.05  # fine grid: about ±2.5 % width error at most
_VERIFIED = 5  # candidates (best per corner and pyramid level) refined and verified
_FLAT_STEP = 16.0  # the logo's own luminance steps from about 16 grey levels are not plain
#: A luminance whose values all lie within this many grey levels has no central
#: difference gradient above _FLAT_STEP: sqrt(2) * 11 < 16.
_PLAIN_SPREAD = 11
_MIN_FLAT = 24  # plain pixels needed to judge the clutter behind a candidate
#: A logo's plain parts (see _Logo.generic_band) are what is left of its shape after an
#: opening by a disc of this fraction of its smaller side (radius): thinner strokes go.
GENERIC_OPENING = 0.15
#: The silhouette beyond the plain parts must agree at a z-score of at least DISTINCT_Z
#: (its summed agreement over the root of its summed squared weight: chance gives about
#: 0 +- 1 there, the place being fixed by the plain part) and, per unit of edge weight,
#: at least DISTINCT_SHARE of the plain outline's agreement. Chosen on clean6 (seen):
#: partners' plain discs taken for Unidata's disc and wordmark gave z <= 0.8 and shares
#: <= 0.05, Unidata's own prints z >= 7.5 and shares >= 0.44.
DISTINCT_Z = 4.0
DISTINCT_SHARE = 0.3
#: ... when that part is a real part of the silhouette: at least this share of the plain
#: outline's summed squared edge weight (MetPy's letters 0.32-0.96 at the widths met on
#: clean6, a round icon's stray edges beside its disc about 0.16 on dev).
DISTINCT_PART = 0.3
_PLAIN_FILL = 0.75  # a silhouette filling this much of its box (a disc: 0.785) is plain
#: No box narrower or lower than this (working pixels, photos at most 1024 wide) is a
#: match: a logo drawn a few pixels high is a smear no one reads, and its template is a
#: few lines along its sides, which any straight edge matches (a horizon, a branch, a
#: panel's border). On clean7 (seen) all five negatives accepted for Supervisor's
#: wordmark, and the matches that beat four of its six missed prints, were 6 px high; its
#: prints found there were at least 9 px high. Such a box is never a candidate: the
#: search's best in its corner is then the best box that is large enough.
MIN_SIDE = 8
#: Coarse grid: widths x1.15 apart. Around each verified candidate the intervals between
#: coarse widths are refined at two widths inside each (x1.048 apart, as fine as
#: _SCALE_STEP): the two beside the best coarse width, and the interval whose ends
#: together score highest among the others, where a thin logo's sharp peak in width
#: lies when it falls between two coarse widths (both ends raised, neither the best).
_COARSE_STEP = 1.15
#: A level's zones are made in this many sizes: for its widest templates, for those up
#: to half as wide, a quarter... (a narrow template costs a smaller FFT; see _Zones)
_ZONE_PARTS = 3
#: A template is resized from a copy of the logo reduced by a power of two (box means,
#: made once per logo) that is at least this many times its width, not from the logo
#: itself: Pillow's resampling reads every source pixel under its filter, so that a
#: large logo made about 40 templates per photo at the cost of its own size each time
#: (Pillow's own reducing_gap, which reduces anew on every call, calls 3 the gap from
#: which the result is indistinguishable).
_RESIZE_GAP = 3


def _grid(lo: float, hi: float, step: float) -> list[float]:
    out = []
    w = lo
    while w <= hi * 1.0001:
        out.append(w)
        w *= step
    return out


def _fast_len(n: int) -> int:
    """The smallest 2^a·3^b·5^c >= n (FFT lengths pocketfft handles fastest)."""
    best = 1 << max(0, (n - 1).bit_length())
    f5 = 1
    while f5 < best:
        f35 = f5
        while f35 < best:
            f = f35
            while f < n:
                f *= 2
            best = min(best, f)
            f35 *= 3
        f5 *= 5
    return best


class _Template:
    """A logo's edges at one width: silhouette edges alone, and with its inner edges.

    Fields are unit doubled-angle orientations on edge pixels (0 elsewhere), weighted;
    each score divides by the root of the summed squared weights. The silhouette's are
    made at once (every search reads them); the inner edges (`full`, `n_inner`,
    `root_full`) and the plain pixels (`flat`) when first read: only the verification
    and an app icon's search need them, and most templates serve the pyramid search
    only, once per photo in a new process (see _template)."""

    __slots__ = (
        "_flat",
        "_full",
        "_generic",
        "_grad",
        "_inner_w2",
        "_narrow_flat",
        "_parts",
        "_sil_w2",
        "n_sil",
        "root_sil",
        "sil",
    )

    def __init__(self, sil: Any, sil_w2: float, n_sil: int, parts: _TemplateParts) -> None:
        self.sil = sil
        self._sil_w2 = sil_w2
        self.root_sil = math.sqrt(sil_w2)
        self.n_sil = n_sil
        self._parts = parts
        self._full: Any = None
        self._inner_w2 = 0.0
        self._flat: Any = None
        self._narrow_flat: Any = None
        #: the luminance's gradient (inner edges, plain pixels), as _differences gives it
        self._grad: Any = None
        self._generic: Any = None

    def _lum_steps(self, step: float) -> Any:
        """Where the luminance's gradient magnitude is above `step` (see _above): nowhere,
        without resizing the luminance, for a logo whose luminance is plain (see
        _Logo.plain_luminance) and a step of at least _FLAT_STEP."""
        if step >= _FLAT_STEP and self._parts.logo.plain_luminance:
            return _np().zeros(self.sil.shape, dtype=bool)
        if self._grad is None:
            self._grad = _differences(_padded(self._parts.luminance()))
        return _above(self._grad, step)

    def _inner(self) -> Any:
        """The same plus the inner (luminance) edges of the logo, and their summed weight."""
        if self._full is None:
            p = self._parts
            inner = self._lum_steps(_INNER_STEP) & (p.a >= 200) & ~_grown(p.edges, 2)
            self._inner_w2 = float(int(inner.sum()))
            if self._inner_w2:
                lum = p.luminance()
                self._full = self.sil + _unit_field(*_sobel(lum), inner)
            else:
                self._full = self.sil
        return self._full

    @property
    def full(self) -> Any:
        """The silhouette's edges plus the inner (luminance) edges of the logo."""
        return self._inner()

    @property
    def n_inner(self) -> int:
        self._inner()
        return round(self._inner_w2)

    @property
    def root_full(self) -> float:
        self._inner()
        return math.sqrt(self._sil_w2 + self._inner_w2)

    @property
    def flat(self) -> Any:
        """Inside the logo, away from any of its edges: plain in a photo."""
        if self._flat is None:
            p = self._parts
            self._flat = (p.a >= 200) & ~_grown(p.edges | self._lum_steps(_FLAT_STEP), 2)
        return self._flat

    @property
    def generic(self) -> Any:
        """The edge pixels on the outline of the logo's plain parts (see
        _Logo.generic_band), as a boolean mask; False everywhere for a logo without one."""
        if self._generic is None:
            np = _np()
            band = self._parts.logo.generic_band()
            if band is None:
                self._generic = np.zeros(self.sil.shape, dtype=bool)
            else:
                from PIL import Image

                h, w = self.sil.shape
                small = np.asarray(band.resize((w, h), Image.Resampling.BILINEAR)) >= 64
                self._generic = small & (self.sil != 0)
        return self._generic

    @property
    def narrow_flat(self) -> Any:
        """The plain pixels judged closer to the edges: inside the shape, one pixel off
        any of its edges and luminance steps (the Sobel's reach) instead of two. A thin
        logo at a small width has no pixel two off its edges, and its clutter, the main
        sign of a chance match in texture at small widths, would go unjudged."""
        if self._narrow_flat is None:
            steps = (self.sil != 0) | self._lum_steps(_FLAT_STEP)
            self._narrow_flat = (self._parts.a >= 200) & ~_grown(steps, 1)
        return self._narrow_flat


class _Logo:
    """A logo's silhouette, outline, inner luminance and templates by width (kept between
    calls).

    When the outline is a plain shape (a disc, a shield, a rectangle: it fills most of
    its bounding box) it says little about which logo this is, and any round or square
    object would match it; its edges then weigh less than the knocked-out details and
    inner edges, which are what tells this emblem from another."""

    def __init__(self, sil: Any, lum: Any) -> None:
        np = _np()
        self.sil = sil
        self.lum = lum
        self.filled = _filled(sil)
        box = self.filled.getbbox()
        fill = 0.0
        if box is not None:
            crop = np.asarray(self.filled.crop(box), dtype=np.float32)
            fill = float(crop.mean()) / 255
        # 1 for a wordmark or a pictogram (fill <= 0.6), down to 0.35 for a disc (0.785)
        plain = min(1.0, max(0.0, (fill - 0.6) / 0.15))
        self.outer_weight = 1.0 - 0.65 * plain
        #: the threshold before calibration: DEFAULT_THRESHOLD, up to PLAIN_OUTLINE_THRESHOLD
        self.base_threshold = DEFAULT_THRESHOLD + plain * (
            PLAIN_OUTLINE_THRESHOLD - DEFAULT_THRESHOLD
        )
        self.templates: dict[int, _Template | None] = {}
        #: a luminance within _PLAIN_SPREAD grey levels everywhere (a logo in one colour):
        #: resized, it stays within them (bilinear and box means never leave the range of
        #: what they average), so that no gradient of it can reach _FLAT_STEP
        lo, hi = lum.getextrema()
        self.plain_luminance = int(hi) - int(lo) <= _PLAIN_SPREAD
        self._bands: Any = None  # see bands()
        #: the logo's images reduced by powers of two, by image and factor (see resized)
        self.reduced: dict[tuple[str, int], Any] = {}
        #: the search's templates read from govsocial's per-user cache (see _read_bank):
        #: None until looked for, False when there are none
        self.bank: dict[str, Any] | bool | None = None
        self.uid = next(_MODEL_IDS)  # names this model's spectra in _SPECTRA
        #: the narrowest template searched on the pyramid (see _min_template)
        self.min_template = _min_template(sil)
        self._threshold: float | None = None
        #: for a plain-filled icon: the model of the drawing inside it, the drawing's box
        #: in the logo's pixels and the logo's size (see _interior)
        self.inner: tuple[_Logo, tuple[int, int, int, int], tuple[int, int]] | None = None
        #: an app icon's silhouette is its plain fill's outline, which any square or disc
        #: matches: it is then searched and judged with its inner edges (see _final)
        self.outline_only = False
        self._generic_band: Any = False  # see generic_band

    def generic_band(self) -> Any:
        """The outline of the logo's plain parts, as an 'L' image of the logo's size (255
        within about 3 % of the logo's smaller side of that outline), or None when it has
        none (a wordmark, line art, a blob around bold letters). A plain part is what is
        left of its shape (holes filled) after an opening by a disc of radius
        GENERIC_OPENING of its smaller side, in pieces of at least a tenth of the logo's
        box that each fill _PLAIN_FILL of their own box: a disc, a square, a shield."""
        if self._generic_band is False:
            self._generic_band = _generic_band(self.sil)
        return self._generic_band

    @property
    def threshold(self) -> float:
        """The default threshold, calibrated at first use (see _calibrated)."""
        if self._threshold is None:
            self._threshold = _calibrated(self)
        return self._threshold

    def content_key(self) -> str:
        """A digest of what the detector uses of the logo (its shape and luminance)."""
        import hashlib

        h = hashlib.sha256()
        for im in (self.sil, self.lum):
            h.update(f"{im.width}x{im.height}".encode())
            h.update(im.tobytes())
        return h.hexdigest()

    def bands(self) -> Any:
        """The silhouette, its filled outline and the luminance as one RGB image."""
        if self._bands is None:
            from PIL import Image

            self._bands = Image.merge("RGB", (self.sil, self.filled, self.lum))
        return self._bands

    def resized(self, which: str, size: tuple[int, int]) -> Any:
        """The logo's silhouette ("sil"), luminance ("lum") or both with its filled
        outline ("bands") resized to `size` (bilinear), from the smallest copy reduced
        by a power of two that stays _RESIZE_GAP times as wide (see _RESIZE_GAP)."""
        from PIL import Image

        src = self.sil if which == "sil" else self.lum if which == "lum" else self.bands()
        f = 1
        while src.width >= 2 * f * _RESIZE_GAP * size[0] and src.height >= 2 * f * size[1]:
            f *= 2
        if f == 1:
            return src.resize(size, Image.Resampling.BILINEAR)
        small = self.reduced.get((which, f))
        if small is None:
            small = self.reduced[which, f] = src.reduce(f)
        # the reduced copy's pixels cover f x f of the logo's: the logo's extent in them
        box = (0.0, 0.0, src.width / f, src.height / f)
        return small.resize(size, Image.Resampling.BILINEAR, box=box)

    def template(self, width: int) -> _Template | None:
        if width not in self.templates:
            if len(self.templates) >= 768:
                self.templates.clear()
            if self.bank is None:
                self.bank = _read_bank(self)
            held, banked = _from_bank(self, width) if self.bank is not False else (False, None)
            self.templates[width] = banked if held else _template(self, width)
        return self.templates[width]


def _min_template(sil: Any) -> int:
    """The narrowest template width (px) at which the logo's typical stroke is _MIN_STROKE
    px thick: _MIN_TEMPLATE for most logos, more for a thin wordmark (up to _MAX_TEMPLATE).
    The stroke is the silhouette's area over half its perimeter (a band of thickness t and
    length l has area t·l and perimeter about 2l), measured at the logo's own size."""
    np = _np()
    a = np.asarray(sil, dtype=np.uint8) >= 128
    perimeter = int((a[1:] != a[:-1]).sum()) + int((a[:, 1:] != a[:, :-1]).sum())
    if perimeter == 0:
        return _MIN_TEMPLATE
    stroke = 2.0 * float(a.sum()) / perimeter / int(a.shape[1])  # a fraction of the logo's width
    if stroke <= 0:
        return _MIN_TEMPLATE
    return max(_MIN_TEMPLATE, min(_MAX_TEMPLATE, math.ceil(_MIN_STROKE / stroke)))


def _generic_band(sil: Any) -> Any:
    """See _Logo.generic_band (computed at most 128 px wide)."""
    np = _np()
    from PIL import Image, ImageDraw, ImageOps

    scale = min(1.0, 128 / max(sil.size))
    size = (max(1, round(sil.width * scale)), max(1, round(sil.height * scale)))
    small = sil.resize(size, Image.Resampling.BILINEAR).point(lambda v: 255 if v >= 128 else 0)
    holes = ImageOps.expand(small, 1, fill=0)
    ImageDraw.floodfill(holes, (0, 0), 128)
    a = np.asarray(holes)[1:-1, 1:-1] != 128  # the shape with its holes filled
    r = max(1, round(GENERIC_OPENING * min(size)))
    framed = np.zeros((a.shape[0] + 2 * r + 2, a.shape[1] + 2 * r + 2), dtype=bool)
    framed[r + 1 : -r - 1, r + 1 : -r - 1] = a
    thick = _grown(~_grown(~framed, r), r)[r + 1 : -r - 1, r + 1 : -r - 1]
    # its parts that are plain shapes: each fills most of its own box (a disc 0.785), unlike
    # the thick strokes of a bold wordmark or a blob around its letters
    opened = np.zeros(thick.shape, dtype=bool)
    marks = Image.fromarray(np.where(thick, 255, 0).astype(np.uint8), "L").copy()
    while True:
        on = np.asarray(marks) == 255
        if not on.any():
            break
        y, x = np.unravel_index(int(np.argmax(on)), on.shape)
        ImageDraw.floodfill(marks, (int(x), int(y)), 128)
        part = np.asarray(marks) == 128
        ImageDraw.floodfill(marks, (int(x), int(y)), 0)
        ys, xs = np.nonzero(part)
        box = (int(ys.max()) - int(ys.min()) + 1) * (int(xs.max()) - int(xs.min()) + 1)
        if part.sum() >= 0.1 * a.size and part.sum() >= _PLAIN_FILL * box:
            opened |= part
    if not opened.any():
        return None  # no plain part worth the name
    edge = opened ^ ~_grown(~opened, 1)
    band = _grown(edge, max(1, round(0.03 * min(size))))
    return Image.fromarray(np.where(band, 255, 0).astype(np.uint8), "L").resize(
        sil.size, Image.Resampling.BILINEAR
    )


def _filled(sil: Any) -> Any:
    """The silhouette's outline, filled: thin gaps (about 2.5 % of the logo) closed, then
    what is not reachable from outside. Computed at most 200 px wide."""
    from PIL import Image, ImageDraw, ImageFilter, ImageOps

    scale = min(1.0, 200 / max(sil.size))
    small = sil.resize(
        (max(1, round(sil.width * scale)), max(1, round(sil.height * scale))),
        Image.Resampling.BILINEAR,
    )
    binary = ImageOps.expand(small.point(lambda v: 255 if v >= 128 else 0), 8, fill=0)
    closed = binary.filter(ImageFilter.MaxFilter(11)).filter(ImageFilter.MinFilter(11))
    ImageDraw.floodfill(closed, (0, 0), 128)
    inside = closed.point(lambda v: 0 if v == 128 else 255)
    inside = inside.crop((8, 8, inside.width - 8, inside.height - 8))
    return inside.resize(sil.size, Image.Resampling.BILINEAR)


_LOGOS: dict[tuple[Any, ...], _Logo] = {}

#: Template spectra by (model, field, width, FFT size), kept between photos: a template's
#: spectrum depends on its width and the FFT size only, and photos of a few sizes ask
#: for the same ones again. Least recently used dropped first beyond _SPECTRA_BYTES.
_SPECTRA: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_SPECTRA_BYTES = 64 << 20
_SPECTRA_HELD = [0]
_SPECTRA_LOCK = threading.Lock()
_MODEL_IDS = itertools.count()


def _forget_spectra() -> None:
    """Drop every kept template spectrum (a search then starts as in a new process)."""
    with _SPECTRA_LOCK:
        _SPECTRA.clear()
        _SPECTRA_HELD[0] = 0


def _kept_spectrum(
    logo: _Logo, kind: str, width: int, shape: tuple[int, int], make: Callable[[], Any]
) -> Any:
    """A template spectrum from _SPECTRA, or made and kept (the same array either way)."""
    key = (logo.uid, kind, width, shape)
    with _SPECTRA_LOCK:
        hit = _SPECTRA.get(key)
        if hit is not None:
            _SPECTRA.move_to_end(key)
            return hit
    value = make()
    with _SPECTRA_LOCK:
        if key not in _SPECTRA:
            _SPECTRA[key] = value
            _SPECTRA_HELD[0] += int(value.nbytes)
        while _SPECTRA_HELD[0] > _SPECTRA_BYTES and len(_SPECTRA) > 1:
            _, old = _SPECTRA.popitem(last=False)
            _SPECTRA_HELD[0] -= int(old.nbytes)
    return value


#: Calibrated thresholds by logo content (_Logo.content_key), oldest dropped first.
_CALIBRATED: dict[str, float] = {}
_CALIBRATED_MAX = 64
#: The synthetic negatives, drawn once per process: with their default shapes they do
#: not depend on the logo (about 3 MB; drawing them is most of a calibration's time).
_NEGATIVES: tuple[Any, ...] | None = None
#: The calibration's search: the brand rules' (every corner, widths 3-35 %, margin 10 %).
_CALIBRATION_SEARCH = (CORNERS, 0.03, 0.35, 0.1)


def _calibrated(logo: _Logo) -> float:
    """The logo's default threshold: its base threshold, raised when unrelated things
    score close to it. The logo is scored against synthetic images without it (see
    :mod:`govsocial.imaging.logo_negatives`: junk-prone textures, partner-like shapes);
    the threshold is at least the highest of those scores plus CALIBRATION_MARGIN.
    Deterministic; computed once per logo content (kept per process, bounded, and in
    govsocial's per-user cache, :mod:`govsocial.cache`)."""
    key = logo.content_key()
    if key in _CALIBRATED:
        return _CALIBRATED[key]
    from govsocial.cache import cached_arrays

    # Kept in govsocial's per-user cache too (a pre-commit run is a new process each
    # time), under a key that changes with the logo and with anything that computes it.
    def fits(arrays: Any) -> None:  # one finite number, never under the base threshold
        t = arrays["threshold"]
        if t.shape != (1,) or not math.isfinite(t[0]) or t[0] < logo.base_threshold:
            raise ValueError("a cached logo threshold that cannot be")

    def calibrate() -> dict[str, Any]:
        threshold = _calibrate(logo)
        _write_bank(logo)  # this first use also keeps the search's templates for the next
        return {"threshold": _np().array([threshold], dtype=float)}

    stored = cached_arrays("logo-threshold", _code_key(key), calibrate, fits)
    value = float(stored["threshold"][0])
    while len(_CALIBRATED) >= _CALIBRATED_MAX:
        _CALIBRATED.pop(next(iter(_CALIBRATED)))
    _CALIBRATED[key] = value
    return value


#: The template widths kept in govsocial's per-user cache for a logo (see _write_bank):
#: from 8 px to twice its min_template, every width its pyramid search asks for above the
#: finest level (and below it for photos up to about 7 min_template px wide).
def _bank_widths(logo: _Logo) -> range:
    return range(8, 2 * logo.min_template + 3)


class _NoBank(Exception):
    """Raised instead of building a bank that is not in the cache (see _read_bank)."""


def _bank_key(logo: _Logo) -> str:
    return _code_key(f"{logo.content_key()} templates {int(logo.outline_only)}")


def _bank_arrays(logo: _Logo) -> dict[str, Any]:
    """The search's templates of `logo` at every _bank_widths width, packed: each one's
    silhouette edges (and, for an app icon searched by them, with its inner edges) in
    one complex64 array, their weights and sizes beside."""
    np = _np()
    widths, heights, n_sil, sil_w2, inner_w2, sil, full = [], [], [], [], [], [], []
    for w in _bank_widths(logo):
        t = logo.template(w)
        if t is None:
            continue
        widths.append(w)
        heights.append(t.sil.shape[0])
        n_sil.append(t.n_sil)
        sil_w2.append(t._sil_w2)
        sil.append(t.sil.ravel())
        if logo.outline_only:
            full.append(t.full.ravel())
            inner_w2.append(t._inner_w2)
    sizes = [0] + [len(a) for a in sil]
    return {
        "widths": np.array(widths, dtype=np.int32),
        "heights": np.array(heights, dtype=np.int32),
        "offsets": np.cumsum(sizes, dtype=np.int64),
        "n_sil": np.array(n_sil, dtype=np.int64),
        "sil_w2": np.array(sil_w2, dtype=np.float64),
        "inner_w2": np.array(inner_w2, dtype=np.float64),
        "sil": np.concatenate(sil) if sil else np.zeros(0, np.complex64),
        "full": np.concatenate(full) if full else np.zeros(0, np.complex64),
    }


def _bank_fits(logo: _Logo, arrays: Any) -> None:
    """Raises ValueError unless `arrays` can be a bank of `logo`'s templates: dtypes,
    shapes, widths in range and sizes as the logo's aspect gives them, finite weights.
    (Each template's values are checked finite when it is taken: see _from_bank.)"""
    np = _np()
    dtypes = {
        "widths": np.int32,
        "heights": np.int32,
        "offsets": np.int64,
        "n_sil": np.int64,
        "sil_w2": np.float64,
        "inner_w2": np.float64,
        "sil": np.complex64,
        "full": np.complex64,
    }
    for name, dtype in dtypes.items():
        a = arrays[name]
        if a.dtype != dtype or a.ndim != 1:
            raise ValueError(f"a cached template bank whose {name} cannot be")
    w, h, off = arrays["widths"], arrays["heights"], arrays["offsets"]
    k = len(w)
    wanted = _bank_widths(logo)
    sw, sh = logo.sil.size
    if (
        any(len(arrays[n]) != k for n in ("heights", "n_sil", "sil_w2"))
        or len(off) != k + 1
        or (k and (int(w.min()) < wanted.start or int(w.max()) >= wanted.stop))
        or bool(np.any(np.diff(w) <= 0))
        or any(int(hh) != max(1, round(sh * int(ww) / sw)) for ww, hh in zip(w, h, strict=True))
        or int(off[0]) != 0
        or bool(np.any(np.diff(off) != w.astype(np.int64) * h))
        or int(off[-1]) != len(arrays["sil"])
        or not bool(np.all(np.isfinite(arrays["sil_w2"])))
        or bool(np.any(arrays["sil_w2"] <= 0))
        or bool(np.any(arrays["n_sil"] < 8))
    ):
        raise ValueError("a cached template bank that cannot be")
    if logo.outline_only and (
        len(arrays["inner_w2"]) != k
        or len(arrays["full"]) != len(arrays["sil"])
        or not bool(np.all(np.isfinite(arrays["inner_w2"])))
        or bool(np.any(arrays["inner_w2"] < 0))
    ):
        raise ValueError("a cached template bank that cannot be")


def _write_bank(logo: _Logo) -> None:
    """Keeps `logo`'s search templates (see _bank_arrays) in govsocial's per-user cache
    at its calibration, so that a later process's first photo does not make them: the
    calibration has made most of them already. Nothing when the cache is off."""
    from govsocial.cache import cache_dir, cached_arrays

    if cache_dir() is None:
        return
    logo.bank = cached_arrays(
        "logo-templates",
        _bank_key(logo),
        functools.partial(_bank_arrays, logo),
        functools.partial(_bank_fits, logo),
    )


def _read_bank(logo: _Logo) -> dict[str, Any] | bool:
    """`logo`'s search templates from govsocial's per-user cache (memory-mapped), or
    False when there are none there (never built here: see _write_bank)."""
    from govsocial.cache import cache_dir, cached_arrays

    if cache_dir() is None:
        return False

    def missing() -> dict[str, Any]:
        raise _NoBank

    try:
        return cached_arrays(
            "logo-templates", _bank_key(logo), missing, functools.partial(_bank_fits, logo)
        )
    except _NoBank:
        return False


def _from_bank(logo: _Logo, width: int) -> tuple[bool, _Template | None]:
    """(True, the template at `width`) from the logo's bank (None: there is none at that
    width), or (False, None) when the bank does not hold that width or its values are not
    finite."""
    np = _np()
    bank = logo.bank
    if not isinstance(bank, dict) or width not in _bank_widths(logo):
        return False, None
    widths = bank["widths"]
    i = int(np.searchsorted(widths, width))
    if i >= len(widths) or int(widths[i]) != width:
        return True, None  # no template at that width (too small, too few edges)
    h = int(bank["heights"][i])
    lo, hi = int(bank["offsets"][i]), int(bank["offsets"][i + 1])
    sil = np.asarray(bank["sil"][lo:hi]).reshape(h, width)
    if not bool(np.isfinite(sil).all()):
        return False, None
    t = _Template(
        sil, float(bank["sil_w2"][i]), int(bank["n_sil"][i]), _TemplateParts.later(logo, (width, h))
    )
    if logo.outline_only:
        full = np.asarray(bank["full"][lo:hi]).reshape(h, width)
        if not bool(np.isfinite(full).all()):
            return False, None
        t._full = full
        t._inner_w2 = float(bank["inner_w2"][i])
    return True, t


@functools.lru_cache(maxsize=64)
def _code_key(content: str) -> str:
    """A cache key for a calibration: the logo's content, the bytes of every module of
    govsocial.imaging (the detector, the negatives, how images are read) and the
    versions of numpy and Pillow, whose FFTs and resampling the scores rest on. Kept per
    process (the modules a process runs are the ones it read at its start): a logo's
    threshold and templates are looked up under keys of the same files."""
    from pathlib import Path

    import PIL

    from govsocial.cache import file_key

    here = Path(__file__).resolve().parent
    return file_key(
        *sorted(here.glob("*.py")),
        extra=f"{content} numpy {_np().__version__} Pillow {PIL.__version__}",
    )


def _calibrate(logo: _Logo) -> float:
    """The calibration itself (see _calibrated)."""
    global _NEGATIVES
    if _NEGATIVES is None:
        from govsocial.imaging.logo_negatives import negatives

        _NEGATIVES = tuple(negatives(logo.sil))
    corners, lo, hi, margin = _CALIBRATION_SEARCH
    top = 0.0
    for grey in _NEGATIVES:
        found = _best(grey, logo, corners, lo, hi, margin)
        if found is not None:
            top = max(top, found[1])
    return round(max(logo.base_threshold, top + CALIBRATION_MARGIN), 3)


def _logo_model(logo: ImageSource, max_pixels: int) -> _Logo:
    """The logo prepared once per file (keyed by path, size and mtime) or content."""
    import hashlib

    key: tuple[Any, ...] | None = None
    if isinstance(logo, (str, os.PathLike)):
        try:
            st = os.stat(logo)
            key = ("path", os.path.abspath(logo), st.st_size, st.st_mtime_ns)
        except OSError:
            key = None  # _load raises the ImageError naming it
    elif isinstance(logo, (bytes, bytearray, memoryview)):
        key = ("bytes", hashlib.sha256(bytes(logo)).hexdigest())
    if key is not None and key in _LOGOS:
        return _LOGOS[key]
    image = _load(logo, max_pixels)
    model = _Logo(*_silhouette(image))
    inner = _interior(image)
    if inner is not None:
        model.inner = (_Logo(inner[0], inner[1]), inner[2], image.size)
        model.outline_only = True
    if key is not None:
        if len(_LOGOS) >= 8:
            _LOGOS.pop(next(iter(_LOGOS)), None)
        _LOGOS[key] = model
    return model


class _Zones:
    """The corner zones of a photo's pyramid and their spectra, for one or more models
    searched in it (an app icon and the drawing inside it share them).

    A zone's FFT is computed once per (level, corner, part), the corners' together (one
    transform of a stack: the same values as one by one), at a size that holds every
    model's templates at that level up to 1/2**part of the widest (see _ZONE_PARTS)
    within its own margin of the corner, and reused for every template width and every
    model searched at that level that it holds: a narrow template is correlated with a
    smaller zone, at a smaller FFT size. A template lying inside the zone correlates the
    same whatever the zone's size beyond it: only the positions within a model's own
    margin are read (see _Search.at). The zones of a corner at a level are cut from one
    orientation field, that of the largest: the same values near a smaller zone's inner
    sides as there (the Sobel reaches one pixel across them)."""

    def __init__(
        self, levels: list[Any], plan: list[tuple[_Logo, float, float]], eps2: float = _EPS2
    ) -> None:
        self.levels = levels  # grey pyramid, level 0 first (Pillow 'L' images)
        self.eps2 = eps2  # the photo's edge-weight bar (see _noise_eps2)
        #: (model, margin, extra) for each model searched in these zones
        self.plan = plan
        self.spectra: dict[
            tuple[int, str, int], tuple[Any, tuple[int, int], int, int, int, int]
        ] = {}
        self.stacks: dict[tuple[Any, ...], Any] = {}
        self._fields: dict[tuple[int, str], Any] = {}
        self._places: dict[tuple[int, str, int], tuple[tuple[int, int], int, int, int, int]] = {}
        self.parts = _ZONE_PARTS  # the sizes of zones made (see _ZONE_PARTS)

    def widest(self, logo: _Logo, level: int) -> int:
        """The widest template of `logo` searched at a level: 2 x min_template (at the
        coarsest level, any: the level's width)."""
        last = level == len(self.levels) - 1
        return self.levels[level].width if last else 2 * logo.min_template + 2

    def size(self, level: int, part: int) -> tuple[int, int]:
        """A zone's width and height at a level: every model's templates up to
        1/2**part of its widest, within its margin (and extra) of the corner."""
        fw, fh = self.levels[level].size
        zw = zh = 0
        for logo, margin, extra in self.plan:
            max_tw = -(-self.widest(logo, level) // 2**part)
            max_th = max(1, round(max_tw * logo.sil.height / logo.sil.width))
            slack = round(margin * fw) + 2 + round(extra * max_tw)
            zw, zh = max(zw, min(fw, max_tw + slack)), max(zh, min(fh, max_th + slack))
        return zw, zh

    def place(
        self, level: int, corner: str, part: int
    ) -> tuple[tuple[int, int], int, int, int, int]:
        """A zone's FFT size, origin and size at a level (its spectrum not made)."""
        key = (level, corner, part)
        got = self._places.get(key)
        if got is None:
            fw, fh = self.levels[level].size
            zw, zh = self.size(level, part)
            x0 = 0 if corner.endswith("left") else fw - zw
            y0 = 0 if corner.startswith("top") else fh - zh
            got = self._places[key] = ((_fast_len(zh), _fast_len(zw)), x0, y0, zw, zh)
        return got

    def stack(self, level: int, part: int, names: tuple[str, ...]) -> Any:
        """The spectra of the zones of the corners `names` at a level, stacked in that
        order (one array of shape (len(names), 2, *FFT size)): a slice of a stack made
        before when one holds them in that order, else made together, in one transform
        of every corner's field (the same values as each corner's own transform)."""
        key = (level, part, *names)
        got = self.stacks.get(key)
        if got is not None:
            return got
        for (lv, pt, *held), whole in self.stacks.items():
            if lv == level and pt == part and names[0] in held:
                i = held.index(names[0])
                if tuple(held[i : i + len(names)]) == names:
                    got = self.stacks[key] = whole[i : i + len(names)]
                    return got
        np = _np()
        im = self.levels[level]
        fw, fh = im.size
        crops = []
        for corner in names:
            field = self._fields.get((level, corner))
            if field is None:  # the largest zone's (part 0)
                zw, zh = self.size(level, 0)
                x0 = 0 if corner.endswith("left") else fw - zw
                y0 = 0 if corner.startswith("top") else fh - zh
                crop = np.asarray(im.crop((x0, y0, x0 + zw, y0 + zh)), dtype=np.float32)
                field = self._fields[level, corner] = _orientation_field(crop, self.eps2)
            shape, _, _, zw, zh = self.place(level, corner, part)
            fy = 0 if corner.startswith("top") else field.shape[0] - zh
            fx = 0 if corner.endswith("left") else field.shape[1] - zw
            crops.append(field[fy : fy + zh, fx : fx + zw])
        got = self.stacks[key] = _spectrum(crops, shape)
        for i, corner in enumerate(names):
            self.spectra[level, corner, part] = (got[i], *self.place(level, corner, part))
        return got


class _Search:
    """Correlations of the logo template with the corner zones of a photo's pyramid.

    The zones' spectra come from a _Zones (shared with another model searched in the same
    photo, or this search's own); a template's, once per width and FFT size."""

    def __init__(
        self,
        levels: list[Any],
        logo: _Logo,
        corners: tuple[str, ...],
        margin: float,
        extra: float = 0.0,
        eps2: float = _EPS2,
        zones: _Zones | None = None,
    ) -> None:
        self.levels = levels  # grey pyramid, level 0 first (Pillow 'L' images)
        self.logo = logo
        self.sil = logo.sil
        self.corners = corners
        self.margin = margin
        #: how far from the corner the template may start beyond the margin, in template
        #: widths (an icon's drawing lies that far inside the icon)
        self.extra = extra
        self.zones = zones if zones is not None else _Zones(levels, [(logo, margin, extra)], eps2)
        #: results by (template width, level, corner): the refinement reuses the coarse grid's
        self._seen: dict[tuple[int, int, str], tuple[float, int, int, int, int, str] | None] = {}

    def _part(self, level: int, tw: int) -> int:
        """The smallest zones (see _Zones) that hold this model's templates `tw` px wide
        at a level."""
        widest = self.zones.widest(self.logo, level)
        part = 0
        while part < self.zones.parts - 1 and tw <= -(-widest // 2 ** (part + 1)):
            part += 1
        return part

    def _template_spectrum(self, tw: int, t: Any, shape: tuple[int, int], kind: str) -> Any:
        """The conjugated spectrum of the template `tw` px wide (its field `kind`) at an
        FFT size (kept between searches and photos: see _kept_spectrum)."""
        return _kept_spectrum(self.logo, kind, tw, shape, lambda: _conj_spectra((t,), shape)[0])

    def level_for(self, tw0: float) -> int:
        level = 0
        least = self.logo.min_template
        while level + 1 < len(self.levels) and tw0 / 2 ** (level + 1) >= least:
            level += 1
        return level

    def at(
        self, tw0: float, corners: tuple[str, ...] | None = None, level: int | None = None
    ) -> list[tuple[float, int, int, int, int, str]]:
        """Best (score, x, y, w, h, corner) per corner for a template `tw0` working px wide
        (at the pyramid level given, or the coarsest where it is the logo's min_template
        wide)."""
        np = _np()
        if level is None:
            level = self.level_for(tw0)
        fw = self.levels[level].width
        k = 2**level
        tw = max(8, round(tw0 / k))
        tpl = self.logo.template(tw)
        if tpl is None:
            return []
        t, root_n, kind = tpl.sil, tpl.root_sil, "sil"
        if self.logo.outline_only and tpl.n_inner:
            t, root_n, kind = tpl.full, tpl.root_full, "full"
        th, tw = t.shape
        slack = round(self.margin * fw) + 2 + round(self.extra * tw)
        wanted = corners or self.corners
        part = self._part(level, tw)
        # the corners whose zones hold the template are correlated together (a level's
        # zones of one part have one size and FFT size, whatever their corner)
        names = []
        for corner in wanted:
            if (tw, level, corner) in self._seen:
                continue
            _, _, _, zw, zh = self.zones.place(level, corner, part)
            if th <= zh and tw <= zw:
                names.append(corner)
            else:
                self._seen[tw, level, corner] = None
        if names:
            shape = self.zones.place(level, names[0], part)[0]
            stack = self.zones.stack(level, part, tuple(names))
            # the inverse FFT of the summed products, down the columns for every row, then
            # along the rows only for those where the template may start (see _spectrum)
            half = np.fft.ifft(
                _summed_products(stack, self._template_spectrum(tw, t, shape, kind)), axis=1
            )
            spans = []
            for corner in names:
                _, x0, y0, zw, zh = self.zones.place(level, corner, part)
                # positions where the template lies in the zone, within the margin of the corner
                xs = (
                    (0, min(zw - tw, slack))
                    if corner.endswith("left")
                    else (max(0, zw - tw - slack), zw - tw)
                )
                ys = (
                    (0, min(zh - th, slack))
                    if corner.startswith("top")
                    else (max(0, zh - th - slack), zh - th)
                )
                spans.append((corner, x0, y0, xs, ys))
            unscaled = _unscaled(shape)
            i = 0
            while i < len(spans):  # neighbours with the same rows: one inverse of a slice
                j = i + 1
                ys = spans[i][4]
                while j < len(spans) and spans[j][4] == ys:
                    j += 1
                rows = np.fft.irfft(half[i:j, ys[0] : ys[1] + 1], n=shape[1], axis=-1)
                for (corner, x0, y0, xs, _), corr in zip(spans[i:j], rows, strict=True):
                    window = corr[:, xs[0] : xs[1] + 1]
                    iy, ix = np.unravel_index(int(np.argmax(window)), window.shape)
                    score = float(window[iy, ix]) * unscaled / root_n
                    x = (x0 + xs[0] + int(ix)) * k
                    y = (y0 + ys[0] + int(iy)) * k
                    self._seen[tw, level, corner] = (score, x, y, tw * k, th * k, corner)
                i = j
        return [r for c in wanted if (r := self._seen[tw, level, c]) is not None]


@attrs.frozen
class LogoMatch:
    """A logo found: `box` = (left, top, right, bottom) in the oriented image's pixels."""

    box: tuple[int, int, int, int]
    score: float
    corner: str
    image_size: tuple[int, int]

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def width_fraction(self) -> float:
        """The logo's width as a fraction of the image's width."""
        return self.width / self.image_size[0]

    @property
    def margins(self) -> tuple[int, int]:
        """Distances (horizontal, vertical) in pixels from the logo to its corner's edges."""
        w, h = self.image_size
        left, top, right, bottom = self.box
        x = left if self.corner.endswith("left") else w - right
        y = top if self.corner.startswith("top") else h - bottom
        return max(0, x), max(0, y)


def _np() -> Any:
    try:
        import numpy
    except ImportError:
        raise MissingExtraError("images", "locating a logo") from None
    return numpy


def _load(source: ImageSource, max_pixels: int) -> Any:
    """The oriented image as a Pillow image (after the safe inspection's checks)."""
    from govsocial.imaging.inspect import open_image

    with open_image(source, max_pixels=max_pixels) as im:
        return im.copy()


def _noise_eps2(grey: Any, levels: list[Any] | None = None) -> float:
    """ε² for a photo (working grey image): _EPS2, or less in a smooth photo whose median
    Sobel magnitude (measured at half resolution: noise and grain, not the rare edges)
    times NOISE_FACTOR is lower, down to _MIN_EPS². Edges well above the photo's own
    noise count fully, whatever their absolute contrast. `levels`: the photo's pyramid
    (see _pyramid), whose second level is that half-resolution image."""
    np = _np()
    if grey.width >= 4 * _MIN_TEMPLATE:
        small = levels[1] if levels is not None else grey.reduce(2)
    else:
        small = grey
    p = np.pad(np.asarray(small, dtype=np.float32), 1, mode="edge")
    sx = p[:-2] + 2 * p[1:-1] + p[2:]
    gx = sx[:, 2:] - sx[:, :-2]
    sy = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]
    gy = sy[2:] - sy[:-2]
    typical = _median_magnitude(gx, gy, _BUSY)  # _BUSY or more: the bar is _EPS2
    eps = min(math.sqrt(_EPS2), max(_MIN_EPS, NOISE_FACTOR * typical))
    return eps * eps


def _median_magnitude(gx: Any, gy: Any, cap: float = math.inf) -> float:
    """float(np.median(np.hypot(gx, gy))) for the Sobel gradient of an 8-bit grey image,
    or `cap` when that median is at least `cap` (a whole number whose square is one too:
    the caller's bar is then at its ceiling whatever the median), without the magnitude
    of every pixel: gx and gy are whole numbers up to 1,020, so their squared magnitudes
    are whole numbers below 2**24, exact in float32 and ordered as the magnitudes are.
    The pixels under the cap are counted first (most photos are busy: the median is
    above it), else the middle one or two squared magnitudes found (as np.median finds
    its middle values) and the median (their mean) taken of their pixels' magnitudes alone."""
    np = _np()
    g2 = gx * gx
    g2 += gy * gy
    flat = g2.ravel()
    n = flat.size
    kth = [n // 2 - 1, n // 2] if n % 2 == 0 else [n // 2]
    if cap < math.inf and int(np.count_nonzero(flat < cap * cap)) <= kth[0]:
        return cap  # the lower middle value, and so the median, is at least the cap
    middle = np.partition(flat, kth)[kth]
    at = [int(np.argmax(flat == v)) for v in middle]  # a pixel with each middle value
    # np.median of one or two values is their np.mean (what np.median computes for
    # them), without the NaN check that imports numpy.ma at a process's first median
    # (about 30 million instructions)
    return float(np.mean(np.hypot(gx.ravel()[at], gy.ravel()[at])))


#: The median gradient magnitude from which a photo's bar is _EPS2 (see _noise_eps2):
#: a whole number, so that _median_magnitude may stop there.
_BUSY = math.sqrt(_EPS2) / NOISE_FACTOR


def _sobel(grey: Any) -> tuple[Any, Any]:
    """The Sobel gradient (gx, gy) of a float32 array, its border repeated."""
    np = _np()
    p = _padded(grey.astype(np.float32, copy=False))
    sx = p[:-2] + 2 * p[1:-1] + p[2:]  # vertical smoothing, then horizontal difference
    gx = sx[:, 2:] - sx[:, :-2]
    sy = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]
    gy = sy[2:] - sy[:-2]
    return gx, gy


def _orientation_field(grey: NDArray[np.float32], eps2: float = _EPS2) -> NDArray[np.complex64]:
    """w·exp(2iθ) per pixel: doubled-angle Sobel orientation, weight |g|²/(|g|²+ε²)."""
    return _field(*_sobel(grey), eps2)


def _local_eps2(gx: Any, gy: Any, eps2: float) -> float:
    """ε² for a candidate: the photo's (`eps2`), or less where the photo around the
    candidate is plain: NOISE_FACTOR times the median Sobel magnitude of the candidate's
    window (the logo's own edges are a minority of its pixels; where they are not, the
    bar only stays higher), never below _MIN_EPS². A pale logo on a plain patch of a busy
    photo (a white print on a pale sky or wall beside foliage) weighs what its contrast
    is worth against its own surroundings, not against the foliage's grain."""
    # at _BUSY or more the candidate's bar reaches _EPS2: the photo's when it is that
    typical = _median_magnitude(gx, gy, _BUSY if eps2 == _EPS2 else math.inf)
    eps = max(_MIN_EPS, NOISE_FACTOR * typical)
    return min(eps2, eps * eps)


def _field(gx: Any, gy: Any, eps2: float) -> NDArray[np.complex64]:
    """The orientation field of a Sobel gradient (see _orientation_field)."""
    np = _np()
    g2 = gx * gx + gy * gy
    inv = 1.0 / (g2 + np.float32(eps2))
    out: Any = np.empty(gx.shape, dtype=np.complex64)
    out.real = (gx * gx - gy * gy) * inv
    out.imag = 2 * gx * gy * inv
    return out  # type: ignore[no-any-return]


def _silhouette(logo: Any) -> tuple[Any, Any]:
    """The logo's shape and luminance as 'L' images.

    The shape is its alpha channel when it has transparency; otherwise what differs from
    the flat colour around its border (a logo given as a JPEG or PNG on white or on a
    colour), with a tolerance that follows the border's own noise (JPEG ringing). When
    the border is not flat either, the whole rectangle is the shape and the luminance
    edges carry the logo. The luminance is flattened outside the shape, so that only
    edges inside the logo (letters in an emblem, a coat of arms' divisions) remain."""
    np = _np()
    from PIL import Image

    rgba = logo.convert("RGBA")
    arr = np.asarray(rgba, dtype=np.float32)
    rgb, alpha = arr[..., :3], arr[..., 3]
    if float(alpha.min()) >= 250:
        ring = max(1, min(rgb.shape[0], rgb.shape[1]) // 50)
        border = np.concatenate(
            [
                rgb[:ring].reshape(-1, 3),
                rgb[-ring:].reshape(-1, 3),
                rgb[:, :ring].reshape(-1, 3),
                rgb[:, -ring:].reshape(-1, 3),
            ]
        )
        bg = np.median(border, axis=0)
        spread = float(np.percentile(np.abs(border - bg).max(axis=1), 90))
        if spread <= 48:
            dist = np.abs(rgb - bg).max(axis=2)
            alpha = np.where(dist > max(40.0, 2 * spread + 16), 255.0, 0.0).astype(np.float32)
            if float(alpha.max()) == 0:
                alpha[:] = 255
        # else: a busy border, no shape to cut out: alpha stays opaque everywhere
    grey = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    a = alpha / 255
    inside = float((grey * a).sum() / max(1e-6, float(a.sum())))
    lum = grey * a + inside * (1 - a)
    sil = Image.fromarray(alpha.clip(0, 255).astype(np.uint8), "L")
    return sil, Image.fromarray(lum.clip(0, 255).astype(np.uint8), "L")


def _interior(logo: Any) -> tuple[Any, Any, tuple[int, int, int, int]] | None:
    """The drawing inside a logo whose shape is a plain fill (an app icon: a square,
    rounded square or disc of one colour with the drawing on it), as (shape, luminance,
    box in the logo's pixels); None for any other logo.

    A one-colour print of such a logo keeps the drawing and drops the fill, so its
    silhouette has nothing in common with the fill's outline: the drawing is what differs
    from the fill colour (the commonest colour inside the shape) inside the shape."""
    np = _np()
    from PIL import Image

    rgba = logo.convert("RGBA")
    arr = np.asarray(rgba, dtype=np.float32)
    rgb, alpha = arr[..., :3], arr[..., 3]
    if float(alpha.min()) >= 250:
        return None  # no transparency: _silhouette already cut the drawing out
    inside = alpha >= 200
    n_in = int(inside.sum())
    mask = Image.fromarray(np.where(inside, 255, 0).astype(np.uint8), "L")
    if n_in < 64 or _fill_ratio(mask) < _PLAIN_FILL:
        return None  # the shape itself is the drawing (a wordmark, a pictogram)
    # the fill colour: the commonest colour (in bins of 16 levels) inside the shape
    q = (rgb[inside] // 16).astype(np.int32)
    codes = q[:, 0] * 256 + q[:, 1] * 16 + q[:, 2]
    near = codes == int(np.bincount(codes).argmax())
    if float(near.mean()) < 0.2:
        return None  # no plain fill: a photo-like icon
    fill = np.median(rgb[inside][near], axis=0)
    drawing = inside & (np.abs(rgb - fill).max(axis=2) > 48)
    share = float(drawing.sum()) / n_in
    if not 0.03 <= share <= 0.8:
        return None
    ys, xs = np.nonzero(drawing)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    if box[2] - box[0] < 16 or box[3] - box[1] < 8:
        return None
    crop = rgb[box[1] : box[3], box[0] : box[2]]
    a = drawing[box[1] : box[3], box[0] : box[2]].astype(np.float32)
    grey = crop @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    mean = float((grey * a).sum() / max(1.0, float(a.sum())))
    lum = grey * a + mean * (1 - a)
    sil = Image.fromarray((a * 255).astype(np.uint8), "L")
    return sil, Image.fromarray(lum.clip(0, 255).astype(np.uint8), "L"), box


def _fill_ratio(sil: Any) -> float:
    """How much of its bounding box the silhouette's filled outline covers (0 to 1)."""
    np = _np()
    filled = _filled(sil)
    box = filled.getbbox()
    if box is None:
        return 0.0
    return float(np.asarray(filled.crop(box), dtype=np.float32).mean()) / 255


def _padded(a: Any) -> Any:
    """`a` with its border pixels repeated once around it (numpy.pad's "edge" mode,
    without its overhead: a template makes a few small arrays, many times per photo)."""
    p = _np().empty((a.shape[0] + 2, a.shape[1] + 2), dtype=a.dtype)
    p[1:-1, 1:-1] = a
    p[0, 1:-1] = a[0]
    p[-1, 1:-1] = a[-1]
    p[:, 0] = p[:, 1]
    p[:, -1] = p[:, -2]
    return p


def _framed(a: Any, width: int) -> Any:
    """`a` in a frame of zeros `width` pixels wide (a transparent border around a
    silhouette)."""
    p = _np().zeros((a.shape[0] + 2 * width, a.shape[1] + 2 * width), dtype=a.dtype)
    p[width:-width, width:-width] = a
    return p


def _framed_differences(a: Any) -> tuple[Any, Any, Any]:
    """The central differences of `a` (float32) in a transparent frame, on `a`'s pixels
    only, as _differences gives them: those of _framed(a, 1) padded by repetition, cut
    back to `a`'s pixels (see _framed_sobel)."""
    return _differences(_framed(a, 2)[1:-1, 1:-1])


def _framed_sobel(a: Any) -> tuple[Any, Any]:
    """The Sobel gradient of `a` (float32) in a transparent frame, on `a`'s pixels only:
    _sobel(_framed(a, 1)) cut back to `a`'s pixels, the same values, without the frame's
    own (the Sobel's padding of the frame is a second ring of zeros)."""
    f = _framed(a, 2)
    sx = f[1:-3] + 2 * f[2:-2] + f[3:-1]  # the rows of a's pixels, smoothed vertically
    gx = sx[:, 3:-1] - sx[:, 1:-3]
    sy = f[:, 1:-3] + 2 * f[:, 2:-2] + f[:, 3:-1]
    gy = sy[3:-1] - sy[1:-3]
    return gx, gy


def _differences(p: Any) -> tuple[Any, Any, Any]:
    """The central differences (dx, dy) of an image padded by one pixel `p` on its inner
    pixels, and dx² + dy²: what the gradient magnitude np.hypot(dx, dy) is judged from
    without taking it at every pixel (see _above)."""
    dx = p[1:-1, 2:] - p[1:-1, :-2]
    dy = p[2:, 1:-1] - p[:-2, 1:-1]
    s = dx * dx
    s += dy * dy
    return dx, dy, s


#: A band, relative, around a squared bar within which np.hypot is taken to compare (see
#: _above): far wider than the rounding of a squared sum or of hypot (about 1e-7).
_NEAR = 1e-5


def _above(d: tuple[Any, Any, Any], bar: float) -> Any:
    """np.hypot(dx, dy) > bar for differences `d` (see _differences), the same booleans,
    with hypot taken only where dx² + dy² lies within _NEAR of bar² (elsewhere the
    squared sum decides: both roundings are far smaller than the band)."""
    np = _np()
    dx, dy, s = d
    b2 = float(np.float32(bar)) ** 2  # the bar as numpy compares float32 with it
    out = s > b2 * (1 + _NEAR)
    near = s >= b2 * (1 - _NEAR)
    near &= ~out
    if near.any():
        out[near] = np.hypot(dx[near], dy[near]) > bar
    return out


def _top(d: tuple[Any, Any, Any]) -> float:
    """float(np.hypot(dx, dy).max()) for differences `d` (see _differences), taking hypot
    only where dx² + dy² is within _NEAR of its largest."""
    np = _np()
    dx, dy, s = d
    near = s >= float(s.max()) * (1 - _NEAR)
    return float(np.hypot(dx[near], dy[near]).max())


def _unit_field(gx: Any, gy: Any, mask: Any, eps2: float = _EPS2) -> Any:
    """The unit orientation field of a Sobel gradient on `mask`, 0 elsewhere (complex64):
    the values of _field(gx, gy, eps2) / |_field(gx, gy, eps2)| there, bit for bit (the
    same operations on the same values), computed on `mask`'s pixels alone."""
    np = _np()
    out = np.zeros(gx.shape, dtype=np.complex64)
    x, y = gx[mask], gy[mask]
    on = _field(x, y, eps2)
    out[mask] = on / np.maximum(np.abs(on), 1e-6)
    return out


def _grown(mask: Any, times: int) -> Any:
    out = mask.copy()
    for _ in range(times):
        g = out.copy()
        g[1:] |= out[:-1]
        g[:-1] |= out[1:]
        g[:, 1:] |= out[:, :-1]
        g[:, :-1] |= out[:, 1:]
        out = g
    return out


class _TemplateParts:
    """What a template's inner edges and plain pixels are made from, later (see
    _Template): the silhouette resized (`a`), its edges, and the luminance at the same
    size, resized when first asked unless it came with the silhouette (for a template
    read from the cache, all three: see later)."""

    __slots__ = ("_a", "_edges", "_logo", "_lum", "_size")

    def __init__(self, a: Any, edges: Any, lum: Any, logo: _Logo, size: tuple[int, int]) -> None:
        self._a = a
        self._edges = edges
        self._lum = lum
        self._logo = logo
        self._size = size

    @property
    def logo(self) -> _Logo:
        return self._logo

    @classmethod
    def later(cls, logo: _Logo, size: tuple[int, int]) -> _TemplateParts:
        return cls(None, None, None, logo, size)

    def _made(self) -> None:
        if self._a is None:
            self._a, _, self._lum, self._edges = _resized(self._logo, self._size)

    @property
    def a(self) -> Any:
        self._made()
        return self._a

    @property
    def edges(self) -> Any:
        self._made()
        return self._edges

    def luminance(self) -> Any:
        self._made()
        if self._lum is None:
            np = _np()
            self._lum = np.asarray(self._logo.resized("lum", self._size), dtype=np.float32)
        return self._lum


def _resized(logo: _Logo, size: tuple[int, int]) -> tuple[Any, Any, Any, Any]:
    """The silhouette at `size` (float32), its filled outline and luminance when the
    outline is weighted (else None), and the silhouette's edges (see _template)."""
    np = _np()
    lum = filled = None
    if logo.outer_weight < 1:
        bands = np.asarray(logo.resized("bands", size))
        a, filled, lum = (bands[..., i].astype(np.float32) for i in range(3))
    else:
        a = np.asarray(logo.resized("sil", size), dtype=np.float32)
    # The shape's gradient is taken in a transparent frame: where the shape reaches the
    # side of its own box (a square's side, the tops of letters in an image cropped tight)
    # that side is an edge. With the border replicated it showed none: the template lacked
    # those edges and took the pixels along them for plain, where a photo shows the logo's
    # boundary, so that every match paid a clutter penalty for the logo's own outline.
    d = _framed_differences(a)
    top = _top(d)
    if top > 0:
        edges = _above(d, _EDGE_FRACTION * top)
    else:  # an opaque rectangle: its frame is the outline
        edges = np.zeros(a.shape, dtype=bool)
        edges[[0, -1], :] = True
        edges[:, [0, -1]] = True
    return a, filled, lum, edges


def _template(logo: _Logo, width: int) -> _Template | None:
    """The logo's edge orientations at `width` px: the silhouette's edges (the pixels
    where its gradient is above _EDGE_FRACTION of the maximum), those of its outline
    weighted by the logo's outer weight, and the inner ones (the luminance's, inside the
    shape and off the silhouette's edges).

    The silhouette, its filled outline and the luminance are resized as one RGB image
    when the outline is needed (Pillow resizes each band of it exactly as it would the
    band alone, for about the cost of two); otherwise the silhouette alone, and the
    luminance only if the inner edges are asked for."""
    np = _np()
    sil = logo.sil
    height = max(1, round(sil.height * width / sil.width))
    if width < 8 or height < 4:
        return None
    size = (width, height)
    a, filled, lum, edges = _resized(logo, size)
    n = int(edges.sum())
    if n < 8:
        return None
    weight = np.ones(a.shape, dtype=np.float32)
    if filled is not None:
        fd = _differences(_padded(filled))
        weight[_grown(_above(fd, _EDGE_FRACTION * max(1e-6, _top(fd))), 1)] = logo.outer_weight
    weight *= edges
    unit = _unit_field(*_framed_sobel(a), edges) * weight
    sil_w2 = float((weight * weight).sum())
    return _Template(unit, sil_w2, n, _TemplateParts(a, edges, lum, logo, size))


def _pyramid(grey: Any, levels: int) -> list[Any]:
    out = [grey]
    while len(out) < levels and out[-1].width >= 2 * _MIN_TEMPLATE:
        out.append(out[-1].reduce(2))
    return out


def _grey(source: ImageSource, width: int, height: int, max_pixels: int) -> Any:
    """The image as displayed, in grey, at most _WORK_WIDTH wide (JPEG: its luma plane
    alone, decoded at a reduced scale when it is much larger). Damaged data raises
    ImageError."""
    import io
    import warnings

    from PIL import Image, ImageOps

    from govsocial.errors import ImageError
    from govsocial.imaging.inspect import _DECODE_ERRORS, FORMATS

    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else "<bytes>"
    data: Any = source
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = io.BytesIO(bytes(source))
    elif not isinstance(source, (str, os.PathLike)):
        source.seek(0)
        data = io.BytesIO(source.read())
    scale = min(1.0, _WORK_WIDTH / width)
    try:
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            with Image.open(data, formats=FORMATS) as im:
                if im.format == "JPEG":
                    # The luma plane decoded alone (libjpeg skips the chroma's inverse
                    # DCT, upsampling and colour conversion: about 2.4x faster than
                    # decoding RGB to convert it, within a grey level of it), at a
                    # reduced scale when the photo is much larger than the working width.
                    sw, sh = im.size
                    small = (math.ceil(sw * scale), math.ceil(sh * scale))
                    im.draft("L", small if scale < 0.5 else None)
                im.load()
                # Turned in place: with no orientation to apply, a copy of the decoded
                # photo (about 2 ms for a 1,000-px one) would be made for nothing.
                ImageOps.exif_transpose(im, in_place=True)
                grey = im.convert("L")
    except _DECODE_ERRORS as exc:
        raise ImageError("corrupt", f"cannot be decoded ({exc})"[:160], source=name) from None
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    if grey.size != target:
        grey = grey.resize(target, Image.Resampling.BOX)
    return grey


def _check_args(
    corners: Iterable[str], min_width: float, max_width: float, margin: float | None
) -> tuple[str, ...]:
    if isinstance(corners, str):
        corners = (corners,)
    out = tuple(corners)
    for c in out:
        if c not in CORNERS:
            raise UsageError(f"expected corners among {', '.join(CORNERS)}, got {c!r}")
    if not out:
        raise UsageError("expected at least one corner, got corners=()")
    if not 0 < min_width < max_width <= 1:
        raise UsageError(
            f"expected 0 < min_width < max_width <= 1, got min_width={min_width!r}, "
            f"max_width={max_width!r}"
        )
    if margin is not None and not 0 <= margin <= 1:
        raise UsageError(f"expected a fraction of the width in [0, 1], got margin={margin!r}")
    return out


@attrs.frozen
class _Candidate:
    """A place for the logo in one corner, in working pixels, with its scores."""

    corner: str
    box: tuple[int, int, int, int]  # left, top, right, bottom
    coarse: float  # the pyramid search's score (silhouette edges)
    sil: float  # the silhouette's score at full working resolution
    full: float  # the same with the logo's inner edges
    n_sil: int  # silhouette edge pixels of the template at that width
    n_inner: int  # inner edge pixels of the template at that width
    clutter: float = 0.0  # mean photo edge weight where the logo is plain (0 to 1)
    outline_only: bool = False  # the silhouette is a plain outline: only `full` counts
    #: the agreement (sum of weighted cos 2Δ) and summed squared weight on the outline of
    #: the logo's plain parts (see _Logo.generic_band) and on its other edges
    generic: float = 0.0
    generic_w2: float = 0.0
    distinct: float = 0.0
    distinct_w2: float = 0.0


def _spectrum(field: Any, shape: tuple[int, int]) -> Any:
    """The real FFTs of a complex field's real and imaginary parts, zero-padded to `shape`
    (an array of shape (2, shape[0], shape[1] // 2 + 1)); of a list of fields of one size,
    the same for each, stacked (computed together, the same values as one by one).

    Re Σ conj(t)·f is the sum of the two parts' real correlations: with the template's
    spectrum conjugated, irfft2((F * T).sum(axis=-3)) gives it at every shift, at half
    the cost of a complex inverse FFT. The transform runs along the rows first, and only
    over the rows the field has (a template is much smaller than the zone it is padded to),
    then down the columns.

    Both transforms are scaled (numpy's "ortho" norm; see _unscaled) and padded here, not
    by numpy: numpy 2 computes a forward transform without a norm, or one padded by its
    `n`, in double precision and one vector at a time, and a scaled one of a padded array
    in single precision over several vectors at once, about three times fewer
    instructions for the same float32 spectrum (callgrind)."""
    np = _np()
    many = isinstance(field, list)
    fields = field if many else [field]
    fh, fw = fields[0].shape
    parts = np.empty((len(fields), 2, fh, shape[1]), dtype=np.float32)
    for i, f in enumerate(fields):
        parts[i, 0, :, :fw] = f.real
        parts[i, 1, :, :fw] = f.imag
    parts[..., fw:] = 0
    rows = np.fft.rfft(parts, axis=-1, norm="ortho")
    out = np.empty((len(fields), 2, shape[0], rows.shape[-1]), dtype=rows.dtype)
    out[:, :, :fh] = rows
    out[:, :, fh:] = 0
    spec = np.fft.fft(out, axis=-2, norm="ortho")
    return spec if many else spec[0]


def _unscaled(shape: tuple[int, int]) -> float:
    """What a correlation from two _spectrum's (numpy's default inverse FFT of their
    product) is multiplied by to be the correlation itself: each spectrum is scaled by
    1/sqrt(H·W)."""
    return float(shape[0] * shape[1])


def _summed_products(left: Any, right: Any) -> Any:
    """(left * right).sum(axis=-3) for spectra of two parts (see _spectrum), one of them
    a stack of several (to float32 rounding: numpy's loops for a broadcast product may
    round otherwise), without the product of all of them in between: each part's
    products, added."""
    l0, l1 = (left[:, 0], left[:, 1]) if left.ndim == 4 else (left[0], left[1])
    r0, r1 = (right[:, 0], right[:, 1]) if right.ndim == 4 else (right[0], right[1])
    out = l0 * r0
    out += l1 * r1
    return out


def _conj_spectra(fields: tuple[Any, ...], shape: tuple[int, int]) -> Any:
    """The fields' conjugated spectra at an FFT size, stacked (see _spectrum)."""
    np = _np()
    if len(fields) == 1:  # conjugated in place, without a copy into a stack
        spec = _spectrum(fields[0], shape)
        return np.conjugate(spec, out=spec)[None]
    out = np.empty((len(fields), 2, shape[0], shape[1] // 2 + 1), dtype=np.complex64)
    for i, f in enumerate(fields):
        np.conjugate(_spectrum(f, shape), out=out[i])
    return out


def _verify(
    grey: Any,
    logo: _Logo,
    cand: tuple[float, int, int, int, int, str],
    steps: tuple[int, ...] = (0,),
    eps2: float = _EPS2,
) -> _Candidate | None:
    """Re-scores a candidate at full working resolution, within a few pixels (and at the
    widths 1.04**step times its own): silhouette edges alone, and with inner edges."""
    np = _np()
    score, x, y, w, h, corner = cand
    pad = 2 + round(0.03 * w)
    W, H = grey.size
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(W, x + w + pad), min(H, y + h + pad)
    gx, gy = _sobel(np.asarray(grey.crop((x0, y0, x1, y1)), dtype=np.float32))
    field = _field(gx, gy, _local_eps2(gx, gy, eps2))
    fh, fw = field.shape
    shape = (_fast_len(fh), _fast_len(fw))
    spec = _spectrum(field, shape)
    best: _Candidate | None = None
    for k in steps:
        tpl = logo.template(round(w * 1.04**k))
        if tpl is None:
            continue
        th, tw = tpl.sil.shape
        if th > fh or tw > fw:
            continue
        fields = (tpl.sil, tpl.full) if tpl.n_inner else (tpl.sil,)
        tspec = _kept_spectrum(
            logo,
            "both",
            tw,
            shape,
            functools.partial(_conj_spectra, fields, shape),
        )
        corrs = np.fft.irfft2(_summed_products(spec, tspec), s=shape)[
            :, : fh - th + 1, : fw - tw + 1
        ]
        s = corrs[0]
        zs = float(s.max()) * _unscaled(shape) / tpl.root_sil
        if tpl.n_inner:
            f = corrs[1]
            zf = float(f.max()) * _unscaled(shape) / tpl.root_full
            plain = logo.outline_only
            iy, ix = np.unravel_index(int(np.argmax(f if zf > zs or plain else s)), s.shape)
        else:
            iy, ix = np.unravel_index(int(np.argmax(s)), s.shape)
            zf = zs
        n_sil = tpl.n_sil
        box = (x0 + int(ix), y0 + int(iy), x0 + int(ix) + tw, y0 + int(iy) + th)
        parts = (0.0, 0.0, 0.0, 0.0)
        if logo.generic_band() is not None:  # the agreement on and off its plain parts
            win = field[int(iy) : int(iy) + th, int(ix) : int(ix) + tw]
            sil_t = tpl.sil
            agree = sil_t.real * win.real + sil_t.imag * win.imag
            w2 = sil_t.real * sil_t.real + sil_t.imag * sil_t.imag
            gen = tpl.generic
            rest = ~gen
            parts = (
                float(agree[gen].sum()),
                float(w2[gen].sum()),
                float(agree[rest].sum()),
                float(w2[rest].sum()),
            )
        clutter = 0.0
        flat = tpl.flat if int(tpl.flat.sum()) >= _MIN_FLAT else tpl.narrow_flat
        if int(flat.sum()) >= _MIN_FLAT:
            window = np.abs(field[int(iy) : int(iy) + th, int(ix) : int(ix) + tw])
            clutter = float(window[flat].mean())
        c = _Candidate(
            corner,
            box,
            score,
            zs,
            zf,
            n_sil,
            tpl.n_inner,
            clutter,
            logo.outline_only and tpl.n_inner > 0,
            *parts,
        )
        if best is None or _final(c) > _final(best):
            best = c
    return best


def _candidates(
    grey: Any,
    model: _Logo,
    corners: tuple[str, ...],
    min_width: float,
    max_width: float,
    margin: float,
    extra: float = 0.0,
    eps2: float = _EPS2,
    zones: _Zones | None = None,
) -> list[_Candidate]:
    """The best place for the logo per corner and pyramid level in the working grey
    image, verified at full working resolution (`zones`: shared with another model
    searched in this image, made with the same eps2)."""
    gw = grey.width
    levels = zones.levels if zones is not None else _pyramid(grey, 5)
    search = _Search(levels, model, corners, margin, extra, eps2, zones)
    lo, hi = min_width * gw, max_width * gw
    best_by: dict[tuple[str, int], tuple[float, int, int, int, int, str]] = {}
    #: the coarse widths searched and their scores, by corner and level
    curves: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for tw0 in _grid(lo, hi, _COARSE_STEP):
        level = search.level_for(tw0)
        for cand in search.at(tw0, None, level):
            if not _large_enough(cand):
                continue  # too small to be a logo: neither a candidate nor a width refined
            key = (cand[5], level)
            curves.setdefault(key, []).append((tw0, cand[0]))
            prev = best_by.get(key)
            if prev is None or cand[0] > prev[0]:
                best_by[key] = cand
    out = []
    ranked = sorted(best_by.items(), key=lambda kv: (-kv[1][0], kv[0]))[:_VERIFIED]
    for (corner, level), cand in ranked:
        for tw0 in _refined_widths(curves[corner, level]):
            if lo / _SCALE_STEP <= tw0 <= hi * _SCALE_STEP:
                for c in search.at(tw0, (corner,), level):
                    if c[0] > cand[0] and _large_enough(c):
                        cand = c
        v = _verify(grey, model, cand, (0,), eps2)
        if v is not None:
            out.append(v)
    return out


def _large_enough(cand: tuple[float, int, int, int, int, str]) -> bool:
    """Whether a search's (score, x, y, w, h, corner) may be a match (see MIN_SIDE)."""
    return min(cand[3], cand[4]) >= MIN_SIDE


def _refined_widths(curve: list[tuple[float, float]]) -> list[float]:
    """The widths refined around a candidate, from its corner's and level's coarse
    widths and scores (ascending widths): two inside each interval beside the best
    coarse width (beyond the first or last one, a coarse step out), and two inside the
    other interval whose ends score highest together (see _COARSE_STEP)."""
    b = max(range(len(curve)), key=lambda i: (curve[i][1], -i))
    best = curve[b][0]
    ends = [
        (curve[b - 1][0] if b > 0 else best / _COARSE_STEP, best),
        (best, curve[b + 1][0] if b + 1 < len(curve) else best * _COARSE_STEP),
    ]
    others = [i for i in range(len(curve) - 1) if i not in (b - 1, b)]
    if others:
        i = max(others, key=lambda i: (curve[i][1] + curve[i + 1][1], -i))
        ends.append((curve[i][0], curve[i + 1][0]))
    return [a * (z / a) ** f for a, z in ends for f in (1 / 3, 2 / 3)]


def _best(
    grey: Any,
    model: _Logo,
    corners: tuple[str, ...],
    min_width: float,
    max_width: float,
    margin: float,
    eps2: float | None = None,
    zones: _Zones | None = None,
) -> tuple[_Candidate, float] | None:
    """The best candidate in the working grey image, refined (widths ±4 %), with its
    decision score; None when no template fits. `eps2`: the photo's edge-weight bar
    (_noise_eps2's, computed when not given); `zones`: the pyramid's corner zones, shared
    with another model searched in this image (made with the same eps2)."""
    if eps2 is None:
        eps2 = zones.eps2 if zones is not None else _noise_eps2(grey)
    cands = _candidates(grey, model, corners, min_width, max_width, margin, 0.0, eps2, zones)
    if not cands:
        return None
    best = max(cands, key=_final)
    x0, y0, x1, y1 = best.box
    cand = (best.coarse, x0, y0, x1 - x0, y1 - y0, best.corner)
    refined = _verify(grey, model, cand, (-1, 0, 1), eps2)
    if refined is not None and _final(refined) >= _final(best):
        best = refined
    return best, _final(best)


def _final(c: _Candidate) -> float:
    """The decision score: the better of the two full-resolution scores, divided by the
    eighth root of the template's area, less a share for the clutter behind it.

    The square-root normalisation makes the sum of agreements a z-score, but unrelated
    texture still scores higher over a larger template (its edges are not independent
    pixels): measured on the dev split, the eighth root makes one threshold fit small
    and large logos, a wordmark and a disc alike. A logo is plain where it is filled (a
    one-colour version everywhere; a colour one away from its inner edges); bricks,
    gravel or another logo matched by chance show edges there. Beyond CLUTTER_FREE of
    edge weight in those places, each 0.1 more takes CLUTTER_WEIGHT tenths of a point
    off the score: a fixed amount, not a share, since a logo whose plain parts are
    see-through (line art) shows the photo's clutter there and is told from a chance
    match by the strength of its own edges; and only a share of it, down to none, as the
    match's edges agree with the logo's better than chance matches in clutter do (see
    CHANCE_AGREEMENT)."""
    left, top, right, bottom = c.box
    if min(right - left, bottom - top) < MIN_SIDE:
        return -math.inf  # too small to be a logo (see MIN_SIDE)
    if not c.outline_only and not _distinctive(c):
        return -math.inf  # a plain shape where the logo has more: another logo's disc
    if c.outline_only or c.full >= c.sil:
        score, edges = c.full, c.n_sil + c.n_inner
    else:
        score, edges = c.sil, c.n_sil
    raw = score / ((right - left) * (bottom - top)) ** 0.125
    agreement = score / math.sqrt(max(1, edges))  # about the mean agreement per edge pixel
    chance = (SEEN_THROUGH_AGREEMENT - agreement) / (SEEN_THROUGH_AGREEMENT - CHANCE_AGREEMENT)
    share = min(1.0, max(0.0, chance))
    return float(raw - share * CLUTTER_WEIGHT * max(0.0, c.clutter - CLUTTER_FREE))


def _distinctive(c: _Candidate) -> bool:
    """Whether the logo's silhouette beyond its plain parts (see _Logo.generic_band) is
    there too: its other silhouette edges agree better than chance (z-score DISTINCT_Z)
    and, per unit of edge weight, at least DISTINCT_SHARE as well as the plain parts'
    outline does. True for a logo without plain parts or with little else
    (DISTINCT_PART), which this does not judge."""
    if c.generic_w2 <= 0 or c.distinct_w2 < DISTINCT_PART * c.generic_w2:
        return True  # no plain part, or little beyond it (a round icon's own disc)
    z = c.distinct / math.sqrt(c.distinct_w2)
    share = (c.distinct / c.distinct_w2) / max(1e-6, c.generic / c.generic_w2)
    return z >= DISTINCT_Z and (c.generic <= 0 or share >= DISTINCT_SHARE)


def locate_logo(
    image: ImageSource,
    logo: ImageSource,
    *,
    corners: Iterable[str] = CORNERS,
    min_width: float = 0.03,
    max_width: float = 0.3,
    margin: float = 0.1,
    threshold: float | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> LogoMatch | None:
    """Find `logo` in a corner of `image` (paths, bytes or binary files), or None.

    Searched: logo widths from `min_width` to `max_width` of the image's width, placed
    within `margin` (a fraction of the width) of one of `corners`. Recoloured versions
    (white, black, grey, colour) score alike. The box is in the pixels of the image as
    displayed (after EXIF orientation), and always covers the whole logo as designed:
    for an app icon printed without its square or disc (its drawing alone), where the
    icon's frame would lie. A match counts from `threshold`; by default
    the logo's own: DEFAULT_THRESHOLD, or up to PLAIN_OUTLINE_THRESHOLD for a logo whose
    outline is a plain shape (a disc, a shield), which unrelated round or square things
    match more often. A box under MIN_SIDE pixels on a side, in the image reduced to at
    most 1024 px wide, is never a match (a logo drawn that small cannot be read).
    Unreadable files raise :class:`~govsocial.errors.ImageError`.
    """
    wanted = _check_args(corners, min_width, max_width, margin)
    if threshold is not None and (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float))
        or not math.isfinite(threshold)
    ):
        raise UsageError(f"expected a finite number or None, got threshold={threshold!r}")
    _np()  # numpy missing: MissingExtraError before any work
    info = inspect_image(image, max_pixels=max_pixels)  # a bomb is refused before any decode
    W, H = info.width, info.height
    grey = _grey(image, W, H, max_pixels)
    model = _logo_model(logo, max_pixels)
    found = _found(grey, model, wanted, min_width, max_width, margin, threshold)
    if found is None:
        return None
    (left, top, right, bottom), score, corner = found
    inv = W / grey.width
    box = (
        round(left * inv),
        round(top * inv),
        min(W, round(right * inv)),
        min(H, round(bottom * inv)),
    )
    return LogoMatch(box=box, score=round(score, 3), corner=corner, image_size=(W, H))


def _inner_margin(model: _Logo, margin: float, max_width: float) -> float:
    """How far from its corner an icon's drawing is searched: the icon's margin plus the
    drawing's inset in the widest icon searched."""
    assert model.inner is not None
    _, (bx0, by0, bx1, by1), (lw, lh) = model.inner
    inset = max(bx0, lw - bx1, by0, lh - by1) / lw
    return min(1.0, margin + max_width * inset)


def _zones(levels: list[Any], model: _Logo, margin: float, max_width: float, eps2: float) -> _Zones:
    """A photo's corner zones for the model's search. For an app icon (see _interior):
    one set for the icon and for the drawing inside it, so that the drawing's search,
    when it comes, costs its templates only. For any other logo, the zones its search
    would make itself."""
    if model.inner is None:
        return _Zones(levels, [(model, margin, 0.0)], eps2)
    plan = [(model, margin, 0.0), (model.inner[0], _inner_margin(model, margin, max_width), 0.0)]
    return _Zones(levels, plan, eps2)


def _found(
    grey: Any,
    model: _Logo,
    corners: tuple[str, ...],
    min_width: float,
    max_width: float,
    margin: float,
    threshold: float | None,
) -> tuple[tuple[float, float, float, float], float, str] | None:
    """The logo's box (working pixels), score and corner, or None below the threshold.

    A plain-filled icon (see _interior) that is not found as a whole is searched again by
    the drawing inside it (what a one-colour print of it keeps); the drawing's box is
    mapped back to the whole icon's extent, as designed, so that sizes and margins mean
    the same for both. The drawing is searched only then: a colour icon, found as a
    whole, costs one search; a one-colour print or an image without the icon, two."""
    levels = _pyramid(grey, 5)  # made once: its second level is _noise_eps2's image too
    eps2 = _noise_eps2(grey, levels)
    zones = _zones(levels, model, margin, max_width, eps2)
    found = _best(grey, model, corners, min_width, max_width, margin, eps2, zones)
    if found is not None and found[1] >= (model.threshold if threshold is None else threshold):
        return found[0].box, found[1], found[0].corner
    if model.inner is None:
        return None
    inner, (bx0, by0, bx1, _), (lw, lh) = model.inner
    f = (bx1 - bx0) / lw
    found = _best(
        grey,
        inner,
        corners,
        min_width * f,
        max_width * f,
        _inner_margin(model, margin, max_width),
        eps2,
        zones,
    )
    if found is None:
        return None
    cand, score = found
    if score < (inner.threshold if threshold is None else threshold):
        return None
    left, top, right, _ = cand.box
    s = (right - left) / (bx1 - bx0)  # working pixels per logo pixel
    x0, y0 = left - bx0 * s, top - by0 * s
    box = (x0, y0, x0 + lw * s, y0 + lh * s)
    gw, gh = grey.size
    gap_x = box[0] if cand.corner.endswith("left") else gw - box[2]
    gap_y = box[1] if cand.corner.startswith("top") else gh - box[3]
    if max(gap_x, gap_y) > margin * gw + 2 or not min_width <= lw * s / gw <= max_width * 1.05:
        return None  # the whole icon would lie off the corner's zone, or out of the widths
    clipped = (max(0.0, box[0]), max(0.0, box[1]), min(gw, box[2]), min(gh, box[3]))
    return clipped, score, cand.corner


def _is_source(value: object) -> bool:
    return isinstance(value, (str, os.PathLike, bytes, bytearray, memoryview)) or hasattr(
        value, "read"
    )
