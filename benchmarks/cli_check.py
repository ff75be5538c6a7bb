"""`govsocial check` as a user runs it on one file holding many posts: seconds per run and
posts/s, at several file sizes, so that a cost that grows faster than the posts shows.

Usage: python benchmarks/cli_check.py [--posts N ...] [--repeats R] [--against REV]

Writes the check benchmark's bilingual posts (benchmarks/check_throughput.py's, the same
for every run) as one JSON array per size, then runs
``govsocial check --format json --policy examples/policies/ajuntament-ca-es.yaml FILE``
in a fresh process R times per size (the median is printed, start-up and the language
model's loading included), and a one-post file for the fixed cost. ``per post, less the
fixed cost`` should not grow with the size: it does when some step is quadratic (as the
source maps of a file's posts were before 2026-12-07). With ``--against REV``, that
commit's ``src`` runs the same files alternately with this tree's, and the reports are
compared (they must be equal, paths aside). This tree also runs with its cache off
(``GOVSOCIAL_CACHE_DIR=off``: py3langid's model decompressed in every process, as before
2026-12-07) beside its warm cache (a folder of the run, filled before the timing).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_throughput import extract, make_dicts  # noqa: E402

POLICY = "examples/policies/ajuntament-ca-es.yaml"


def run(tree: Path, file: Path, cache: str) -> tuple[float, str]:
    """Seconds for one `govsocial check` of `file` with `tree`'s code and `cache` as its
    GOVSOCIAL_CACHE_DIR, and its report."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "GOVSOCIAL_CACHE_DIR": cache}
    cmd = [sys.executable, "-m", "govsocial.cli", "check", "--fail-on", "never"]
    cmd += ["--format", "json", "--policy", str(ROOT / POLICY), str(file)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"govsocial check failed with {tree}: {done.stderr[-500:]}")
    return took, done.stdout.replace(str(tree), "<tree>")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--posts", type=int, action="append", default=None)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--against", default=None, metavar="REV")
    a = ap.parse_args()
    sizes = sorted(set(a.posts or [1000, 4000]))
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "cache")
        trees = [("this tree", ROOT, cache), ("cache off", ROOT, "off")]
        if a.against:
            other = Path(tmp) / "other"
            trees.append((extract(a.against, other), other, cache))
        files = {}
        for n in [1, *sizes]:
            files[n] = Path(tmp) / f"posts-{n}.json"
            files[n].write_text(json.dumps(make_dicts(n), ensure_ascii=False), encoding="utf-8")
        print(f"govsocial check on one file of N posts, {POLICY}, medians of {a.repeats} runs")
        run(ROOT, files[1], cache)  # fills the cache
        fixed: dict[str, float] = {}
        for n in [1, *sizes]:
            times: dict[str, list[float]] = {label: [] for label, _, _ in trees}
            reports: dict[str, str] = {}
            for _ in range(a.repeats):
                for label, tree, where in trees:
                    took, reports[label] = run(tree, files[n], where)
                    times[label].append(took)
            if any(r != reports["this tree"] for r in reports.values()):
                sys.exit(f"the reports of {n} posts differ between the runs")
            for label, _, _ in trees:
                med = statistics.median(times[label])
                if n == 1:
                    fixed[label] = med
                    print(f"  {label:12} 1 post (the fixed cost): {med:6.2f} s")
                    continue
                per = (med - fixed[label]) / n * 1e3
                print(
                    f"  {label:12} {n:6,} posts: {med:6.2f} s, {n / med:7,.0f} posts/s, "
                    f"per post less the fixed cost {per:.3f} ms"
                )


if __name__ == "__main__":
    main()
