"""Safe image inspection: what an image is, read from its headers, never trusted blindly.

:func:`inspect_image` reads the format from the bytes (never from the file name), the
size after EXIF orientation, the colour mode and bit depth, the frame count and the file
size. It reads headers only unless ``verify=True``, which decodes every pixel once (a
truncated JPEG opens fine and fails only when decoded). Every hostile input becomes an
:class:`~govsocial.errors.ImageError` with a stable ``reason``; no other exception leaves
this module for any bytes. Pillow is imported on first use (``govsocial[images]``).

Long on purpose: every hostile case (bombs, truncation, lying formats, EXIF, animation,
bit depth) is handled where the file is read, so that no path can skip one of them.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import attrs

from govsocial.errors import ImageError, MissingExtraError, UsageError
from govsocial.files import open_file

if TYPE_CHECKING:
    from PIL import Image as PILImage

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PIXELS",
    "FORMATS",
    "ImageInfo",
    "ImageSource",
    "inspect_image",
    "open_image",
]

ImageSource = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

#: The formats govsocial opens: what the networks accept. Anything else is "not-an-image".
FORMATS: tuple[str, ...] = ("JPEG", "PNG", "GIF", "WEBP")

#: Pixel cap (after which a file is a decompression bomb): 40 Mpx, well under Pillow's
#: 89 Mpx warning and above every network's own cap (LinkedIn 36 Mpx, Mastodon 33 Mpx).
DEFAULT_MAX_PIXELS = 40_000_000

#: File size cap: 64 MiB, above every network's image limit (YouTube thumbnails: 50 MB).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# Decoding stops after this many pixels in all frames of an animation (the first frames
# are verified; a 40 Mpx x 1000-frame GIF would otherwise take minutes).
_MAX_DECODED_PIXELS = 4 * DEFAULT_MAX_PIXELS

_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}

_BITS = {"1": 1, "I": 32, "F": 32, "I;16": 16, "I;16B": 16, "I;16L": 16, "I;16N": 16}


@attrs.frozen
class ImageInfo:
    """What an image is. `width` and `height` are as displayed (after EXIF orientation).

    `notes` lists what is legal but risky, as stable words: ``cmyk`` (networks show CMYK
    with wrong colours), ``16-bit`` (16 bits per channel), ``corrupt-exif``.
    `verified` is True when every pixel was decoded once without error.
    """

    format: str
    width: int
    height: int
    mode: str
    bit_depth: int
    frames: int
    size_bytes: int
    orientation: int = 1
    verified: bool = False
    notes: tuple[str, ...] = ()

    @property
    def animated(self) -> bool:
        return self.frames > 1

    @property
    def aspect_ratio(self) -> float:
        """Width divided by height (1.91 for a 1.91:1 banner)."""
        return self.width / self.height

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def mime_type(self) -> str:
        return _MIME[self.format]


def _pil() -> Any:
    try:
        from PIL import Image
    except ImportError:
        raise MissingExtraError("images", "inspecting images") from None
    return Image


def _magic(head: bytes) -> str | None:
    """The format the first bytes announce (Pillow says only "unidentified" when a file
    starts as a PNG but its headers are broken)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    return None


def _sniff(head: bytes) -> str:
    """A short description of what non-image bytes look like (for the error message)."""
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    low = h[:512].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low or b"<head" in low:
        return "an HTML page"
    if low.startswith(b"<svg") or (low.startswith(b"<?xml") and b"<svg" in low):
        return "an SVG drawing (networks need a raster image)"
    if h.startswith(b"%PDF"):
        return "a PDF document"
    if h.startswith((b"II*\x00", b"MM\x00*")):
        return "a TIFF image (not accepted by the networks)"
    if h.startswith(b"BM"):
        return "a BMP image (not accepted by the networks)"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
            return "a HEIC/HEIF photo (export it as JPEG)"
        if brand in (b"avif", b"avis"):
            return "an AVIF image (export it as JPEG or PNG)"
        return "a video or other ISO media file"
    if head and all(b in b"\t\n\r" or 32 <= b < 127 or b >= 128 for b in head[:256]):
        try:
            head[:256].decode("utf-8")
        except UnicodeDecodeError:
            return "not a JPEG, PNG, GIF or WebP image"
        return "a text file"
    return "not a JPEG, PNG, GIF or WebP image"


@contextmanager
def _stream(
    source: ImageSource, max_bytes: int, name: str
) -> Iterator[tuple[IO[bytes], int, bytes]]:
    """The bytes of `source` as a seekable stream, its size and its first 64 bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            raise ImageError(
                "too-large-file",
                f"{len(data):,} bytes; at most {max_bytes:,} are read",
                source=name,
            )
        yield io.BytesIO(data), len(data), data[:64]
        return
    if isinstance(source, (str, os.PathLike)):
        try:
            fh = open_file(source)  # a named pipe no process writes to: not a hang
        except FileNotFoundError:
            raise ImageError("missing", "file not found", source=name) from None
        except IsADirectoryError:
            raise ImageError("missing", "is a directory, not an image file", source=name) from None
        except OSError as exc:
            raise ImageError("missing", f"cannot be read ({exc.strerror})", source=name) from None
        try:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise ImageError(
                    "missing", "is not a regular file (a pipe or a device)", source=name
                )
            size = st.st_size
            if size > max_bytes:
                raise ImageError(
                    "too-large-file", f"{size:,} bytes; at most {max_bytes:,} are read", source=name
                )
            head = fh.read(64)
            fh.seek(0)
            yield fh, size, head
        finally:
            fh.close()
        return
    data = source.read(max_bytes + 1)
    if not isinstance(data, bytes):
        raise UsageError(f"expected a binary file, got source={source!r:.60}")
    if len(data) > max_bytes:
        raise ImageError(
            "too-large-file",
            f"more than {max_bytes:,} bytes; at most that many are read",
            source=name,
        )
    yield io.BytesIO(data), len(data), data[:64]


def _name(source: ImageSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return str(getattr(source, "name", "<file>"))


def _check_args(source: object, max_pixels: int, max_bytes: int) -> None:
    if not isinstance(source, (str, os.PathLike, bytes, bytearray, memoryview)) and not hasattr(
        source, "read"
    ):
        raise UsageError(f"expected a path, bytes or a binary file, got source={source!r:.60}")
    if isinstance(source, str) and not source:
        raise UsageError("expected a path, got source=''")
    for arg, value in (("max_pixels", max_pixels), ("max_bytes", max_bytes)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise UsageError(f"expected a positive integer, got {arg}={value!r}")


# Errors Pillow raises on hostile input: OSError (truncated, unidentified), SyntaxError
# (broken PNG chunks), ValueError/TypeError/struct.error/EOFError/IndexError/KeyError
# (malformed headers and tables), zlib.error, and DecompressionBombError (an Exception,
# not an OSError).
_DECODE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    struct.error,
    EOFError,
    IndexError,
    KeyError,
    zlib.error,
    OverflowError,
    MemoryError,
    RecursionError,
)


def _bomb(w: int, h: int, max_pixels: int, name: str) -> ImageError:
    return ImageError(
        "too-many-pixels",
        f"{w}x{h} pixels ({w * h:,}) is over the cap of {max_pixels:,}: refused unread "
        "as a possible decompression bomb",
        source=name,
    )


def _open(
    Image: Any, fh: IO[bytes], head: bytes, max_pixels: int, name: str
) -> tuple[PILImage.Image, list[warnings.WarningMessage]]:
    caught: list[warnings.WarningMessage]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            im = Image.open(fh, formats=FORMATS)
        except Image.DecompressionBombError:
            raise ImageError(
                "too-many-pixels",
                "over Pillow's own decompression-bomb limit: refused unread",
                source=name,
            ) from None
        except Image.UnidentifiedImageError:
            claimed = _magic(head)
            if claimed is not None:
                raise ImageError(
                    "corrupt",
                    f"starts as a {claimed} file but its headers cannot be read",
                    source=name,
                ) from None
            raise ImageError("not-an-image", _sniff(head), source=name) from None
        except _DECODE_ERRORS as exc:
            raise ImageError(
                "corrupt", f"the headers cannot be read ({_reason(exc)})", source=name
            ) from None
    w, h = im.size
    if w < 1 or h < 1:
        raise ImageError("corrupt", f"the headers give a size of {w}x{h}", source=name)
    if w * h > max_pixels:
        raise _bomb(w, h, max_pixels, name)
    return im, caught


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]


def _orientation(im: Any, notes: list[str]) -> int:
    raw = im.info.get("exif")
    if not raw:
        return 1
    from PIL import Image

    exif = Image.Exif()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exif.load(raw)
        value = exif.get(0x0112, 1)
    except _DECODE_ERRORS:
        notes.append("corrupt-exif")
        return 1
    if caught:
        notes.append("corrupt-exif")
    if not isinstance(value, int) or not 1 <= value <= 8:
        if "corrupt-exif" not in notes:
            notes.append("corrupt-exif")
        return 1
    return value


def _bit_depth(fmt: str, mode: str, head: bytes) -> int:
    if fmt == "PNG" and len(head) >= 25 and head[12:16] == b"IHDR":
        return head[24]  # the IHDR bit depth: 16-bit RGB PNGs open as 8-bit RGB in Pillow
    return _BITS.get(mode, 8)


def _frames(im: Any) -> int:
    n = getattr(im, "n_frames", 1)
    return n if isinstance(n, int) and n >= 1 else 1


def _verify(Image: Any, fh: IO[bytes], head: bytes, max_pixels: int, name: str) -> None:
    """Decode every pixel once on a fresh image object (never one that failed before)."""
    fh.seek(0)
    im, _ = _open(Image, fh, head, max_pixels, name)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        try:
            im.load()
            decoded = im.size[0] * im.size[1]
            frame = 0
            while getattr(im, "is_animated", False) and decoded < _MAX_DECODED_PIXELS:
                frame += 1
                try:
                    im.seek(frame)
                except EOFError:
                    break
                im.load()
                decoded += im.size[0] * im.size[1]
        except Image.DecompressionBombError:
            raise _bomb(*im.size, max_pixels, name) from None
        except _DECODE_ERRORS as exc:
            raise ImageError(
                "corrupt", f"truncated or damaged image data ({_reason(exc)})", source=name
            ) from None
        finally:
            del im


def inspect_image(
    source: ImageSource,
    *,
    verify: bool = False,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImageInfo:
    """Describe the image `source` (a path, bytes or a binary file) from its headers.

    ``verify=True`` also decodes every pixel once, to find truncated or damaged data.
    Raises :class:`~govsocial.errors.ImageError` (``reason``: missing, empty,
    too-large-file, not-an-image, too-many-pixels, corrupt) for anything that is not a
    usable JPEG, PNG, GIF or WebP; :class:`~govsocial.errors.UsageError` for bad
    arguments; :class:`~govsocial.errors.MissingExtraError` without Pillow.
    """
    _check_args(source, max_pixels, max_bytes)
    name = _name(source)
    Image = _pil()
    with _stream(source, max_bytes, name) as (fh, size, head):
        if size == 0:
            raise ImageError("empty", "the file is empty (0 bytes)", source=name)
        im, caught = _open(Image, fh, head, max_pixels, name)
        try:
            notes: list[str] = []
            fmt = str(im.format)
            mode = str(im.mode)
            orientation = _orientation(im, notes)
            if any("EXIF" in str(w.message) for w in caught) and "corrupt-exif" not in notes:
                notes.append("corrupt-exif")
            try:
                frames = _frames(im)
            except _DECODE_ERRORS as exc:
                raise ImageError(
                    "corrupt", f"the frames cannot be read ({_reason(exc)})", source=name
                ) from None
            w, h = im.size
        finally:
            # Not im.close(): Pillow would close the caller's stream too. The object is
            # dropped, never reused (a failed decode leaves an object that later
            # "succeeds" silently).
            del im
        if verify:
            _verify(Image, fh, head, max_pixels, name)
    depth = _bit_depth(fmt, mode, head)
    if mode == "CMYK":
        notes.append("cmyk")
    if depth == 16:
        notes.append("16-bit")
    if orientation >= 5:
        w, h = h, w
    return ImageInfo(
        format=fmt,
        width=w,
        height=h,
        mode=mode,
        bit_depth=depth,
        frames=frames,
        size_bytes=size,
        orientation=orientation,
        verified=verify,
        notes=tuple(sorted(set(notes))),
    )


@contextmanager
def open_image(
    source: ImageSource, *, max_pixels: int = DEFAULT_MAX_PIXELS
) -> Iterator[PILImage.Image]:
    """A fully decoded, EXIF-oriented Pillow image of `source` (for rules that need pixels).

    The same checks as :func:`inspect_image` with ``verify=True`` come first, so a bomb or a
    damaged file raises :class:`~govsocial.errors.ImageError` and is never half-used.
    """
    inspect_image(source, verify=True, max_pixels=max_pixels)
    Image = _pil()
    from PIL import ImageOps

    name = _name(source)
    if not isinstance(source, (str, os.PathLike, bytes, bytearray, memoryview)):
        source.seek(0)
        source = source.read()
    data: Any = io.BytesIO(bytes(source)) if not isinstance(source, (str, os.PathLike)) else source
    im = None
    try:
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            im = Image.open(data, formats=FORMATS)
            im.load()
            ImageOps.exif_transpose(im, in_place=True)  # no copy when already upright
    except _DECODE_ERRORS as exc:
        if im is not None:
            im.close()
        raise ImageError("corrupt", f"cannot be decoded ({_reason(exc)})", source=name) from None
    try:
        yield im
    finally:
        im.close()
