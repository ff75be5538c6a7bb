"""A per-user cache of arrays that are slow to derive and never change for given inputs.

py3langid ships its model LZMA-compressed: decompressing it costs about half a second of
CPU in every process, which is most of a short ``govsocial check`` run (a pre-commit hook
on one file). Its arrays are written here once, as plain ``.npy`` files, and every later
process memory-maps them, reading only the pages it touches.

Where: ``GOVSOCIAL_CACHE_DIR`` when set (``off`` or an empty value turns the cache off),
else ``$XDG_CACHE_HOME/govsocial`` or ``~/.cache/govsocial`` (``%LOCALAPPDATA%`` on
Windows). An entry is a folder named after what it holds and a key (a hash of its inputs
and of this module's layout), made complete in a temporary folder and renamed into place,
so a reader never sees half an entry and processes that build it at once do not clash.
Arrays are read with ``allow_pickle=False``. Writing an entry removes those of the same
name left unused for 30 days (an older model's). The cache only ever saves time: an entry
that cannot be read or written (a read-only home, a full disk, a damaged file) is built
in memory, as without a cache, and a damaged entry is replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

__all__ = ["CACHE_ENV", "CacheEntry", "cache_dir", "cached_arrays", "clear", "entries", "file_key"]

#: The environment variable that sets the cache folder (``off`` or empty: no cache).
CACHE_ENV = "GOVSOCIAL_CACHE_DIR"
# Changes whenever what an entry holds or how it is laid out changes.
_LAYOUT = "1"
_DONE = "complete"


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        value = value.strip()
        if not value or value.lower() in ("off", "0", "false", "no", "none"):
            return None
        return Path(value).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "govsocial" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "govsocial"


@attrs.frozen
class CacheEntry:
    """One entry of the cache: its folder, what it holds (``py3langid``,
    ``logo-threshold``, ``logo-templates``), its size in bytes and when it was last noted
    as used."""

    path: Path
    name: str
    size: int
    used: float


def entries() -> list[CacheEntry]:
    """The entries of the cache folder (none when the cache is off or empty), by name."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        marker = entry / _DONE
        if entry.name.startswith(".") or not marker.is_file():
            continue
        try:
            size = sum(f.stat().st_size for f in entry.iterdir())
            used = marker.stat().st_mtime
        except OSError:
            continue  # removed meanwhile
        found.append(CacheEntry(entry, entry.name.rsplit("-", 1)[0], size, used))
    return found


def clear() -> int:
    """Remove every entry of the cache (and unfinished ones); the number removed. Only
    govsocial's own folders are touched, never other files in the cache folder."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for entry in folder.iterdir():
        name = entry.name.lstrip(".")
        if entry.is_dir() and not entry.is_symlink() and _OURS.fullmatch(name):
            shutil.rmtree(entry, ignore_errors=True)
            removed += not entry.name.startswith(".")
    return removed


# What an entry's folder (or a writer's temporary one, after a dot) is named.
_OURS = re.compile(r"[a-z0-9][a-z0-9-]*-[0-9a-f]{24}(?:\.\w+)?")


def file_key(*paths: Path, extra: str = "") -> str:
    """A key for arrays derived from the files at `paths`: a hash of their bytes, of
    `extra` (what derives them, a version) and of the cache's layout."""
    h = hashlib.sha256(f"{_LAYOUT}\0{extra}\0".encode())
    for path in paths:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()[:24]


def cached_arrays(
    name: str,
    key: str,
    build: Callable[[], Mapping[str, Any]],
    check: Callable[[Mapping[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """The arrays `build` returns (numpy arrays by name), memory-mapped from the cache
    entry `name`-`key` when it is there, else built and written there for next time.
    `check` (raising ValueError) says whether arrays read back can be used as they are:
    an entry it refuses is treated as damaged."""
    folder = cache_dir()
    entry = folder / f"{name}-{key}" if folder is not None else None
    if entry is not None and entry.exists():
        if (entry / _DONE).is_file():
            try:
                arrays = _read(entry)
                if check is not None:
                    check(arrays)
            except (OSError, ValueError, EOFError, KeyError):
                pass
            else:
                _mark_used(entry)
                return arrays
        # Damaged (only whole entries are ever renamed into place): built again below.
        shutil.rmtree(entry, ignore_errors=True)
    arrays = dict(build())
    if entry is not None:
        # Read-only or full: this process goes on with the arrays in memory.
        with contextlib.suppress(OSError):
            _write(entry, arrays)
            _prune(entry)
    return arrays


# An entry unused this long (another model version's, another layout's) is removed when
# an entry of the same name is written; its use is noted at most once a day.
_UNUSED_FOR = 30 * 86400
_NOTE_EVERY = 86400


def _mark_used(entry: Path) -> None:
    marker = entry / _DONE
    with contextlib.suppress(OSError):
        if time.time() - marker.stat().st_mtime > _NOTE_EVERY:
            os.utime(marker)


def _prune(entry: Path) -> None:
    """Remove the entries of `entry`'s name unused for _UNUSED_FOR, and the temporary
    folders of writers that died (a day old), so that versions do not pile up."""
    name = entry.name.rsplit("-", 1)[0]
    now = time.time()
    for other in entry.parent.iterdir():
        if other == entry or not other.is_dir():
            continue
        if other.name.rsplit("-", 1)[0] == name:
            marker = other / _DONE
            used = marker.stat().st_mtime if marker.is_file() else other.stat().st_mtime
            if now - used > _UNUSED_FOR:
                shutil.rmtree(other, ignore_errors=True)
        elif (
            other.name.startswith(".")
            and other.name[1:].split(".", 1)[0].rsplit("-", 1)[0] == name
            and now - other.stat().st_mtime > _NOTE_EVERY
        ):
            shutil.rmtree(other, ignore_errors=True)


def _read(entry: Path) -> dict[str, Any]:
    import numpy as np

    names = (entry / _DONE).read_text(encoding="utf-8").split()
    if not names:
        raise ValueError(f"{entry}: empty cache entry")
    return {n: np.load(entry / f"{n}.npy", mmap_mode="r", allow_pickle=False) for n in names}


def _write(entry: Path, arrays: Mapping[str, Any]) -> None:
    import numpy as np

    if not arrays:
        return  # nothing to keep
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    try:
        for n, a in arrays.items():
            np.save(tmp / f"{n}.npy", np.ascontiguousarray(a), allow_pickle=False)
        # Written last: its presence says every array before it is whole.
        (tmp / _DONE).write_text(" ".join(arrays), encoding="utf-8")
        try:
            tmp.rename(entry)
        except OSError:
            if not (entry / _DONE).is_file():  # not another process's complete entry
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
