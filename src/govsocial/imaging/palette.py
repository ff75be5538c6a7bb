"""Dominant colours of an image and their distance to a corporate palette, in CIELAB.

Colours are compared in CIELAB (D65, from sRGB) with the CIE76 ΔE, the Euclidean distance:
about 2.3 is a just-noticeable difference, and 10-20 is "another colour" for most
viewers. Dominant colours come from Pillow's median-cut quantisation of a 128-px thumbnail.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from govsocial.imaging.inspect import DEFAULT_MAX_PIXELS, ImageSource, open_image

__all__ = ["DominantColor", "delta_e", "dominant_colors", "srgb_to_lab"]

RGB = tuple[int, int, int]


@attrs.frozen
class DominantColor:
    rgb: RGB
    share: float

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)


def _linear(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def srgb_to_lab(rgb: RGB) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour given as 0-255 integers."""
    r, g, b = (_linear(v) for v in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: RGB, b: RGB) -> float:
    """CIE76 ΔE between two sRGB colours."""
    return math.dist(srgb_to_lab(a), srgb_to_lab(b))


def dominant_colors(
    image: ImageSource, *, count: int = 6, max_pixels: int = DEFAULT_MAX_PIXELS
) -> list[DominantColor]:
    """The image's `count` main colours with the share of pixels each covers, largest first."""
    from PIL import Image

    with open_image(image, max_pixels=max_pixels) as im:
        rgb = im.convert("RGB")
    rgb.thumbnail((128, 128), Image.Resampling.BOX)
    q = rgb.quantize(colors=count, method=Image.Quantize.MEDIANCUT)
    palette: list[int] = list(q.getpalette() or [])
    total = q.width * q.height
    out = []
    for n, index in q.getcolors(count) or []:
        i = int(index)  # type: ignore[arg-type]
        color = (palette[3 * i], palette[3 * i + 1], palette[3 * i + 2])
        out.append(DominantColor(color, round(n / total, 4)))
    return sorted(out, key=lambda c: (-c.share, c.rgb))


def nearest(color: RGB, palette: Sequence[RGB]) -> tuple[RGB, float]:
    """The palette colour closest to `color` and its ΔE."""
    best = min(palette, key=lambda p: (delta_e(color, p), p))
    return best, delta_e(color, best)
