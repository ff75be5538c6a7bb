"""Video inspection and the video rules: real files made by ffmpeg, hostile files made here."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govsocial
from govsocial.errors import VIDEO_ERROR_REASONS, VideoError
from govsocial.imaging.video import VideoInfo, inspect_video

MEDIA = Path(__file__).resolve().parents[1] / "examples" / "media"

# What ffmpeg 7 said of each example when it made it (examples/media/make_videos.sh).
EXPECTED = {
    "reel-1080x1920.mp4": ("MP4", 1080, 1920, 6.0, 0, 30.0, ("video", "audio"), (), ()),
    "reel-captioned.mp4": (
        "MP4",
        1080,
        1920,
        6.0,
        0,
        30.0,
        ("video", "audio", "text"),
        ("ca",),
        (),
    ),
    "video-1920x1080-moov-end.mp4": (
        "MP4",
        1920,
        1080,
        4.0,
        0,
        25.0,
        ("video",),
        (),
        ("moov-at-end",),
    ),
    "phone-rotated.mov": ("MOV", 1080, 1920, 4.0, 90, 25.0, ("video",), (), ()),
    "video-150s.mp4": ("MP4", 640, 360, 150.0, 0, 2.0, ("video",), (), ()),
    "reel-720x1280.webm": ("WEBM", 720, 1280, 4.0, 0, 30.0, ("video",), (), ()),
    "video-320x240.avi": ("AVI", 320, 240, 3.0, 0, 10.0, ("video",), (), ()),
    "reel-fragmented.mp4": (
        "MP4",
        1080,
        1920,
        None,
        0,
        None,
        ("video", "audio"),
        (),
        ("duration-unknown",),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_videos_are_read_as_ffmpeg_reads_them(name: str) -> None:
    info = inspect_video(MEDIA / name)
    got = (
        info.format,
        info.width,
        info.height,
        info.duration,
        info.rotation,
        info.frame_rate,
        info.tracks,
        info.caption_languages,
        info.notes,
    )
    assert got == EXPECTED[name]
    assert info.size_bytes == (MEDIA / name).stat().st_size
    # The same from bytes and from an open file at an offset: the name plays no part.
    data = (MEDIA / name).read_bytes()
    assert inspect_video(data) == info
    fh = io.BytesIO(b"junk" + data)
    fh.seek(4)
    assert inspect_video(fh) == info


def test_rotation_swaps_the_displayed_size_and_aspect() -> None:
    info = inspect_video(MEDIA / "phone-rotated.mov")
    assert (info.width, info.height, info.aspect_ratio) == (1080, 1920, 1080 / 1920)
    assert info.mime_type == "video/quicktime"


# ------------------------------------------------------------------ hostile files


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


FTYP = box(b"ftyp", b"isom\0\0\2\0isomiso2mp41")
REEL = (MEDIA / "reel-1080x1920.mp4").read_bytes()


def nested(depth: int) -> bytes:
    inner = box(b"tkhd", bytes(84))
    for _ in range(depth):
        inner = box(b"mdia", inner)
    return FTYP + box(b"moov", box(b"trak", inner))


HOSTILE: dict[str, tuple[bytes, str]] = {
    "zero bytes": (b"", "empty"),
    "an html page named .mp4": (b"<!DOCTYPE html><html><body>404</body></html>", "not-a-video"),
    "a jpeg": ((MEDIA / "photo-1200x675.jpg").read_bytes(), "not-a-video"),
    "text": (b"hello, this is not a video at all", "not-a-video"),
    "ftyp only": (FTYP, "corrupt"),
    "no moov, only frames": (FTYP + box(b"mdat", bytes(1000)), "corrupt"),
    "a box claiming 4 GB": (FTYP + struct.pack(">I4s", 0xFFFFFFF0, b"moov") + bytes(64), "corrupt"),
    "a 64-bit box claiming exabytes": (
        FTYP + struct.pack(">I4sQ", 1, b"moov", 2**62) + bytes(64),
        "corrupt",
    ),
    "a box smaller than its header": (
        FTYP + struct.pack(">I4s", 3, b"moov") + bytes(64),
        "corrupt",
    ),
    "truncated in the index": (
        REEL[: len(REEL) // 3] if REEL.find(b"moov") < len(REEL) // 3 else REEL[:200],
        "corrupt",
    ),
    "boxes nested 200 deep": (nested(200), "corrupt"),
    "30,000 empty boxes": (FTYP + box(b"free") * 30_000, "corrupt"),
    "an ebml file that is not webm": (
        b"\x1a\x45\xdf\xa3\x88\x42\x82\x85hello" + bytes(8),
        "not-a-video",
    ),
    "a webm cut in its header": ((MEDIA / "reel-720x1280.webm").read_bytes()[:30], "corrupt"),
    "an avi with no header": (b"RIFF\x10\0\0\0AVI " + bytes(8), "corrupt"),
    "a riff webp image": (b"RIFF\x10\0\0\0WEBPVP8 " + bytes(8), "not-a-video"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_are_errors_with_a_stable_reason(case: str, tmp_path: Path) -> None:
    data, reason = HOSTILE[case]
    with pytest.raises(VideoError) as exc:
        inspect_video(data)
    assert exc.value.reason == reason
    assert exc.value.reason in VIDEO_ERROR_REASONS
    # The same verdict from a file, whatever its name says.
    for name in ("clip.mp4", "clip.webm", "clip.txt"):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(VideoError) as again:
            inspect_video(path)
        assert (again.value.reason, again.value.message) == (reason, exc.value.message)


def test_a_missing_file_and_a_folder_are_named() -> None:
    for where in (MEDIA / "nope.mp4", MEDIA):
        with pytest.raises(VideoError, match=str(where)) as exc:
            inspect_video(where)
        assert exc.value.reason == "missing"


def test_the_byte_cap_is_checked_before_reading() -> None:
    with pytest.raises(VideoError) as exc:
        inspect_video(REEL, max_bytes=1000)
    assert exc.value.reason == "too-large-file"
    with pytest.raises(govsocial.UsageError):
        inspect_video(REEL, max_bytes=0)
    with pytest.raises(govsocial.UsageError):
        inspect_video(12)  # type: ignore[arg-type]


def _outcome(data: bytes) -> VideoInfo | tuple[str, str]:
    try:
        return inspect_video(data)
    except VideoError as exc:
        return (exc.reason, exc.message)


EXAMPLES = [(MEDIA / n).read_bytes() for n in sorted(EXPECTED)]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_give_an_info_or_a_video_error(data: bytes) -> None:
    out = _outcome(data)
    assert isinstance(out, VideoInfo) or out[0] in VIDEO_ERROR_REASONS


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(range(len(EXAMPLES))),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    st.integers(0, 10**6),
)
def test_damaged_real_videos_give_an_info_or_a_video_error(
    which: int, flips: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(EXAMPLES[which])
    for pos, value in flips:
        data[pos % len(data)] = value
    data = data[: max(1, len(data) - cut % len(data))]
    out = _outcome(bytes(data))
    if isinstance(out, VideoInfo):
        assert out.width >= 0 and out.height >= 0 and out.size_bytes == len(data)
        assert out.duration is None or out.duration >= 0
    else:
        assert out[0] in VIDEO_ERROR_REASONS


# ------------------------------------------------------------------ the rules


def _check(network: str, media: dict[str, object], text: str = "Festa Major 2026") -> list[str]:
    post = {"networks": [network], "text": {"ca": text}, "media": [media]}
    report = govsocial.check(post, {"version": 1}, base=MEDIA)
    return sorted(f.code for f in report.findings if f.code.startswith(("GS27", "GS28")))


def test_a_reel_with_captions_passes_on_every_video_network() -> None:
    reel = {"path": "reel-1080x1920.mp4", "kind": "video", "captions": {"ca": "reel.ca.vtt"}}
    for net in ("tiktok", "instagram", "youtube", "x", "facebook", "mastodon", "bluesky"):
        assert _check(net, reel) == [], net


def test_a_missing_video_is_an_error_naming_the_file() -> None:
    post = {
        "networks": ["tiktok"],
        "text": {"ca": "Festa Major"},
        "media": [
            {"path": "clip-que-no-hi-es.mp4", "kind": "video", "captions": {"ca": "burned-in"}}
        ],
    }
    report = govsocial.check(post, {"version": 1}, base=MEDIA)
    (finding,) = [f for f in report.findings if f.code == "GS283"]
    assert "clip-que-no-hi-es.mp4" in finding.message and finding.path == "/media/0"


def test_captions_per_language_embedded_track_and_files() -> None:
    post = {
        "networks": ["tiktok"],
        "text": {"ca": "Festa Major", "es": "Fiesta Mayor"},
        "media": [{"path": "reel-captioned.mp4", "kind": "video"}],
    }
    report = govsocial.check(post, {"version": 1}, base=MEDIA)
    (missing,) = [f for f in report.findings if f.code == "GS288"]
    assert missing.message.endswith("no captions in es")  # the file's caption track is Catalan
    post["media"] = [
        {"path": "reel-captioned.mp4", "kind": "video", "captions": {"es": "reel.es.srt"}}
    ]
    report = govsocial.check(post, {"version": 1}, base=MEDIA)
    assert [f.code for f in report.findings if f.code in ("GS288", "GS289")] == []
    post["media"] = [
        {
            "path": "reel-1080x1920.mp4",
            "kind": "video",
            "captions": {"ca": "reel.es.srt", "es": "nope.vtt"},
        }
    ]
    report = govsocial.check(post, {"version": 1}, base=MEDIA)
    bad = [f for f in report.findings if f.code == "GS289"]
    assert [f.path for f in bad] == ["/media/0/captions/es"] and "nope.vtt" in bad[0].message


def test_a_video_of_unknown_length_is_said_not_checked_for_length() -> None:
    media = {"path": "reel-fragmented.mp4", "kind": "video", "captions": {"ca": "burned-in"}}
    post = {"networks": ["x", "tiktok"], "text": {"ca": "Festa Major"}, "media": [media]}
    report = govsocial.check(post, {"version": 1}, base=MEDIA)
    (f,) = [f for f in report.findings if f.code == "GS286"]
    assert f.severity.value == "info" and "X (Twitter), TikTok" in f.message


def test_a_video_by_url_is_said_not_inspected() -> None:
    post = {
        "networks": ["tiktok"],
        "text": {"ca": "Festa Major"},
        "media": [
            {
                "url": "https://vilanova.cat/festa.mp4",
                "kind": "video",
                "captions": {"ca": "burned-in"},
            }
        ],
    }
    report = govsocial.check(post, {"version": 1})
    assert [(f.code, f.severity.value) for f in report.findings if f.code.startswith("GS2")] == [
        ("GS271", "info")
    ]


def test_video_rules_need_no_images_extra_and_the_cli_exits_1_not_a_traceback(
    tmp_path: Path,
) -> None:
    post = {
        "networks": ["x", "instagram"],
        "text": {"ca": "Festa Major 2026 a la plaça."},
        "media": [{"path": str(MEDIA / "video-150s.mp4"), "kind": "video"}],
    }
    (tmp_path / "p.json").write_text(json.dumps(post), encoding="utf-8")
    code = "import sys, runpy; sys.modules['PIL'] = None; sys.argv = ['govsocial', 'check', sys.argv[1]]; runpy.run_module('govsocial.cli', run_name='__main__')"
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "p.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert (
        "GS286" in out.stdout
        and "lasts 2 min 30 s; X (Twitter) accepts at most 2 min 20 s" in out.stdout
    )
    assert "GS288" in out.stdout


def test_a_caption_file_that_is_a_pipe_nothing_writes_to_is_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was read with `read_bytes`, which waited for a writer forever."""
    import contextlib
    import os
    import threading

    import govsocial.files

    monkeypatch.setattr(govsocial.files, "PIPE_WAIT_SECONDS", 0.2, raising=False)
    pipe = tmp_path / "pipe.srt"
    os.mkfifo(pipe)

    def unblock() -> None:
        with contextlib.suppress(OSError):  # ENXIO: no reader waits any more
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))

    guard = threading.Timer(10, unblock)
    guard.daemon = True
    guard.start()  # a regression ends its wait with an empty file: the test fails, not hangs
    post = {
        "networks": ["tiktok"],
        "text": {"ca": "Festa Major", "es": "Fiesta Mayor"},
        "media": [{"path": "reel-1080x1920.mp4", "kind": "video", "captions": {"ca": str(pipe)}}],
    }
    report = govsocial.check(post, {"version": 1}, base=MEDIA)
    guard.cancel()
    bad = {f.path: f.message for f in report.findings if f.code == "GS289"}
    assert "named pipe nothing was written to" in bad["/media/0/captions/ca"]
