"""Where the official logo is in an image: edge orientations of the logo's silhouette.

The logo's shape (its alpha channel, or what differs from its background colour) gives
edge directions; the photo gives its own. The score at a position is the sum of
``cos 2(θ_logo − θ_photo)`` over the logo's edge pixels, weighted by how strong the
photo's edge is, divided by the square root of the number of edge pixels: it reads like
a z-score, comparable between scales and logos (unrelated texture scores about 0-7, the
logo itself 8-30).
Doubling the angle ignores polarity, so a white, black, grey or coloured version of the
logo scores the same. The correlation runs with numpy FFTs over the corner zones only
(the guides want the logo in a corner), on a /2 pyramid so each template is about 48-96
px wide, first on a coarse grid of widths (x1.15) and then on a fine one (x1.05) around
each corner's best, at that candidate's pyramid level.

Measured on benchmarks/logo_detection.py (held-out split, never tuned on): see
benchmarks/README.md.

Long on purpose: the pyramid, the two width grids and the corner zones share one
search whose parts only make sense together; split, each would need the others' state.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from govsocial.errors import MissingExtraError, UsageError
from govsocial.imaging.inspect import DEFAULT_MAX_PIXELS, ImageSource, inspect_image

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["CORNERS", "DEFAULT_THRESHOLD", "LogoMatch", "locate_logo"]

CORNERS: tuple[str, ...] = ("top-left", "top-right", "bottom-left", "bottom-right")

#: Score at or above which a match counts: chosen on the benchmark's dev split only (dev
#: photos, 100 cases: negatives scored at most 6.91, positives located right at least 7.79).
DEFAULT_THRESHOLD = 7.4

_WORK_WIDTH = 1024  # photos are searched at most this wide
_MIN_TEMPLATE = 48  # a template is searched at the coarsest level where it is this wide
_EPS2 = 30.0**2  # photo edges weaker than about 30 grey levels (Sobel) count less
_EDGE_FRACTION = 0.2  # logo edge pixels: gradient above 20 % of its maximum
_SCALE_STEP = 1.05  # fine grid: about ±2.5 % width error at most
_COARSE_STEP = 1.15  # coarse grid, refined by ±3 fine steps (±15 %) around each corner's best


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


class _Logo:
    """A logo's silhouette and its templates by width (kept between calls)."""

    def __init__(self, sil: Any) -> None:
        self.sil = sil
        self.templates: dict[int, tuple[Any, float] | None] = {}

    def template(self, width: int) -> tuple[Any, float] | None:
        if width not in self.templates:
            self.templates[width] = _template(self.sil, width)
        return self.templates[width]


_LOGOS: dict[tuple[Any, ...], _Logo] = {}


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
    model = _Logo(_silhouette(_load(logo, max_pixels)))
    if key is not None:
        if len(_LOGOS) >= 8:
            _LOGOS.pop(next(iter(_LOGOS)), None)
        _LOGOS[key] = model
    return model


class _Search:
    """Correlations of the logo template with the corner zones of a photo's pyramid.

    A zone's FFT is computed once per (level, corner) at a fixed size and reused for every
    template width searched at that level."""

    def __init__(
        self, levels: list[Any], logo: _Logo, corners: tuple[str, ...], margin: float
    ) -> None:
        self.levels = levels  # grey pyramid, level 0 first (Pillow 'L' images)
        self.logo = logo
        self.sil = logo.sil
        self.corners = corners
        self.margin = margin
        self._zones: dict[tuple[int, str], tuple[Any, int, int, int, int]] = {}

    def _zone(self, level: int, corner: str) -> tuple[Any, int, int, int, int]:
        key = (level, corner)
        if key not in self._zones:
            np = _np()
            im = self.levels[level]
            fw, fh = im.size
            # templates at this level are at most 2 x _MIN_TEMPLATE wide (the coarsest: any)
            last = level == len(self.levels) - 1
            max_tw = fw if last else 2 * _MIN_TEMPLATE + 2
            max_th = max(1, round(max_tw * self.sil.height / self.sil.width))
            slack = round(self.margin * fw) + 2
            zw, zh = min(fw, max_tw + slack), min(fh, max_th + slack)
            x0 = 0 if corner.endswith("left") else fw - zw
            y0 = 0 if corner.startswith("top") else fh - zh
            shape = (_fast_len(zh), _fast_len(zw))
            crop = np.asarray(im.crop((x0, y0, x0 + zw, y0 + zh)), dtype=np.float32)
            spec = np.fft.fft2(_orientation_field(crop), s=shape)
            self._zones[key] = (spec, x0, y0, zw, zh)
        return self._zones[key]

    def level_for(self, tw0: float) -> int:
        level = 0
        while level + 1 < len(self.levels) and tw0 / 2 ** (level + 1) >= _MIN_TEMPLATE:
            level += 1
        return level

    def at(
        self, tw0: float, corners: tuple[str, ...] | None = None, level: int | None = None
    ) -> list[tuple[float, int, int, int, int, str]]:
        """Best (score, x, y, w, h, corner) per corner for a template `tw0` working px wide
        (at the pyramid level given, or the coarsest where it is _MIN_TEMPLATE wide)."""
        np = _np()
        if level is None:
            level = self.level_for(tw0)
        fw = self.levels[level].width
        k = 2**level
        tw = max(8, round(tw0 / k))
        tpl = self.logo.template(tw)
        if tpl is None:
            return []
        t, root_n = tpl
        th, tw = t.shape
        slack = round(self.margin * fw) + 2
        out = []
        cache: dict[tuple[int, int], Any] = {}
        for corner in corners or self.corners:
            spec, x0, y0, zw, zh = self._zone(level, corner)
            if th > zh or tw > zw:
                continue
            shape = spec.shape
            if shape not in cache:
                cache[shape] = np.conj(np.fft.fft2(t, s=shape))
            corr = np.fft.ifft2(spec * cache[shape]).real
            # positions where the template lies in the zone and within the margin of the corner
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
            window = corr[ys[0] : ys[1] + 1, xs[0] : xs[1] + 1]
            iy, ix = np.unravel_index(int(np.argmax(window)), window.shape)
            score = float(window[iy, ix]) / root_n
            x = (x0 + xs[0] + int(ix)) * k
            y = (y0 + ys[0] + int(iy)) * k
            out.append((score, x, y, tw * k, th * k, corner))
        return out


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


def _orientation_field(grey: NDArray[np.float32]) -> NDArray[np.complex64]:
    """w·exp(2iθ) per pixel: doubled-angle Sobel orientation, weight |g|²/(|g|²+ε²)."""
    np = _np()
    p = np.pad(grey.astype(np.float32, copy=False), 1, mode="edge")
    sx = p[:-2] + 2 * p[1:-1] + p[2:]  # vertical smoothing, then horizontal difference
    gx = sx[:, 2:] - sx[:, :-2]
    sy = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]
    gy = sy[2:] - sy[:-2]
    g2 = gx * gx + gy * gy
    inv = 1.0 / (g2 + np.float32(_EPS2))
    out: Any = np.empty(grey.shape, dtype=np.complex64)
    out.real = (gx * gx - gy * gy) * inv
    out.imag = 2 * gx * gy * inv
    return out  # type: ignore[no-any-return]


def _silhouette(logo: Any) -> Any:
    """The logo's shape as an 'L' image: its alpha, or what differs from its border colour."""
    from PIL import Image, ImageChops

    if logo.mode in ("RGBA", "LA", "PA") or (logo.mode == "P" and "transparency" in logo.info):
        alpha = logo.convert("RGBA").getchannel("A")
        if alpha.getextrema()[0] < 250:
            return alpha
    rgb = logo.convert("RGB")
    w, h = rgb.size
    border = [rgb.getpixel((x, y)) for x in (0, w - 1) for y in (0, h - 1)]
    bg = tuple(sorted(c[i] for c in border)[len(border) // 2] for i in range(3))
    diff = ImageChops.difference(rgb, Image.new("RGB", rgb.size, bg)).convert("L")
    return diff.point(lambda v: 255 if v > 40 else 0)


def _template(sil: Any, width: int) -> tuple[NDArray[np.complex64], float] | None:
    """The logo's edge orientations at `width` px: (unit doubled-angle field, √n)."""
    np = _np()
    from PIL import Image

    height = max(1, round(sil.height * width / sil.width))
    if width < 8 or height < 4:
        return None
    small = sil.resize((width, height), Image.Resampling.BILINEAR)
    a = np.asarray(small, dtype=np.float32)
    field = _orientation_field(a)
    p = np.pad(a, 1, mode="edge")
    gx = p[1:-1, 2:] - p[1:-1, :-2]
    gy = p[2:, 1:-1] - p[:-2, 1:-1]
    mag = np.hypot(gx, gy)
    top = float(mag.max())
    if top <= 0:
        return None
    edges = mag > _EDGE_FRACTION * top
    n = int(edges.sum())
    if n < 8:
        return None
    unit = np.where(edges, field / np.maximum(np.abs(field), 1e-6), 0).astype(np.complex64)
    return unit, math.sqrt(n)


def _pyramid(grey: Any, levels: int) -> list[Any]:
    out = [grey]
    while len(out) < levels and out[-1].width >= 2 * _MIN_TEMPLATE:
        out.append(out[-1].reduce(2))
    return out


def _grey(source: ImageSource, width: int, height: int, max_pixels: int) -> Any:
    """The image as displayed, in grey, at most _WORK_WIDTH wide (JPEG: decoded at a
    reduced scale when it is much larger). Damaged data raises ImageError."""
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
                if im.format == "JPEG" and scale < 0.5:
                    sw, sh = im.size
                    im.draft("L", (math.ceil(sw * scale), math.ceil(sh * scale)))
                im.load()
                oriented = ImageOps.exif_transpose(im)
                grey = oriented.convert("L")
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


def locate_logo(
    image: ImageSource,
    logo: ImageSource,
    *,
    corners: Iterable[str] = CORNERS,
    min_width: float = 0.03,
    max_width: float = 0.3,
    margin: float = 0.1,
    threshold: float = DEFAULT_THRESHOLD,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> LogoMatch | None:
    """Find `logo` in a corner of `image` (paths, bytes or binary files), or None.

    Searched: logo widths from `min_width` to `max_width` of the image's width, placed
    within `margin` (a fraction of the width) of one of `corners`. Recoloured versions
    (white, black, grey, colour) score alike. The box is in the pixels of the image as
    displayed (after EXIF orientation). Unreadable files raise
    :class:`~govsocial.errors.ImageError`.
    """
    wanted = _check_args(corners, min_width, max_width, margin)
    _np()  # numpy missing: MissingExtraError before any work

    info = inspect_image(image, max_pixels=max_pixels)  # a bomb is refused before any decode
    W, H = info.width, info.height
    grey = _grey(image, W, H, max_pixels)
    gw = grey.width
    scale0 = gw / W
    search = _Search(_pyramid(grey, 5), _logo_model(logo, max_pixels), wanted, margin)
    lo, hi = min_width * gw, max_width * gw
    coarse = _grid(lo, hi, _COARSE_STEP)
    best_by_corner: dict[str, tuple[float, int, int, int, int, str]] = {}
    for tw0 in coarse:
        for cand in search.at(tw0):
            prev = best_by_corner.get(cand[5])
            if prev is None or cand[0] > prev[0]:
                best_by_corner[cand[5]] = cand
    best: tuple[float, int, int, int, int, str] | None = None
    for corner, cand in best_by_corner.items():
        centre = cand[3]  # the coarse width, in working pixels
        # Refined at the coarse best's own pyramid level: a score counts more edge pixels
        # at a finer level, so widths are compared within one level only.
        level = search.level_for(centre)
        for step in (-3, -2, -1, 1, 2, 3):
            tw0 = centre * _SCALE_STEP**step
            if lo / _SCALE_STEP <= tw0 <= hi * _SCALE_STEP:
                for c in search.at(tw0, (corner,), level):
                    if c[0] > cand[0]:
                        cand = c
        if best is None or cand[0] > best[0]:
            best = cand
    if best is None or best[0] < threshold:
        return None
    score, x, y, w, h, corner = best
    inv = 1 / scale0
    box = (
        round(x * inv),
        round(y * inv),
        min(W, round((x + w) * inv)),
        min(H, round((y + h) * inv)),
    )
    return LogoMatch(box=box, score=round(score, 3), corner=corner, image_size=(W, H))


def _is_source(value: object) -> bool:
    return isinstance(value, (str, os.PathLike, bytes, bytearray, memoryview)) or hasattr(
        value, "read"
    )
