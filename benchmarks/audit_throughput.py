"""Audit throughput: posts/s of `govsocial audit`, one process against --jobs 2 and Dask.

The input is the shipped example year (``examples/audit/year.jsonl.gz``, 4,800 posts),
each post published by several renamed copies of its account: a year in time order, as
a real export is, with more accounts as the posts grow (1,000,000 posts: 209 copies of
the example's 11 profiles).  Printed, side by side in one run on the same input:

- plan metrics alone (``check=False``) on --posts posts, and the full audit with the
  pre-publish check (language rules included) on --check-posts posts (by default the
  same 1,000,000: about 6 minutes for one process on a quiet 2-core host, hence
  --check-repeat 1), each in one process, with ``jobs=2`` and on a local Dask cluster of
  two single-threaded worker processes: the median wall time of the runs as posts/s,
  the ratio to the one-process median, and the CPU seconds spent in this process
  (reading, merging, the report; on Dask the client and the LocalCluster's scheduler,
  which runs here and is started only for its runs) and in the workers, so that a figure
  taken on a busy host can still be read: on an idle one, the --jobs 2 wall time comes
  near half the workers' CPU plus the report, the one-process time near its CPU;
- where the work goes, measured in this process on the chunks ``jobs=2`` cuts: CPU
  seconds reading and counting, bytes of the pickled totals the workers send back,
  CPU seconds pickling, unpickling and merging them, and building the report;
- peak resident memory of one-process plan-metric runs on N and 10 x N posts from the
  same accounts and days (a child process each), which must stay flat: the totals grow
  with accounts and days only; and of N posts from 10 x the accounts.

Every parallel report is compared with the one-process report (equal, or the run stops).
Each copy of an account words its texts with other numbers (the first number of each
text moved by the copy's index, in every language alike), so the check's per-text caches
see only the example year's own repeats (3,236 distinct texts in 4,795 posts), as in a
real export; ``--repeated-texts`` gives every copy the example's texts word for word,
one after the other, the input of figures before 2026-12-07, which the caches flatter.

Run: ``.venv/bin/python benchmarks/audit_throughput.py`` (about 15 minutes on a quiet
host); ``--quick`` for 100,000 and 10,000 posts, one run each.  Needs the ``audit`` and
``dask`` extras (``pip install -e '.[dev]'`` has them).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
YEAR = ROOT / "examples" / "audit" / "year.jsonl.gz"
PLAN = ROOT / "examples" / "audit" / "plan.yaml"


_NUMBER = re.compile(r"\d+")


def _variant(text: Any, copy: int) -> Any:
    """The post's texts as the `copy`-th renamed account would word them: the first number
    in each language's text moved by `copy` (a date, an hour, a count), the same in every
    language, so that no two copies share a text (the check's per-text caches then see
    only the repeats of the example year itself) and each text stays in its language."""
    if isinstance(text, str):
        return _NUMBER.sub(lambda m: str(int(m.group()) + copy), text, count=1)
    if isinstance(text, dict):
        return {lang: _variant(value, copy) for lang, value in text.items()}
    return text


def make_input(path: Path, posts: int, *, copies: int | None = None, distinct: bool = True) -> int:
    """Write `posts` published posts to `path`: the example year's posts, each published by
    `copies` renamed copies of its account (default: as many as the count needs) and
    repeated as needed, so the file stays in time order as a real export of many accounts
    is, and covers one year whatever its size.  With `distinct` (the default) each copy
    words its texts with other numbers (see `_variant`); without, every copy repeats the
    example's texts word for word, one after the other, which the check's caches flatter."""
    with gzip.open(YEAR, "rt", encoding="utf-8") as f:
        year = [json.loads(line) for line in f]
    copies = copies or -(-posts // len(year))
    repeat = -(-posts // (len(year) * copies))
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for post in year:
            for copy in range(copies):
                renamed = dict(post, account=f"{post['account']}{copy}") if copy else post
                if copy and distinct:
                    renamed["text"] = _variant(post["text"], copy)
                line = json.dumps(renamed, ensure_ascii=False) + "\n"
                for _ in range(repeat):
                    if written >= posts:
                        return written
                    out.write(line)
                    written += 1
    return written


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Runs:
    """Wall times and CPU seconds (this process, workers) of repeated runs of one setup."""

    def __init__(self, workers_cpu: Callable[[], float]) -> None:
        self.workers_cpu = workers_cpu
        self.wall: list[float] = []
        self.parent: list[float] = []
        self.workers: list[float] = []
        self.report: Any = None

    def run(self, fn: Callable[[], Any], repeat: int) -> Runs:
        for _ in range(repeat):
            w0, p0, t0 = self.workers_cpu(), time.process_time(), time.perf_counter()
            self.report = fn()
            self.wall.append(time.perf_counter() - t0)
            self.parent.append(time.process_time() - p0)
            self.workers.append(self.workers_cpu() - w0)
        return self

    def line(self, name: str, posts: int, one: Runs | None, here: str = "here") -> str:
        wall = statistics.median(self.wall)
        ratio = f" ({statistics.median(one.wall) / wall:.2f}x)" if one is not None else ""
        return (
            f"  {name:<16} {posts / wall:>9,.0f} posts/s{ratio:<9} wall {wall:7.2f} s, "
            f"CPU {here} {statistics.median(self.parent):6.2f} s, "
            f"in workers {statistics.median(self.workers):6.2f} s"
        )


def breakdown(path: Path, policy: Any, check: bool, jobs: int = 2) -> str:
    """Where the work of a ``jobs``-process run goes, measured chunk by chunk in this process."""
    from govsocial.audit import audit_chunk, build_report, plan_chunks
    from govsocial.audit.metrics import AuditState
    from govsocial.audit.run import parallel_chunk_bytes

    chunks = plan_chunks([str(path)], chunk_bytes=parallel_chunk_bytes(path.stat().st_size, jobs))
    work = dump = load = merge = 0.0
    sent = 0
    merged = AuditState()
    for chunk in chunks:
        t = time.process_time()
        state = audit_chunk(chunk, policy, check)
        work += time.process_time() - t
        t = time.process_time()
        blob = state.dumps()
        dump += time.process_time() - t
        sent += len(blob)
        t = time.process_time()
        state = AuditState.loads(blob)
        load += time.process_time() - t
        t = time.process_time()
        merged.merge(state, take=True)
        merge += time.process_time() - t
    t = time.process_time()
    build_report(merged, policy)
    report = time.process_time() - t
    return (
        f"  work of --jobs {jobs} ({len(chunks)} chunks), CPU s: reading and counting "
        f"{work:.2f} (workers); pickling {dump:.3f} (workers), {sent / 1e6:.1f} MB sent; "
        f"unpickling {load:.3f}, merging {merge:.3f}, report {report:.3f} (this process); "
        f"{len(merged.days):,} profiles, {sum(len(d) for d in merged.days.values()):,} "
        "profile-days"
    )


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


def _dask_workers_cpu(client: Any) -> Callable[[], float]:
    def cpu() -> float:
        return float(sum(client.run(_own_cpu).values()))

    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--check-posts", type=int, default=None, help="default: --posts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the plan metrics")
    parser.add_argument("--check-repeat", type=int, default=1, help="runs of the full audit")
    parser.add_argument("--quick", action="store_true", help="100,000 and 10,000 posts, 1 run")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument(
        "--repeated-texts", action="store_true", help="every copy of an account repeats its texts"
    )
    args = parser.parse_args()
    if args.quick:
        args.posts, args.check_posts, args.repeat, args.check_repeat = 100_000, 10_000, 1, 1
    check_posts = args.check_posts or args.posts

    import govsocial
    from govsocial.audit import audit_files

    policy = govsocial.load_policy(PLAN)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp, "big.jsonl")
        make_input(big, args.posts, distinct=not args.repeated_texts)
        small = big
        if check_posts != args.posts:
            small = Path(tmp, "small.jsonl")
            make_input(small, check_posts, distinct=not args.repeated_texts)
        # memory against posts: the same accounts and days, ten times the posts
        tenth, tenfold = Path(tmp, "tenth.jsonl"), Path(tmp, "tenfold.jsonl")
        accounts = max(args.posts // 10 // 4_795, 1)
        make_input(tenth, max(args.posts // 10, 1), copies=accounts)
        make_input(tenfold, args.posts, copies=accounts)
        print(
            f"input: {args.posts:,} posts ({big.stat().st_size / 1e6:.0f} MB) for the plan "
            f"metrics (median of {args.repeat}), {check_posts:,} for the full audit (median "
            f"of {args.check_repeat}); cores: {os.cpu_count()}, load average before: "
            f"{os.getloadavg()[0]:.1f}"
        )
        for label, path, check, n, repeat in (
            ("plan metrics", big, False, args.posts, args.repeat),
            ("full audit (check)", small, True, check_posts, args.check_repeat),
        ):
            print(f"{label}, {n:,} posts:")
            one = Runs(_children_cpu).run(
                lambda path=path, check=check: audit_files([str(path)], policy, check=check),
                repeat,
            )
            print(one.line("1 process", n, None))
            two = Runs(_children_cpu).run(
                lambda path=path, check=check: audit_files(
                    [str(path)], policy, check=check, jobs=2
                ),
                repeat,
            )
            assert two.report.to_dict() == one.report.to_dict()
            print(two.line("--jobs 2", n, one))
            if not args.no_dask:
                # started after the runs above: its scheduler runs in this process
                from dask.distributed import Client, LocalCluster

                with (
                    LocalCluster(
                        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                    ) as cluster,
                    Client(cluster) as client,
                ):
                    addr = cluster.scheduler_address
                    on_dask = Runs(_dask_workers_cpu(client)).run(
                        lambda path=path, check=check, addr=addr: audit_files(
                            [str(path)], policy, check=check, scheduler=addr
                        ),
                        repeat,
                    )
                assert on_dask.report.to_dict() == one.report.to_dict()
                print(on_dask.line("Dask 2 workers", n, one, here="client+scheduler"))
            if not check:
                print(breakdown(path, policy, check))
        small_rss, big_rss = peak_rss_mb(tenth), peak_rss_mb(tenfold)
        print(
            f"peak RSS, plan metrics, {accounts} copies of the example's 11 profiles: "
            f"{max(args.posts // 10, 1):,} posts {small_rss:.0f} MB, {args.posts:,} posts "
            f"{big_rss:.0f} MB ({big_rss / small_rss:.2f}x for 10x the posts); "
            f"{args.posts:,} posts from {-(-args.posts // 4_795) * 11:,} profiles: "
            f"{peak_rss_mb(big):.0f} MB"
        )


if __name__ == "__main__":
    main()
