"""GS283–GS289: videos — readable, in a container, size, length and shape each network
accepts, with captions in every language of the post.

GS283 unreadable video · GS284 container · GS285 file size · GS286 duration · GS287 shape
· GS288 captions missing · GS289 caption file unreadable.

Videos are inspected from their container's index (:func:`govsocial.inspect_video`, pure
Python: no extra needed), once per check. A video given by URL is not inspected (GS271
says so); its declared captions are still checked. The networks' facts come from
``data/networks.yaml``, overridable by the policy under ``networks:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from govsocial.errors import VideoError
from govsocial.findings import Severity
from govsocial.imaging.video import VideoInfo, inspect_video
from govsocial.model import Media
from govsocial.rules.context import Context, pointer_escape
from govsocial.rules.images import _fmt_list, _post, _resolve
from govsocial.rules.registry import Hit, new_hit, rule

__all__ = ["VideoState", "video_states"]

#: A caption file larger than this is not read (a feature film's SRT is about 100 KB).
MAX_CAPTION_BYTES = 5_000_000

BURNED_IN = "burned-in"


@attrs.frozen
class VideoState:
    """One video of the post as the rules see it: inspected, failed, or given by URL."""

    index: int
    media: Media
    info: VideoInfo | None = None
    error: str | None = None

    @property
    def path(self) -> str:
        return f"/media/{self.index}"


def video_states(ctx: Context) -> tuple[VideoState, ...]:
    """Every video of the post, inspected once per check (cached on the context)."""
    cached = ctx.__dict__.get("_video_states")
    if cached is None:
        states = []
        for i, m in enumerate(ctx.post.media):
            if m.kind != "video":
                continue
            if m.path is None:
                states.append(VideoState(i, m))
                continue
            try:
                states.append(VideoState(i, m, info=inspect_video(_resolve(ctx, m.path))))
            except VideoError as exc:
                states.append(VideoState(i, m, error=f"{m.path}: {exc.message}"))
        cached = tuple(states)
        ctx.__dict__["_video_states"] = cached
    return cached


def _inspected(ctx: Context) -> Iterator[tuple[VideoState, VideoInfo]]:
    if not ctx.post.media:
        return
    for s in video_states(ctx):
        if s.info is not None:
            yield s, s.info


def _vid(name: str, **extra: object) -> dict[str, object]:
    return {"path": name, "kind": "video", "captions": {"ca": "burned-in"}, **extra}


@rule(
    "GS283",
    "video-unreadable",
    summary="A video file is missing, empty, not a video, or its index is damaged.",
    severity=Severity.ERROR,
    why="The upload fails at publishing time, or the network shows a broken player. An "
    "export interrupted half-way leaves an MP4 without its index; an image or a web page "
    "saved as .mp4 is a common slip. Relative paths resolve like images' paths.",
    fix="Export the video again (MP4, H.264 and AAC).",
    flagged=_post("tiktok", _vid("not-an-image.jpg")),
    clean=_post("tiktok", _vid("reel-1080x1920.mp4")),
    media_only=True,
)
def video_unreadable(ctx: Context) -> Iterator[Hit]:
    if not ctx.post.media:
        return
    for s in video_states(ctx):
        if s.error is not None:
            yield new_hit(s.error, s.path)


@rule(
    "GS284",
    "video-format-not-accepted",
    summary="A video's container (read from its bytes) is one the network does not accept, "
    "or its index comes after the frames where the network needs it first.",
    severity=Severity.ERROR,
    why="LinkedIn takes MP4 only, X MP4 and MOV; WebM is refused by most. Instagram and "
    "Threads also need an MP4's index (the 'moov' box) before the frames ('fast start').",
    fix="Export as MP4 (H.264, AAC); for fast start: ffmpeg -i in.mp4 -c copy -movflags "
    "+faststart out.mp4",
    flagged=_post("instagram", _vid("video-1920x1080-moov-end.mp4")),
    clean=_post("instagram", _vid("reel-1080x1920.mp4")),
    media_only=True,
)
def video_format(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        for spec in ctx.specs:
            if spec.video_formats is not None and info.format not in spec.video_formats:
                yield new_hit(
                    f"{s.media.location} is a {info.format} video; {spec.name} accepts "
                    f"{_fmt_list(spec.video_formats)}",
                    s.path,
                    network=spec.id,
                )
            elif spec.video_index_first and "moov-at-end" in info.notes:
                yield new_hit(
                    f"{s.media.location} has its index (moov) after the frames; {spec.name} "
                    "needs it first",
                    s.path,
                    network=spec.id,
                    fix="ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4",
                )


@rule(
    "GS285",
    "video-file-too-large",
    summary="A video file is larger than the network accepts.",
    severity=Severity.ERROR,
    why="Bluesky refuses videos over 100 MB, LinkedIn over 200 MB, X over 512 MB: the upload "
    "fails at publishing time, often after minutes of transfer.",
    fix="Export at 1080 px on the short side and a lower bit rate (8-10 Mbit/s is plenty).",
    flagged=_post("bluesky", _vid("reel-1080x1920.mp4")),
    clean=_post("bluesky", _vid("reel-720x1280.webm")),
    policy={"version": 1, "networks": {"bluesky": {"video_max_bytes": 20000}}},
    media_only=True,
)
def video_too_large(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        for spec in ctx.specs:
            cap = spec.video_max_bytes
            if cap is not None and info.size_bytes > cap:
                yield new_hit(
                    f"{s.media.location} is {info.size_bytes:,} bytes; {spec.name} accepts {cap:,}",
                    s.path,
                    network=spec.id,
                )


def _seconds(x: float) -> str:
    if x >= 60:
        m, sec = divmod(x, 60)
        return f"{int(m)} min {sec:g} s" if sec else f"{int(m)} min"
    return f"{x:g} s"


@rule(
    "GS286",
    "video-duration",
    summary="A video is shorter or longer than the network accepts.",
    severity=Severity.ERROR,
    why="X takes 0.5 s to 140 s (longer for paid accounts), TikTok and Instagram Reels at "
    "least 3 s; the upload is refused, or the video is cut.",
    fix="Trim the video, or publish the long version where it fits (YouTube) and a cut here.",
    flagged=_post("x", _vid("video-150s.mp4")),
    clean=_post("x", _vid("reel-1080x1920.mp4")),
    media_only=True,
)
def video_duration(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        if info.duration is None:
            limited = [x.name for x in ctx.specs if x.video_min_seconds or x.video_max_seconds]
            if limited:
                yield new_hit(
                    f"{s.media.location} does not say how long it is (a live or fragmented "
                    f"recording): its length was not checked against {', '.join(limited)}",
                    s.path,
                    severity=Severity.INFO,
                    fix="Export it again as a plain MP4 (ffmpeg -i in.mp4 -c copy out.mp4).",
                )
            continue
        for spec in ctx.specs:
            lo, hi = spec.video_min_seconds, spec.video_max_seconds
            if lo is not None and info.duration < lo:
                yield new_hit(
                    f"{s.media.location} lasts {_seconds(info.duration)}; {spec.name} needs "
                    f"at least {_seconds(lo)}",
                    s.path,
                    network=spec.id,
                )
            elif hi is not None and info.duration > hi:
                yield new_hit(
                    f"{s.media.location} lasts {_seconds(info.duration)}; {spec.name} accepts "
                    f"at most {_seconds(hi)}",
                    s.path,
                    network=spec.id,
                )


_TOLERANCE = 0.005


@rule(
    "GS287",
    "video-shape",
    summary="A video's aspect ratio or size (as displayed, after rotation) is outside what "
    "the network accepts.",
    severity=Severity.ERROR,
    why="X and Bluesky take 1:3 to 3:1, LinkedIn 1:2.4 to 2.4:1, TikTok 360 to 4096 px per "
    "side. A phone video is stored landscape with a rotation: the displayed size counts.",
    fix="Export at 1080x1920 (9:16), 1080x1080 or 1920x1080 (16:9).",
    flagged=_post("tiktok", _vid("video-320x240.avi")),
    clean=_post("tiktok", _vid("reel-720x1280.webm")),
    media_only=True,
)
def video_shape(ctx: Context) -> Iterator[Hit]:
    for s, info in _inspected(ctx):
        if not info.width or not info.height:
            continue
        ar = info.aspect_ratio
        for spec in ctx.specs:
            lo, hi = spec.video_aspect_min, spec.video_aspect_max
            if (lo is not None and ar < lo * (1 - _TOLERANCE)) or (
                hi is not None and ar > hi * (1 + _TOLERANCE)
            ):
                lo_s = f"{lo:.2f}:1" if lo is not None else "any"
                hi_s = f"{hi:.2f}:1" if hi is not None else "any"
                yield new_hit(
                    f"{s.media.location} is {info.width}x{info.height} ({ar:.2f}:1); "
                    f"{spec.name} accepts {lo_s} to {hi_s}",
                    s.path,
                    network=spec.id,
                )
                continue
            short, long = sorted((info.width, info.height))
            if spec.video_min_side is not None and short < spec.video_min_side:
                yield new_hit(
                    f"{s.media.location} is {info.width}x{info.height}; {spec.name} needs at "
                    f"least {spec.video_min_side} px per side",
                    s.path,
                    network=spec.id,
                )
            elif spec.video_max_side is not None and long > spec.video_max_side:
                yield new_hit(
                    f"{s.media.location} is {info.width}x{info.height}; {spec.name} accepts at "
                    f"most {spec.video_max_side} px per side",
                    s.path,
                    network=spec.id,
                )


@rule(
    "GS288",
    "video-captions-missing",
    summary="A video has no captions in a language of the post.",
    severity=Severity.WARNING,
    why="Captions are how deaf citizens, and everyone watching muted, follow a video "
    "(WCAG 1.2.2); public-sector guides make them mandatory (GENCAT: subtitles on every "
    "video). Captions count when a caption file is given (`captions`: `.srt` or `.vtt`), "
    'when they are burned into the picture (`"burned-in"`), or when the file holds a '
    "caption track in that language (a track that names no language counts for all). A "
    "policy that makes them mandatory sets `severity: {GS288: error}`.",
    fix='Add "captions": {"ca": "video.ca.vtt", "es": "video.es.srt"} to the video.',
    flagged=_post("tiktok", {"path": "reel-1080x1920.mp4", "kind": "video"}),
    clean=_post(
        "tiktok", {"path": "reel-1080x1920.mp4", "kind": "video", "captions": {"ca": "reel.ca.vtt"}}
    ),
    media_only=True,
)
def video_captions_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.post.media:
        return
    langs = [lang for _, lang, _ in ctx.variants()]
    for s in video_states(ctx):
        embedded = set(s.info.caption_languages) if s.info is not None else set()
        if "und" in embedded:
            continue
        missing = [lang for lang in langs if lang not in s.media.captions and lang not in embedded]
        if missing:
            yield new_hit(
                f"video {s.media.location!r} has no captions in {', '.join(missing)}",
                s.path,
            )


_VTT_CUE = re.compile(r"(?:\d+:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d+:)?\d{2}:\d{2}\.\d{3}")
_SRT_CUE = re.compile(r"\d+:\d{2}:\d{2},\d{3}\s+-->\s+\d+:\d{2}:\d{2},\d{3}")


def caption_problem(path: Path) -> str | None:
    """Why a caption file cannot serve (None when it is a SubRip or WebVTT file with cues)."""
    import os

    from govsocial.files import open_file

    try:
        # a named pipe nothing writes to is not waited for forever, and at most
        # MAX_CAPTION_BYTES + 1 bytes are read: a device (/dev/zero) has no size
        with open_file(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_CAPTION_BYTES:
                return f"{size:,} bytes, over the {MAX_CAPTION_BYTES:,} read for a caption file"
            raw = fh.read(MAX_CAPTION_BYTES + 1)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if len(raw) > MAX_CAPTION_BYTES:
        return f"more than {MAX_CAPTION_BYTES:,} bytes, the most read for a caption file"
    if not raw.strip():
        return "is empty"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not UTF-8 text (captions are SubRip .srt or WebVTT .vtt, in UTF-8)"
    if text.startswith("WEBVTT"):
        return None if _VTT_CUE.search(text) else "is a WebVTT file with no cue"
    if _SRT_CUE.search(text):
        return None
    return "is neither SubRip (.srt) nor WebVTT (.vtt): no timed cue found"


@rule(
    "GS289",
    "caption-file-unreadable",
    summary="A video's caption file is missing, empty, or not SubRip or WebVTT.",
    severity=Severity.ERROR,
    why="The networks that take caption files (YouTube, Facebook, LinkedIn, X) take SubRip or "
    "WebVTT in UTF-8; anything else is refused or shows garbage, and the video goes out "
    "without captions.",
    flagged=_post("x", _vid("reel-1080x1920.mp4", captions={"ca": "not-an-image.jpg"})),
    clean=_post("x", _vid("reel-1080x1920.mp4", captions={"ca": "reel.ca.vtt"})),
    media_only=True,
)
def caption_file_unreadable(ctx: Context) -> Iterator[Hit]:
    for i, m in enumerate(ctx.post.media):
        if m.captions and m.kind != "video":
            yield new_hit(
                f"{m.kind} {m.location!r} has captions: only videos carry captions, they are "
                "not published (use alt text)",
                f"/media/{i}/captions",
                severity=Severity.WARNING,
            )
            continue
        for lang, where in m.captions.items():
            if where == BURNED_IN:
                continue
            problem = caption_problem(_resolve(ctx, where))
            if problem is not None:
                yield new_hit(
                    f"the {lang!r} captions of {m.location!r}, {where}, {problem}",
                    f"/media/{i}/captions/{pointer_escape(lang)}",
                    lang=lang,
                )
