"""Synthetic images without a given logo, that such a logo is easily confused with.

Used to calibrate each logo's threshold at first use (see
:func:`govsocial.imaging.logo.locate_logo`): the scores the logo reaches on these images
are what unrelated things score against it. Each image is a grey texture of the kind
that makes small junk matches (gravel, foliage, grass, brick, noise at several scales)
with, in its corners, shapes a partner's logo often has (a disc, a ring, a rounded
square, a shield, a row of letter-like strokes beside an emblem) and pieces of the logo
itself rearranged (its vertical strips in another order: the same strokes and curves,
as another word set in the same typeface would have them, but not this logo).

Everything is drawn from a fixed seed: the images depend only on the logo's shape.
"""

from __future__ import annotations

from typing import Any

__all__ = ["negatives"]

SIZE = (1024, 768)  # working pixels: small enough to score fast, large enough for 3-35 % widths


def _np() -> Any:
    import numpy

    return numpy


def _smooth(rng: Any, shape: tuple[int, int], k: int) -> Any:
    """Gaussian noise upsampled from 1/k of the size: blobs about k pixels wide."""
    np = _np()
    from PIL import Image

    h, w = shape
    small = rng.normal(0, 1, (max(2, h // k), max(2, w // k))).astype(np.float32)
    im = Image.fromarray(small, "F").resize((w, h), Image.Resampling.BICUBIC)
    return np.asarray(im, dtype=np.float32)


def _texture(kind: str, rng: Any, shape: tuple[int, int]) -> Any:
    """A grey texture in [0, 255] (float32)."""
    np = _np()
    from PIL import Image, ImageDraw

    h, w = shape
    if kind == "noise":  # noise at several scales: foliage seen from afar
        t = sum(_smooth(rng, shape, k) * a for k, a in ((1, 0.6), (3, 0.8), (9, 1.0), (27, 1.0)))
        return np.clip(128 + 28 * t, 0, 255)
    scale = float(rng.uniform(1.0, 3.0))  # from fine to coarse (a close-up)
    im = Image.new("L", (w, h), int(rng.integers(60, 190)))
    d = ImageDraw.Draw(im)
    if kind == "gravel":  # packed stones of random greys with dark gaps
        d.rectangle((0, 0, w, h), fill=40)
        for _ in range(int(w * h / (90 * scale * scale))):
            x, y = float(rng.uniform(0, w)), float(rng.uniform(0, h))
            r = float(rng.uniform(3, 11)) * scale
            e = float(rng.uniform(0.6, 1.0))
            d.ellipse((x - r, y - r * e, x + r, y + r * e), fill=int(rng.integers(70, 230)))
    elif kind == "grass":  # strokes, mostly upright
        for _ in range(int(w * h / (40 * scale))):
            x, y = float(rng.uniform(0, w)), float(rng.uniform(0, h))
            a = float(rng.normal(np.pi / 2, 0.35))
            length = float(rng.uniform(6, 22)) * scale
            d.line(
                (x, y, x + length * np.cos(a), y - length * np.sin(a)),
                fill=int(rng.integers(30, 220)),
                width=int(rng.integers(1, 3)),
            )
    elif kind == "leaves":  # ellipses at every angle
        for _ in range(int(w * h / (70 * scale * scale))):
            x, y = float(rng.uniform(0, w)), float(rng.uniform(0, h))
            r = float(rng.uniform(3, 9)) * scale
            leaf = Image.new("L", (int(4 * r), int(4 * r)), 0)
            ImageDraw.Draw(leaf).ellipse((r, 1.5 * r, 3 * r, 2.5 * r), fill=255)
            leaf = leaf.rotate(float(rng.uniform(0, 180)))
            im.paste(int(rng.integers(20, 235)), (int(x), int(y)), leaf)
    else:  # brick: courses of bricks with mortar joints, any size, laid or standing
        side = 2 * max(w, h)
        big = Image.new("L", (side, side), 215)
        d = ImageDraw.Draw(big)
        bh = int(rng.integers(8, 16) * scale * 1.5)
        bw = int(bh * rng.uniform(2.2, 3.4))
        joint = max(2, bh // 8)
        # bricks of one tone (only the joints show) or of many
        tone, spread = int(rng.integers(60, 160)), int(rng.choice([8, 70]))
        for row, y in enumerate(range(0, side, bh)):
            off = (row % 2) * bw // 2
            for x in range(-off, side, bw):
                d.rectangle(
                    (x + joint, y + joint, x + bw - 1, y + bh - 1),
                    fill=tone + int(rng.integers(0, spread)),
                )
        angle = float(rng.normal(0, 8)) + (90.0 if rng.random() < 0.5 else 0.0)
        big = big.rotate(angle, Image.Resampling.BILINEAR)
        im = big.crop(((side - w) // 2, (side - h) // 2, (side - w) // 2 + w, (side - h) // 2 + h))
    out = np.asarray(im, dtype=np.float32)
    return np.clip(out + 10 * _smooth(rng, shape, 1), 0, 255)


def _shape(kind: str, rng: Any, width: int) -> Any:
    """A partner-like shape `width` px wide as an 'L' mask (255 inside)."""
    from PIL import Image, ImageDraw

    if kind == "disc":
        m = Image.new("L", (width, width), 0)
        ImageDraw.Draw(m).ellipse((0, 0, width - 1, width - 1), fill=255)
    elif kind == "ring":
        m = Image.new("L", (width, width), 0)
        d = ImageDraw.Draw(m)
        d.ellipse((0, 0, width - 1, width - 1), fill=255)
        t = max(2, width // 7)
        d.ellipse((t, t, width - 1 - t, width - 1 - t), fill=0)
    elif kind == "square":
        m = Image.new("L", (width, width), 0)
        ImageDraw.Draw(m).rounded_rectangle((0, 0, width - 1, width - 1), width // 6, fill=255)
    elif kind == "shield":
        h = round(width * 1.2)
        m = Image.new("L", (width, h), 0)
        ImageDraw.Draw(m).polygon(
            [(0, 0), (width - 1, 0), (width - 1, h * 0.6), (width / 2, h - 1), (0, h * 0.6)],
            fill=255,
        )
    elif kind == "emblem":  # a disc with knocked-out strokes and a ring inside
        m = Image.new("L", (width, width), 0)
        d = ImageDraw.Draw(m)
        d.ellipse((0, 0, width - 1, width - 1), fill=255)
        t = max(2, width // 14)
        d.ellipse((2 * t, 2 * t, width - 1 - 2 * t, width - 1 - 2 * t), outline=0, width=t)
        for _ in range(int(rng.integers(3, 7))):
            x0, y0 = rng.uniform(0.25, 0.75, 2) * width
            x1, y1 = rng.uniform(0.25, 0.75, 2) * width
            d.line((float(x0), float(y0), float(x1), float(y1)), fill=0, width=t)
    else:  # "wordmark": an emblem and letter-like strokes of random heights
        h = max(8, width // 4)
        m = Image.new("L", (width, h), 0)
        d = ImageDraw.Draw(m)
        d.ellipse((0, 0, h - 1, h - 1), fill=255)
        x = h + h // 3
        stroke = max(2, h // 6)
        while x < width - stroke:
            top = int(rng.integers(0, h // 3 + 1))
            if rng.random() < 0.5:
                d.rectangle((x, top, x + stroke, h - 1), fill=255)
                x += stroke + max(2, h // 5)
            else:
                g = max(4, int(h * rng.uniform(0.4, 0.7)))
                d.ellipse((x, h - 1 - g, x + g, h - 1), outline=255, width=stroke)
                x += g + max(2, h // 5)
    return m


def _shuffled(sil: Any, rng: Any, width: int) -> Any:
    """The logo's silhouette cut into vertical strips put back in another order."""
    from PIL import Image

    height = max(4, round(sil.height * width / sil.width))
    small = sil.resize((width, height), Image.Resampling.BILINEAR)
    n = 5 if sil.width >= 2 * sil.height else 3
    cuts = [round(i * width / n) for i in range(n + 1)]
    order = list(range(n))
    while order == sorted(order):
        order = [int(i) for i in rng.permutation(n)]
    out = Image.new("L", (width, height), 0)
    x = 0
    for i in order:
        strip = small.crop((cuts[i], 0, cuts[i + 1], height))
        out.paste(strip, (x, 0))
        x += strip.width
    return out


_TEXTURES = ("brick", "gravel", "leaves", "grass", "noise")
_SHAPES = ("disc", "ring", "square", "shield", "wordmark", "emblem")


def negatives(
    sil: Any, count: int = 4, seed: int = 20261207, shapes: tuple[str, ...] = _SHAPES
) -> list[Any]:
    """`count` grey 'L' images of SIZE with no copy of the logo whose silhouette is
    `sil`: each quarter a texture (the five kinds in turn, one quarter in three flat
    instead), each corner a one-colour shape (lighter or darker than the ground)."""
    np = _np()
    from PIL import Image

    rng = np.random.default_rng(seed)
    w, h = SIZE
    out = []
    for i in range(count):
        ground = _texture(_TEXTURES[i % len(_TEXTURES)], rng, (h, w))
        if i % 2:  # a flat quarter: shapes on a plain background
            ground[: h // 2, w // 2 :] = float(rng.integers(40, 220))
        im = Image.fromarray(ground.astype(np.uint8), "L")
        for c, corner in enumerate(("top-left", "top-right", "bottom-left", "bottom-right")):
            kind = shapes[(i * 3 + c) % len(shapes)]
            if c == i % 4:
                continue  # the texture alone
            width = int(w * rng.uniform(0.07, 0.3))
            mask = _shuffled(sil, rng, width) if kind == "shuffled" else _shape(kind, rng, width)
            mask = mask.crop((0, 0, min(mask.width, w // 2), min(mask.height, h // 2)))
            gap = int(rng.integers(0, w // 30 + 1))
            x = gap if corner.endswith("left") else w - gap - mask.width
            y = gap if corner.startswith("top") else h - gap - mask.height
            tone = 250 if rng.random() < 0.5 else 10
            im.paste(tone, (x, y), mask)
        out.append(im)
    return out
