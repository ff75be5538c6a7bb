"""Mentions and the per-mention signals: sensitive topics, negativity, reach.

Lexicons ship as data (``data/crisis/topics.yaml``, ``data/crisis/negativity.yaml``) in
es, ca, eu, gl and en; a policy extends or adds topics. Every lexicon is matched on the
normalised words of :func:`govsocial.crisis.lexicon.words`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from govsocial._io import load_yaml_resource, parse_rfc3339
from govsocial.crisis.lexicon import Lexicon, fold, words
from govsocial.errors import InputError, UsageError

__all__ = [
    "LANGUAGES",
    "LexiconNegativity",
    "Mention",
    "NegativityScorer",
    "Topic",
    "TopicSet",
    "default_topics",
    "read_mentions",
]

LANGUAGES = ("es", "ca", "eu", "gl", "en")
SEVERITIES = ("low", "medium", "high")

# ----------------------------------------------------------------------------- mentions

_FIELDS = ("at", "text", "lang", "author", "followers", "network", "is_reply", "reach", "url")


def _count(d: Mapping[str, Any], key: str) -> int | None:
    v = d.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValueError(f"{key}: expected a whole number >= 0, got {v!r}")
    return v


@attrs.frozen
class Mention:
    """One mention of the institution (``schemas/mention.schema.json``)."""

    at: dt.datetime
    text: str
    lang: str | None = None
    author: str | None = None
    followers: int | None = None
    network: str | None = None
    is_reply: bool = False
    reach: int | None = None
    url: str | None = None
    line: int | None = attrs.field(default=None, eq=False)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, line: int | None = None) -> Mention:
        """Validate and build; raises ValueError naming the field and what was expected."""
        if not isinstance(d, Mapping):
            raise ValueError(f"expected a JSON object, got {type(d).__name__}")
        unknown = sorted(set(d) - set(_FIELDS))
        if unknown:
            raise ValueError(
                f"unknown field(s) {', '.join(unknown)}; expected {', '.join(_FIELDS)}"
            )
        for key in ("at", "text"):
            if key not in d:
                raise ValueError(f"missing required field {key!r}")
        if not isinstance(d["text"], str):
            raise ValueError(f"text: expected a string, got {d['text']!r}")
        opt: dict[str, Any] = {}
        for key in ("lang", "author", "network", "url"):
            v = d.get(key)
            if v is not None and not isinstance(v, str):
                raise ValueError(f"{key}: expected a string, got {v!r}")
            opt[key] = v
        reply = d.get("is_reply", False)
        if not isinstance(reply, bool):
            raise ValueError(f"is_reply: expected true or false, got {reply!r}")
        return cls(
            parse_rfc3339(d["at"], "at"),
            d["text"],
            followers=_count(d, "followers"),
            reach=_count(d, "reach"),
            is_reply=reply,
            line=line,
            **opt,
        )


def read_mentions(
    lines: Iterable[str] | Iterable[bytes], *, source: str = "<input>"
) -> Iterator[Mention]:
    """Mentions from JSON Lines (bytes are read as UTF-8); a bad line raises :class:`InputError` naming it."""
    from govsocial._io import iter_jsonl

    for number, obj in iter_jsonl(lines, source=source):
        try:
            yield Mention.from_dict(obj, line=number)
        except ValueError as e:
            raise InputError(str(e), source=source, line=number) from None


# ----------------------------------------------------------------------------- topics


@attrs.frozen
class Topic:
    """A sensitive topic: its id, labels per language, severity and terms per language."""

    id: str
    label: Mapping[str, str]
    severity: str
    terms: Mapping[str, tuple[str, ...]]


@attrs.frozen
class TopicSet:
    """Topics compiled into one lexicon; :meth:`match` gives topic → matched terms."""

    topics: Mapping[str, Topic]
    # Compiled on the first match, not when a policy is loaded: the shipped topics hold
    # tens of thousands of terms (about 15 ms to compile) and most checks never match
    # mentions. Two threads racing here compile equal lexicons; either one is kept.
    _lexicon: Lexicon[str] | None = attrs.field(
        default=None, init=False, repr=False, eq=False, alias="_lexicon"
    )

    @classmethod
    def build(cls, topics: Iterable[Topic]) -> TopicSet:
        return cls({t.id: t for t in topics})

    def _compiled(self) -> Lexicon[str]:
        lex = self._lexicon
        if lex is None:
            lex = Lexicon()
            for t in self.topics.values():
                for terms in t.terms.values():
                    for term in terms:
                        lex.add(term, t.id)
            object.__setattr__(self, "_lexicon", lex)
        return lex

    def match(self, text: str | Sequence[str]) -> dict[str, list[str]]:
        """Topic id → the terms that matched, for a text or its :func:`words`."""
        ws = words(text) if isinstance(text, str) else text
        out: dict[str, list[str]] = {}
        for _s, _e, topic, term in self._compiled().find(ws):
            hits = out.setdefault(topic, [])
            if term not in hits:
                hits.append(term)
        return out

    def extended(self, spec: Mapping[str, Any], *, where: str = "/topics") -> TopicSet:
        """A copy with a policy's ``topics`` section applied (see :func:`parse_topics`)."""
        return TopicSet.build(parse_topics(spec, base=self.topics, where=where).values())


def parse_topics(
    spec: Mapping[str, Any], *, base: Mapping[str, Topic], where: str
) -> dict[str, Topic]:
    """Apply ``{id: {label?, severity?, terms: {lang: [...]}, replace?}}`` to `base`.

    An existing id gains the terms (``replace: true`` drops the shipped ones); a new id
    is a new topic and needs its terms. Raises ValueError with a JSON pointer.
    """
    out = dict(base)
    if not isinstance(spec, Mapping):
        raise ValueError(f"{where}: expected a mapping of topic ids")
    for tid, body in spec.items():
        here = f"{where}/{tid}"
        if not isinstance(body, Mapping):
            raise ValueError(f"{here}: expected a mapping with 'terms'")
        unknown = sorted(set(body) - {"label", "severity", "terms", "replace"})
        if unknown:
            raise ValueError(
                f"{here}/{unknown[0]}: unknown key; expected label, severity, terms, replace"
            )
        old = out.get(tid)
        if old is None and "terms" not in body:
            raise ValueError(f"{here}: a new topic needs 'terms'")
        terms_spec = body.get("terms", {})
        if not isinstance(terms_spec, Mapping):
            raise ValueError(f"{here}/terms: expected a mapping of language to a list of terms")
        terms: dict[str, tuple[str, ...]] = (
            {} if old is None or body.get("replace") else dict(old.terms)
        )
        for lang, items in terms_spec.items():
            if not isinstance(items, list) or not all(isinstance(x, str) and x for x in items):
                raise ValueError(f"{here}/terms/{lang}: expected a list of non-empty strings")
            for x in items:
                try:
                    Lexicon([(x, "")])
                except ValueError as e:
                    raise ValueError(f"{here}/terms/{lang}: {e}") from None
            terms[str(lang)] = (*terms.get(str(lang), ()), *items)
        severity = body.get("severity", old.severity if old else "medium")
        if severity not in SEVERITIES:
            raise ValueError(f"{here}/severity: expected low, medium or high, got {severity!r}")
        label = body.get("label", old.label if old else {"en": str(tid)})
        if isinstance(label, str):
            label = {"en": label}
        if not isinstance(label, Mapping):
            raise ValueError(f"{here}/label: expected a string or a mapping of language to text")
        if "replace" in body and not isinstance(body["replace"], bool):
            raise ValueError(f"{here}/replace: expected true or false")
        out[str(tid)] = Topic(str(tid), dict(label), severity, terms)
    return out


@functools.cache
def default_topics() -> TopicSet:
    """The shipped topics (``data/crisis/topics.yaml``)."""
    data: Any = load_yaml_resource("crisis/topics.yaml")
    return TopicSet.build(parse_topics(data["topics"], base={}, where="topics.yaml").values())


# -------------------------------------------------------------------------- negativity


@runtime_checkable
class NegativityScorer(Protocol):
    """Anything that rates a mention's negativity in [0, 1]; 0.5 and above is negative."""

    def negativity(self, text: str, lang: str | None = None) -> float: ...


class LexiconNegativity:
    """The default scorer: weighted negative terms minus positive ones.

    Terms are matched longest first, without overlaps. A hit is flipped when one of the
    language's negators is among the 3 words before it and weighs 1.5 times more after an
    intensifier. With ``raw`` the sum, the score is
    ``raw / (raw + 1.5)`` (0 when ``raw <= 0``): one strong term (weight 2) or an
    intensified mild one makes a mention negative. Without ``lang`` every language's
    lexicon is used at once; :meth:`negativity` refuses a language it has no lexicon for
    (a score from other languages' words would be silently wrong), while :func:`assess`
    scores such a mention with every lexicon, as it does one without a language.
    """

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        if data is None:
            data = load_yaml_resource("crisis/negativity.yaml")["languages"]
        self._by_lang: dict[str, tuple[Lexicon[float], frozenset[str], frozenset[str]]] = {}
        every: Lexicon[float] = Lexicon()
        neg_all: set[str] = set()
        int_all: set[str] = set()
        for lang, spec in data.items():
            lex: Lexicon[float] = Lexicon()
            for term, w in spec.get("negative", {}).items():
                lex.add(str(term), float(w))
                every.add(str(term), float(w))
            for term, w in spec.get("positive", {}).items():
                lex.add(str(term), -float(w))
                every.add(str(term), -float(w))
            negators = frozenset(fold(str(x)) for x in spec.get("negators", ()))
            intens = frozenset(fold(str(x)) for x in spec.get("intensifiers", ()))
            neg_all |= negators
            int_all |= intens
            self._by_lang[str(lang)] = (lex, negators, intens)
        self._every = (every, frozenset(neg_all), frozenset(int_all))

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with a lexicon (base tags such as ``ca``), sorted."""
        return tuple(sorted(self._by_lang))

    def covers(self, lang: str | None) -> bool:
        """Whether `lang` (a BCP 47 tag; None means every lexicon) has a lexicon."""
        return lang is None or lang.split("-")[0].lower() in self._by_lang

    def raw(self, text: str | Sequence[str], lang: str | None = None) -> float:
        """The signed sum of weights (negative terms positive)."""
        ws = words(text) if isinstance(text, str) else text
        base = (lang or "").split("-")[0].lower()
        lex, negators, intens = self._by_lang.get(base, self._every)
        total = 0.0
        covered = 0
        # Longest match first at each position, no overlaps: "inork ez du erantzuten" is
        # one complaint, not also "ez du erantzuten" negated by "inork".
        for s, e, w, _term in sorted(lex.find(ws), key=lambda m: (m[0], m[0] - m[1])):
            if s < covered:
                continue
            covered = e
            if any(x in negators for x in ws[max(0, s - 3) : s]):
                w = -w
            if s and ws[s - 1] in intens:
                w *= 1.5
            total += w
        return total

    def negativity(self, text: str, lang: str | None = None) -> float:
        if not isinstance(text, str):
            raise UsageError(f"negativity() expected text as str, got text={text!r:.60}")
        if lang is not None and not isinstance(lang, str):
            raise UsageError(
                f"negativity() expected lang as a language tag or None, got lang={lang!r:.60}"
            )
        if not self.covers(lang):
            raise UsageError(
                f"negativity() has no lexicon for lang={lang!r:.40}; expected one of "
                f"{', '.join(self.languages)}, or None to score with every lexicon"
            )
        r = self.raw(text, lang)
        return r / (r + 1.5) if r > 0 and math.isfinite(r) else 0.0


@functools.cache
def default_negativity() -> LexiconNegativity:
    return LexiconNegativity()
