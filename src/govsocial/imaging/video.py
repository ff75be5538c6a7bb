"""Safe video inspection: container, size as displayed, duration and tracks, from the headers.

:func:`inspect_video` reads the container's index only (the ISO base media ``moov`` box
of MP4 and QuickTime MOV, the EBML header, segment info and track list of WebM and
Matroska, the ``hdrl`` list of AVI), never the coded frames, so a 2 GB file costs a few
reads. Pure Python: no extra is needed. The format comes from the bytes, never from the
file name; every hostile input (a truncated index, a box that claims more bytes than the
file has, nesting or element counts meant to exhaust the reader, an image or an HTML
page named ``.mp4``) becomes a :class:`~govsocial.errors.VideoError` with a stable
``reason``; no other exception leaves this module for any bytes.

Long on purpose: three container grammars (ISO BMFF, EBML, RIFF), each bounded where it
is read, so that no path can skip a bound.
"""

from __future__ import annotations

import io
import math
import os
import stat
import struct
from collections.abc import Iterator
from typing import IO

import attrs

from govsocial.errors import VideoError
from govsocial.files import open_file

__all__ = ["DEFAULT_MAX_VIDEO_BYTES", "VIDEO_FORMATS", "VideoInfo", "VideoSource", "inspect_video"]

VideoSource = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

#: The containers govsocial reads: what the networks accept. Anything else is "not-a-video".
VIDEO_FORMATS: tuple[str, ...] = ("MP4", "MOV", "WEBM", "MKV", "AVI")

#: Files larger than this are not read: 16 GiB, above every network's own cap (Facebook
#: and TikTok 10 GB). Only the index is read, so the cap bounds nothing but the claim.
DEFAULT_MAX_VIDEO_BYTES = 16 * 1024**3

_MIME = {
    "MP4": "video/mp4",
    "MOV": "video/quicktime",
    "WEBM": "video/webm",
    "MKV": "video/x-matroska",
    "AVI": "video/x-msvideo",
}

# Bounds on what the index may make us do.
_MAX_INDEX_BYTES = 64 * 1024 * 1024  # a moov box read into memory (hours of video: ~10 MB)
_MAX_BOXES = 20_000  # boxes or elements visited in one file
_MAX_DEPTH = 12  # nesting of container boxes / master elements
_MAX_TRACKS = 64

# ISO BMFF container boxes whose children we walk (moov > trak > mdia > minf > stbl).
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"mvex", b"udta"}
_QUICKTIME_FIRST = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
_HANDLERS = {
    b"vide": "video",
    b"soun": "audio",
    b"text": "text",
    b"sbtl": "text",
    b"subt": "text",
    b"clcp": "text",
}


@attrs.frozen
class VideoInfo:
    """What a video is. `width` and `height` are as displayed (after the rotation).

    `duration` is in seconds (None when the container does not say, e.g. a live WebM);
    `tracks` lists the kinds of track in order (``video``, ``audio``, ``text``, ``other``);
    `caption_languages` are the ISO 639-1 (or 639-2 when there is no two-letter code)
    languages of the embedded caption tracks, ``und`` when a track does not say;
    `notes` lists what is legal but risky, as stable words: ``moov-at-end`` (the MP4
    index after the frames: Instagram and Threads refuse it, players wait for the whole
    file), ``no-video-track``, ``duration-unknown`` (a live or fragmented recording
    whose index does not say how long it is).
    """

    format: str
    width: int
    height: int
    duration: float | None
    size_bytes: int
    rotation: int = 0
    frame_rate: float | None = None
    tracks: tuple[str, ...] = ()
    caption_languages: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def mime_type(self) -> str:
        return _MIME[self.format]

    @property
    def aspect_ratio(self) -> float:
        return self.width / self.height if self.height else 0.0

    @property
    def has_audio(self) -> bool:
        return "audio" in self.tracks


def inspect_video(source: VideoSource, *, max_bytes: int = DEFAULT_MAX_VIDEO_BYTES) -> VideoInfo:
    """Inspect a video file from its container's index, never trusting its name.

    `source` is a path, the bytes, or a binary file open for reading (seekable).
    Raises :class:`~govsocial.errors.VideoError` (with ``reason`` ``missing``, ``empty``,
    ``too-large-file``, ``not-a-video`` or ``corrupt``) for anything that is not a
    readable MP4, MOV, WebM, Matroska or AVI.

    >>> info = inspect_video("examples/media/phone-rotated.mov")
    >>> info.format, info.width, info.height, info.rotation, info.duration
    ('MOV', 1080, 1920, 90, 4.0)
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        from govsocial.errors import UsageError

        raise UsageError(f"inspect_video: max_bytes must be a positive integer, not {max_bytes!r}")
    name: str | None = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return _inspect(io.BytesIO(data), len(data), "<bytes>", max_bytes)
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        try:
            with open_file(name) as fh:  # a named pipe no process writes to: not a hang
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode):
                    raise VideoError(
                        "missing", "is not a regular file (a pipe or a device)", source=name
                    )
                return _inspect(fh, st.st_size, name, max_bytes)
        except VideoError:
            raise
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
            raise VideoError(
                "missing", f"cannot read the file ({exc.strerror})", source=name
            ) from None
        except OSError as exc:
            raise VideoError("missing", f"cannot read the file ({exc})", source=name) from None
    if hasattr(source, "read") and hasattr(source, "seek"):
        name = str(getattr(source, "name", "<file>"))
        try:
            start = source.tell()
            source.seek(0, io.SEEK_END)
            size = source.tell() - start
            source.seek(start)
        except (OSError, ValueError) as exc:
            raise VideoError(
                "missing", f"the file object cannot be read ({exc})", source=name
            ) from None
        return _inspect(_Offset(source, start), size, name, max_bytes)
    from govsocial.errors import UsageError

    raise UsageError(
        "inspect_video: source must be a path, bytes or a seekable binary file, "
        f"not {type(source).__name__}"
    )


class _Offset:
    """A file object seen from `start` (a caller's file may not be at position 0)."""

    def __init__(self, fh: IO[bytes], start: int) -> None:
        self._fh, self._start = fh, start

    def seek(self, pos: int) -> None:
        self._fh.seek(self._start + pos)

    def read(self, n: int) -> bytes:
        return self._fh.read(n)


class _Reader:
    """Bounded random access to the file: every read is checked against its size."""

    def __init__(self, fh: IO[bytes] | _Offset, size: int, name: str) -> None:
        self.fh, self.size, self.name = fh, size, name
        self.visited = 0

    def read(self, pos: int, n: int) -> bytes:
        if pos < 0 or n < 0 or pos + n > self.size:
            raise self.corrupt(f"the index points past the end of the file (byte {pos + n:,})")
        self.fh.seek(pos)
        data = self.fh.read(n)
        if len(data) != n:
            raise self.corrupt("the file is shorter than it says")
        return data

    def visit(self) -> None:
        self.visited += 1
        if self.visited > _MAX_BOXES:
            raise self.corrupt(f"more than {_MAX_BOXES:,} boxes or elements in the index")

    def corrupt(self, message: str) -> VideoError:
        return VideoError("corrupt", message, source=self.name)


def _inspect(fh: IO[bytes] | _Offset, size: int, name: str, max_bytes: int) -> VideoInfo:
    if size == 0:
        raise VideoError("empty", "the file is empty (zero bytes)", source=name)
    if size > max_bytes:
        raise VideoError(
            "too-large-file",
            f"the file is {size:,} bytes, over the cap of {max_bytes:,}",
            source=name,
        )
    r = _Reader(fh, size, name)
    head = r.read(0, min(size, 64))
    try:
        if head[4:8] == b"ftyp" or (len(head) >= 8 and head[4:8] in _QUICKTIME_FIRST):
            return _iso(r, head)
        if head[:4] == b"\x1a\x45\xdf\xa3":
            return _ebml(r)
        if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
            return _avi(r)
    except (struct.error, ValueError, OverflowError, IndexError, UnicodeDecodeError) as exc:
        raise r.corrupt(f"the index cannot be read ({exc})") from None
    raise VideoError("not-a-video", _what_else(head), source=name)


def _what_else(head: bytes) -> str:
    known = (
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"\x00\x00\x01\xba", "an MPEG program stream (export it as MP4)"),
        (b"PK\x03\x04", "a ZIP archive"),
    )
    for magic, what in known:
        if head.startswith(magic):
            return f"the bytes are {what}, not an MP4, MOV, WebM, Matroska or AVI video"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "the bytes are a WebP image, not a video"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype", b"<html", b"<?xml", b"<svg")):
        return "the bytes are an HTML or XML page, not a video"
    return "not an MP4, MOV, WebM, Matroska or AVI video (the bytes say so, whatever the name)"


# ---------------------------------------------------------------- ISO BMFF (MP4, MOV)


def _boxes(r: _Reader, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of each box in [start, end)."""
    pos = start
    while pos + 8 <= end:
        r.visit()
        size, kind = struct.unpack(">I4s", r.read(pos, 8))
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise r.corrupt(f"the '{_tag(kind)}' box is cut short")
            (size,) = struct.unpack(">Q", r.read(pos + 8, 8))
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise r.corrupt(
                f"the '{_tag(kind)}' box at byte {pos:,} claims {size:,} bytes; "
                f"{end - pos:,} remain"
            )
        yield kind, pos + header, pos + size
        pos += size


def _tag(kind: bytes) -> str:
    return kind.decode("latin-1").encode("unicode_escape").decode("ascii")


@attrs.define
class _Track:
    kind: str = "other"
    width: float = 0.0
    height: float = 0.0
    rotation: int = 0
    timescale: int = 0
    duration: int = 0
    samples: int = 0
    language: str = "und"


def _iso(r: _Reader, head: bytes) -> VideoInfo:
    fmt = "MOV" if head[4:8] != b"ftyp" or head[8:12] == b"qt  " else "MP4"
    moov: tuple[int, int] | None = None
    mdat_before_moov = False
    for kind, start, end in _boxes(r, 0, r.size):
        if kind == b"moov" and moov is None:
            moov = (start, end)
        elif kind == b"mdat" and moov is None:
            mdat_before_moov = True
        if moov is not None:
            break  # what follows the index is frames (or more fragments): not read
    if moov is None:
        raise r.corrupt("no 'moov' box: the index of the video is missing (an interrupted export?)")
    if moov[1] - moov[0] > _MAX_INDEX_BYTES:
        raise r.corrupt(f"the 'moov' index is over {_MAX_INDEX_BYTES:,} bytes")
    blob = _Reader(io.BytesIO(r.read(moov[0], moov[1] - moov[0])), moov[1] - moov[0], r.name)
    blob.visited = r.visited
    timescale, duration = 0, 0
    tracks: list[_Track] = []
    for kind, start, end in _boxes(blob, 0, blob.size):
        if kind == b"mvhd":
            timescale, duration = _mvhd(blob.read(start, end - start))
        elif kind == b"mvex":  # a fragmented MP4: the whole length is in 'mehd', if anywhere
            for sub, ss, se in _boxes(blob, start, end):
                if sub == b"mehd" and not duration:
                    payload = blob.read(ss, se - ss)
                    fmt_ = ">Q" if payload[0] == 1 else ">I"
                    (duration,) = struct.unpack(fmt_, payload[4 : 4 + struct.calcsize(fmt_)])
        elif kind == b"trak":
            if len(tracks) >= _MAX_TRACKS:
                raise r.corrupt(f"more than {_MAX_TRACKS} tracks")
            tracks.append(_trak(blob, start, end, 1))
    seconds: float | None = duration / timescale if timescale and duration else None
    if seconds is None:
        lengths = [t.duration / t.timescale for t in tracks if t.timescale and t.duration]
        seconds = max(lengths) if lengths else None
    notes: list[str] = []
    if mdat_before_moov:
        notes.append("moov-at-end")
    if seconds is None:
        notes.append("duration-unknown")
    video = next((t for t in tracks if t.kind == "video"), None)
    if video is None:
        notes.append("no-video-track")
        video = _Track()
    width, height = round(video.width), round(video.height)
    if video.rotation in (90, 270):
        width, height = height, width
    rate = None
    if video.samples and video.timescale and video.duration:
        rate = round(video.samples * video.timescale / video.duration, 3)
    return VideoInfo(
        format=fmt,
        width=width,
        height=height,
        duration=_finite(seconds),
        size_bytes=r.size,
        rotation=video.rotation,
        frame_rate=rate,
        tracks=tuple(t.kind for t in tracks),
        caption_languages=tuple(t.language for t in tracks if t.kind == "text"),
        notes=tuple(notes),
    )


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, 3)


def _full(payload: bytes) -> tuple[int, bytes]:
    return payload[0], payload[4:]


def _mvhd(payload: bytes) -> tuple[int, int]:
    version, body = _full(payload)
    if version == 1:
        timescale, duration = struct.unpack(">IQ", body[16:28])
    else:
        timescale, duration = struct.unpack(">II", body[8:16])
    return timescale, duration


def _trak(r: _Reader, start: int, end: int, depth: int) -> _Track:
    track = _Track()
    _walk_trak(r, start, end, depth, track)
    return track


def _walk_trak(r: _Reader, start: int, end: int, depth: int, track: _Track) -> None:
    if depth > _MAX_DEPTH:
        raise r.corrupt(f"boxes nested more than {_MAX_DEPTH} deep")
    for kind, s, e in _boxes(r, start, end):
        if kind in _CONTAINERS:
            _walk_trak(r, s, e, depth + 1, track)
        elif kind == b"tkhd":
            _tkhd(r.read(s, e - s), track)
        elif kind == b"mdhd":
            _mdhd(r.read(s, e - s), track)
        elif kind == b"hdlr":
            # QuickTime also puts a data-handler 'hdlr' in 'minf' ('alis', 'url '): only
            # the media handler names the track's kind.
            handler = r.read(s, e - s)[8:12]
            track.kind = _HANDLERS.get(handler, track.kind)
        elif kind == b"stsz" and e - s >= 12:
            (track.samples,) = struct.unpack(">I", r.read(s + 8, 4))


def _tkhd(payload: bytes, track: _Track) -> None:
    version, body = _full(payload)
    base = 32 if version == 1 else 20  # creation, modification, id, reserved, duration
    matrix = struct.unpack(">9i", body[base + 16 : base + 52])
    w, h = struct.unpack(">II", body[base + 52 : base + 60])
    track.width, track.height = w / 65536, h / 65536
    a, b = matrix[0], matrix[1]
    if a == 0 and b > 0:
        track.rotation = 90
    elif a < 0 and b == 0:
        track.rotation = 180
    elif a == 0 and b < 0:
        track.rotation = 270


def _mdhd(payload: bytes, track: _Track) -> None:
    version, body = _full(payload)
    if version == 1:
        track.timescale, track.duration = struct.unpack(">IQ", body[16:28])
        packed = struct.unpack(">H", body[28:30])[0]
    else:
        track.timescale, track.duration = struct.unpack(">II", body[8:16])
        packed = struct.unpack(">H", body[16:18])[0]
    if packed and packed < 0x8000:  # ISO 639-2/T, three 5-bit letters
        code = "".join(chr(((packed >> shift) & 0x1F) + 0x60) for shift in (10, 5, 0))
        track.language = _iso639_1(code) if code.isalpha() and code.islower() else "und"


# Three-letter codes of the languages govsocial serves, to two-letter ones (others kept).
_ISO639 = {
    "cat": "ca",
    "spa": "es",
    "eus": "eu",
    "baq": "eu",
    "glg": "gl",
    "oci": "oc",
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "por": "pt",
}


def _iso639_1(code: str) -> str:
    return _ISO639.get(code, code)


# ---------------------------------------------------------------- EBML (WebM, Matroska)

_SEGMENT, _INFO, _TRACKS, _CLUSTER = 0x18538067, 0x1549A966, 0x1654AE6B, 0x1F43B675
_TRACK_ENTRY, _TRACK_TYPE, _VIDEO, _LANGUAGE, _LANGUAGE_BCP47 = 0xAE, 0x83, 0xE0, 0x22B59C, 0x22B59D
_PIXEL_W, _PIXEL_H = 0xB0, 0xBA
_TIMESCALE, _DURATION, _DOCTYPE, _DEFAULT_DURATION = 0x2AD7B1, 0x4489, 0x4282, 0x23E383


def _vint(r: _Reader, pos: int, *, keep_marker: bool) -> tuple[int, int, bool]:
    """(value, length, unknown) of the variable-size integer at `pos`."""
    first = r.read(pos, 1)[0]
    if first == 0:
        raise r.corrupt(f"an invalid element header at byte {pos:,}")
    length = 8 - first.bit_length() + 1
    raw = r.read(pos, length)
    value = int.from_bytes(raw, "big")
    if not keep_marker:
        value &= (1 << (7 * length)) - 1
        return value, length, value == (1 << (7 * length)) - 1
    return value, length, False


def _elements(r: _Reader, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(id, payload start, payload end) of each element in [start, end)."""
    pos = start
    while pos < end:
        r.visit()
        ident, ilen, _ = _vint(r, pos, keep_marker=True)
        size, slen, unknown = _vint(r, pos + ilen, keep_marker=False)
        body = pos + ilen + slen
        stop = end if unknown else body + size
        if stop > end:
            if ident != _SEGMENT or body > end:
                raise r.corrupt(f"an element at byte {pos:,} claims {size:,} bytes past the end")
            stop = end  # a segment cut short: its index comes first, read what is there
        yield ident, body, stop
        if unknown:
            return
        pos = stop


def _uint(r: _Reader, s: int, e: int) -> int:
    if e - s > 8:
        raise r.corrupt("an integer element longer than 8 bytes")
    return int.from_bytes(r.read(s, e - s), "big") if e > s else 0


def _float(r: _Reader, s: int, e: int) -> float:
    if e - s == 4:
        return float(struct.unpack(">f", r.read(s, 4))[0])
    if e - s == 8:
        return float(struct.unpack(">d", r.read(s, 8))[0])
    raise r.corrupt("a float element that is neither 4 nor 8 bytes")


def _ebml(r: _Reader) -> VideoInfo:
    doctype = ""
    segment: tuple[int, int] | None = None
    elements = _elements(r, 0, r.size)
    ident, s, e = next(elements)  # the EBML header: the magic number said so
    for sub, ss, se in _elements(r, s, e):
        if sub == _DOCTYPE:
            doctype = r.read(ss, min(se - ss, 32)).rstrip(b"\0").decode("ascii", "replace")
    if doctype not in ("webm", "matroska"):
        raise VideoError(
            "not-a-video",
            f"an EBML file of type {doctype or 'unknown'!r}, not WebM or Matroska",
            source=r.name,
        )
    for ident, s, e in elements:
        if ident == _SEGMENT:
            segment = (s, e)
            break
    if segment is None:
        raise r.corrupt("no segment: the file holds no video")
    scale, raw_duration = 1_000_000, None
    tracks: list[tuple[str, int, int, str, int]] = []
    for ident, s, e in _elements(r, *segment):
        if ident == _INFO:
            for sub, ss, se in _elements(r, s, e):
                if sub == _TIMESCALE:
                    scale = _uint(r, ss, se) or 1_000_000
                elif sub == _DURATION:
                    raw_duration = _float(r, ss, se)
        elif ident == _TRACKS:
            for sub, ss, se in _elements(r, s, e):
                if sub == _TRACK_ENTRY:
                    if len(tracks) >= _MAX_TRACKS:
                        raise r.corrupt(f"more than {_MAX_TRACKS} tracks")
                    tracks.append(_track_entry(r, ss, se))
        elif ident == _CLUSTER:
            break  # the frames begin: the index (info, tracks) comes before them
    kinds = tuple(t[0] for t in tracks)
    notes: list[str] = [] if raw_duration is not None else ["duration-unknown"]
    video = next((t for t in tracks if t[0] == "video"), None)
    if video is None:
        notes.append("no-video-track")
        video = ("video", 0, 0, "und", 0)
    seconds = raw_duration * scale / 1e9 if raw_duration is not None else None
    rate = round(1e9 / video[4], 3) if video[4] else None
    return VideoInfo(
        format="WEBM" if doctype == "webm" else "MKV",
        width=video[1],
        height=video[2],
        duration=_finite(seconds),
        size_bytes=r.size,
        frame_rate=rate,
        tracks=kinds,
        caption_languages=tuple(t[3] for t in tracks if t[0] == "text"),
        notes=tuple(notes),
    )


def _track_entry(r: _Reader, s: int, e: int) -> tuple[str, int, int, str, int]:
    kind, width, height, lang, frame_ns = "other", 0, 0, "eng", 0  # Matroska's default: English
    for ident, ss, se in _elements(r, s, e):
        if ident == _TRACK_TYPE:
            kind = {1: "video", 2: "audio", 0x11: "text"}.get(_uint(r, ss, se), "other")
        elif ident == _LANGUAGE:
            lang = _iso639_1(r.read(ss, min(se - ss, 16)).rstrip(b"\0").decode("ascii", "replace"))
        elif ident == _LANGUAGE_BCP47:
            lang = (
                r.read(ss, min(se - ss, 35)).rstrip(b"\0").decode("ascii", "replace").split("-")[0]
            )
        elif ident == _DEFAULT_DURATION:
            frame_ns = _uint(r, ss, se)
        elif ident == _VIDEO:
            for sub, vs, ve in _elements(r, ss, se):
                if sub == _PIXEL_W:
                    width = _uint(r, vs, ve)
                elif sub == _PIXEL_H:
                    height = _uint(r, vs, ve)
    return kind, width, height, lang, frame_ns


# ---------------------------------------------------------------- RIFF (AVI)


def _avi(r: _Reader) -> VideoInfo:
    pos, end = 12, min(r.size, 8 + struct.unpack("<I", r.read(4, 4))[0])
    hdrl: tuple[int, int] | None = None
    while pos + 8 <= end:
        r.visit()
        fourcc, size = struct.unpack("<4sI", r.read(pos, 8))
        if fourcc == b"LIST" and r.read(pos + 8, 4) == b"hdrl":
            hdrl = (pos + 12, min(end, pos + 8 + size))
            break
        pos += 8 + size + (size & 1)
    if hdrl is None:
        raise r.corrupt("no 'hdrl' list: the AVI header is missing")
    usec, frames, width, height = 0, 0, 0, 0
    kinds: list[str] = []
    pos = hdrl[0]
    while pos + 8 <= hdrl[1]:
        r.visit()
        fourcc, size = struct.unpack("<4sI", r.read(pos, 8))
        if fourcc == b"avih" and size >= 40:
            avih = r.read(pos + 8, 40)
            usec = struct.unpack("<I", avih[0:4])[0]
            frames = struct.unpack("<I", avih[16:20])[0]
            width, height = struct.unpack("<II", avih[32:40])
        elif fourcc == b"LIST" and r.read(pos + 8, 4) == b"strl" and size >= 20:
            stream_type = r.read(pos + 20, 4) if pos + 24 <= hdrl[1] else b""
            kinds.append(
                {b"vids": "video", b"auds": "audio", b"txts": "text"}.get(stream_type, "other")
            )
            if len(kinds) > _MAX_TRACKS:
                raise r.corrupt(f"more than {_MAX_TRACKS} streams")
        pos += 8 + size + (size & 1)
    seconds = usec * frames / 1e6 if usec and frames else None
    notes = (() if "video" in kinds else ("no-video-track",)) + (
        () if seconds is not None else ("duration-unknown",)
    )
    return VideoInfo(
        format="AVI",
        width=width,
        height=height,
        duration=_finite(seconds),
        size_bytes=r.size,
        frame_rate=round(1e6 / usec, 3) if usec else None,
        tracks=tuple(kinds),
        caption_languages=tuple("und" for k in kinds if k == "text"),
        notes=notes,
    )
