"""govsocial's cache of derived arrays (py3langid's decompressed model): what it holds is
what it was given, it is written once and read after, and a cache that cannot be used
(off, unwritable, damaged) costs time only, never a result."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from govsocial import cache as _cache
from govsocial.cache import cache_dir, cached_arrays, file_key
from govsocial.language import _detectors

_DTYPES = st.sampled_from(["u1", "u2", "<u4", "<i4", "<i8", "<f2", "<f4", "<f8", "<U3"])


@st.composite
def _arrays(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), unique=True))
    return {
        n: draw(hnp.arrays(draw(_DTYPES), hnp.array_shapes(min_dims=1, max_dims=3, max_side=6)))
        for n in names
    }


@settings(max_examples=40)
@given(_arrays())
def test_an_entry_gives_back_exactly_the_arrays_it_was_built_from(
    arrays: dict[str, Any],
) -> None:
    built: list[int] = []

    def build() -> dict[str, Any]:
        built.append(1)
        return arrays

    with tempfile.TemporaryDirectory() as folder, _cache_in(folder):
        for _ in range(2):
            got = cached_arrays("prop", "k", build)
            assert got.keys() == arrays.keys()
            for n, a in arrays.items():
                assert got[n].dtype == a.dtype and got[n].shape == a.shape
                np.testing.assert_array_equal(got[n], a)
    # Built for the first call; the second read the entry, unless there was nothing to keep.
    assert len(built) == (1 if arrays else 2)


@contextlib.contextmanager
def _cache_in(folder: str) -> Iterator[None]:
    before = os.environ.get("GOVSOCIAL_CACHE_DIR")
    os.environ["GOVSOCIAL_CACHE_DIR"] = folder
    try:
        yield
    finally:
        if before is None:
            del os.environ["GOVSOCIAL_CACHE_DIR"]
        else:
            os.environ["GOVSOCIAL_CACHE_DIR"] = before


def test_the_model_from_the_cache_is_py3langids_own(tmp_path: Path, monkeypatch: Any) -> None:
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    first = _detectors._py3langid_arrays()  # decompressed, then written
    (entry,) = tmp_path.iterdir()
    assert entry.name.startswith("py3langid-") and (entry / "complete").is_file()
    again = _detectors._py3langid_arrays()  # memory-mapped from the entry
    assert all(isinstance(a, np.memmap) for a in again.values())
    ptc, pc, classes, nextmove, row, output = load_model(Path(MODEL_DIR) / MODEL_FILE)
    for got in (first, again):
        model = _detectors._Py3LangidModel(got)
        np.testing.assert_array_equal(model.nb_ptc, ptc)
        np.testing.assert_array_equal(model.nb_pc, pc)
        assert model.nb_classes == list(classes)
        assert model.tk_nextmove.tolist() == nextmove.tolist()
        assert model._rowbase == [r << 8 for r in row]
        assert model.tk_output == list(output)


_SCORE = """
import json, sys
from govsocial.language import Py3LangidDetector
texts = ["Dilluns obre la nova biblioteca del barri.", "El lunes abre la biblioteca.", "x" * 300,
         "Agora chega definitivamente o tren a Lugo.", "Ei un gojat escarrabilhat e polit."]
det = Py3LangidDetector()
print(json.dumps([det.scores_many(texts, c) for c in (["ca", "es"], ["gl", "es", "ca"], None)]))
"""


def test_scores_are_the_same_with_the_cache_off_cold_and_warm(tmp_path: Path) -> None:
    def scores(cache: str) -> str:
        env = {"GOVSOCIAL_CACHE_DIR": cache, "PATH": ""}
        done = subprocess.run(
            [sys.executable, "-c", _SCORE], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    off = scores("off")
    assert scores(str(tmp_path)) == off  # built and written
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["py3langid"]
    assert scores(str(tmp_path)) == off  # read back


def _one() -> dict[str, Any]:
    return {"a": np.arange(10, dtype=np.int32), "b": np.array(["ca", "es"])}


@pytest.mark.parametrize("value", ["off", "", "  ", "0", "none", "OFF"])
def test_off_writes_nothing(value: str, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", value)
    monkeypatch.chdir(tmp_path)
    assert cache_dir() is None
    got = cached_arrays("t", "k", _one)
    np.testing.assert_array_equal(got["a"], np.arange(10))
    assert not any(tmp_path.iterdir())


def test_default_folder_follows_xdg(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.delenv("GOVSOCIAL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform != "win32":
        assert cache_dir() == tmp_path / "govsocial"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
        assert cache_dir() == Path.home() / ".cache" / "govsocial"


def test_an_unwritable_cache_is_only_slower(tmp_path: Path, monkeypatch: Any) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(blocker / "cache"))
    calls: list[int] = []

    def build() -> dict[str, Any]:
        calls.append(1)
        return _one()

    for _ in range(2):
        got = cached_arrays("t", "k", build)
        assert got["b"].tolist() == ["ca", "es"]
    assert len(calls) == 2  # nothing kept, nothing raised


@pytest.mark.parametrize("damage", ["truncate", "garbage", "no-marker", "empty-marker", "missing"])
def test_a_damaged_entry_is_built_again_and_replaced(
    damage: str, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    cached_arrays("t", "k", _one)
    entry = tmp_path / "t-k"
    npy = entry / "a.npy"
    if damage == "truncate":
        npy.write_bytes(npy.read_bytes()[:-8])
    elif damage == "garbage":
        npy.write_bytes(b"<html>not an array</html>")
    elif damage == "no-marker":
        (entry / "complete").unlink()
    elif damage == "empty-marker":
        (entry / "complete").write_text("")
    else:
        npy.unlink()
    got = cached_arrays("t", "k", _one)
    np.testing.assert_array_equal(got["a"], np.arange(10))
    # The entry is whole again: the next process reads it.
    again = cached_arrays("t", "k", lambda: pytest.fail("built again"))
    np.testing.assert_array_equal(again["a"], np.arange(10))


def test_an_entry_another_process_completed_first_is_kept(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    entry = tmp_path / "t-k"
    _cache._write(entry, _one())
    _cache._write(entry, {"a": np.zeros(3)})  # the rename fails: the first entry stands
    np.testing.assert_array_equal(_cache._read(entry)["a"], np.arange(10))
    assert [p.name for p in tmp_path.iterdir()] == ["t-k"]  # no temporary folder left


def test_the_key_changes_with_the_bytes_and_the_deriver(tmp_path: Path) -> None:
    f = tmp_path / "model"
    f.write_bytes(b"abc")
    k = file_key(f, extra="v1")
    assert k == file_key(f, extra="v1")
    assert k != file_key(f, extra="v2")
    f.write_bytes(b"abd")
    assert k != file_key(f, extra="v1")


def test_writing_an_entry_removes_its_names_long_unused_ones(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    for key in ("old", "recent"):
        cached_arrays("t", key, _one)
    cached_arrays("u", "old", _one)  # another name: never pruned by t's entries
    cached_arrays("t-u", "old", _one)  # nor by a name that starts the same
    month_ago = time.time() - 31 * 86400
    for entry in ("t-old", "u-old", "t-u-old"):
        os.utime(tmp_path / entry / "complete", (month_ago, month_ago))
    dead = tmp_path / ".t-other.abc"  # a writer of t that died two days ago
    dead.mkdir()
    os.utime(dead, (time.time() - 2 * 86400,) * 2)
    cached_arrays("t", "new", _one)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t-new", "t-recent", "t-u-old", "u-old"]


def test_reading_an_entry_notes_its_use(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    cached_arrays("t", "k", _one)
    marker = tmp_path / "t-k" / "complete"
    week_ago = time.time() - 7 * 86400
    os.utime(marker, (week_ago, week_ago))
    cached_arrays("t", "k", lambda: pytest.fail("built again"))
    assert time.time() - marker.stat().st_mtime < 3600


def test_entries_and_clear_touch_only_govsocials_folders(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    keys = ["0" * 24, "a" * 24]
    for k in keys:
        cached_arrays("logo-threshold", k, _one)
    (tmp_path / f".py3langid-{'b' * 24}.x1y2").mkdir()  # a writer's unfinished folder
    (tmp_path / "notes").mkdir()  # not ours: a folder the user keeps there
    (tmp_path / "notes.txt").write_text("mine")
    found = _cache.entries()
    assert [e.name for e in found] == ["logo-threshold"] * 2
    assert [e.path.name for e in found] == [f"logo-threshold-{k}" for k in keys]
    assert all(e.size > 0 for e in found)
    assert _cache.clear() == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes", "notes.txt"]
    assert _cache.entries() == [] and _cache.clear() == 0


def test_the_cache_command_lists_and_clears(
    tmp_path: Path, monkeypatch: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from govsocial.cli import main

    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    cached_arrays("py3langid", "c" * 24, _one)
    assert main(["cache"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{tmp_path}: 1 entry, ")
    assert out[1].split()[0] == "py3langid" and out[1].endswith("py3langid-" + "c" * 24)
    assert main(["cache", "--clear"]) == 0
    assert capsys.readouterr().out == f"{tmp_path}: 1 entry removed\n"
    assert not any(tmp_path.iterdir())
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", "off")
    assert main(["cache", "--clear"]) == 0
    assert "off" in capsys.readouterr().out


@pytest.mark.parametrize("array", ["out_feat", "nextmove", "nextmove_row"])
def test_a_model_entry_whose_indexes_do_not_fit_is_built_again(
    array: str, tmp_path: Path, monkeypatch: Any
) -> None:
    """An entry complete but wrong inside (a flipped bit, an edit) would send the walk
    out of bounds: it is refused when read, and built again."""
    monkeypatch.setenv("GOVSOCIAL_CACHE_DIR", str(tmp_path))
    good = _detectors._py3langid_arrays()
    (entry,) = tmp_path.iterdir()
    damaged = np.load(entry / f"{array}.npy", mmap_mode="r+")
    damaged[7] = np.iinfo(damaged.dtype).max
    damaged.flush()
    del damaged
    again = _detectors._py3langid_arrays()
    for name, a in good.items():
        np.testing.assert_array_equal(again[name], a)
    (entry,) = tmp_path.iterdir()  # replaced by a whole one
    _detectors._check_model(_cache._read(entry))


_CALENDAR = """
import sys
from govsocial.responsiveness.calendar import BusinessCalendar
try:
    BusinessCalendar.build("Europe/Madrid", "09:00-15:00", holidays=sys.argv[1])
    print("valid", "holidays" in sys.modules)
except Exception as e:
    print(type(e).__name__, "holidays" in sys.modules)
"""


def test_a_valid_holiday_calendar_is_checked_once_per_install(tmp_path: Path) -> None:
    """The first process checks ES-CT with the holidays package; the next ones know it is
    valid without importing holidays. A calendar that does not exist is refused every
    time, and with the cache off every process checks."""

    def run(cache: str, calendar: str) -> str:
        env = {"GOVSOCIAL_CACHE_DIR": cache, "PATH": ""}
        done = subprocess.run(
            [sys.executable, "-c", _CALENDAR, calendar],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert run(str(tmp_path), "ES-CT") == "valid True"
    assert run(str(tmp_path), "ES-CT") == "valid False"
    assert run(str(tmp_path), "ES-GA") == "valid True"  # another calendar: checked
    assert run(str(tmp_path), "ES-XX") == "UsageError True"
    assert run(str(tmp_path), "ES-XX") == "UsageError True"
    assert run("off", "ES-CT") == "valid True"
    assert sorted(e.name for e in _cache_entries(tmp_path)) == ["holiday-calendar"] * 2


def _cache_entries(folder: Path) -> list[Any]:
    with _cache_in(str(folder)):
        return _cache.entries()
