"""Running an audit: in memory, over files in one process, over processes, or on Dask.

Files of JSON Lines (optionally gzip-compressed) are cut into :class:`Chunk` byte
ranges that start at a line; each chunk is read by :func:`audit_chunk` into an
:class:`~govsocial.audit.metrics.AuditState`, and the states are merged.  The merge
does not depend on the split, so ``jobs=4`` or a Dask cluster give the single
process's report byte for byte.  Everything a worker receives (the chunk, the policy,
the options) pickles.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import sys
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, cast

import attrs

from govsocial.audit.metrics import AuditState
from govsocial.audit.records import InvalidLine, PublishedPost, parse_published, read_published
from govsocial.audit.report import AuditReport, build_report
from govsocial.check import check as check_post
from govsocial.errors import InputError, UsageError
from govsocial.plan import PublishingPlan
from govsocial.policy import Policy, load_policy

__all__ = ["Chunk", "audit", "audit_chunk", "audit_files", "plan_chunks"]

_PERIODS = ("month", "week")
#: Bytes per chunk when a file is split for parallel work.
CHUNK_BYTES = 8 * 1024 * 1024


@attrs.frozen
class Chunk:
    """A byte range of a file, starting at a line; ``end`` is -1 for "to the end"."""

    source: str
    start: int = 0
    end: int = -1


class _Counter:
    """Adds published posts to a state with the policy's plan, registry and check."""

    def __init__(self, policy: Policy, check: bool) -> None:
        self.policy = policy
        self.check = check
        self.state = AuditState()
        plan = policy.plan
        self.tz = zoneinfo.ZoneInfo(plan.timezone if plan else policy.electoral.timezone)
        self._ids: dict[tuple[str, str], tuple[str, PublishingPlan | None]] = {}
        periods = policy.electoral.periods
        allowed = policy.electoral.allowed_kinds

        def electoral(date: dt.date, kind: str | None) -> bool:
            return (kind or "") not in allowed and any(p.start <= date <= p.end for p in periods)

        self.electoral = electoral

    def _identity(self, account: str, network: str) -> tuple[str, PublishingPlan | None]:
        key = (account, network)
        hit = self._ids.get(key)
        if hit is None:
            registry = self.policy.accounts
            found = registry.find(network, account) if registry is not None else None
            if found is None:
                hit = (account, self.policy.plan)
            else:
                hit = (found.id, found.plan or self.policy.plan)
            self._ids[key] = hit
        return hit

    def add(self, item: PublishedPost, *, source: str = "", offset: int = 0, pos: int = 0) -> None:
        account, plan = self._identity(item.account, item.network)
        report = None
        if self.check:
            post = attrs.evolve(item.post, scheduled_at=item.published_at)
            report = check_post(post, self.policy)
        self.state.add(
            item,
            account=account,
            tz=self.tz,
            within_hours=plan.within_hours if plan is not None else _always,
            electoral=self.electoral,
            report=report,
            source=source,
            offset=offset,
            pos=pos,
        )


def _always(_: dt.time) -> bool:
    return True


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
    counter = _Counter(_policy(policy), check)
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


def plan_chunks(paths: Sequence[str], *, chunk_bytes: int = CHUNK_BYTES) -> list[Chunk]:
    """Cut files into chunks of about `chunk_bytes` that start at a line.

    A gzip file (or standard input, ``-``) is one chunk: it cannot be entered midway.
    """
    chunks: list[Chunk] = []
    for path in paths:
        if path == "-" or path.endswith(".gz"):
            chunks.append(Chunk(path))
            continue
        size = os.path.getsize(path)
        start = 0
        with open(path, "rb") as f:
            while start < size:
                if start + chunk_bytes >= size:
                    chunks.append(Chunk(path, start, -1))
                    break
                f.seek(start + chunk_bytes)
                f.readline()  # to the end of the line the cut fell in
                end = min(f.tell(), size)
                if end >= size:
                    chunks.append(Chunk(path, start, -1))
                    break
                chunks.append(Chunk(path, start, end))
                start = end
        if size == 0:
            chunks.append(Chunk(path))
    return chunks


def _open(chunk: Chunk) -> IO[bytes]:
    if chunk.source == "-":
        return sys.stdin.buffer
    if chunk.source.endswith(".gz"):
        return gzip.open(chunk.source, "rb")  # type: ignore[return-value]
    f = open(chunk.source, "rb")  # noqa: SIM115 - closed by the caller
    f.seek(chunk.start)
    return f


def audit_chunk(
    chunk: Chunk,
    policy: Policy,
    check: bool = True,
    progress: Callable[[int], None] | None = None,
) -> AuditState:
    """Read one chunk into a fresh state (run in a worker; everything here pickles)."""
    counter = _Counter(policy, check)
    state = counter.state
    pos = chunk.start
    lines = 0
    f = _open(chunk)
    try:
        while chunk.end < 0 or pos < chunk.end:
            raw = f.readline()
            if not raw:
                break
            lines += 1
            here = pos
            pos += len(raw)
            if progress is not None and lines % 4096 == 0:
                progress(pos)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                state.add_invalid(
                    InvalidLine(lines, f"not UTF-8 (byte {exc.start + 1} of the line)"),
                    source=chunk.source,
                    offset=chunk.start,
                    pos=here,
                )
                continue
            for item in read_published((text,), first_line=lines):
                if isinstance(item, InvalidLine):
                    state.add_invalid(item, source=chunk.source, offset=chunk.start, pos=here)
                else:
                    counter.add(item, source=chunk.source, offset=chunk.start, pos=here)
    finally:
        if f is not sys.stdin.buffer:
            f.close()
    state.chunks[(chunk.source, chunk.start)] = lines
    return state


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
    worker and at least 8 MB) only changes how the work is cut, never the report.
    """
    _check_period(period)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise UsageError(f"expected jobs to be a positive integer, got jobs={jobs!r}")
    if isinstance(paths, str):
        raise UsageError(f"expected a list of paths, got paths={paths!r:.60}")
    for path in paths:
        if path != "-" and not os.path.isfile(path):
            raise InputError("no such file", source=path)
    loaded = _policy(policy)
    total = sum(os.path.getsize(p) for p in dict.fromkeys(paths) if p != "-")
    parallel = scheduler is not None or jobs > 1
    if chunk_bytes is None:
        # Every chunk's totals are merged in this process: few, large chunks keep that
        # merge cheap; in parallel, about four per worker keep the workers busy.
        workers = jobs if scheduler is None else 8
        chunk_bytes = max(CHUNK_BYTES, -(-total // (4 * workers))) if parallel else 1 << 62
    chunks = plan_chunks(list(paths), chunk_bytes=chunk_bytes)
    bar = _progress_bar(total) if progress else None
    merged = AuditState()
    try:
        if scheduler is not None:
            merged = _on_dask(chunks, loaded, check, scheduler)
        elif jobs > 1 and len(chunks) > 1:
            for state in _on_processes(chunks, loaded, check, jobs, bar):
                merged.merge(state)  # as they come: two states in memory at most
        else:
            for chunk in chunks:
                done = 0

                def tick(pos: int, chunk: Chunk = chunk) -> None:
                    nonlocal done
                    if bar is not None:
                        bar.update(pos - chunk.start - done)
                        done = pos - chunk.start

                merged.merge(audit_chunk(chunk, loaded, check, tick if bar is not None else None))
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


def _worker_chunk(chunk: Chunk) -> AuditState:
    return audit_chunk(chunk, _WORKER["policy"], _WORKER["check"])


def _on_processes(
    chunks: list[Chunk], policy: Policy, check: bool, jobs: int, bar: Any
) -> Iterator[AuditState]:
    import concurrent.futures as cf
    import multiprocessing

    ctx = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(policy, check)
    ) as pool:
        for chunk, state in zip(chunks, pool.map(_worker_chunk, chunks), strict=True):
            if bar is not None:
                end = chunk.end if chunk.end >= 0 else os.path.getsize(chunk.source)
                bar.update(end - chunk.start)
            yield state


def _on_dask(chunks: list[Chunk], policy: Policy, check: bool, scheduler: str) -> AuditState:
    try:
        import dask.bag as db
        from dask.distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'govsocial[dask]'") from None
    if any(c.source == "-" for c in chunks):
        raise UsageError("standard input cannot be audited on a Dask cluster; give files")
    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        bag = db.from_sequence(chunks, npartitions=len(chunks))  # type: ignore[no-untyped-call]
        # the totals are merged on the workers, partition by partition, then together
        merged: AuditState = (
            bag.map(audit_chunk, policy, check).fold(_merge_two).compute(scheduler=client.get)
        )
    return merged


def _merge_two(a: AuditState, b: AuditState) -> AuditState:
    return a.merge(b)
