"""Reading published posts in chunks: byte ranges of plain files, blocks of compressed ones.

A :class:`Chunk` is a byte range of a file that starts at a line (a compressed file is
one chunk: it cannot be entered midway); a :class:`Block` holds lines of a compressed
file that the main process decompressed for a worker.  Either is counted into a fresh
:class:`~govsocial.audit.metrics.AuditState` by a :class:`PostCounter`, which applies
the policy's plan, registry and pre-publish check.  Lines are numbered within their
chunk and positioned by their byte in the (decompressed) file, so states from any cut
merge into the same report.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import sys
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from typing import IO

import attrs

from govsocial._io import read_line
from govsocial.audit.metrics import AuditState
from govsocial.audit.records import (
    MAX_LINE_BYTES,
    TOO_LONG,
    InvalidLine,
    PublishedPost,
    read_published,
)
from govsocial.check import BATCH_POSTS, check_stream
from govsocial.files import open_file
from govsocial.findings import Report
from govsocial.plan import PublishingPlan
from govsocial.policy import Policy

__all__ = [
    "CHUNKS_PER_WORKER",
    "CHUNK_BYTES",
    "GZ_BLOCK_BYTES",
    "MIN_CHUNK_BYTES",
    "Block",
    "Chunk",
    "PostCounter",
    "audit_chunk",
    "count_lines",
    "gz_blocks",
    "open_chunk",
    "parallel_chunk_bytes",
    "plan_chunks",
    "warm_up",
]

#: Bytes per chunk when a file is split for parallel work.
CHUNK_BYTES = 8 * 1024 * 1024
#: Decompressed bytes of a compressed file handed to a worker at a time.
GZ_BLOCK_BYTES = 4 * 1024 * 1024
#: The smallest chunk of parallel work (a few thousand posts, a fraction of a second).
MIN_CHUNK_BYTES = 1024 * 1024
#: Chunks per worker: enough that a slow chunk does not leave the other workers idle.
CHUNKS_PER_WORKER = 4


@attrs.frozen
class Chunk:
    """A byte range of a file, starting at a line; ``end`` is -1 for "to the end"."""

    source: str
    start: int = 0
    end: int = -1


class PostCounter:
    """Adds published posts to a state with the policy's plan, registry and check.

    With the check, posts wait in a batch of :data:`~govsocial.check.BATCH_POSTS` to be
    checked together (the language rules score a batch's texts in one pass); reading
    :attr:`state`, or adding an unreadable line, adds the waiting posts first, so the
    state sees every line in its order."""

    def __init__(self, policy: Policy, check: bool, *, state: AuditState | None = None) -> None:
        self.policy = policy
        self.check = check
        self._state = state if state is not None else AuditState()
        self._waiting: list[tuple[PublishedPost, str, int, int]] = []
        plan = policy.plan
        self.tz = zoneinfo.ZoneInfo(plan.timezone if plan else policy.electoral.timezone)
        self._ids: dict[tuple[str, str], tuple[str, PublishingPlan | None]] = {}
        periods = policy.electoral.periods
        allowed = policy.electoral.allowed_kinds

        def electoral(date: dt.date, kind: str | None) -> bool:
            return (kind or "") not in allowed and any(p.start <= date <= p.end for p in periods)

        self.electoral = electoral

    @property
    def state(self) -> AuditState:
        """The state, with every post added so far counted."""
        self.flush()
        return self._state

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
        if not self.check:
            self._count(item, None, source, offset, pos)
            return
        self._waiting.append((item, source, offset, pos))
        if len(self._waiting) >= BATCH_POSTS:
            self.flush()

    def add_invalid(
        self, bad: InvalidLine, *, source: str = "", offset: int = 0, pos: int = 0
    ) -> None:
        self.flush()
        self._state.add_invalid(bad, source=source, offset=offset, pos=pos)

    def flush(self) -> None:
        """Check and count the posts waiting in the batch."""
        waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        posts = (
            (attrs.evolve(item.post, scheduled_at=item.published_at), None)
            for item, _, _, _ in waiting
        )
        reports = check_stream(posts, self.policy)
        for (item, source, offset, pos), report in zip(waiting, reports, strict=True):
            self._count(item, report, source, offset, pos)

    def _count(
        self, item: PublishedPost, report: Report | None, source: str, offset: int, pos: int
    ) -> None:
        account, plan = self._identity(item.account, item.network)
        self._state.add(
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
                read_line(f, 0)  # to the end of the line the cut fell in, holding none of it
                end = min(f.tell(), size)
                if end >= size:
                    chunks.append(Chunk(path, start, -1))
                    break
                chunks.append(Chunk(path, start, end))
                start = end
        if size == 0:
            chunks.append(Chunk(path))
    return chunks


class _GzipReader(gzip.GzipFile):
    """A gzip file read from :func:`govsocial._io.open_file` (a named pipe nothing writes
    to is not waited for forever), closing that file with itself as ``gzip.open`` does."""

    def __init__(self, path: str) -> None:
        self._raw = open_file(path)
        super().__init__(fileobj=self._raw, mode="rb")

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def open_chunk(chunk: Chunk) -> IO[bytes]:
    if chunk.source == "-":
        return sys.stdin.buffer
    if chunk.source.endswith(".gz"):
        return _GzipReader(chunk.source)  # type: ignore[return-value]
    f = open_file(chunk.source)  # closed by the caller
    f.seek(chunk.start)
    return f


def parallel_chunk_bytes(total: int, workers: int) -> int:
    """The chunk size that cuts `total` bytes into about four chunks per worker."""
    return max(MIN_CHUNK_BYTES, -(-total // (CHUNKS_PER_WORKER * workers)))


def audit_chunk(
    chunk: Chunk,
    policy: Policy,
    check: bool = True,
    progress: Callable[[int], None] | None = None,
) -> AuditState:
    """Read one chunk into a fresh state (run in a worker; everything here pickles)."""
    f = open_chunk(chunk)
    try:
        return count_lines(f, chunk, policy, check, progress)
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def count_lines(
    f: IO[bytes],
    chunk: Chunk,
    policy: Policy,
    check: bool,
    progress: Callable[[int], None] | None = None,
) -> AuditState:
    """Count the lines of `f`, positioned at the start of `chunk`, up to its end."""
    counter = PostCounter(policy, check)
    pos = chunk.start
    lines = 0
    while chunk.end < 0 or pos < chunk.end:
        raw, size = read_line(f, MAX_LINE_BYTES)
        if not size:
            break
        lines += 1
        here = pos
        pos += size
        if progress is not None and lines % 4096 == 0:
            progress(pos)
        if raw is None:
            counter.add_invalid(
                InvalidLine(lines, TOO_LONG), source=chunk.source, offset=chunk.start, pos=here
            )
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            counter.add_invalid(
                InvalidLine(lines, f"not UTF-8 (byte {exc.start + 1} of the line)"),
                source=chunk.source,
                offset=chunk.start,
                pos=here,
            )
            continue
        for item in read_published((text,), first_line=lines):
            if isinstance(item, InvalidLine):
                counter.add_invalid(item, source=chunk.source, offset=chunk.start, pos=here)
            else:
                counter.add(item, source=chunk.source, offset=chunk.start, pos=here)
    state = counter.state
    state.chunks[(chunk.source, chunk.start)] = lines
    return state


@attrs.frozen
class Block:
    """Lines of a compressed file, decompressed by the main process for a worker: `start`
    is where they start in the decompressed file, as a chunk's start is in a plain one."""

    source: str
    start: int
    data: bytes


def gz_blocks(chunk: Chunk, size: int = GZ_BLOCK_BYTES) -> Iterator[tuple[Block, int]]:
    """A gzip file's lines in blocks of about `size` bytes, each with the compressed bytes
    read so far (for the progress bar)."""
    with open_file(chunk.source) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as f:
        start = 0
        while data := f.read(size):
            taken = len(data)
            if not data.endswith(b"\n"):
                # a block ends at a line's end; of a line too long to be read, the worker
                # gets a stand-in just as long as count_lines refuses (bounded, not the line)
                tail, tail_size = read_line(f, MAX_LINE_BYTES)
                taken += tail_size
                data += tail if tail is not None else b" " * (MAX_LINE_BYTES + 1) + b"\n"
            yield Block(chunk.source, start, data), raw.tell()
            start += taken


def warm_up(chunk: Chunk, policy: Policy) -> None:
    """Check the first readable post of `chunk` (and forget it), so that what the check
    loads on first use is loaded once here rather than once in every worker."""
    f = open_chunk(chunk)
    try:
        for _ in range(100):
            raw, size = read_line(f, MAX_LINE_BYTES)
            if not size:
                return
            if raw is None:
                continue
            try:
                items = list(read_published((raw.decode("utf-8"),)))
            except UnicodeDecodeError:
                continue
            if items and isinstance(items[0], PublishedPost):
                counter = PostCounter(policy, True)
                counter.add(items[0])
                counter.flush()
                return
    finally:
        f.close()
