"""A policy's crisis protocol and the assessment of a mention stream against it.

The ``crisis`` section of a policy names the levels (1 watch, 2 crisis, 3 emergency…),
each with the conditions over the signals that raise it, the roles to alert and the
playbook. :func:`assess` computes every signal over the assessment window, finds the
highest level whose conditions hold and returns it with each reason (signal, value,
threshold). See docs/crisis.md for the format and a worked example.

Long on purpose: the protocol's values, :func:`assess` and the reading of the policy
section share one vocabulary (signals, conditions, groups, levels) and change together;
apart, each piece would need the others' private shapes. Most of the section's hand
checks go when the policy schema describes the section completely.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from govsocial.crisis.lexicon import words
from govsocial.crisis.series import parse_duration
from govsocial.crisis.signals import (
    LexiconNegativity,
    Mention,
    NegativityScorer,
    TopicSet,
    default_negativity,
    default_topics,
)
from govsocial.crisis.spikes import SpikeDetector
from govsocial.errors import PolicyError, UsageError
from govsocial.limits import DEFAULT_LIMITS, Limits

__all__ = [
    "SIGNALS",
    "Assessment",
    "Condition",
    "CrisisProtocol",
    "Level",
    "Reason",
    "assess",
    "policy_from_mapping",
]

SIGNALS: dict[str, str] = {
    "mentions": "mentions in the window",
    "expected": "mentions the seasonal baseline expected in the window",
    "volume_ratio": "mentions / expected (expected counted as at least 1)",
    "spike": "1 when the spike detector alerted in the window, else 0",
    "spike_score": "highest anomaly score of the spike detector in the window, 0..1",
    "negative_mentions": "mentions scored negative (negativity >= the threshold)",
    "negative_share": "negative mentions / mentions; unavailable under negativity.min_mentions",
    "topic_mentions": "mentions matching any sensitive topic",
    "sensitive_mentions": "mentions matching a topic of high severity",
    "topic.<id>": "mentions matching that topic",
    "max_followers": "largest follower count among the window's authors",
    "high_reach_mentions": "mentions by authors with >= reach.followers, or listed media/verified",
    "media_mentions": "mentions by accounts listed in reach.media",
    "verified_mentions": "mentions by accounts listed in reach.verified",
    "reach": "sum of the mentions' reach (their followers where reach is absent)",
}


@attrs.frozen
class Condition:
    """``signal >= threshold`` (op ``min``) or ``signal <= threshold`` (op ``max``)."""

    signal: str
    op: str
    threshold: float

    def holds(self, value: float | None) -> bool:
        if value is None:
            return False
        return value >= self.threshold if self.op == "min" else value <= self.threshold


@attrs.frozen
class Group:
    """``all`` or ``any`` of conditions and nested groups."""

    mode: str
    items: tuple[Condition | Group, ...]

    def evaluate(self, signals: Mapping[str, float | None]) -> tuple[bool, list[Reason]]:
        reasons: list[Reason] = []
        results = []
        for item in self.items:
            if isinstance(item, Condition):
                value = signals.get(item.signal)
                ok = item.holds(value)
                if ok:
                    reasons.append(Reason(item.signal, value, item.op, item.threshold))
            else:
                ok, sub = item.evaluate(signals)
                if ok:
                    reasons.extend(sub)
            results.append(ok)
        held = all(results) if self.mode == "all" else any(results)
        return held, (reasons if held else [])


@attrs.frozen
class Reason:
    """One condition that held: the signal, its value and the threshold it crossed."""

    signal: str
    value: float | None
    op: str
    threshold: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "signal": self.signal,
            "value": self.value,
            "op": ">=" if self.op == "min" else "<=",
            "threshold": self.threshold,
        }


@attrs.frozen
class Level:
    """A level of the protocol: when it applies, who is alerted and what to do."""

    level: int
    name: str
    when: Group
    alert: tuple[str, ...] = ()
    playbook: tuple[str, ...] = ()
    first_message: tuple[str, ...] = ()


@attrs.frozen
class CrisisProtocol:
    """The validated ``crisis`` section of a policy."""

    levels: tuple[Level, ...]
    window: float = 2 * 3600.0
    bucket: float = 900.0
    spikes: Mapping[str, Any] = attrs.field(factory=dict)
    negativity_min_mentions: int = 10
    negativity_threshold: float = 0.5
    topics: TopicSet = attrs.field(factory=default_topics, eq=False)
    followers: int | None = None
    media: frozenset[str] = frozenset()
    verified: frozenset[str] = frozenset()
    names: Mapping[int, str] = attrs.field(factory=lambda: {0: "normal"})

    def detector(self) -> SpikeDetector:
        return SpikeDetector(**self.spikes)


@attrs.frozen
class Assessment:
    """The level of a mention stream at a time, with its reasons and the playbook."""

    level: int
    name: str
    at: dt.datetime
    window_start: dt.datetime
    reasons: tuple[Reason, ...]
    signals: Mapping[str, float | None]
    alert: tuple[str, ...]
    playbook: tuple[str, ...]
    first_message: tuple[str, ...]
    topic_terms: Mapping[str, tuple[str, ...]]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "name": self.name,
            "at": self.at.isoformat(),
            "window_start": self.window_start.isoformat(),
            "reasons": [r.to_dict() for r in self.reasons],
            "signals": dict(self.signals),
            "alert": list(self.alert),
            "playbook": list(self.playbook),
            "first_message": list(self.first_message),
            "topic_terms": {k: list(v) for k, v in self.topic_terms.items()},
            "notes": list(self.notes),
        }

    def render(self) -> str:
        out = [f"level {self.level} ({self.name}) at {self.at.isoformat()}"]
        out.append(f"window {self.window_start.isoformat()} .. {self.at.isoformat()}")
        for r in self.reasons:
            op = ">=" if r.op == "min" else "<="
            out.append(f"  because {r.signal} = {_fmt(r.value)} {op} {_fmt(r.threshold)}")
        if self.topic_terms:
            for topic, terms in self.topic_terms.items():
                out.append(f"  topic {topic}: {', '.join(terms)}")
        if self.alert:
            out.append("alert: " + ", ".join(self.alert))
        for i, step in enumerate(self.playbook, 1):
            out.append(f"  {i}. {step}")
        if self.first_message:
            out.append("first message:")
            out.extend(f"  [ ] {item}" for item in self.first_message)
        out.extend(f"note: {n}" for n in self.notes)
        out.append(
            "signals: "
            + ", ".join(f"{k}={_fmt(v)}" for k, v in self.signals.items() if v is not None)
        )
        return "\n".join(out) + "\n"


def _fmt(v: float | None) -> str:
    if v is None:
        return "n/a"
    return str(int(v)) if float(v).is_integer() else f"{v:.3g}"


def _handle(h: str | None) -> str:
    return (h or "").strip().lstrip("@").casefold()


# ----------------------------------------------------------------------------- assess


def assess(
    mentions: Iterable[Mention],
    protocol: CrisisProtocol,
    *,
    at: dt.datetime | None = None,
    scorer: NegativityScorer | None = None,
    limits: Limits | None = None,
) -> Assessment:
    """The protocol's level for `mentions` at `at` (default: the last mention's time).

    Only mentions at or before `at` are used (past data only); the spike detector runs
    over the whole history in ``protocol.bucket`` intervals, empty intervals counting 0.
    More intervals than ``limits.max_series_buckets`` (a policy's ``limits``) is an
    :class:`~govsocial.errors.InputError` naming the limit: time stays bounded.
    """
    if not isinstance(protocol, CrisisProtocol):
        raise UsageError(
            "assess() expected protocol as a CrisisProtocol (a policy's .crisis), "
            f"got protocol={protocol!r:.60}"
        )
    if at is not None and not isinstance(at, dt.datetime):
        raise UsageError(f"assess() expected at as an aware datetime, got at={at!r:.60}")
    items = list(mentions)
    for i, m in enumerate(items):
        if not isinstance(m, Mention):
            raise UsageError(
                f"assess() expected mentions as Mention values (read_mentions or "
                f"Mention.from_dict build them), got mentions[{i}]={m!r:.60}"
            )
    items.sort(key=lambda m: m.at)
    notes: list[str] = []
    if at is None:
        if not items:
            raise UsageError("no mentions and no time to assess at: give at=…")
        at = items[-1].at
    elif at.tzinfo is None:
        raise UsageError("at: expected an aware datetime (with a UTC offset)")
    later = [m for m in items if m.at > at]
    if later:
        notes.append(f"{len(later)} mention(s) after the assessment time were not used")
        items = [m for m in items if m.at <= at]
    end = at.timestamp()
    start = end - protocol.window
    window = [m for m in items if m.at.timestamp() > start]

    # volume: the spike detector over the whole history, in buckets
    b = protocol.bucket
    detector = protocol.detector()
    spike = 0.0
    spike_score = 0.0
    expected = 0.0
    if items:
        first = math.floor(items[0].at.timestamp() / b) * b
        last = math.floor(end / b) * b
        most = (limits or DEFAULT_LIMITS).max_series_buckets
        if (last - first) / b + 1 > most:
            from govsocial.errors import InputError
            from govsocial.limits import over_limit

            steps = int((last - first) / b) + 1
            raise InputError(
                over_limit(
                    "max_series_buckets",
                    steps,
                    most,
                    f"{steps:,} intervals of {b:g} s from the first mention "
                    f"({items[0].at.isoformat()}) to {at.isoformat()}",
                )
            )
        counts: dict[float, int] = {}
        for m in items:
            k = math.floor(m.at.timestamp() / b) * b
            counts[k] = counts.get(k, 0) + 1
        t = first
        while t <= last:
            u = detector.update(t, counts.get(t, 0))
            if t + b > start:
                spike = max(spike, float(u.alert))
                spike_score = max(spike_score, u.score)
                expected += u.expected
            t += b
        history = last - first
        if history < detector.warmup:
            notes.append(
                f"only {history / 3600:.1f} h of mention history: the spike detector "
                f"alerts after {detector.warmup / 3600:.0f} h of learning"
            )

    # per-mention signals
    scorer = scorer or default_negativity()
    negative = 0
    topic_counts: dict[str, int] = dict.fromkeys(protocol.topics.topics, 0)
    topic_terms: dict[str, list[str]] = {}
    any_topic = sensitive = 0
    max_followers = 0
    high_reach = media = verified = 0
    reach = 0
    for m in window:
        ws = words(m.text)
        # a mention in a language the lexicon lacks is scored with every lexicon
        lang = (
            m.lang if not isinstance(scorer, LexiconNegativity) or scorer.covers(m.lang) else None
        )
        if scorer.negativity(m.text, lang) >= protocol.negativity_threshold:
            negative += 1
        matched = protocol.topics.match(ws)
        if matched:
            any_topic += 1
            if any(protocol.topics.topics[t].severity == "high" for t in matched):
                sensitive += 1
            for topic, terms in matched.items():
                topic_counts[topic] += 1
                seen = topic_terms.setdefault(topic, [])
                seen.extend(x for x in terms if x not in seen)
        followers = m.followers or 0
        max_followers = max(max_followers, followers)
        who = _handle(m.author)
        is_media = bool(who) and who in protocol.media
        is_verified = bool(who) and who in protocol.verified
        media += is_media
        verified += is_verified
        if (
            is_media
            or is_verified
            or (protocol.followers is not None and followers >= protocol.followers)
        ):
            high_reach += 1
        reach += m.reach if m.reach is not None else followers

    n = len(window)
    share: float | None = None
    if n >= protocol.negativity_min_mentions and n:
        share = negative / n
    elif n:
        notes.append(
            f"negative_share unavailable: {n} mention(s) in the window, "
            f"fewer than negativity.min_mentions = {protocol.negativity_min_mentions}"
        )
    signals: dict[str, float | None] = {
        "mentions": float(n),
        "expected": round(expected, 3),
        "volume_ratio": round(n / max(expected, 1.0), 3),
        "spike": spike,
        "spike_score": round(spike_score, 4),
        "negative_mentions": float(negative),
        "negative_share": None if share is None else round(share, 4),
        "topic_mentions": float(any_topic),
        "sensitive_mentions": float(sensitive),
        "max_followers": float(max_followers),
        "high_reach_mentions": float(high_reach),
        "media_mentions": float(media),
        "verified_mentions": float(verified),
        "reach": float(reach),
    }
    for topic, c in sorted(topic_counts.items()):
        signals[f"topic.{topic}"] = float(c)

    chosen: Level | None = None
    reasons: list[Reason] = []
    for level in protocol.levels:
        ok, why = level.when.evaluate(signals)
        if ok:
            chosen, reasons = level, why
    return Assessment(
        level=chosen.level if chosen else 0,
        name=chosen.name if chosen else protocol.names.get(0, "normal"),
        at=at,
        window_start=_window_start(at, protocol.window),
        reasons=tuple(reasons),
        signals=signals,
        alert=chosen.alert if chosen else (),
        playbook=chosen.playbook if chosen else (),
        first_message=chosen.first_message if chosen else (),
        topic_terms={k: tuple(v) for k, v in sorted(topic_terms.items())},
        notes=tuple(notes),
    )


def _window_start(at: dt.datetime, seconds: float) -> dt.datetime:
    """`at` less the window; the earliest time Python can hold when that is before year 1."""
    try:
        return at - dt.timedelta(seconds=seconds)
    except OverflowError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


# ----------------------------------------------------------------------------- policy

_DURATIONS = {
    "memory_half_life",
    "fatigue_half_life",
    "novelty_warmup",
    "relearn_after",
    "relearn_half_life",
    "cooldown",
    "warmup",
    "period",
    "level_half_life",
    "season_half_life",
    "dispersion_half_life",
    "evidence_half_life",
}


def _duration(value: Any, where: str) -> float:
    seconds = parse_duration(value, where=where)  # the schema has checked the grammar
    if seconds <= 0:
        raise PolicyError("expected a positive duration", where=where)
    return seconds


def _group(value: Any, where: str, known: set[str]) -> Group:
    if isinstance(value, list):
        return Group("all", tuple(_item(v, f"{where}/{i}", known) for i, v in enumerate(value)))
    item = _item(value, where, known)
    return item if isinstance(item, Group) else Group("all", (item,))


def _item(value: Mapping[str, Any], where: str, known: set[str]) -> Condition | Group:
    for mode in ("all", "any"):
        if mode in value:
            items = value[mode]
            return Group(
                mode, tuple(_item(v, f"{where}/{mode}/{i}", known) for i, v in enumerate(items))
            )
    signal = value["signal"]
    if signal not in known:
        raise PolicyError(
            f"unknown signal {signal!r}; expected one of {', '.join(sorted(known))}",
            where=f"{where}/signal",
        )
    ops = [k for k in ("min", "max") if k in value]
    if len(ops) != 1:
        raise PolicyError("expected exactly one of 'min' (>=) or 'max' (<=)", where=where)
    return Condition(signal, ops[0], float(value[ops[0]]))


def policy_from_mapping(data: Any, *, where: str = "/crisis") -> CrisisProtocol:
    """Validate a policy's ``crisis`` section (format in docs/crisis.md).

    Its shape is checked by ``schemas/policy.schema.json`` (``$defs/crisis``); what a
    schema cannot say is checked here: signal names (a topic adds its own), one of `min`
    or `max` per condition, levels in increasing order, positive durations, topic terms
    and spike-detector parameters that fit together.
    """
    from govsocial._schemas import first_error

    problem = first_error("policy", data, section="crisis")
    if problem is not None:
        at, message = problem
        raise PolicyError(message, where=where + (at if at != "/" else ""))
    window = _duration(data.get("window", "2h"), f"{where}/window")
    bucket = _duration(data.get("bucket", "15m"), f"{where}/bucket")
    spikes: dict[str, Any] = {}
    if "spikes" in data:
        for k, v in data["spikes"].items():
            here = f"{where}/spikes/{k}"
            spikes[k] = _duration(v, here) if k in _DURATIONS and v is not None else v
        try:
            SpikeDetector(**spikes)
        except (ValueError, TypeError) as e:
            raise PolicyError(str(e), where=f"{where}/spikes") from None
    neg = data.get("negativity", {})
    min_mentions = neg.get("min_mentions", 10)
    threshold = float(neg.get("threshold", 0.5))
    topics = default_topics()
    if "topics" in data:
        try:
            topics = topics.extended(data["topics"], where=f"{where}/topics")
        except ValueError as e:
            pointer, _, message = str(e).partition(": ")
            raise PolicyError(message, where=pointer) from None
    reach = data.get("reach", {})
    followers = reach.get("followers")
    media = frozenset(_handle(h) for h in reach.get("media", ()))
    verified = frozenset(_handle(h) for h in reach.get("verified", ()))
    known = {k for k in SIGNALS if "<" not in k} | {f"topic.{t}" for t in topics.topics}
    levels: list[Level] = []
    names = {0: str(data.get("normal", "normal"))}
    for i, spec in enumerate(data["levels"]):
        here = f"{where}/levels/{i}"
        number = spec["level"]
        if levels and number <= levels[-1].level:
            raise PolicyError("levels must be listed in increasing order", where=f"{here}/level")
        name = spec.get("name", f"level {number}")
        names[number] = name
        levels.append(
            Level(
                number,
                name,
                _group(spec["when"], f"{here}/when", known),
                tuple(spec.get("alert", ())),
                tuple(spec.get("playbook", ())),
                tuple(spec.get("first_message", ())),
            )
        )
    return CrisisProtocol(
        levels=tuple(levels),
        window=window,
        bucket=bucket,
        spikes=spikes,
        negativity_min_mentions=min_mentions,
        negativity_threshold=threshold,
        topics=topics,
        followers=followers,
        media=media,
        verified=verified,
        names=names,
    )
