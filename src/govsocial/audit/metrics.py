"""The audit's running totals: small, picklable and mergeable.

An :class:`AuditState` holds, for every (account, network), one :class:`Day` of
counts per local day it published on, a histogram of publishing hours, the pre-publish
findings by rule, and a bounded list of the worst findings.  Its size grows with the
number of accounts and days, never with the number of posts.  Two states built from
any split of the same posts merge (:meth:`AuditState.merge`) into the state of the
whole: the counts add up and the bounded lists keep the same first entries under a
total order, which is what lets ``--jobs`` and Dask give the single process's result.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from typing import Any

import attrs

from govsocial.audit.records import InvalidLine, PublishedPost
from govsocial.findings import Finding, Report

__all__ = ["AuditState", "Day", "Sample", "WORST_KEPT"]

#: How many of the worst findings, and of the unreadable lines, a state keeps.
WORST_KEPT = 50

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@attrs.define
class Day:
    """What one account published on one network on one local day."""

    posts: int = 0
    reposts: int = 0
    outside_hours: int = 0
    electoral: int = 0
    mismatched: int = 0
    langs: dict[str, int] = attrs.Factory(dict)
    lead: dict[str, int] = attrs.Factory(dict)
    engagement: dict[str, int] = attrs.Factory(dict)

    def merge(self, other: Day) -> None:
        self.posts += other.posts
        self.reposts += other.reposts
        self.outside_hours += other.outside_hours
        self.electoral += other.electoral
        self.mismatched += other.mismatched
        for mine, theirs in (
            (self.langs, other.langs),
            (self.lead, other.lead),
            (self.engagement, other.engagement),
        ):
            for key, n in theirs.items():
                mine[key] = mine.get(key, 0) + n


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

    days: dict[tuple[str, str], dict[dt.date, Day]] = attrs.Factory(dict)
    hours: dict[tuple[str, str], list[int]] = attrs.Factory(dict)
    findings: dict[tuple[str, str, str], int] = attrs.Factory(dict)  # (account, code, severity)
    worst: list[Sample] = attrs.Factory(list)
    invalid: list[Sample] = attrs.Factory(list)
    invalid_count: int = 0
    posts: int = 0
    checked: bool = False
    # lines read per chunk of a source, to turn chunk-relative lines into file lines
    chunks: dict[tuple[str, int], int] = attrs.Factory(dict)

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
        day = days.get(date)
        if day is None:
            day = days[date] = Day()
        self.posts += 1
        day.posts += 1
        self.hours[key][local.hour] += 1
        if item.repost:
            day.reposts += 1
        if not within_hours(local.time()):
            day.outside_hours += 1
        if electoral(date, item.post.kind):
            day.electoral += 1
        text = item.post.text
        if not item.repost:
            first = True
            for lang, value in text.items():
                if value.strip():
                    day.langs[lang] = day.langs.get(lang, 0) + 1
                    if first:
                        day.lead[lang] = day.lead.get(lang, 0) + 1
                        first = False
        for name, n in item.engagement.items():
            day.engagement[name] = day.engagement.get(name, 0) + n
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
            day.mismatched += 1

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

    def merge(self, other: AuditState) -> AuditState:
        """Add `other`'s totals to this state's and return it."""
        for key, days in other.days.items():
            mine = self.days.setdefault(key, {})
            for date, day in days.items():
                if date in mine:
                    mine[date].merge(day)
                else:
                    copy = Day()
                    copy.merge(day)
                    mine[date] = copy
        for key, hist in other.hours.items():
            mine_h = self.hours.setdefault(key, [0] * 24)
            for h, n in enumerate(hist):
                mine_h[h] += n
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
        for state in states:
            out.merge(state)
        return out

    def file_line(self, sample: Sample) -> int:
        """A kept sample's line in its file (its chunk's line plus the lines before the chunk)."""
        before = sum(
            n
            for (src, start), n in self.chunks.items()
            if src == sample.source and start < sample.offset
        )
        return before + sample.line


def _keep(kept: list[Sample], sample: Sample) -> None:
    """Insert `sample` in order and keep the first :data:`WORST_KEPT`."""
    if len(kept) >= WORST_KEPT and sample >= kept[-1]:
        return
    import bisect

    bisect.insort(kept, sample)
    del kept[WORST_KEPT:]
