"""Running an audit: in memory, over files in one process, over processes, or on Dask.

Files of JSON Lines (optionally gzip-compressed) are cut into chunks
(:mod:`govsocial.audit.chunks`), each read into an
:class:`~govsocial.audit.metrics.AuditState`, and the states are merged.  The merge
does not depend on the split, so ``jobs=4`` or a Dask cluster give the single
process's report byte for byte.  With ``jobs``, the main process hands the workers byte
ranges of plain files and decompressed blocks of compressed ones, reads standard input
itself, and merges the states as they arrive.  Everything a worker receives (the
chunk, the policy, the options) pickles.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from govsocial.audit.chunks import (
    GZ_BLOCK_BYTES,
    Block,
    Chunk,
    PostCounter,
    audit_chunk,
    count_lines,
    gz_blocks,
    parallel_chunk_bytes,
    plan_chunks,
    warm_up,
)
from govsocial.audit.metrics import AuditState
from govsocial.audit.records import PublishedPost, parse_published
from govsocial.audit.report import AuditReport, build_report
from govsocial.errors import InputError, UsageError
from govsocial.policy import Policy, load_policy

__all__ = ["Chunk", "audit", "audit_chunk", "audit_files", "parallel_chunk_bytes", "plan_chunks"]

_PERIODS = ("month", "week")


def _policy(policy: Policy | str | Path | Mapping[str, Any]) -> Policy:
    return policy if isinstance(policy, Policy) else load_policy(policy)


def _check_period(period: str) -> None:
    if period not in _PERIODS:
        raise UsageError(f"expected period to be 'month' or 'week', got period={period!r}")


def audit(
    posts: Iterable[PublishedPost | Mapping[str, Any]],
    policy: Policy | str | Path | Mapping[str, Any],
    *,
    check: bool = True,
    period: str = "month",
    since: dt.date | None = None,
    until: dt.date | None = None,
    messages: Iterable[Any] | None = None,
) -> AuditReport:
    """Audit published posts (objects or their dict form) against the policy's plan.

    A dict that cannot be read raises :class:`~govsocial.errors.InputError` naming the
    post's index and key; files go through :func:`audit_files`, which reports such
    lines instead.  `check` also runs the pre-publish check over every post.
    """
    _check_period(period)
    counter = PostCounter(_policy(policy), check)
    for i, item in enumerate(posts):
        if not isinstance(item, PublishedPost):
            if not isinstance(item, Mapping):
                raise UsageError(
                    f"expected published posts (mappings), got posts[{i}]={item!r:.60}"
                )
            try:
                item = parse_published(item)
            except InputError as exc:
                raise InputError(exc.message, source=f"posts[{i}]", where=exc.where) from None
        counter.add(item, pos=i)
    return build_report(
        counter.state,
        counter.policy,
        period=period,
        since=since,
        until=until,
        responsiveness=_responsiveness(messages, counter.policy),
    )


def _read(chunk: Chunk, policy: Policy, check: bool, bar: Any) -> AuditState:
    """Read one chunk in this process, moving the progress bar as it goes."""
    if bar is None:
        return audit_chunk(chunk, policy, check)
    done = 0

    def tick(pos: int) -> None:
        nonlocal done
        bar.update(pos - chunk.start - done)
        done = pos - chunk.start

    return audit_chunk(chunk, policy, check, tick)


def audit_files(
    paths: Sequence[str],
    policy: Policy | str | Path | Mapping[str, Any],
    *,
    check: bool = True,
    period: str = "month",
    since: dt.date | None = None,
    until: dt.date | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    messages: Iterable[Any] | None = None,
    progress: bool = False,
    chunk_bytes: int | None = None,
) -> AuditReport:
    """Audit JSON Lines files (``.gz`` too; ``-`` is standard input) against the policy.

    `jobs` > 1 reads chunks in that many processes; `scheduler` (a Dask distributed
    address such as ``tcp://10.0.0.5:8786``, needs ``govsocial[dask]``) runs them on a
    cluster whose workers see the same files.  The report is the same either way.
    `messages` add the response rate and time, as in :func:`audit`.
    Unreadable lines are counted and listed in the report, never dropped silently.

    `chunk_bytes` (default: a file whole in one process, else about four chunks per
    worker and at least 1 MB; with `jobs`, 4 MB blocks of a decompressed ``.gz``) only
    changes how the work is cut, never the report.  With `jobs`, a ``.gz`` file is
    decompressed by this process and its lines read by the workers, and standard input
    is read by this process while the workers read the files.  On Dask, a ``.gz`` file is
    one worker's: give several, or uncompressed files.
    """
    _check_period(period)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise UsageError(f"expected jobs to be a positive integer, got jobs={jobs!r}")
    if isinstance(paths, str):
        raise UsageError(f"expected a list of paths, got paths={paths!r:.60}")
    for path in paths:
        if path != "-" and not os.path.isfile(path):
            what = "a folder" if os.path.isdir(path) else "no such file"
            raise InputError(f"{what}: expected a JSON Lines file (.jsonl, .gz) or -", source=path)
    loaded = _policy(policy)
    total = sum(os.path.getsize(p) for p in dict.fromkeys(paths) if p != "-")
    if chunk_bytes is not None and (
        not isinstance(chunk_bytes, int) or isinstance(chunk_bytes, bool) or chunk_bytes < 1
    ):
        raise UsageError(
            f"expected chunk_bytes to be a positive integer, got chunk_bytes={chunk_bytes!r}"
        )
    bar = _progress_bar(total) if progress else None
    try:
        if scheduler is not None:
            merged = _on_dask(list(paths), loaded, check, scheduler, chunk_bytes, total)
        elif jobs > 1:
            chunks = plan_chunks(
                list(paths), chunk_bytes=chunk_bytes or parallel_chunk_bytes(total, jobs)
            )
            merged = _on_processes(chunks, loaded, check, jobs, bar, chunk_bytes or GZ_BLOCK_BYTES)
        else:
            # one process: a file whole (every chunk's totals would only be merged here)
            chunks = plan_chunks(list(paths), chunk_bytes=chunk_bytes or 1 << 62)
            merged = AuditState()
            for chunk in chunks:
                merged.merge(_read(chunk, loaded, check, bar), take=True)
    finally:
        if bar is not None:
            bar.close()
    return build_report(
        merged,
        loaded,
        period=period,
        since=since,
        until=until,
        responsiveness=_responsiveness(messages, loaded),
    )


def _responsiveness(messages: Iterable[Any] | None, policy: Policy) -> dict[str, Any] | None:
    """The response rate and time of `messages` under the policy's convention, as a summary."""
    if messages is None:
        return None
    from govsocial.responsiveness import responsiveness

    rp = policy.responsiveness
    if rp is None:
        report = responsiveness(messages, "meta")
    else:
        report = responsiveness(
            messages,
            rp.convention,
            calendar=rp.calendar,
            aggregator=rp.aggregator,
            sla=rp.sla,
            no_reply_phrases=rp.no_reply_phrases,
            off_hours_replies=cast(Any, rp.off_hours_replies),
        )
    summary = report.to_dict()
    summary.pop("requests", None)  # one row per conversation: not a summary
    return summary


def _progress_bar(total: int) -> Any:
    """A progress bar on standard error when it is a terminal (tqdm), else None."""
    if not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="B", unit_scale=True, desc="audit", file=sys.stderr, leave=False)


_WORKER: dict[str, Any] = {}


def _init_worker(policy: Policy, check: bool) -> None:
    _WORKER["policy"], _WORKER["check"] = policy, check


def _worker_task(task: Chunk | Block) -> bytes:
    """Count one task; the state goes back pickled, for the main process to unpickle
    with the garbage collector paused (AuditState.loads)."""
    policy, check = _WORKER["policy"], _WORKER["check"]
    if isinstance(task, Chunk):
        return audit_chunk(task, policy, check).dumps()
    f = io.BytesIO(task.data)
    return count_lines(f, Chunk(task.source, task.start), policy, check).dumps()


def _tasks(chunks: list[Chunk], block_bytes: int) -> Iterator[tuple[Chunk | Block, int]]:
    """The workers' tasks: byte ranges of plain files, blocks of about `block_bytes` of
    compressed ones; each with how far it moves the progress bar."""
    for chunk in chunks:
        if chunk.source.endswith(".gz"):
            read = 0
            for block, upto in gz_blocks(chunk, block_bytes):
                yield block, upto - read
                read = upto
        else:
            end = chunk.end if chunk.end >= 0 else os.path.getsize(chunk.source)
            yield chunk, end - chunk.start


def _on_processes(
    chunks: list[Chunk], policy: Policy, check: bool, jobs: int, bar: Any, block_bytes: int
) -> AuditState:
    """Read `chunks` in `jobs` processes and merge their totals as they arrive.

    A compressed file cannot be entered midway: this process decompresses it and hands
    its lines to the workers in blocks, a few at a time (memory stays bounded).
    Standard input is read here, after the files are handed out: a worker's is closed.
    """
    import concurrent.futures as cf
    import multiprocessing

    merged = AuditState()
    files = [c for c in chunks if c.source != "-"]
    if len(files) < 2 and not any(c.source.endswith(".gz") for c in files):
        for chunk in chunks:
            merged.merge(_read(chunk, policy, check, bar), take=True)
        return merged
    fork = sys.platform != "darwin"
    if fork and check and files:
        warm_up(files[0], policy)  # the check's lazy loads, shared by the forked workers
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    with cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(policy, check)
    ) as pool:
        pending: dict[cf.Future[bytes], int] = {}

        def collect(futures: Iterable[cf.Future[bytes]]) -> None:
            for future in futures:
                done = pending.pop(future)
                merged.merge(AuditState.loads(future.result()), take=True)  # then dropped
                if bar is not None:
                    bar.update(done)

        for task, size in _tasks(files, block_bytes):
            if len(pending) >= 2 * jobs:
                finished, _ = cf.wait(list(pending), return_when=cf.FIRST_COMPLETED)
                collect(finished)
            pending[pool.submit(_worker_task, task)] = size
        for chunk in chunks:
            if chunk.source == "-":
                merged.merge(_read(chunk, policy, check, bar), take=True)
        collect(cf.as_completed(list(pending)))
    return merged


def _on_dask(
    paths: list[str],
    policy: Policy,
    check: bool,
    scheduler: str,
    chunk_bytes: int | None,
    total: int,
) -> AuditState:
    try:
        import dask.bag as db
        from dask.distributed import Client, as_completed
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'govsocial[dask]'") from None
    if "-" in paths:
        raise UsageError("standard input cannot be audited on a Dask cluster; give files")
    merged = AuditState()
    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        workers = sum(client.nthreads().values()) or 1
        chunks = plan_chunks(paths, chunk_bytes=chunk_bytes or parallel_chunk_bytes(total, workers))
        bag = db.from_sequence(chunks, npartitions=len(chunks))  # type: ignore[no-untyped-call]
        # Each partition's totals travel pickled and are merged here as they arrive, while
        # the workers go on with the others (as with --jobs): a final reduction on one
        # worker would unpickle, merge and pickle them all again while the other waits.
        parts = bag.map(audit_chunk, policy, check).map_partitions(_dask_partition)
        futures = client.compute(parts.to_delayed(optimize_graph=True))
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            for data in future.result():
                merged.merge(AuditState.loads(data), take=True)
            future.release()
    return merged


def _dask_partition(states: Iterable[AuditState]) -> list[bytes]:
    """A partition's totals, merged and pickled on its worker: one item, sent as bytes."""
    return [AuditState.merged(states).dumps()]
