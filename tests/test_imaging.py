"""Safe image inspection: every hostile file maps to its documented reason, never a traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govsocial
from govsocial.errors import IMAGE_ERROR_REASONS, ImageError

from . import imagefiles

HOSTILE = imagefiles.hostile()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_maps_to_its_documented_reason(name: str, tmp_path: Path) -> None:
    """Each hostile file gives its reason (or note), from bytes and from a path alike."""
    data, expected = HOSTILE[name]
    for source in (data, tmp_path / f"{name}.jpg"):
        if isinstance(source, Path):
            source.write_bytes(data)
        if expected.startswith("note:"):
            info = govsocial.inspect_image(source, verify=True)
            assert expected[5:] in info.notes
        else:
            with pytest.raises(ImageError) as err:
                govsocial.inspect_image(source, verify=True)
            assert err.value.reason == expected, err.value
            assert err.value.reason in IMAGE_ERROR_REASONS


def test_reasons_are_documented() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "images.md").read_text("utf-8")
    for reason in IMAGE_ERROR_REASONS:
        assert f"`{reason}`" in doc


def test_truncated_jpeg_passes_headers_and_fails_verification() -> None:
    """A truncated JPEG opens fine: only a decode finds it (verify=True)."""
    data, _ = HOSTILE["jpeg-truncated-half"]
    info = govsocial.inspect_image(data)
    assert (info.format, info.verified) == ("JPEG", False)
    with pytest.raises(ImageError, match="truncated"):
        govsocial.inspect_image(data, verify=True)


def test_format_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "cartell.jpg"
    path.write_bytes(imagefiles.png((30, 20)))
    assert govsocial.inspect_image(path).format == "PNG"


@pytest.mark.parametrize(
    ("value", "size"), [(1, (60, 40)), (3, (60, 40)), (6, (40, 60)), (8, (40, 60))]
)
def test_exif_orientation_5_to_8_swaps_width_and_height(value: int, size: tuple[int, int]) -> None:
    info = govsocial.inspect_image(imagefiles.with_orientation((60, 40), value))
    assert (info.width, info.height, info.orientation) == (*size, value)


@pytest.mark.parametrize("value", range(1, 9))
def test_open_image_gives_the_pixels_as_displayed(value: int) -> None:
    """Every EXIF orientation: the decoded pixels are those the viewer sees, the same as
    Pillow's own exif_transpose of the stored image gives (and the stored image when 1)."""
    from PIL import Image, ImageOps

    from govsocial.imaging import open_image

    stored = Image.new("RGB", (60, 40), (250, 250, 250))
    stored.paste((200, 20, 20), (0, 0, 20, 10))  # a red block in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112] = value
    buf = io.BytesIO()
    stored.save(buf, "PNG", exif=exif)
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(buf.getvalue())))
    with open_image(buf.getvalue()) as im:
        assert im.size == ((40, 60) if value >= 5 else (60, 40))
        assert im.tobytes() == expected.tobytes()
        if value != 1:
            assert im.tobytes() != stored.tobytes() or im.size != stored.size


@pytest.mark.parametrize("maker", [imagefiles.animated_gif, imagefiles.animated_png])
def test_animated_frames_are_counted(maker: object) -> None:
    info = govsocial.inspect_image(maker(frames=3), verify=True)  # type: ignore[operator]
    assert info.frames == 3 and info.animated


def test_fields_of_a_plain_jpeg() -> None:
    data = imagefiles.jpeg((1080, 1350))
    info = govsocial.inspect_image(io.BytesIO(data), verify=True)
    assert info == govsocial.ImageInfo(
        format="JPEG",
        width=1080,
        height=1350,
        mode="RGB",
        bit_depth=8,
        frames=1,
        size_bytes=len(data),
        orientation=1,
        verified=True,
        notes=(),
    )
    assert info.mime_type == "image/jpeg" and info.aspect_ratio == pytest.approx(0.8)


def test_missing_file_and_directory_are_named(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match=r"nope\.jpg: file not found") as err:
        govsocial.inspect_image(tmp_path / "nope.jpg")
    assert err.value.reason == "missing"
    with pytest.raises(ImageError) as err:
        govsocial.inspect_image(tmp_path)
    assert err.value.reason == "missing"


def test_caps_are_arguments() -> None:
    data = imagefiles.png((100, 100))
    with pytest.raises(ImageError) as err:
        govsocial.inspect_image(data, max_pixels=9_999)
    assert err.value.reason == "too-many-pixels"
    with pytest.raises(ImageError) as err:
        govsocial.inspect_image(data, max_bytes=len(data) - 1)
    assert err.value.reason == "too-large-file"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"source": 3}, "source=3"),
        ({"source": ""}, "source=''"),
        ({"source": b"x", "max_pixels": 0}, "max_pixels=0"),
    ],
)
def test_bad_arguments_raise_usage_error(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(govsocial.UsageError, match=match):
        govsocial.inspect_image(**kwargs)  # type: ignore[arg-type]


_SEEDS = [imagefiles.jpeg((48, 32)), imagefiles.png((24, 16)), imagefiles.animated_gif((16, 8))]


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    """Valid small images with bytes flipped, cut or spliced, or plain random bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(data) - 1))
        data[i] = draw(st.integers(0, 255))
    cut = draw(st.integers(0, len(data)))
    return bytes(data[:cut]) if draw(st.booleans()) else bytes(data)


@given(data=_mutated(), ext=st.sampled_from(["jpg", "png", "gif", "txt", "html", "webp"]))
def test_any_bytes_give_info_or_image_error_independent_of_extension(
    data: bytes, ext: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any bytes: an ImageInfo or an ImageError (never another exception), the same under any name."""

    def outcome(source: object) -> object:
        try:
            return govsocial.inspect_image(source, verify=True, max_pixels=1_000_000)  # type: ignore[arg-type]
        except ImageError as exc:
            return (exc.reason, exc.message)

    path = tmp_path_factory.mktemp("any") / f"file.{ext}"
    path.write_bytes(data)
    from_path = outcome(path)
    assert from_path == outcome(data)
    if isinstance(from_path, tuple):
        assert from_path[0] in IMAGE_ERROR_REASONS
