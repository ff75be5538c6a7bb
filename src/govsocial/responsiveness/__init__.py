"""Response rate and response time, as the platforms define them.

Feed messages (inbound from citizens, outbound from the account) and a
:class:`Convention`; get a :class:`ResponsivenessReport` with the rate, the time, every
counted request and breakdowns. Conventions are documented in docs/responsiveness.md
with their sources; the facts live in ``data/responsiveness/conventions.yaml``.

Two ways in: :func:`responsiveness` sorts any iterable of messages first; a
:class:`Calculator` takes messages already in time order, one at a time, with memory
bounded by the open conversations and the convention's window (a year of messages from
many accounts streams through it).
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import functools
import math
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal

import attrs

from govsocial._io import load_yaml_resource, parse_rfc3339
from govsocial.errors import InputError, PolicyError, UsageError
from govsocial.responsiveness.calendar import BusinessCalendar

__all__ = [
    "AGGREGATORS",
    "CONVENTIONS",
    "BusinessCalendar",
    "Calculator",
    "Convention",
    "Group",
    "Message",
    "Request",
    "ResponsivenessPolicy",
    "ResponsivenessReport",
    "aggregate",
    "get_convention",
    "needs_no_reply",
    "policy_from_mapping",
    "read_messages",
    "responsiveness",
]

Direction = Literal["in", "out"]


# ----------------------------------------------------------------------------- messages


_parse_time = parse_rfc3339  # the name the CLI imports


_OPTIONAL = ("account", "network", "author", "lang", "kind", "text")


@attrs.frozen
class Message:
    """One message of a conversation (``schemas/message.schema.json``)."""

    conversation: str
    direction: Direction
    at: dt.datetime
    account: str | None = None
    network: str | None = None
    author: str | None = None
    lang: str | None = None
    kind: str | None = None
    text: str | None = None
    line: int | None = attrs.field(default=None, eq=False)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, line: int | None = None) -> Message:
        """Validate and build; raises ValueError naming the field and what was expected."""
        if not isinstance(d, Mapping):
            raise ValueError(f"expected a JSON object, got {type(d).__name__}")
        unknown = set(d) - {"conversation", "direction", "at", *_OPTIONAL}
        if unknown:
            raise ValueError(
                f"unknown field(s) {', '.join(sorted(unknown))}; expected conversation, "
                "direction, at, account, network, author, lang, kind, text"
            )
        for key in ("conversation", "direction", "at"):
            if key not in d:
                raise ValueError(f"missing required field {key!r}")
        conv = d["conversation"]
        if isinstance(conv, int) and not isinstance(conv, bool):
            conv = str(conv)
        if not isinstance(conv, str) or not conv:
            raise ValueError(f"conversation: expected a non-empty string id, got {conv!r}")
        direction = d["direction"]
        if direction not in ("in", "out"):
            raise ValueError(f"direction: expected 'in' or 'out', got {direction!r}")
        at = _parse_time(d["at"], "at")
        opt: dict[str, str | None] = {}
        for key in _OPTIONAL:
            v = d.get(key)
            if v is not None and not isinstance(v, str):
                raise ValueError(f"{key}: expected a string, got {v!r}")
            opt[key] = v
        return cls(conv, direction, at, line=line, **opt)


def read_messages(lines: Iterable[str], *, source: str = "<input>") -> Iterator[Message]:
    """Messages from JSON Lines; a bad line raises :class:`InputError` naming it."""
    from govsocial._io import iter_jsonl

    for number, obj in iter_jsonl(lines, source=source):
        try:
            yield Message.from_dict(obj, line=number)
        except ValueError as e:
            raise InputError(str(e), source=source, line=number) from None


# ------------------------------------------------------------------------ no-reply lexicon


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.cache
def _lexicon() -> frozenset[str]:
    data: Any = load_yaml_resource("responsiveness/no_reply.yaml")
    phrases: set[str] = set()
    for items in data["phrases"].values():
        phrases.update(" ".join(_fold(p).split()) for p in items)
    return frozenset(phrases)


@functools.lru_cache(maxsize=64)
def _phrases(extra: tuple[str, ...]) -> frozenset[str]:
    """The lexicon plus a caller's or policy's phrases, folded once."""
    if not extra:
        return _lexicon()
    return _lexicon() | {" ".join(_fold(e).split()) for e in extra}


def needs_no_reply(text: str | None, extra: Iterable[str] = ()) -> bool:
    """True for a message that closes a conversation: thanks, an emoji, a like.

    The whole message (case, accents, punctuation and emoji ignored) must be one or more
    phrases of the lexicon (``data/responsiveness/no_reply.yaml``: es, ca, eu, gl, en) or
    of ``extra``. An empty or emoji-only message needs no reply either.
    """
    if text is None:
        return False
    folded = _fold(text)
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    if not words:
        return True  # emoji, punctuation, a like: nothing to answer
    phrases = _phrases(tuple(extra))
    # Cover the words with lexicon phrases, longest first (phrases have up to 4 words).
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            if " ".join(words[i : i + n]) in phrases:
                i += n
                break
        else:
            return False
    return True


# ----------------------------------------------------------------------------- conventions


@attrs.frozen
class Convention:
    """How a platform or tool defines response rate and time. See docs/responsiveness.md."""

    name: str
    description: str
    source: str
    # What starts a request: "gap" = first inbound after `gap` with no message from either
    # side (Meta today); "unanswered" = first inbound since the account last replied.
    request: Literal["gap", "unanswered"]
    gap: dt.timedelta | None
    # When a request counts as answered: any reply, or only one on the same local day.
    answered: Literal["any", "same-day"]
    # Window: "before-last" = `window` before the last counted request, at least
    # `min_requests` (Meta); "rolling" = `window` before `as_of`.
    window_kind: Literal["before-last", "rolling", "all"]
    window: dt.timedelta | None
    min_requests: int
    aggregator: str
    excluded_inbound: frozenset[str]
    non_reply_kinds: frozenset[str]
    automated_replies_count: bool
    exclude_no_reply_needed: bool
    badge: tuple[float, dt.timedelta, dt.timedelta] | None = None  # rate, time, window


def _td(value: Any) -> dt.timedelta | None:
    if value is None:
        return None
    units = {"m": 60, "h": 3600, "d": 86400}
    text = str(value).strip()
    if text[-1:] in units and text[:-1].isdigit():
        return dt.timedelta(seconds=int(text[:-1]) * units[text[-1]])
    raise UsageError(f"duration {value!r}: expected e.g. 15m, 24h or 30d")


@functools.cache
def _conventions() -> dict[str, Convention]:
    data: Any = load_yaml_resource("responsiveness/conventions.yaml")
    out = {}
    for name, c in data["conventions"].items():
        badge = c.get("badge")
        out[name] = Convention(
            name=name,
            description=c["description"],
            source=c["source"],
            request=c["request"],
            gap=_td(c.get("gap")),
            answered=c["answered"],
            window_kind=c["window"]["kind"],
            window=_td(c["window"].get("length")),
            min_requests=int(c["window"].get("min_requests", 0)),
            aggregator=c["aggregator"],
            excluded_inbound=frozenset(c.get("excluded_inbound", ())),
            non_reply_kinds=frozenset(c.get("non_reply_kinds", ())),
            automated_replies_count=bool(c.get("automated_replies_count", True)),
            exclude_no_reply_needed=bool(c.get("exclude_no_reply_needed", False)),
            badge=(
                (float(badge["rate"]), _td(badge["time"]), _td(badge["window"]))  # type: ignore[arg-type]
                if badge
                else None
            ),
        )
    return out


#: Names of the built-in conventions.
CONVENTIONS: tuple[str, ...] = ("meta", "meta-2016", "calendar")


def get_convention(name: str | Convention) -> Convention:
    """A built-in convention by name (see :data:`CONVENTIONS`), or ``name`` itself."""
    if isinstance(name, Convention):
        return name
    table = _conventions()
    if name not in table:
        raise UsageError(f"unknown convention {name!r}; expected one of {', '.join(sorted(table))}")
    return table[name]


# ----------------------------------------------------------------------------- aggregators


def _fastest90(values: list[float]) -> float:
    k = max(1, math.ceil(0.9 * len(values)))
    return statistics.fmean(sorted(values)[:k])


def _p90(values: list[float]) -> float:
    s = sorted(values)
    # Nearest-rank percentile: the smallest value with at least 90% of values at or below.
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


AGGREGATORS: dict[str, Callable[[list[float]], float]] = {
    "mean": statistics.fmean,
    "median": _median,
    "p90": _p90,
    "fastest90-mean": _fastest90,
}


def aggregate(seconds: Iterable[float], how: str) -> float | None:
    """Aggregate response times (seconds): mean, median, p90 (nearest rank) or
    fastest90-mean (mean of the fastest ceil(90%))."""
    fn = AGGREGATORS.get(how)
    if fn is None:
        raise UsageError(f"unknown aggregator {how!r}; expected one of {', '.join(AGGREGATORS)}")
    values = list(seconds)
    return float(fn(values)) if values else None


# ----------------------------------------------------------------------------- results


@attrs.frozen
class Request:
    """An inbound message the convention counts, and what happened to it."""

    conversation: str
    at: dt.datetime
    answered_at: dt.datetime | None
    response_time: dt.timedelta | None  # in the report's clock (calendar or business)
    answered: bool  # by the convention's rule (e.g. same day)
    account: str | None
    network: str | None
    lang: str | None
    line: int | None
    sla_breached: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "conversation": self.conversation,
            "at": self.at.isoformat(),
            "answered": self.answered,
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "response_seconds": (
                self.response_time.total_seconds() if self.response_time is not None else None
            ),
            "account": self.account,
            "network": self.network,
            "lang": self.lang,
            "line": self.line,
            "sla_breached": self.sla_breached,
        }


@attrs.frozen
class Group:
    """Rate and time for one account, network, language or day."""

    received: int
    answered: int
    response_rate: float | None
    response_time: dt.timedelta | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "answered": self.answered,
            "response_rate": self.response_rate,
            "response_seconds": (
                self.response_time.total_seconds() if self.response_time is not None else None
            ),
        }


@attrs.frozen
class ResponsivenessReport:
    convention: str
    clock: Literal["calendar", "business"]
    aggregator: str
    response_rate: float | None
    response_time: dt.timedelta | None
    received: int
    answered: int
    window: tuple[dt.datetime, dt.datetime] | None
    requests: tuple[Request, ...]
    skipped: Mapping[str, int]
    sla: dt.timedelta | None
    sla_breaches: tuple[Request, ...]
    very_responsive: bool | None
    by_account: Mapping[str, Group]
    by_network: Mapping[str, Group]
    by_lang: Mapping[str, Group]
    by_day: Mapping[str, Group]
    messages: int

    def to_dict(self) -> dict[str, Any]:
        def groups(g: Mapping[str, Group]) -> dict[str, Any]:
            return {k: v.to_dict() for k, v in g.items()}

        return {
            "convention": self.convention,
            "clock": self.clock,
            "aggregator": self.aggregator,
            "response_rate": self.response_rate,
            "response_seconds": (
                self.response_time.total_seconds() if self.response_time is not None else None
            ),
            "received": self.received,
            "answered": self.answered,
            "messages": self.messages,
            "window": [t.isoformat() for t in self.window] if self.window else None,
            "skipped": dict(self.skipped),
            "sla_seconds": self.sla.total_seconds() if self.sla is not None else None,
            "sla_breaches": [r.to_dict() for r in self.sla_breaches],
            "very_responsive": self.very_responsive,
            "by_account": groups(self.by_account),
            "by_network": groups(self.by_network),
            "by_lang": groups(self.by_lang),
            "by_day": groups(self.by_day),
            "requests": [r.to_dict() for r in self.requests],
        }


# ----------------------------------------------------------------------------- calculator


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
        self._last_line: int | None = None
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


# ----------------------------------------------------------------------------- policy


@attrs.frozen
class ResponsivenessPolicy:
    """The ``responsiveness`` section of a policy: how the institution measures itself."""

    convention: str = "meta"
    calendar: BusinessCalendar | None = None
    sla: str | None = None
    aggregator: str | None = None
    no_reply_phrases: tuple[str, ...] = ()
    off_hours_replies: str = "business-time"

    def options(self) -> dict[str, Any]:
        """Keyword arguments for :func:`responsiveness` / :class:`Calculator`."""
        return {
            "calendar": self.calendar,
            "sla": self.sla,
            "aggregator": self.aggregator,
            "no_reply_phrases": self.no_reply_phrases,
            "off_hours_replies": self.off_hours_replies,
        }


_POLICY_KEYS = {
    "convention",
    "tz",
    "hours",
    "days",
    "holidays",
    "sla",
    "aggregator",
    "no_reply",
    "off_hours_replies",
}


def policy_from_mapping(data: Any, *, where: str = "/responsiveness") -> ResponsivenessPolicy:
    """Validate a policy's ``responsiveness`` section::

    responsiveness:
      convention: meta          # meta | meta-2016 | calendar
      tz: Europe/Madrid
      hours: "09:00-15:00"      # or a list of intervals; omit for calendar time
      days: mon-fri
      holidays: ES-CT
      sla: 2 working days       # or 2h, 24h
      no_reply: [moltes mercès] # extra phrases that need no reply
    """
    if not isinstance(data, Mapping):
        raise PolicyError("expected a mapping", where=where)
    unknown = sorted(set(data) - _POLICY_KEYS)
    if unknown:
        raise PolicyError(
            f"unknown key {unknown[0]!r}; expected one of {', '.join(sorted(_POLICY_KEYS))}",
            where=f"{where}/{unknown[0]}",
        )
    for key in ("convention", "tz", "days", "holidays", "sla", "aggregator", "off_hours_replies"):
        if key in data and not isinstance(data[key], str):
            raise PolicyError(f"expected a string, got {data[key]!r}", where=f"{where}/{key}")
    try:
        convention = get_convention(data.get("convention", "meta")).name
        if "aggregator" in data:
            aggregate([], data["aggregator"])
        calendar = None
        if "hours" in data or "holidays" in data:
            calendar = BusinessCalendar.build(
                data.get("tz", "Europe/Madrid"),
                data.get("hours", "09:00-17:00"),
                days=data.get("days", "mon-fri"),
                holidays=data.get("holidays"),
            )
        sla = data.get("sla")
        off = data.get("off_hours_replies", "business-time")
        Calculator(convention, calendar=calendar, sla=sla, off_hours_replies=off)
    except UsageError as e:
        raise PolicyError(str(e), where=where) from None
    phrases = data.get("no_reply", [])
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise PolicyError("expected a list of phrases", where=f"{where}/no_reply")
    return ResponsivenessPolicy(
        convention, calendar, sla, data.get("aggregator"), tuple(phrases), off
    )
