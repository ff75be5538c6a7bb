"""The calculator: messages in, a :class:`ResponsivenessReport` out.

:func:`responsiveness` sorts any iterable of messages first; a :class:`Calculator` takes
messages already in time order, one at a time, with memory bounded by the open
conversations and the convention's window.
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from govsocial.errors import InputError, UsageError
from govsocial.responsiveness.aggregators import aggregate
from govsocial.responsiveness.calendar import BusinessCalendar
from govsocial.responsiveness.conventions import Convention, _td, get_convention
from govsocial.responsiveness.messages import Message
from govsocial.responsiveness.no_reply import needs_no_reply
from govsocial.responsiveness.report import Group, Request, ResponsivenessReport

__all__ = ["Calculator", "responsiveness"]


@attrs.define
class _Done:
    """A finished request (its reply, if any) before windowing."""

    msg: Message
    reply: Message | None


class Calculator:
    """Streaming calculator: ``add`` messages in time order, then ``report()``.

    Memory holds the open conversations and the finished requests of the convention's
    window (plus its minimum sample); older requests are dropped as time moves on.
    """

    def __init__(
        self,
        convention: str | Convention = "meta",
        *,
        calendar: BusinessCalendar | None = None,
        aggregator: str | None = None,
        sla: dt.timedelta | str | None = None,
        as_of: dt.datetime | None = None,
        orphan_replies: Literal["error", "skip"] = "error",
        no_reply_phrases: Iterable[str] = (),
        tz: str | None = None,
        off_hours_replies: Literal["business-time", "zero", "untimed"] = "business-time",
    ) -> None:
        self.convention = get_convention(convention)
        self.calendar = calendar
        self.aggregator = aggregator or self.convention.aggregator
        aggregate([], self.aggregator)  # validate the name now
        self.sla = self._parse_sla(sla)
        self.as_of = as_of
        if as_of is not None and as_of.tzinfo is None:
            raise UsageError("as_of must carry a UTC offset")
        self.orphan_replies = orphan_replies
        self.no_reply_phrases = tuple(no_reply_phrases)
        if off_hours_replies not in ("business-time", "zero", "untimed"):
            raise UsageError(
                f"off_hours_replies {off_hours_replies!r}: expected business-time, zero or untimed"
            )
        self.off_hours_replies = off_hours_replies
        self._tz = (
            calendar.tz
            if calendar is not None
            else (BusinessCalendar.build(tz).tz if tz else dt.UTC)
        )
        # Conversation state lives in flat tables keyed by conversation id, not in one
        # object per conversation: a year of messages then creates no garbage-collected
        # objects per conversation or per request, and the collector stays cheap.
        self._last_at: dict[str, dt.datetime] = {}  # open conversations: last counted message
        self._pending: dict[str, Message] = {}  # the request awaiting a reply
        self._seen: set[str] = set()  # conversations with an inbound message, ever
        self._done_msg: collections.deque[Message] = collections.deque()
        self._done_reply: collections.deque[Message | None] = collections.deque()
        self._skipped: collections.Counter[str] = collections.Counter()
        self._last: dt.datetime | None = None
        self._messages = 0

    def _parse_sla(self, sla: dt.timedelta | str | None) -> dt.timedelta | None:
        if sla is None or isinstance(sla, dt.timedelta):
            return sla
        text = sla.strip().lower()
        if text.endswith(("working days", "working day", "wd")):
            n = text.split()[0].removesuffix("wd")
            if not n.isdigit():
                raise UsageError(f"SLA {sla!r}: expected e.g. '2 working days'")
            if self.calendar is None:
                raise UsageError(f"SLA {sla!r} in working days needs a business calendar")
            return self.calendar.working_days(int(n))
        return _td(text)

    # -- feeding

    def add(self, m: Message) -> None:
        """Take the next message (time order required; equal times are fine)."""
        if self._last is not None and m.at < self._last:
            where = f"line {m.line}" if m.line is not None else "a message"
            raise InputError(
                f"{where} ({m.at.isoformat()}) is earlier than the message before it "
                f"({self._last.isoformat()}); the streaming calculator needs time order "
                "(responsiveness() sorts for you)"
            )
        self._last = m.at
        self._messages += 1
        if self._messages % 65536 == 0:
            self._sweep(m.at)
        cid = m.conversation
        c = self.convention
        if m.direction == "in":
            self._seen.add(cid)
            if m.kind in c.excluded_inbound:
                self._skipped[f"inbound marked {m.kind}"] += 1
                return
            last_at = self._last_at.get(cid)
            if c.request == "gap":
                starts = last_at is None or (c.gap is not None and m.at - last_at >= c.gap)
            else:
                starts = cid not in self._pending
            self._last_at[cid] = m.at
            if not starts:
                return
            if c.exclude_no_reply_needed and needs_no_reply(m.text, self.no_reply_phrases):
                self._skipped["needs no reply"] += 1
                return
            pending = self._pending.get(cid)
            if pending is not None and pending is not m:
                self._finish(pending, None)
            self._pending[cid] = m
            return
        # outbound
        if m.kind in c.non_reply_kinds:
            self._skipped[f"outbound {m.kind}"] += 1
            return
        if m.kind == "automated" and not c.automated_replies_count:
            self._skipped["outbound automated"] += 1
            return
        if cid not in self._seen:
            if self.orphan_replies == "error":
                where = f"line {m.line}" if m.line is not None else "a message"
                raise InputError(
                    f"{where}: a reply in conversation {cid!r} before any inbound "
                    "message (pass orphan_replies='skip' / --skip-orphan-replies to count it as "
                    "skipped)"
                )
            self._skipped["reply before any inbound message"] += 1
            return
        self._last_at[cid] = m.at
        pending = self._pending.pop(cid, None)
        if pending is not None:
            self._finish(pending, m)

    def _sweep(self, now: dt.datetime) -> None:
        """Retire idle conversations with nothing pending (their id stays in the set of
        conversations that had an inbound message, so a later reply is still known to
        follow one)."""
        horizon = now - max(self.convention.gap or dt.timedelta(0), dt.timedelta(days=1))
        pending = self._pending
        idle = [k for k, t in self._last_at.items() if t < horizon and k not in pending]
        for k in idle:
            del self._last_at[k]

    def add_all(self, messages: Iterable[Message]) -> Calculator:
        for m in messages:
            self.add(m)
        return self

    def _finish(self, msg: Message, reply: Message | None) -> None:
        self._done_msg.append(msg)
        self._done_reply.append(reply)
        if len(self._done_msg) & 1023 == 0:  # amortised: the window is pruned in batches
            self._prune()

    def _prune(self) -> None:
        c = self.convention
        if c.window_kind != "before-last" or c.window is None or self.as_of is not None:
            return
        # Keep what the window before the newest request can still need.
        keep_from = self._last - c.window if self._last is not None else None
        if keep_from is None:
            return
        floor = max(c.min_requests, 1)
        cutoff = keep_from - (c.gap or dt.timedelta(0))
        msgs, replies = self._done_msg, self._done_reply
        while len(msgs) > floor and msgs[0].at < cutoff:
            msgs.popleft()
            replies.popleft()

    # -- results

    def _clock(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        if self.calendar is not None:
            return self.calendar.duration(start, end)
        return end - start

    def report(self) -> ResponsivenessReport:
        c = self.convention
        done = sorted(
            [
                *(_Done(m, r) for m, r in zip(self._done_msg, self._done_reply, strict=True)),
                *(_Done(m, None) for m in self._pending.values()),
            ],
            key=lambda d: (d.msg.at, d.msg.conversation, d.msg.line or 0),
        )
        window: tuple[dt.datetime, dt.datetime] | None = None
        if done:
            if c.window_kind == "before-last" and c.window is not None:
                end = self.as_of or done[-1].msg.at
                start = end - c.window
                times = [d.msg.at for d in done]
                lo = bisect.bisect_right(times, start)
                hi = bisect.bisect_right(times, end)
                chosen = done[lo:hi]
                if len(chosen) < c.min_requests:
                    chosen = done[max(0, hi - c.min_requests) : hi]
                done = chosen
                window = (done[0].msg.at, end) if done else None
            elif c.window_kind == "rolling" and c.window is not None:
                end = self.as_of or self._last or done[-1].msg.at
                start = end - c.window
                done = [d for d in done if start < d.msg.at <= end]
                window = (start, end)
        requests = [self._request(d) for d in done]
        return self._summarise(requests, window)

    def _request(self, d: _Done) -> Request:
        m, r = d.msg, d.reply
        answered = r is not None
        if r is not None and self.convention.answered == "same-day":
            answered = m.at.astimezone(self._tz).date() == r.at.astimezone(self._tz).date()
        rt = self._clock(m.at, r.at) if r is not None else None
        if (
            r is not None
            and self.calendar is not None
            and self.off_hours_replies != "business-time"
            and not self.calendar.is_open(r.at)
        ):
            # A reply sent while the office is closed: timed as zero, or left untimed
            # (answered, but out of the response-time figure).
            rt = dt.timedelta(0) if self.off_hours_replies == "zero" else None
        breached = False
        if self.sla is not None:
            if rt is not None:
                breached = rt > self.sla
            else:
                end = self.as_of or self._last or m.at
                breached = self._clock(m.at, end) > self.sla
        return Request(
            m.conversation,
            m.at,
            r.at if r is not None else None,
            rt,
            answered,
            m.account,
            m.network,
            m.lang,
            m.line,
            breached,
        )

    def _group(self, reqs: list[Request]) -> Group:
        answered = [q for q in reqs if q.answered]
        secs = [q.response_time.total_seconds() for q in answered if q.response_time is not None]
        t = aggregate(secs, self.aggregator)
        return Group(
            len(reqs),
            len(answered),
            len(answered) / len(reqs) if reqs else None,
            dt.timedelta(seconds=t) if t is not None else None,
        )

    def _summarise(
        self, requests: list[Request], window: tuple[dt.datetime, dt.datetime] | None
    ) -> ResponsivenessReport:
        total = self._group(requests)

        def by(key: Any) -> dict[str, Group]:
            buckets: dict[str, list[Request]] = {}
            for q in requests:
                buckets.setdefault(key(q) or "-", []).append(q)
            return {k: self._group(v) for k, v in sorted(buckets.items())}

        very = None
        c = self.convention
        if c.badge is not None and requests:
            rate_min, time_max, span = c.badge
            end = self.as_of or requests[-1].at
            recent = [q for q in requests if end - span < q.at <= end]
            g = self._group(recent)
            very = bool(
                g.response_rate is not None
                and g.response_rate >= rate_min
                and g.response_time is not None
                and g.response_time <= time_max
            )
        return ResponsivenessReport(
            convention=c.name,
            clock="business" if self.calendar is not None else "calendar",
            aggregator=self.aggregator,
            response_rate=total.response_rate,
            response_time=total.response_time,
            received=total.received,
            answered=total.answered,
            window=window,
            requests=tuple(requests),
            skipped=dict(sorted(self._skipped.items())),
            sla=self.sla,
            sla_breaches=tuple(q for q in requests if q.sla_breached),
            very_responsive=very,
            by_account=by(lambda q: q.account),
            by_network=by(lambda q: q.network),
            by_lang=by(lambda q: q.lang),
            by_day=by(lambda q: q.at.astimezone(self._tz).date().isoformat()),
            messages=self._messages,
        )


def _order(m: Message) -> tuple[Any, ...]:
    # A total order that does not depend on input order: time, then conversation, then
    # inbound before outbound at the same instant, then the remaining fields.
    return (
        m.at.astimezone(dt.UTC),
        m.conversation,
        m.direction != "in",
        m.kind or "",
        m.author or "",
        m.text or "",
        m.account or "",
        m.network or "",
        m.lang or "",
    )


def responsiveness(
    messages: Iterable[Message | Mapping[str, Any]],
    convention: str | Convention = "meta",
    *,
    calendar: BusinessCalendar | None = None,
    aggregator: str | None = None,
    sla: dt.timedelta | str | None = None,
    as_of: dt.datetime | None = None,
    orphan_replies: Literal["error", "skip"] = "error",
    no_reply_phrases: Iterable[str] = (),
    tz: str | None = None,
    off_hours_replies: Literal["business-time", "zero", "untimed"] = "business-time",
) -> ResponsivenessReport:
    """Response rate and time of ``messages`` (in any order) under ``convention``.

    ``calendar`` switches the clock to business time; ``sla`` (``2h``, ``2 working
    days`` or a timedelta) lists the requests answered later than that, or not at all.
    """
    msgs: list[Message] = []
    for i, m in enumerate(messages):
        if isinstance(m, Message):
            msgs.append(m)
        else:
            try:
                msgs.append(Message.from_dict(m, line=i + 1))
            except ValueError as e:
                raise InputError(str(e), source="messages", line=i + 1) from None
    msgs.sort(key=_order)
    calc = Calculator(
        convention,
        calendar=calendar,
        aggregator=aggregator,
        sla=sla,
        as_of=as_of,
        orphan_replies=orphan_replies,
        no_reply_phrases=no_reply_phrases,
        tz=tz,
        off_hours_replies=off_hours_replies,
    )
    return calc.add_all(msgs).report()
