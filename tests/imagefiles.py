"""Image files generated for the tests (nothing downloaded, nothing stored in the repository).

`hostile()` is the corpus of hostile inputs, each with the ImageError reason (or the
ImageInfo note) docs/images.md documents for it.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import numpy as np
from PIL import Image


def encode(im: Image.Image, fmt: str, **kw: Any) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


def photo(size: tuple[int, int] = (1080, 1350), seed: int = 0) -> Image.Image:
    """A deterministic RGB 'photo': a gradient with some structure (compresses like one)."""
    w, h = size
    grad = Image.linear_gradient("L").resize((w, h))
    rng = np.random.default_rng(seed)
    noise = Image.fromarray(rng.normal(128, 40, (h, w)).clip(0, 255).astype(np.uint8))
    return Image.merge("RGB", (grad, noise, grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def jpeg(size: tuple[int, int] = (1080, 1350), **kw: Any) -> bytes:
    return encode(photo(size), "JPEG", quality=80, **kw)


def png(size: tuple[int, int] = (1080, 1350)) -> bytes:
    return encode(photo(size), "PNG")


def with_orientation(size: tuple[int, int], value: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = value
    return encode(photo(size), "JPEG", quality=80, exif=exif)


def animated_gif(size: tuple[int, int] = (64, 48), frames: int = 3) -> bytes:
    ims = [Image.new("RGB", size, (60 * i % 256, 0, 255 - 60 * i % 256)) for i in range(frames)]
    return encode(ims[0], "GIF", save_all=True, append_images=ims[1:], duration=100, loop=0)


def animated_png(size: tuple[int, int] = (64, 48), frames: int = 3) -> bytes:
    ims = [Image.new("RGB", size, (0, 70 * i % 256, 0)) for i in range(frames)]
    return encode(ims[0], "PNG", save_all=True, append_images=ims[1:], duration=100)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG header claiming width x height pixels (a few hundred bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    body = comp.compress(row * min(height, 64)) + comp.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_size_patched(width: int, height: int) -> bytes:
    """A small JPEG whose SOF marker claims width x height."""
    data = bytearray(jpeg((64, 64)))
    i = data.index(b"\xff\xc0")
    data[i + 5 : i + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def hostile() -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, expected ImageError reason or 'note:<note>')."""
    good_jpeg = jpeg((400, 300))
    good_png = png((200, 150))
    flipped = bytearray(good_png)
    idat = flipped.index(b"IDAT")
    flipped[idat + 40] ^= 0xFF
    bad_exif = encode(photo((40, 30)), "JPEG", exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05")
    return {
        "empty": (b"", "empty"),
        "html-named-jpg": (b"<!DOCTYPE html>\n<html><body>404</body></html>\n", "not-an-image"),
        "text": (b"Cartell de la Festa Major\n", "not-an-image"),
        "random-binary": (bytes(range(256)) * 4, "not-an-image"),
        "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not-an-image"),
        "tiff": (encode(photo((20, 20)), "TIFF"), "not-an-image"),
        "bmp": (encode(photo((20, 20)), "BMP"), "not-an-image"),
        "png-bomb-100mpx": (png_bomb(10_000, 10_000), "too-many-pixels"),
        "png-bomb-400mpx": (png_bomb(20_000, 20_000), "too-many-pixels"),
        "jpeg-sof-65000": (jpeg_size_patched(65_000, 65_000), "too-many-pixels"),
        "jpeg-truncated-half": (good_jpeg[: len(good_jpeg) // 2], "corrupt"),
        "jpeg-cut-in-headers": (good_jpeg[:300], "corrupt"),
        "png-truncated-half": (good_png[: len(good_png) // 2], "corrupt"),
        "png-flipped-idat-byte": (bytes(flipped), "corrupt"),
        "png-only-signature": (b"\x89PNG\r\n\x1a\n", "corrupt"),
        "gif-only-header": (b"GIF89a\x10\x00\x10\x00", "corrupt"),
        "jpeg-zero-size": (jpeg_size_patched(0, 0), "corrupt"),
        "cmyk-jpeg": (encode(photo((40, 30)).convert("CMYK"), "JPEG"), "note:cmyk"),
        "png-16-bit-grey": (encode(Image.new("I;16", (40, 30), 30000), "PNG"), "note:16-bit"),
        "corrupt-exif": (bad_exif, "note:corrupt-exif"),
    }
