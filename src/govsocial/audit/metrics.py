"""The audit's running totals: small, picklable and mergeable.

An :class:`AuditState` holds, for every (account, network), one row of counts per
local day it published on (a plain list of integers keyed by the day's ordinal), a
histogram of publishing hours, the pre-publish findings by rule, and a bounded list of
the worst findings.  Its size grows with the number of accounts and days, never with
the number of posts.  Two states built from any split of the same posts merge
(:meth:`AuditState.merge`) into the state of the whole: the counts add up and the
bounded lists keep the same first entries under a total order, which is what lets
``--jobs`` and Dask give the single process's result.

A row starts with the five counts every day has (:data:`FIXED_COLUMNS`); the counts
by language, by leading language and by engagement name follow in the columns the
state numbered as it met them (:attr:`AuditState.columns`).  Rows of small integers
in lists pickle to a few bytes a count, which keeps what workers send back cheap to
send, read and merge; :class:`Day` is the readable sum of rows that the report uses.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import gc
import operator
import pickle
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from govsocial.audit.records import InvalidLine, PublishedPost
from govsocial.findings import Finding, Report

__all__ = ["FIXED_COLUMNS", "WORST_KEPT", "AuditState", "Day", "Sample", "add_row", "gc_paused"]

#: How many of the worst findings, and of the unreadable lines, a state keeps.
WORST_KEPT = 50

#: The counts at the start of every day's row, in this order.
FIXED_COLUMNS = ("posts", "reposts", "outside_hours", "electoral", "mismatched")
_POSTS, _REPOSTS, _OUTSIDE, _ELECTORAL, _MISMATCHED = range(5)
#: The kinds of named columns: a language's share, the language a post leads with, engagement.
_KINDS = {"lang": "langs", "lead": "lead", "engagement": "engagement"}

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@attrs.define
class Day:
    """Counts of one account on one network over one day or more (a sum of rows)."""

    posts: int = 0
    reposts: int = 0
    outside_hours: int = 0
    electoral: int = 0
    mismatched: int = 0
    langs: dict[str, int] = attrs.Factory(dict)
    lead: dict[str, int] = attrs.Factory(dict)
    engagement: dict[str, int] = attrs.Factory(dict)

    @classmethod
    def from_row(cls, row: list[int], columns: Mapping[tuple[str, str], int]) -> Day:
        """The counts of a row whose named columns are numbered by `columns`."""
        posts, reposts, outside, electoral, mismatched = (row + [0] * 5)[:5]
        day = cls(posts, reposts, outside, electoral, mismatched)
        for (kind, name), col in columns.items():
            if col < len(row) and row[col]:
                getattr(day, _KINDS[kind])[name] = row[col]
        return day


def add_row(total: list[int], row: list[int]) -> None:
    """Add `row` to `total` column by column (`total` grows to `row`'s length)."""
    if len(row) > len(total):
        total.extend([0] * (len(row) - len(total)))
    total[: len(row)] = map(operator.add, total, row)


@attrs.frozen(order=True)
class Sample:
    """One kept entry (a worst finding or an unreadable line), ordered worst first.

    Samples are ordered by `key` alone, a total order that does not depend on how the
    input was split: for a finding (severity, time, account, network, code, place in
    the post, message, id, file and byte position of its line); for an unreadable line
    (file, byte position).  Keeping the first :data:`WORST_KEPT` of any merge therefore
    gives the same list whatever the split.  `offset` and `line` say where the chunk
    read starts and the line within it; :meth:`AuditState.file_line` turns them into
    the line of the file.
    """

    key: tuple[Any, ...]
    severity: str = attrs.field(order=False, eq=False)
    published_at: str = attrs.field(order=False, eq=False)
    account: str = attrs.field(order=False, eq=False)
    network: str = attrs.field(order=False, eq=False)
    code: str = attrs.field(order=False, eq=False)
    path: str = attrs.field(order=False, eq=False)
    message: str = attrs.field(order=False, eq=False)
    post_id: str = attrs.field(order=False, eq=False)
    url: str = attrs.field(order=False, eq=False)
    source: str = attrs.field(order=False, eq=False)
    offset: int = attrs.field(order=False, eq=False)
    line: int = attrs.field(order=False, eq=False)


# Pre-publish findings that say a variant is not in the language it claims.
_MISMATCH_CODES = frozenset({"GS301"})


@attrs.define
class AuditState:
    """Mergeable totals of an audit (see the module docstring)."""

    # (account, network) -> day ordinal (dt.date.toordinal) -> row of counts
    days: dict[tuple[str, str], dict[int, list[int]]] = attrs.Factory(dict)
    hours: dict[tuple[str, str], list[int]] = attrs.Factory(dict)
    findings: dict[tuple[str, str, str], int] = attrs.Factory(dict)  # (account, code, severity)
    worst: list[Sample] = attrs.Factory(list)
    invalid: list[Sample] = attrs.Factory(list)
    invalid_count: int = 0
    posts: int = 0
    checked: bool = False
    # lines read per chunk of a source, to turn chunk-relative lines into file lines
    chunks: dict[tuple[str, int], int] = attrs.Factory(dict)
    # (kind, name) -> the column of rows that counts it, numbered from len(FIXED_COLUMNS)
    columns: dict[tuple[str, str], int] = attrs.Factory(dict)

    def column(self, kind: str, name: str) -> int:
        """The column of rows counting `name` of `kind` ("lang", "lead" or "engagement")."""
        key = (kind, name)
        col = self.columns.get(key)
        if col is None:
            col = self.columns[key] = len(FIXED_COLUMNS) + len(self.columns)
        return col

    def day(self, profile: tuple[str, str], date: dt.date) -> Day:
        """The counts of one (account, network) on one day (all zero when it did not publish)."""
        row = self.days.get(profile, {}).get(date.toordinal())
        return Day.from_row(row, self.columns) if row is not None else Day()

    def add(
        self,
        item: PublishedPost,
        *,
        account: str | None = None,
        tz: zoneinfo.ZoneInfo,
        within_hours: Any,
        electoral: Any,
        report: Report | None = None,
        source: str = "",
        offset: int = 0,
        pos: int = 0,
    ) -> None:
        """Count one published post (and the pre-publish report of it, when given).

        `account` is the name the post is counted under (its registry id), when it
        differs from the handle the post gave.
        """
        account = account or item.account
        local = item.published_at.astimezone(tz)
        date = local.date()
        key = (account, item.network)
        days = self.days.get(key)
        if days is None:
            days = self.days[key] = {}
            self.hours[key] = [0] * 24
        ordinal = date.toordinal()
        row = days.get(ordinal)
        if row is None:
            row = days[ordinal] = [0, 0, 0, 0, 0]
        self.posts += 1
        row[_POSTS] += 1
        self.hours[key][local.hour] += 1
        if item.repost:
            row[_REPOSTS] += 1
        if not within_hours(local.time()):
            row[_OUTSIDE] += 1
        if electoral(date, item.post.kind):
            row[_ELECTORAL] += 1
        counts: list[tuple[int, int]] = []
        if not item.repost:
            first = True
            for lang, value in item.post.text.items():
                if value.strip():
                    counts.append((self.column("lang", lang), 1))
                    if first:
                        counts.append((self.column("lead", lang), 1))
                        first = False
        for name, n in item.engagement.items():
            counts.append((self.column("engagement", name), n))
        for col, n in counts:
            if col >= len(row):
                row.extend([0] * (col + 1 - len(row)))
            row[col] += n
        if report is None:
            return
        self.checked = True
        mismatched = False
        for f in report.findings:
            fkey = (account, f.code, f.severity.value)
            self.findings[fkey] = self.findings.get(fkey, 0) + 1
            if f.code in _MISMATCH_CODES:
                mismatched = True
            if f.severity.value != "info":
                self._keep_worst(f, item, account, source, offset, pos)
        if mismatched:
            row[_MISMATCHED] += 1

    def _keep_worst(
        self, f: Finding, item: PublishedPost, account: str, source: str, offset: int, pos: int
    ) -> None:
        when = item.published_at.isoformat()
        post_id = item.post.id or ""
        sample = Sample(
            key=(
                _SEVERITY_RANK[f.severity.value],
                when,
                account,
                item.network,
                f.code,
                f.path,
                f.message,
                post_id,
                source,
                pos,
            ),
            severity=f.severity.value,
            published_at=when,
            account=account,
            network=item.network,
            code=f.code,
            path=f.path,
            message=f.message,
            post_id=post_id,
            url=item.url or "",
            source=source,
            offset=offset,
            line=item.line or 0,
        )
        _keep(self.worst, sample)

    def add_invalid(
        self, bad: InvalidLine, *, source: str = "", offset: int = 0, pos: int = 0
    ) -> None:
        """Count an unreadable line (the first :data:`WORST_KEPT` are kept with the reason)."""
        self.invalid_count += 1
        sample = Sample(
            key=(source, pos),
            severity="error",
            published_at="",
            account="",
            network="",
            code="invalid",
            path="",
            message=bad.message,
            post_id="",
            url="",
            source=source,
            offset=offset,
            line=bad.line,
        )
        _keep(self.invalid, sample)

    def merge(self, other: AuditState, *, take: bool = False) -> AuditState:
        """Add `other`'s totals to this state's and return it.

        `other` is left as it was, unless `take` says it will not be used again: its rows
        then become this state's without a copy (how worker results are merged).
        """
        # other's columns renumbered as this state's; rows move over unchanged when equal
        remap = list(range(len(FIXED_COLUMNS)))
        remap += [self.column(kind, name) for kind, name in other.columns]
        same = remap == list(range(len(remap)))
        renumbered = _renumbering(remap)
        for key, days in other.days.items():
            if not same:
                days = {ordinal: renumbered(row) for ordinal, row in days.items()}
            elif not take:
                days = {ordinal: row.copy() for ordinal, row in days.items()}
            mine = self.days.get(key)
            if mine is None:
                self.days[key] = days
                continue
            # days both counted: this state's counts go into other's row, which replaces it
            for ordinal in mine.keys() & days.keys():
                add_row(days[ordinal], mine[ordinal])
            mine.update(days)
        for key, hist in other.hours.items():
            mine_h = self.hours.get(key)
            if mine_h is None:
                self.hours[key] = hist.copy()
            else:
                mine_h[:] = map(operator.add, mine_h, hist)
        for fkey, n in other.findings.items():
            self.findings[fkey] = self.findings.get(fkey, 0) + n
        for sample in other.worst:
            _keep(self.worst, sample)
        for sample in other.invalid:
            _keep(self.invalid, sample)
        self.invalid_count += other.invalid_count
        self.posts += other.posts
        self.checked = self.checked or other.checked
        for ckey, n in other.chunks.items():
            self.chunks[ckey] = self.chunks.get(ckey, 0) + n
        return self

    @classmethod
    def merged(cls, states: Iterable[AuditState]) -> AuditState:
        out = cls()
        with gc_paused():
            for state in states:
                out.merge(state)
        return out

    def dumps(self) -> bytes:
        """This state pickled, as a worker sends it back (:meth:`loads` reads it).

        Its columns are numbered in sorted order first: states from chunks that met the
        same languages and engagement names, in whatever order, then merge without
        renumbering a row (renumbering took most of the merging time).
        """
        self.sort_columns()
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    def sort_columns(self) -> None:
        """Number the named columns in sorted order of (kind, name); the counts stay."""
        order = sorted(self.columns)
        if order == list(self.columns):
            return
        fixed = len(FIXED_COLUMNS)
        numbered = {key: fixed + i for i, key in enumerate(order)}
        renumbered = _renumbering([*range(fixed), *(numbered[key] for key in self.columns)])
        for days in self.days.values():
            for ordinal, row in days.items():
                days[ordinal] = renumbered(row)
        self.columns = numbered

    @classmethod
    def loads(cls, data: bytes) -> AuditState:
        """A state from :meth:`dumps` (of this process or a worker: never untrusted bytes)."""
        with gc_paused():
            state = pickle.loads(data)
        if not isinstance(state, cls):
            raise TypeError(f"expected a pickled AuditState, got {type(state).__name__}")
        return state

    def file_line(self, sample: Sample) -> int:
        """A kept sample's line in its file (its chunk's line plus the lines before the chunk)."""
        before = sum(
            n
            for (src, start), n in self.chunks.items()
            if src == sample.source and start < sample.offset
        )
        return before + sample.line


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic containers are made.

    Unpickling a state makes a list per profile-day; each few hundred of them start a
    collection that walks the young objects and, in time, everything merged so far:
    unpickling 16 MB of states took three times as long with the collector running.
    Rows, dicts and samples hold no reference cycles, so nothing is left uncollected.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _renumbering(remap: list[int]) -> Callable[[list[int]], list[int]]:
    """A function that copies a row with its column i moved to column remap[i]."""
    width = len(remap)
    source = [width] * (max(remap) + 1)  # column `width` of a padded row is a zero
    for old, new in enumerate(remap):
        source[new] = old
    get = operator.itemgetter(*source)
    pad = [0] * (width + 1)

    def renumbered(row: list[int]) -> list[int]:
        return list(get(row + pad[len(row) :]))

    return renumbered


def _keep(kept: list[Sample], sample: Sample) -> None:
    """Insert `sample` in order and keep the first :data:`WORST_KEPT`."""
    if len(kept) >= WORST_KEPT and sample >= kept[-1]:
        return
    bisect.insort(kept, sample)
    del kept[WORST_KEPT:]
