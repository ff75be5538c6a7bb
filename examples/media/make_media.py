"""Generate the example images of examples/media/ (deterministic; run from anywhere).

Every image is drawn here from gradients and shapes: no photo, no third-party material
(licence: the repository's, Apache-2.0). Each one passes or fails an image rule, as
examples/media/README.md lists; the rule examples and tests/test_examples_media.py use them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent


def scene(w: int, h: int, hue: int = 0) -> Image.Image:
    """A poster-like picture: sky gradient, a 'building', a sun. Smooth, so small as JPEG."""
    sky = Image.linear_gradient("L").resize((w, h))
    im = Image.merge(
        "RGB",
        (
            sky.point(lambda v: 40 + v // 3 + hue),
            sky.point(lambda v: 90 + v // 4),
            sky.point(lambda v: 200 - v // 3),
        ),
    )
    d = ImageDraw.Draw(im)
    d.rectangle((w * 0.2, h * 0.55, w * 0.8, h), fill=(190, 160, 120))
    d.polygon([(w * 0.15, h * 0.56), (w * 0.5, h * 0.38), (w * 0.85, h * 0.56)], fill=(150, 60, 40))
    r = min(w, h) * 0.08
    d.ellipse((w * 0.75 - r, h * 0.15 - r, w * 0.75 + r, h * 0.15 + r), fill=(250, 220, 90))
    return im


def logo(width: int = 480) -> Image.Image:
    """The example council's logo: a shield and a wordmark, black on transparent."""
    h = width // 4
    im = Image.new("RGBA", (width, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    s = h
    d.polygon(
        [(4, 4), (s - 4, 4), (s - 4, s * 0.55), (s / 2, s - 4), (4, s * 0.55)], fill=(0, 0, 0, 255)
    )
    d.rectangle((s * 0.3, s * 0.2, s * 0.7, s * 0.35), fill=(0, 0, 0, 0))
    d.line((s * 0.5, s * 0.35, s * 0.5, s * 0.75), fill=(0, 0, 0, 0), width=max(2, s // 12))
    x = s + s // 5
    bar = max(3, h // 9)
    for i, letter_w in enumerate((0.5, 0.35, 0.45, 0.3, 0.5, 0.4, 0.45)):
        lw = int(letter_w * h)
        top = int(h * (0.2 if i % 2 else 0.3))
        d.rectangle((x, top, x + bar, h - 8), fill=(0, 0, 0, 255))
        d.rectangle((x, top, x + lw, top + bar), fill=(0, 0, 0, 255))
        d.rectangle((x, h - 8 - bar, x + lw, h - 8), fill=(0, 0, 0, 255))
        x += lw + bar * 2
    return im.crop((0, 0, min(width, x), h))


def with_logo(
    im: Image.Image, mark: Image.Image, corner: str, width_pct: float, margin_pct: float
) -> Image.Image:
    w, h = im.size
    lw = int(w * width_pct / 100)
    m = mark.resize((lw, max(1, round(mark.height * lw / mark.width))), Image.Resampling.LANCZOS)
    gap = int(w * margin_pct / 100)
    x = gap if corner[1] == "l" else w - gap - m.width
    y = gap if corner[0] == "t" else h - gap - m.height
    out = im.copy()
    out.paste(m, (x, y), m)
    return out


def build(out: Path) -> None:
    mark = logo()
    mark.save(out / "logo-ajuntament.png", optimize=True)
    white = Image.new("RGBA", mark.size, (255, 255, 255, 0))
    white.putalpha(mark.getchannel("A"))
    poster = scene(1080, 1350)
    with_logo(poster, white, "tr", 22, 3).save(
        out / "poster-1080x1350.jpg", quality=82, optimize=True
    )
    with_logo(poster, white, "tr", 22, 3).save(out / "poster-1080x1350.png", optimize=True)
    with_logo(poster, white, "bl", 22, 3).save(
        out / "logo-bottom-left-1080x1350.jpg", quality=82, optimize=True
    )
    with_logo(poster, white, "tr", 4, 3).save(
        out / "logo-too-small-1080x1350.jpg", quality=82, optimize=True
    )
    poster.save(out / "no-logo-1080x1350.jpg", quality=82, optimize=True)
    with_logo(scene(1200, 675, 20), mark, "tl", 20, 2).save(
        out / "photo-1200x675.jpg", quality=82, optimize=True
    )
    scene(2000, 500, 40).save(out / "banner-2000x500.jpg", quality=75, optimize=True)
    scene(600, 338).convert("CMYK").save(out / "cmyk-600x338.jpg", quality=75)
    Image.new("RGB", (3, 3), (200, 30, 30)).save(out / "tiny-3x3.png")
    frames = [scene(240, 300, 30 * i) for i in range(3)]
    frames[0].save(
        out / "animated-240x300.gif", save_all=True, append_images=frames[1:], duration=300, loop=0
    )
    campaign = Image.new("RGB", (1080, 1080), (200, 16, 46))
    d = ImageDraw.Draw(campaign)
    d.rectangle((90, 620, 990, 760), fill=(255, 255, 255))
    d.ellipse((390, 180, 690, 480), fill=(255, 255, 255))
    with_logo(campaign, white, "tr", 20, 3).save(
        out / "campaign-1080x1080.jpg", quality=82, optimize=True
    )
    whole = (out / "photo-1200x675.jpg").read_bytes()
    (out / "truncated.jpg").write_bytes(whole[: len(whole) // 2])
    (out / "not-an-image.jpg").write_bytes(
        b"<!DOCTYPE html>\n<html><head><title>404</title></head></html>\n"
    )


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
