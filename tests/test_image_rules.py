"""Image rules (GS27x-GS28x) in the check engine and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govsocial

from . import imagefiles
from .conftest import EXAMPLES

MEDIA = EXAMPLES / "media"


def _post(networks: list[str], *media: dict[str, Any]) -> dict[str, Any]:
    return {"networks": networks, "text": {"ca": "Festa Major"}, "media": list(media)}


def _codes(report: govsocial.Report) -> set[str]:
    return {f.code for f in report.findings}


def test_relative_paths_resolve_against_base() -> None:
    post = _post(["instagram"], {"path": "poster-1080x1350.jpg", "alt": {"ca": "Cartell."}})
    assert "GS270" not in _codes(govsocial.check(post, base=MEDIA))
    assert "GS270" not in _codes(govsocial.check(post, base=str(MEDIA)))


def test_missing_file_is_a_finding_naming_it(tmp_path: Path) -> None:
    post = _post(["x"], {"path": "cartell-festa.jpg", "alt": {"ca": "Cartell."}})
    report = govsocial.check(post, base=tmp_path, select=["GS270"])
    (f,) = report.findings
    assert (f.code, f.path, f.severity) == ("GS270", "/media/0", govsocial.Severity.ERROR)
    assert "cartell-festa.jpg" in f.message and "not found" in f.message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("jpeg-truncated-half", "truncated"),
        ("png-bomb-100mpx", "decompression bomb"),
        ("html-named-jpg", "HTML page"),
        ("empty", "empty"),
    ],
)
def test_hostile_media_is_one_gs270_finding(name: str, words: str, tmp_path: Path) -> None:
    data, _ = imagefiles.hostile()[name]
    (tmp_path / "cartell.jpg").write_bytes(data)
    post = _post(["x", "instagram"], {"path": "cartell.jpg", "alt": {"ca": "Cartell."}})
    report = govsocial.check(post, base=tmp_path)
    gs270 = [f for f in report.findings if f.code == "GS270"]
    assert len(gs270) == 1 and words in gs270[0].message
    # nothing else is said about a file that could not be read
    assert not {"GS272", "GS273", "GS274", "GS275", "GS276", "GS279"} & _codes(report)


def test_policy_pixel_cap_applies(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(imagefiles.png((200, 200)))
    post = _post(["x"], {"path": "a.png", "alt": {"ca": "Cartell."}})
    policy = {"version": 1, "media": {"images": {"max_pixels": 10_000}}}
    (f,) = govsocial.check(post, policy, base=tmp_path, select=["GS270"]).findings
    assert "decompression bomb" in f.message


def test_without_the_extra_one_finding_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)
    post = _post(
        ["instagram"],
        {"path": "poster-1080x1350.jpg", "alt": {"ca": "Cartell."}},
        {"path": "photo-1200x675.jpg", "alt": {"ca": "Foto."}},
    )
    report = govsocial.check(post, base=MEDIA)
    gs271 = [f for f in report.findings if f.code == "GS271"]
    assert len(gs271) == 1
    assert "pip install 'govsocial[images]'" in gs271[0].message
    assert gs271[0].severity is govsocial.Severity.WARNING


def test_url_media_is_not_fetched_by_default() -> None:
    post = _post(["x"], {"url": "https://vilanova.cat/cartell.jpg", "alt": {"ca": "Cartell."}})
    (f,) = govsocial.check(post, select=["GS27"]).findings
    assert f.code == "GS271" and f.severity is govsocial.Severity.INFO and "--fetch" in f.message


def test_policy_overrides_network_media_facts() -> None:
    post = _post(["instagram"], {"path": "poster-1080x1350.png", "alt": {"ca": "Cartell."}})
    assert "GS272" in _codes(govsocial.check(post, base=MEDIA))
    policy = {"version": 1, "networks": {"instagram": {"image_formats": ["JPEG", "PNG"]}}}
    assert "GS272" not in _codes(govsocial.check(post, policy, base=MEDIA))


def test_instagram_banner_is_flagged_with_its_ratio() -> None:
    post = _post(["instagram"], {"path": "banner-2000x500.jpg", "alt": {"ca": "Banner."}})
    (f,) = govsocial.check(post, base=MEDIA, select=["GS274"]).findings
    assert "2000x500 (4.00:1)" in f.message and f.network == "instagram"


@pytest.mark.parametrize(
    "alt",
    ["IMG_2041.jpg", "DSC00012", "poster-1080x1350.jpg", "poster-1080x1350", " foto_2026-05-01 "],
)
def test_file_name_alt_texts_are_flagged(alt: str) -> None:
    post = _post(["x"], {"path": "poster-1080x1350.jpg", "alt": {"ca": alt}})
    assert _codes(govsocial.check(post, base=MEDIA, select=["GS281"])) == {"GS281"}


@pytest.mark.parametrize(
    "alt", ["Castellers a la plaça.", "Plànol de la Festa Major 2026.", "Logo.png del teu mòbil no"]
)
def test_descriptive_alt_texts_are_not_file_names(alt: str) -> None:
    post = _post(["x"], {"path": "poster-1080x1350.jpg", "alt": {"ca": alt}})
    assert govsocial.check(post, base=MEDIA, select=["GS281"]).findings == ()


def test_identical_alt_text_in_regional_variants_is_not_flagged() -> None:
    """ca and ca-valencia are one language; a short name is the same everywhere."""
    alt = {"ca": "Castellers a la plaça.", "ca-valencia": "Castellers a la plaça."}
    post = _post(["x"], {"path": "poster-1080x1350.jpg", "alt": alt})
    assert govsocial.check(post, base=MEDIA, select=["GS282"]).findings == ()
    post = _post(
        ["x"], {"path": "poster-1080x1350.jpg", "alt": {"ca": "Ajuntament", "es": "Ajuntament"}}
    )
    assert govsocial.check(post, base=MEDIA, select=["GS282"]).findings == ()


def test_rotated_photo_is_checked_upright(tmp_path: Path) -> None:
    """Stored 1350x1080 with EXIF orientation 6: displayed 1080x1350, a valid 4:5."""
    (tmp_path / "rot.jpg").write_bytes(imagefiles.with_orientation((1350, 1080), 6))
    post = _post(["instagram"], {"path": "rot.jpg", "alt": {"ca": "Cartell."}})
    assert "GS274" not in _codes(govsocial.check(post, base=tmp_path))
    (tmp_path / "flat.jpg").write_bytes(imagefiles.jpeg((2700, 1080)))
    post = _post(["instagram"], {"path": "flat.jpg", "alt": {"ca": "Cartell."}})
    assert "GS274" in _codes(govsocial.check(post, base=tmp_path))


def test_cli_on_hostile_media_exits_1_without_traceback(tmp_path: Path) -> None:
    """A bomb, a truncated JPEG and an HTML page named .jpg: exit 1, GS270 each, no traceback."""
    names = ["png-bomb-400mpx", "jpeg-truncated-half", "html-named-jpg"]
    hostile = imagefiles.hostile()
    posts = []
    for name in names:
        (tmp_path / f"{name}.jpg").write_bytes(hostile[name][0])
        posts.append(_post(["instagram"], {"path": f"{name}.jpg", "alt": {"ca": "Foto."}}))
    (tmp_path / "posts.json").write_text(json.dumps(posts))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govsocial.cli",
            "check",
            str(tmp_path / "posts.json"),
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path.parent,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    reports = json.loads(proc.stdout)["reports"]
    assert len(reports) == 3
    for report in reports:
        assert "GS270" in {f["code"] for f in report["findings"]}


def test_cli_resolves_media_against_the_post_folder(tmp_path: Path) -> None:
    post = EXAMPLES / "posts" / "ca-es-pass-biblioteca.json"
    proc = subprocess.run(
        [sys.executable, "-m", "govsocial.cli", "check", str(post), "--select", "GS27,GS28"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "GS270" not in proc.stdout


_SEEDS = [imagefiles.jpeg((64, 80)), imagefiles.png((40, 30)), imagefiles.animated_gif((16, 8))]


@given(
    seed=st.sampled_from(_SEEDS),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=4),
    cut=st.one_of(st.none(), st.integers(0, 10_000)),
    names=st.tuples(
        st.sampled_from(["a.jpg", "a.png", "a.gif"]), st.sampled_from(["b.txt", "b.webp", "b"])
    ),
)
def test_check_findings_do_not_depend_on_the_extension(
    seed: bytes,
    flips: list[tuple[int, int]],
    cut: int | None,
    names: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Damaged images under any two names: the same findings (codes, paths, severities)."""
    data = bytearray(seed)
    for i, v in flips:
        data[i % len(data)] = v
    blob = bytes(data[: cut % (len(data) + 1)] if cut is not None else data)
    folder = tmp_path_factory.mktemp("ext")
    outcomes = []
    for name in names:
        (folder / name).write_bytes(blob)
        post = _post(["instagram", "x"], {"path": name, "alt": {"ca": "Cartell de la festa."}})
        report = govsocial.check(post, base=folder, select=["GS27", "GS28"])
        outcomes.append([(f.code, f.path, f.severity, f.network) for f in report.findings])
    assert outcomes[0] == outcomes[1]
