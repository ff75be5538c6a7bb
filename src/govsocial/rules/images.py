"""GS27x–GS28x: images — readable, in a format, size and shape each network accepts; alt text
that says something.

GS270 unreadable media · GS271 media not inspected · GS272 format · GS273 file size ·
GS274 aspect ratio · GS275 dimensions · GS276 animation · GS277 media required ·
GS278 kinds mixed · GS279 recommended sizes · GS280 colour mode · GS281 alt text is a
file name · GS282 alt text identical across languages.

Rules that need the image run only on media with a resolvable path (or fetched bytes,
with ``fetch=True``); each file is inspected once per check (headers, then one full
decode to find truncated data). The networks' facts come from ``data/networks.yaml``,
overridable by the policy under ``networks:``.

Long on purpose: thirteen small rules over one per-check inspection cache; each rule is a
few lines of data and docs, like the other rule families' modules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from govsocial.errors import FetchError, ImageError, MissingExtraError
from govsocial.findings import Severity
from govsocial.imaging.inspect import ImageInfo, inspect_image
from govsocial.model import Media
from govsocial.networks.spec import NetworkSpec
from govsocial.rules.context import Context, pointer_escape
from govsocial.rules.registry import Hit, new_hit, rule

__all__ = ["MediaState", "media_states"]

_IMAGE_KINDS = ("image", "gif")


@attrs.frozen
class MediaState:
    """One image of the post as the rules see it: inspected, failed, or not inspected."""

    index: int
    media: Media
    info: ImageInfo | None = None
    error: str | None = None
    skipped: str | None = None
    data: bytes | None = attrs.field(default=None, repr=False)
    resolved: Path | None = None

    @property
    def path(self) -> str:
        return f"/media/{self.index}"


def _resolve(ctx: Context, path: str) -> Path:
    p = Path(path)
    if not p.is_absolute() and ctx.base is not None:
        p = ctx.base / p
    return p


def _state(ctx: Context, i: int, m: Media) -> MediaState:
    caps = {"max_pixels": ctx.policy.images.max_pixels, "max_bytes": ctx.policy.images.max_bytes}
    try:
        if m.path is not None:
            resolved = _resolve(ctx, m.path)
            info = inspect_image(resolved, verify=True, **caps)
            return MediaState(i, m, info=info, resolved=resolved)
        if ctx.fetch is None:
            return MediaState(i, m, skipped="url")
        from govsocial.fetch import fetch_media

        fetched = fetch_media(m.url or "", options=ctx.fetch)
        info = inspect_image(fetched.data, verify=True, **caps)
        if fetched.content_type and fetched.content_type != info.mime_type:
            return MediaState(
                i,
                m,
                info=info,
                data=fetched.data,
                error=f"the server says {fetched.content_type} but the bytes are {info.format}",
            )
        return MediaState(i, m, info=info, data=fetched.data)
    except MissingExtraError:
        return MediaState(i, m, skipped="extra")
    except ImageError as exc:
        where = m.path if m.path is not None else m.url
        return MediaState(i, m, error=f"{where}: {exc.message}")
    except FetchError as exc:
        return MediaState(i, m, error=f"{m.url}: not fetched: {exc.message}")


def media_states(ctx: Context) -> tuple[MediaState, ...]:
    """Every image and GIF of the post, inspected once per check (cached on the context)."""
    cached = ctx.__dict__.get("_media_states")
    if cached is None:
        cached = tuple(
            _state(ctx, i, m) for i, m in enumerate(ctx.post.media) if m.kind in _IMAGE_KINDS
        )
        ctx.__dict__["_media_states"] = cached
    return cached


def _inspected(ctx: Context) -> Iterator[tuple[MediaState, ImageInfo]]:
    if not ctx.post.media:
        return
    for s in media_states(ctx):
        if s.info is not None:
            yield s, s.info


_M = "examples/media/"


def _post(
    network: str, *media: dict[str, object], text: str = "Festa Major 2026"
) -> dict[str, object]:
    return {"networks": [network], "text": {"ca": text}, "media": list(media)}


# Defined before the first @rule: registering it loads video.py, which imports these
# helpers from this module while it is still half initialised.
def _fmt_list(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _img(name: str, alt: str = "Castellers davant l'Ajuntament.") -> dict[str, object]:
    return {"path": name, "kind": "image", "alt": {"ca": alt}}


@rule(
    "GS270",
    "media-unreadable",
    summary="A media file is missing, empty, not an image, a decompression bomb or damaged.",
    severity=Severity.ERROR,
    why="The network will refuse it, or worse show a grey half-image. A file that is not what "
    "its name says (an HTML error page saved as .jpg) is a common slip of content tools. "
    "Relative paths resolve against the post file's folder (CLI) or `base` (API).",
    flagged=_post("x", _img("truncated.jpg")),
    clean=_post("x", _img("poster-1080x1350.jpg")),
    media_only=True,
)
def media_unreadable(ctx: Context) -> Iterator[Hit]:
    if not ctx.post.media:
        return
    for s in media_states(ctx):
        if s.error is not None:
            yield new_hit(s.error, s.path)


@rule(
    "GS271",
    "media-not-inspected",
    summary="Media was not inspected: given by URL without fetching, or the images extra is missing.",
    severity=Severity.INFO,
    why="Nothing a user gives passes silently: if an image could not be checked, the report "
    "says so and how to check it (`--fetch`, or `pip install 'govsocial[images]'`).",
    flagged=_post("x", {"url": "https://vilanova.cat/cartell.jpg", "alt": {"ca": "Cartell."}}),
    clean=_post("x", _img("poster-1080x1350.jpg")),
    media_only=True,
)
def media_not_inspected(ctx: Context) -> Iterator[Hit]:
    if not ctx.post.media:
        return
    states = media_states(ctx)
    missing_extra = [s for s in states if s.skipped == "extra"]
    if missing_extra:
        yield new_hit(
            f"{len(missing_extra)} image(s) not inspected: the images extra is not installed; "
            "pip install 'govsocial[images]'",
            "/media",
            severity=Severity.WARNING,
        )
    for s in states:
        if s.skipped == "url":
            yield new_hit(
                f"{s.media.url} was not fetched, so not inspected; check with --fetch "
                "(fetch=True) to inspect remote media",
                s.path,
            )
    for i, m in enumerate(ctx.post.media):
        if m.kind == "video" and m.path is None:
            yield new_hit(
                f"{m.url} was not inspected: videos are inspected from a local file (give "
                "`path`) so that their container, size, length and shape are checked",
                f"/media/{i}",
            )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


@rule(
    "GS272",
    "image-format-not-accepted",
    summary="An image's format (read from its bytes) is one the network does not accept.",
    severity=Severity.ERROR,
    why="Instagram's publishing API takes JPEG only; TikTok photo posts take no PNG. The "
    "format is read from the bytes: a PNG renamed .jpg is still a PNG.",
    fix="Export the image as JPEG (sRGB, quality 85-90).",
    flagged=_post("instagram", _img("poster-1080x1350.png")),
    clean=_post("instagram", _img("poster-1080x1350.jpg")),
    media_only=True,
)
def image_format(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        for spec in ctx.specs:
            if spec.image_formats is not None and info.format not in spec.image_formats:
                yield new_hit(
                    f"{s.media.location} is a {info.format} image; {spec.name} accepts "
                    f"{_fmt_list(spec.image_formats)}",
                    s.path,
                    network=spec.id,
                )


def _max_bytes(spec: NetworkSpec, info: ImageInfo) -> int | None:
    if info.format == "GIF" and spec.gif_max_bytes is not None:
        return spec.gif_max_bytes
    return spec.image_max_bytes


@rule(
    "GS273",
    "image-file-too-large",
    summary="An image file is larger than the network accepts.",
    severity=Severity.ERROR,
    why="X refuses images over 5 MB, Bluesky over 2 MB, Instagram over 8 MiB: the upload fails "
    "at publishing time.",
    fix="Export at the recommended size, or with more JPEG compression.",
    flagged=_post("x", _img("poster-1080x1350.jpg")),
    clean=_post("x", _img("photo-1200x675.jpg")),
    policy={"version": 1, "networks": {"x": {"image_max_bytes": 20000}}},
    media_only=True,
)
def image_too_large(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        for spec in ctx.specs:
            cap = _max_bytes(spec, info)
            if cap is not None and info.size_bytes > cap:
                yield new_hit(
                    f"{s.media.location} is {info.size_bytes:,} bytes; {spec.name} accepts {cap:,}",
                    s.path,
                    network=spec.id,
                )


_TOLERANCE = 0.005  # 1080x566 is 1.908:1, accepted as 1.91:1


def _ratio(x: float) -> str:
    return f"{x:.2f}:1"


@rule(
    "GS274",
    "image-aspect-ratio",
    summary="An image's aspect ratio is outside the range the network accepts.",
    severity=Severity.ERROR,
    why="Instagram's feed takes 4:5 (0.8:1) to 1.91:1 and refuses the rest (error 2207009); "
    "a 4:1 banner must be cropped first, by a person who chooses what stays.",
    fix="Crop to 1080x1350 (4:5), 1080x1080 (1:1) or 1080x566 (1.91:1).",
    flagged=_post("instagram", _img("banner-2000x500.jpg")),
    clean=_post("instagram", _img("poster-1080x1350.jpg")),
    media_only=True,
)
def image_aspect(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        ar = info.aspect_ratio
        for spec in ctx.specs:
            lo, hi = spec.image_aspect_min, spec.image_aspect_max
            if (lo is not None and ar < lo * (1 - _TOLERANCE)) or (
                hi is not None and ar > hi * (1 + _TOLERANCE)
            ):
                yield new_hit(
                    f"{s.media.location} is {info.width}x{info.height} ({_ratio(ar)}); "
                    f"{spec.name} accepts {_ratio(lo or 0)} to {_ratio(hi) if hi else 'any'}",
                    s.path,
                    network=spec.id,
                )


@rule(
    "GS275",
    "image-dimensions",
    summary="An image is smaller or larger (per side or in pixels) than the network accepts.",
    severity=Severity.ERROR,
    why="X takes 4 to 8,192 px per side; LinkedIn fewer than 36 Mpx. Outside that the upload fails.",
    flagged=_post("x", _img("tiny-3x3.png")),
    clean=_post("x", _img("photo-1200x675.jpg")),
    media_only=True,
)
def image_dimensions(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        short, long = sorted((info.width, info.height))
        size = f"{info.width}x{info.height}"
        for spec in ctx.specs:
            if spec.image_min_side is not None and short < spec.image_min_side:
                yield new_hit(
                    f"{s.media.location} is {size}; {spec.name} needs at least "
                    f"{spec.image_min_side} px per side",
                    s.path,
                    network=spec.id,
                )
            if spec.image_max_side is not None and long > spec.image_max_side:
                yield new_hit(
                    f"{s.media.location} is {size}; {spec.name} accepts at most "
                    f"{spec.image_max_side} px per side",
                    s.path,
                    network=spec.id,
                )
            if spec.image_max_pixels is not None and info.pixels > spec.image_max_pixels:
                yield new_hit(
                    f"{s.media.location} has {info.pixels:,} pixels; {spec.name} accepts "
                    f"{spec.image_max_pixels:,}",
                    s.path,
                    network=spec.id,
                )


@rule(
    "GS276",
    "animated-image-not-allowed",
    summary="An animated image (GIF, PNG or WebP) goes to a network that does not take animations.",
    severity=Severity.ERROR,
    why="Instagram feed images are still images; an animated file is refused or shown as its "
    "first frame only, which may be blank. An animated PNG still has a .png name.",
    fix="Publish it as a video, or pick the frame to show.",
    flagged=_post("instagram", _img("animated-240x300.gif")),
    clean=_post("instagram", _img("poster-1080x1350.jpg")),
    media_only=True,
)
def animated_not_allowed(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        if not info.animated:
            continue
        for spec in ctx.specs:
            if spec.animated_images is False:
                yield new_hit(
                    f"{s.media.location} is animated ({info.frames} frames); {spec.name} "
                    "takes still images",
                    s.path,
                    network=spec.id,
                )


@rule(
    "GS277",
    "media-required",
    summary="A post goes to a network that needs media (Instagram, TikTok, YouTube) with none it accepts.",
    severity=Severity.ERROR,
    why="Instagram and TikTok have no text-only posts and a YouTube post is a video: the "
    "publication fails, or the post silently goes nowhere.",
    flagged={"networks": ["instagram"], "text": {"ca": "Festa Major 2026"}},
    clean=_post("instagram", _img("poster-1080x1350.jpg")),
)
def media_required(ctx: Context) -> Iterator[Hit]:
    for spec in ctx.specs:
        if not spec.media_required:
            continue
        kinds = spec.media_kinds
        ok = [m for m in ctx.post.media if kinds is None or m.kind in kinds]
        if not ok:
            need = f"{_article(kinds[0])} {_fmt_list(kinds)}" if kinds else "media"
            have = "no media" if not ctx.post.media else "no media of a kind it takes"
            yield new_hit(
                f"{spec.name} needs {need}; the post has {have}", "/media", network=spec.id
            )


@rule(
    "GS278",
    "media-mix-not-allowed",
    summary="Media kinds mixed, or more GIFs or videos, than the network allows in one post.",
    severity=Severity.ERROR,
    why="X and Mastodon take up to 4 photos, or 1 GIF, or 1 video, never a mix.",
    flagged=_post(
        "x",
        _img("photo-1200x675.jpg"),
        {"path": "animated-240x300.gif", "kind": "gif", "alt": {"ca": "Castells."}},
    ),
    clean=_post("x", _img("photo-1200x675.jpg"), _img("poster-1080x1350.jpg")),
    media_only=True,
)
def media_mix(ctx: Context) -> Iterator[Hit]:
    if not ctx.post.media:
        return
    kinds = [m.kind for m in ctx.post.media]
    for spec in ctx.specs:
        if spec.mixed_media is False and len(set(kinds)) > 1:
            yield new_hit(
                f"the post mixes {_fmt_list(tuple(sorted(set(kinds))))}; {spec.name} takes "
                "one kind per post",
                "/media",
                network=spec.id,
            )
        for kind, cap in (("gif", spec.max_gifs), ("video", spec.max_videos)):
            n = kinds.count(kind)
            if cap is not None and n > cap:
                yield new_hit(f"{n} {kind}s; {spec.name} accepts {cap}", "/media", network=spec.id)


def _close(a: float, b: float) -> bool:
    return abs(a / b - 1) <= 0.02


@rule(
    "GS279",
    "image-size-not-recommended",
    summary="An image is smaller than the size the network recommends for its shape, or of no recommended shape.",
    severity=Severity.WARNING,
    why="An image narrower than the recommended width for its shape is upscaled and looks "
    "blurred (a warning). An image of none of the recommended shapes may be cropped in "
    "timelines (information only: one image often serves several networks).",
    flagged=_post("x", _img("cmyk-600x338.jpg")),
    clean=_post("x", _img("photo-1200x675.jpg")),
    media_only=True,
)
def image_size_recommended(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        ar = info.aspect_ratio
        for spec in ctx.specs:
            if not spec.recommended_sizes:
                continue
            lo, hi = spec.image_aspect_min, spec.image_aspect_max
            if (lo is not None and ar < lo * (1 - _TOLERANCE)) or (
                hi is not None and ar > hi * (1 + _TOLERANCE)
            ):
                continue  # GS274 says it
            sizes = " or ".join(f"{w}x{h}" for w, h in spec.recommended_sizes)
            same = [(w, h) for w, h in spec.recommended_sizes if _close(ar, w / h)]
            if not same:
                yield new_hit(
                    f"{s.media.location} is {info.width}x{info.height} ({_ratio(ar)}); "
                    f"{spec.name} recommends {sizes}: it may be cropped",
                    s.path,
                    network=spec.id,
                    severity=Severity.INFO,
                )
            elif info.width < min(w for w, _ in same):
                w, h = min(same)
                yield new_hit(
                    f"{s.media.location} is {info.width}x{info.height}; {spec.name} "
                    f"recommends {w}x{h}: it will be upscaled",
                    s.path,
                    network=spec.id,
                )


_NOTES = {
    "cmyk": "is CMYK (print colours): networks show it with wrong colours; convert to sRGB",
    "16-bit": "has 16 bits per channel: networks convert it, with banding or clipping; save 8-bit",
    "corrupt-exif": "has damaged EXIF metadata: its orientation may be shown wrong; re-export it",
}


@rule(
    "GS280",
    "image-colour-mode",
    summary="An image is CMYK, 16-bit, or has damaged EXIF metadata.",
    severity=Severity.WARNING,
    why="Print-ready files (CMYK) from the design department show with washed-out or wrong "
    "colours on every network; 16-bit files are converted with clipping.",
    flagged=_post("x", _img("cmyk-600x338.jpg")),
    clean=_post("x", _img("photo-1200x675.jpg")),
    media_only=True,
)
def image_colour_mode(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        for note in info.notes:
            yield new_hit(f"{s.media.location} {_NOTES[note]}", s.path)


_FILE_NAME = re.compile(
    r"""^\s*(?:
        [^\s/\\]+\.(?:jpe?g|png|gif|webp|heic|heif|avif|tiff?|bmp|mp4|mov)
      | (?:img|dsc|dscn|dscf|pxl|dji|gopr|mvimg|screenshot|captura|wp|photo|foto)[\s_-]?[\d_-]{3,}\S*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


@rule(
    "GS281",
    "alt-text-is-file-name",
    summary="Alt text that is a file name (IMG_2041.jpg, DSC00012) describes nothing.",
    severity=Severity.ERROR,
    why="Some tools fill the alt text with the file name; a screen reader then reads "
    "'IMG underscore 2041 dot jpg' to a blind citizen. It is as good as no alt text.",
    flagged=_post("x", _img("photo-1200x675.jpg", alt="IMG_2041.jpg")),
    clean=_post("x", _img("photo-1200x675.jpg")),
    media_only=True,
)
def alt_is_file_name(ctx: Context) -> Iterator[Hit]:
    for i, m in enumerate(ctx.post.media):
        stem = Path(m.location).name.casefold() if m.location else ""
        for lang, alt in m.alt.items():
            a = alt.strip()
            if not a:
                continue
            if _FILE_NAME.match(a) or a.casefold() in (stem, stem.rsplit(".", 1)[0]):
                yield new_hit(
                    f"the alt text {a!r} is a file name; describe what the image shows",
                    f"/media/{i}/alt/{pointer_escape(lang)}",
                    lang=lang,
                )


def _base_lang(tag: str) -> str:
    return tag.split("-", 1)[0].casefold()


@rule(
    "GS282",
    "alt-text-not-translated",
    summary="An image's alt text is identical in two different languages.",
    severity=Severity.WARNING,
    why="A Basque reader gets the Spanish description under the Basque label: the alt text "
    "was copied, not translated (names and numbers alone are the exception).",
    flagged=_post(
        "x",
        {
            "path": "photo-1200x675.jpg",
            "alt": {"ca": "Castellers a la plaça.", "es": "Castellers a la plaça."},
        },
    ),
    clean=_post(
        "x",
        {
            "path": "photo-1200x675.jpg",
            "alt": {"ca": "Castellers a la plaça.", "es": "Castellers en la plaza."},
        },
    ),
    media_only=True,
)
def alt_not_translated(ctx: Context) -> Iterator[Hit]:
    for i, m in enumerate(ctx.post.media):
        seen: dict[str, str] = {}
        for lang, alt in m.alt.items():
            key = " ".join(alt.casefold().split())
            if len(key) < 12 or not any(c.isalpha() for c in key):
                continue  # a name or a number reads the same in every language
            first = seen.get(key)
            if first is not None and _base_lang(first) != _base_lang(lang):
                yield new_hit(
                    f"the {lang!r} alt text is the same as the {first!r} one; translate it",
                    f"/media/{i}/alt/{pointer_escape(lang)}",
                    lang=lang,
                )
            else:
                seen.setdefault(key, lang)
