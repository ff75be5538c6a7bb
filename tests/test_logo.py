"""locate_logo and the brand rules (GS29x) on generated images with known logo boxes."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

import govsocial

from .conftest import EXAMPLES

MEDIA = EXAMPLES / "media"
LOGO = MEDIA / "logo-ajuntament.png"


def _iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area


def _background(size: tuple[int, int], seed: int) -> Image.Image:
    """A textured photo-like background (noise at several scales: gravel, foliage)."""
    w, h = size
    rng = np.random.default_rng(seed)

    def noise(k: int) -> Image.Image:
        small = rng.normal(128, 60, (max(1, h // k), max(1, w // k))).clip(0, 255)
        return Image.fromarray(small.astype(np.uint8)).resize(size, Image.Resampling.BICUBIC)

    layers = [noise(k) for k in (1, 4, 16)]
    r = Image.blend(layers[0], layers[1], 0.6)
    g = Image.blend(layers[1], layers[2], 0.5 + seed / 20)
    b = Image.blend(layers[2], layers[0], 0.3)
    return Image.merge("RGB", (r, g, b))


def _recoloured(colour: tuple[int, int, int]) -> Image.Image:
    mark = Image.open(LOGO).convert("RGBA")
    out = Image.new("RGBA", mark.size, (*colour, 0))
    out.putalpha(mark.getchannel("A"))
    return out


def _place(
    bg: Image.Image, mark: Image.Image, corner: str, width_pct: float, margin_pct: float
) -> tuple[Image.Image, tuple[int, int, int, int]]:
    w, h = bg.size
    lw = round(w * width_pct / 100)
    lh = round(mark.height * lw / mark.width)
    m = mark.resize((lw, lh), Image.Resampling.LANCZOS)
    gap = round(w * margin_pct / 100)
    x = gap if corner.endswith("left") else w - gap - lw
    y = gap if corner.startswith("top") else h - gap - lh
    out = bg.copy()
    out.paste(m, (x, y), m)
    return out, (x, y, x + lw, y + lh)


def _jpeg(im: Image.Image, **kw: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85, **kw)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("colour", "corner", "width_pct"),
    [
        ((255, 255, 255), "top-right", 12),
        ((0, 0, 0), "top-left", 8),
        ((190, 190, 190), "bottom-right", 15),
        ((200, 16, 46), "bottom-left", 10),
        ((30, 90, 200), "top-right", 20),
    ],
)
def test_recoloured_logo_is_found_with_its_box(
    colour: tuple[int, int, int], corner: str, width_pct: float
) -> None:
    bg = _background((1080, 1080), 3)
    im, box = _place(bg, _recoloured(colour), corner, width_pct, 3)
    match = govsocial.locate_logo(_jpeg(im), LOGO)
    assert match is not None and match.corner == corner
    assert _iou(match.box, box) >= 0.8, (match, box)


@pytest.mark.parametrize("seed", range(4))
def test_textured_background_without_logo_gives_none(seed: int) -> None:
    assert govsocial.locate_logo(_jpeg(_background((1080, 1350), seed)), LOGO) is None


def test_partner_logo_in_another_corner_does_not_win() -> None:
    bg = _background((1200, 900), 1)
    partner = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    d = ImageDraw.Draw(partner)
    d.ellipse((0, 0, 120, 120), fill=(255, 255, 255, 255))
    for i in range(6):
        d.rectangle((140 + 42 * i, 30, 170 + 42 * i, 100), fill=(255, 255, 255, 255))
    im, _ = _place(bg, partner, "top-left", 20, 2)
    im, box = _place(im, _recoloured((255, 255, 255)), "bottom-right", 12, 2)
    match = govsocial.locate_logo(_jpeg(im), LOGO)
    assert match is not None and match.corner == "bottom-right" and _iou(match.box, box) >= 0.8
    alone, _ = _place(bg, partner, "top-left", 20, 2)
    assert govsocial.locate_logo(_jpeg(alone), LOGO) is None


def test_box_is_in_the_oriented_image() -> None:
    """A photo stored sideways with EXIF orientation 6: the box is where the viewer sees it."""
    upright, box = _place(
        _background((600, 800), 2), _recoloured((255, 255, 255)), "top-right", 15, 2
    )
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what orientation 6 turns back
    exif = Image.Exif()
    exif[0x0112] = 6
    match = govsocial.locate_logo(_jpeg(stored, exif=exif), LOGO)
    assert match is not None and match.image_size == (600, 800)
    assert _iou(match.box, box) >= 0.8


def test_bad_arguments_raise_usage_error() -> None:
    with pytest.raises(govsocial.UsageError, match="corners"):
        govsocial.locate_logo(MEDIA / "poster-1080x1350.jpg", LOGO, corners=["middle"])
    with pytest.raises(govsocial.UsageError, match="min_width"):
        govsocial.locate_logo(MEDIA / "poster-1080x1350.jpg", LOGO, min_width=0.5, max_width=0.2)


def test_unreadable_image_is_an_image_error(tmp_path: Path) -> None:
    with pytest.raises(govsocial.ImageError):
        govsocial.locate_logo(MEDIA / "truncated.jpg", LOGO)


def _post(image: str, networks: list[str], kind: str | None = None) -> dict[str, object]:
    post: dict[str, object] = {
        "networks": networks,
        "text": {"ca": "Festa Major"},
        "media": [{"path": image, "alt": {"ca": "Cartell de la Festa Major."}}],
    }
    if kind:
        post["kind"] = kind
    return post


def test_logo_required_per_network_and_kind() -> None:
    policy = {
        "version": 1,
        "brand": {"logos": [str(LOGO)], "required": ["instagram"], "kinds": ["event"]},
    }

    def codes(post: dict[str, object]) -> set[str]:
        report = govsocial.check(post, policy, base=MEDIA, select=["GS29"])
        return {f.code for f in report.findings}

    assert codes(_post("no-logo-1080x1350.jpg", ["instagram"], "event")) == {"GS290"}
    assert codes(_post("no-logo-1080x1350.jpg", ["x"], "event")) == set()
    assert codes(_post("no-logo-1080x1350.jpg", ["instagram"], "news")) == set()
    assert codes(_post("poster-1080x1350.jpg", ["instagram"], "event")) == set()


def test_findings_say_where_the_logo_was_found() -> None:
    policy = {"version": 1, "brand": {"logos": [str(LOGO)], "corners": ["top-right"]}}
    (f,) = govsocial.check(
        _post("logo-bottom-left-1080x1350.jpg", ["x"]), policy, base=MEDIA, select=["GS291"]
    ).findings
    assert "bottom-left at (" in f.message and "top-right" in f.message


def test_policy_logo_paths_resolve_against_the_policy_file(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(LOGO.read_bytes())
    (tmp_path / "policy.yaml").write_text(
        "version: 1\nbrand:\n  logos: [brand/logo.png]\n  required: true\n"
    )
    policy = govsocial.load_policy(tmp_path / "policy.yaml")
    assert policy.brand.logos == (tmp_path / "brand" / "logo.png",)
    (tmp_path / "bad.yaml").write_text("version: 1\nbrand:\n  logos: [escut.png]\n")
    bad = govsocial.load_policy(tmp_path / "bad.yaml")  # still usable for its other sections
    post = _post("poster-1080x1350.jpg", ["x"])
    (f,) = govsocial.check(post, bad, base=MEDIA, select=["GS29"]).findings
    assert f.code == "GS290" and "escut.png cannot be used: file not found" in f.message


def test_the_examples_in_docs_images_md() -> None:
    """docs/images.md, "Inspecting an image" and "The logo": the values it shows."""
    info = govsocial.inspect_image(MEDIA / "poster-1080x1350.jpg")
    assert (info.format, info.width, info.height) == ("JPEG", 1080, 1350)
    assert (info.mode, info.bit_depth, info.frames) == ("RGB", 8, 1)
    assert (info.size_bytes, info.orientation, info.notes) == (25088, 1, ())
    match = govsocial.locate_logo(MEDIA / "poster-1080x1350.jpg", LOGO)
    assert match is not None
    assert (match.box, match.corner) == ((810, 34, 1050, 93), "top-right")
    assert round(match.width_fraction, 3) == 0.222 and match.margins == (30, 34)
