"""Audit throughput: posts/s of `govsocial audit`, one process against --jobs 2 and Dask.

The input is the shipped example year (``examples/audit/year.jsonl.gz``, 4,800 posts),
each post published by several renamed copies of its account: a year in time order, as
a real export is, with more accounts as the posts grow (1,000,000 posts: 209 copies of
the example's 11 profiles).  Printed, each as the median of --repeat
runs, side by side in one run:

- plan metrics alone (``check=False``), one process, on --posts posts;
- the full audit with the pre-publish check (language rules included), one process, on
  --check-posts posts;
- the same two with ``jobs=2`` and with a local Dask cluster of two worker processes,
  with the ratio to the one-process rate;
- peak resident memory of one-process plan-metric runs on N and 10 x N posts (a child
  process each), which must stay flat: the totals grow with accounts and days only.

Run: ``.venv/bin/python benchmarks/audit_throughput.py`` (defaults: 1,000,000 posts for
plan metrics, 40,000 for the full audit; ``--quick`` for a smaller run).  Needs the
``audit`` and ``dask`` extras (``pip install -e '.[dev]'`` has them).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = ROOT / "examples" / "audit" / "year.jsonl.gz"
PLAN = ROOT / "examples" / "audit" / "plan.yaml"


def make_input(path: Path, posts: int, *, copies: int | None = None) -> int:
    """Write `posts` published posts to `path`: the example year's posts, each published by
    `copies` renamed copies of its account (default: as many as the count needs) and
    repeated as needed, so the file stays in time order as a real export of many accounts
    is, and covers one year whatever its size."""
    with gzip.open(YEAR, "rt", encoding="utf-8") as f:
        year = [json.loads(line) for line in f]
    copies = copies or -(-posts // len(year))
    repeat = -(-posts // (len(year) * copies))
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for post in year:
            for copy in range(copies):
                renamed = dict(post, account=f"{post['account']}{copy}") if copy else post
                line = json.dumps(renamed, ensure_ascii=False) + "\n"
                for _ in range(repeat):
                    if written >= posts:
                        return written
                    out.write(line)
                    written += 1
    return written


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def peak_rss_mb(path: Path) -> float:
    """Peak resident memory of a child process auditing `path` (plan metrics), in MB.

    Read from the child's own ``VmHWM`` (Linux): ``ru_maxrss`` would carry the parent's
    peak across the fork that starts the child.
    """
    code = (
        "from govsocial.audit import audit_files; "
        f"audit_files([{str(path)!r}], {str(PLAN)!r}, check=False); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--check-posts", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="100,000 and 10,000 posts, 1 run")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.posts, args.check_posts, args.repeat = 100_000, 10_000, 1

    import govsocial
    from govsocial.audit import audit_files

    policy = govsocial.load_policy(PLAN)
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp, "big.jsonl"), Path(tmp, "small.jsonl")
        make_input(big, args.posts)
        make_input(small, args.check_posts)
        # memory against posts: the same accounts and days, ten times the posts
        tenth, tenfold = Path(tmp, "tenth.jsonl"), Path(tmp, "tenfold.jsonl")
        accounts = max(args.posts // 10 // 4_795, 1)
        make_input(tenth, max(args.posts // 10, 1), copies=accounts)
        make_input(tenfold, args.posts, copies=accounts)
        print(
            f"input: {args.posts:,} posts ({big.stat().st_size / 1e6:.0f} MB) for plan metrics, "
            f"{args.check_posts:,} for the full audit; median of {args.repeat}"
        )
        runs: dict[str, float] = {}
        for label, path, check, n in (
            ("plan metrics", big, False, args.posts),
            ("full audit (check)", small, True, args.check_posts),
        ):
            one, report_one = timed(
                lambda path=path, check=check: audit_files([str(path)], policy, check=check),
                args.repeat,
            )
            two, report_two = timed(
                lambda path=path, check=check: audit_files(
                    [str(path)], policy, check=check, jobs=2
                ),
                args.repeat,
            )
            assert report_one.to_dict() == report_two.to_dict()  # type: ignore[attr-defined]
            runs[label] = one
            print(
                f"{label:<20} 1 process {n / one:>9,.0f} posts/s | --jobs 2 {n / two:>9,.0f} "
                f"posts/s ({one / two:.2f}x)",
                end="",
            )
            if not args.no_dask:
                from dask.distributed import LocalCluster

                with LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster:
                    addr = cluster.scheduler_address
                    dask_t, report_dask = timed(
                        lambda path=path, check=check, addr=addr: audit_files(
                            [str(path)], policy, check=check, scheduler=addr
                        ),
                        args.repeat,
                    )
                assert report_dask.to_dict() == report_one.to_dict()  # type: ignore[attr-defined]
                print(f" | Dask 2 workers {n / dask_t:>9,.0f} posts/s ({one / dask_t:.2f}x)")
            else:
                print()
        small_rss, big_rss = peak_rss_mb(tenth), peak_rss_mb(tenfold)
        print(
            f"peak RSS, plan metrics, {accounts} copies of the example's 11 profiles: "
            f"{max(args.posts // 10, 1):,} posts {small_rss:.0f} MB, {args.posts:,} posts "
            f"{big_rss:.0f} MB ({big_rss / small_rss:.2f}x for 10x the posts); "
            f"{args.posts:,} posts from {-(-args.posts // 4_795) * 11:,} profiles: "
            f"{peak_rss_mb(big):.0f} MB"
        )
        print(f"cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
