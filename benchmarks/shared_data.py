"""Where the benchmarks find the data outside this repository (``../shared/benchmarks``):
beside the main checkout, or two levels up from a worktree under ``/work/wt``. When it is
in neither, the path beside the checkout is given, and each script says plainly that its
data is absent."""

from __future__ import annotations

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
