"""Guesses and slot verdicts: the detector's scores corrected by evidence, then judged.

:func:`detect_language` guesses a text's language among candidates; :func:`check_slot`
says whether a text declared in one language is really in it, with the word floors
below which nothing is judged.

Long on purpose: the values a verdict is made of sit beside the steps that make them,
with the builders that make the common ones cheaply on every check.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from govsocial._frozen import assigning
from govsocial.language._clean import clean_text, words
from govsocial.language._detectors import Detector, get_detector
from govsocial.language.evidence import (
    Tally,
    _bonus_of,
    _evidence,
    _marker_bonus,
    _name_spans,
    _names,
)
from govsocial.language.lexicons import ruled_out, veto

__all__ = [
    "CERTAIN_CONFIDENCE",
    "DEFAULT_CONFUSERS",
    "MIN_WORDS",
    "NAME_CONFIDENCE",
    "SENTENCE_WORDS",
    "SHORT_CONFIDENCE",
    "SHORT_CONFIDENCE_BY_LANG",
    "SHORT_LETTERS",
    "SHORT_WORDS",
    "Certainty",
    "LanguageGuess",
    "SlotVerdict",
    "base_tag",
    "check_slot",
    "detect_language",
    "word_count",
]

#: Fewer words than this (after cleaning) and a text is not judged as a rule.
MIN_WORDS = 5
#: A text of SHORT_WORDS..MIN_WORDS-1 words is reported only when the detector puts
#: another language at SHORT_CONFIDENCE or more ("Gracias por la información" in the
#: Catalan slot); anything less sure, and anything shorter, stays undetermined. On the dev
#: set this gate flagged none of the 1,108 genuine 1-4-word texts in ca, eu, gl or oc
#: (at 0.7 it starts to: 0.7% in eu, 1.0% in oc) and most of the Spanish 3-4-word ones.
SHORT_WORDS = 3
SHORT_CONFIDENCE = 0.8
#: The gate for slots where genuine short texts stay unflagged further down. Dev set,
#: 3-4-word texts, candidates {es, ca, slot}: genuine Catalan is flagged by none even at
#: 0.6 (109 texts) and genuine Galician by none at 0.65 (1 of 98 at 0.6), while at 0.7
#: instead of 0.8 the gate catches 7 instead of 5 of the 10 short Spanish "sentences" in
#: the Galician slot (230 instead of 182 of 362 Spanish 3-4-word texts). In Basque and
#: Aranese genuine short texts start to be flagged below 0.8, so they keep it.
SHORT_CONFIDENCE_BY_LANG: Mapping[str, float] = {"ca": 0.7, "gl": 0.7}
#: ... and only when its words hold this many letters together: "a u a" is no evidence
#: (on the dev set this leaves out 2-3 of the ~300 Spanish 3-4-word texts caught per slot).
SHORT_LETTERS = 8
#: From this many words on a verdict is as sure as for a full sentence; 5..SENTENCE_WORDS-1
#: words give a "snippet" verdict, reported as a warning.
SENTENCE_WORDS = 11
#: A mismatch of 5 words or more is an error for GS301 at this confidence or more, and a
#: warning below it (an uncertain verdict; a certain one fails a CI run even on 5 words).
#: Chosen by cross-validation on the dev set, folds by sentence and by source
#: (benchmarks/language_cv.py): the lowest bar at which no genuine 5-10-word ca, eu, gl or
#: oc text of the training folds is flagged; on the held-out folds no genuine text is
#: reported as an error and 80 % of the pasted Spanish ones are.
CERTAIN_CONFIDENCE = 0.9
#: A mismatch less sure than this (one that would be a warning) is checked again with
#: the text's names set aside (capitalised words inside a sentence that no compared
#: language lists as a common word, and hashtags such as VilanovaDelCami): if the rest,
#: SHORT_WORDS words or more, reads as the declared language, the names made the mismatch
#: and the text is "ok". Names, places and institutions are not evidence of a language
#: ("Concierto de la Cobla Sant Jordi en la plaça de la Vila." is Spanish), so the bar is
#: the error bar, not one chosen on the dev set: there the objective of
#: benchmarks/language_cv.py prefers 0.6 by one Aranese-slot miss in 1,128 texts.
NAME_CONFIDENCE = CERTAIN_CONFIDENCE
#: Languages always compared with a slot's language when no candidates are given: Spanish
#: and Catalan are what ends up, by mistake, in the other slots of Spanish posts.
DEFAULT_CONFUSERS = ("es", "ca")

Certainty = Literal["sentence", "snippet", "too-short"]


@attrs.frozen
class LanguageGuess:
    """The detected language of a text.

    ``lang`` is None when nothing could be scored. ``confidence`` is the probability of
    ``lang`` among the candidates compared (0..1). ``judgeable`` is False when the cleaned
    text has fewer than :data:`MIN_WORDS` words: the guess is then shown but not trusted.
    """

    lang: str | None
    confidence: float
    words: int
    judgeable: bool
    certainty: Certainty


@attrs.frozen
class SlotVerdict:
    """Whether a text declared as ``declared`` is in that language.

    ``status`` is "ok", "mismatch" or "undetermined" (too short, or a language the
    detector has no model for; ``reason`` says which).
    """

    status: Literal["ok", "mismatch", "undetermined"]
    declared: str
    guess: LanguageGuess
    certainty: Certainty
    reason: str = ""


# The check's common guess and verdict, built without the class calls (govsocial._frozen).
_GuessBuild = assigning(LanguageGuess)
_VerdictBuild = assigning(SlotVerdict)


def _new_guess(
    lang: str | None, confidence: float, n: int, judgeable: bool, certainty: Certainty
) -> LanguageGuess:
    g: Any = object.__new__(_GuessBuild)
    g.lang = lang
    g.confidence = confidence
    g.words = n
    g.judgeable = judgeable
    g.certainty = certainty
    g.__class__ = LanguageGuess
    out: LanguageGuess = g
    return out


def _new_verdict(
    status: Literal["ok", "mismatch", "undetermined"],
    declared: str,
    guess: LanguageGuess,
    certainty: Certainty,
    reason: str = "",
) -> SlotVerdict:
    v: Any = object.__new__(_VerdictBuild)
    v.status = status
    v.declared = declared
    v.guess = guess
    v.certainty = certainty
    v.reason = reason
    v.__class__ = SlotVerdict
    out: SlotVerdict = v
    return out


def word_count(text: str) -> int:
    """Words in ``text`` after cleaning (what the 5-word floor is measured on)."""
    return len(words(clean_text(text)))


def _certainty(n: int) -> Certainty:
    if n < MIN_WORDS:
        return "too-short"
    if n < SENTENCE_WORDS:
        return "snippet"
    return "sentence"


def base_tag(lang: str) -> str:
    """The primary language subtag of a BCP 47 tag, lower-cased (``ca-ES-valencia`` -> ``ca``)."""
    return lang.split("-")[0].lower()


def _score_all(
    detector: Detector,
    texts: Sequence[str | tuple[str, ...]],
    candidates: tuple[str, ...] | None,
) -> list[Mapping[str, float] | None]:
    """Each text's scores; a tuple of parts stands for the text ``" ".join(parts)``."""
    cands = list(candidates) if candidates is not None else None
    joined = getattr(detector, "scores_joined", None)
    if joined is not None:
        scores: list[Mapping[str, float] | None] = joined(texts, cands)
        return scores
    plain = [t if isinstance(t, str) else " ".join(t) for t in texts]
    many = getattr(detector, "scores_many", None)
    if many is not None:
        result: list[Mapping[str, float] | None] = many(plain, cands)
        return result
    return [detector.scores(t, cands) for t in plain]


def _decide(
    cleaned: str,
    tokens: Sequence[str],
    candidates: tuple[str, ...] | None,
    raw: Mapping[str, float] | None,
    tally: Tally | None = None,
) -> LanguageGuess:
    n = len(tokens)
    if not raw:
        return LanguageGuess(None, 0.0, n, False, _certainty(n))
    lang, confidence = _best(cleaned, tokens, candidates, raw, tally)
    return _new_guess(lang, confidence, n, n >= MIN_WORDS, _certainty(n))


def _best(
    cleaned: str,
    tokens: Sequence[str],
    candidates: tuple[str, ...] | None,
    raw: Mapping[str, float],
    tally: Tally | None = None,
) -> tuple[str, float]:
    """:func:`_decide`'s language and confidence (non-empty scores), without a guess.
    ``tally``, when given, is the tally of ``tokens`` for ``candidates`` (evidence._tally,
    or the tallies of a text's sentences joined): the marker bonus is then made from it
    when the scores name every candidate (the tally's candidate set)."""
    scores = dict(raw)
    if candidates is None:
        # Compare the function words of the five best-scoring languages only.
        top = tuple(sorted(sorted(scores, key=scores.__getitem__, reverse=True)[:5]))
    elif tuple(scores) == candidates:  # the detector scored every candidate, only them
        top = candidates
    else:
        top = tuple(c for c in candidates if c in scores)
    if tally is not None and tally[0] == top:
        bonus = _bonus_of(tally, cleaned)
    else:
        bonus = _marker_bonus(tokens, top, cleaned)
    for c, b in bonus.items():
        scores[c] += b
    best = max(sorted(scores), key=scores.__getitem__)
    # Probabilities with py3langid's length temperature (sqrt of the byte length).
    size = len(cleaned) if cleaned.isascii() else len(cleaned.encode("utf-8", "surrogatepass"))
    temp = 1.0 / math.sqrt(max(size, 1))
    top_score = scores[best]
    exp = math.exp
    total = 0.0
    for s in scores.values():
        total += exp((s - top_score) * temp)
    return best, 1.0 / total


def _guess(
    cleaned: str,
    candidates: tuple[str, ...] | None,
    detector: Detector,
    tokens: Sequence[str] | None = None,
) -> LanguageGuess:
    if tokens is None:
        tokens = words(cleaned)
    (raw,) = _score_all(detector, (cleaned,), candidates)
    return _decide(cleaned, tokens, candidates, raw)


def _check_args(function: str, text: object, candidates: object) -> None:
    """Raise UsageError naming the argument when `text` or `candidates` is not usable."""
    from govsocial.errors import UsageError

    if not isinstance(text, str):
        raise UsageError(f"{function}() expected text as str, got text={text!r:.60}")
    if candidates is None:
        return
    if isinstance(candidates, str) or not isinstance(candidates, Iterable):
        raise UsageError(
            f"{function}() expected candidates as a list of language tags such as "
            f"['ca', 'es'], got candidates={candidates!r:.60}"
        )


def _candidates(candidates: Iterable[str] | None, *also: str) -> tuple[str, ...] | None:
    if candidates is None:
        return None
    if not isinstance(candidates, tuple):
        candidates = tuple(candidates)
    for tag in candidates:
        if not isinstance(tag, str) or not tag:
            from govsocial.errors import UsageError

            raise UsageError(f"candidates: expected language tags (str), got {tag!r:.60}")
    return _candidate_key(candidates, also)


@functools.lru_cache(maxsize=1024)
def _candidate_key(candidates: tuple[str, ...], also: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({base_tag(c) for c in candidates} | {base_tag(a) for a in also}))


def detect_language(
    text: str,
    candidates: Iterable[str] | None = None,
    *,
    detector: str | Detector = "auto",
) -> LanguageGuess:
    """The language of ``text``, chosen among ``candidates`` (BCP 47 tags; all the
    detector's languages when None). Never raises on any string; a `text` that is not
    a string or `candidates` given as one string raise :class:`UsageError`."""
    _check_args("detect_language", text, candidates)
    det = get_detector(detector)
    return _guess(clean_text(text), _candidates(candidates), det)


def check_slot(
    text: str,
    declared: str,
    candidates: Iterable[str] | None = None,
    *,
    detector: str | Detector = "auto",
) -> SlotVerdict:
    """Is ``text``, declared as ``declared``, really in that language?

    Compared with ``candidates`` (default: Spanish and Catalan, the usual mistakes) plus
    the declared language. Texts under :data:`MIN_WORDS` words are "undetermined", unless
    they have :data:`SHORT_WORDS` words or more and another language scores at least
    :data:`SHORT_CONFIDENCE` (:data:`SHORT_CONFIDENCE_BY_LANG` for Catalan and Galician
    slots; a "too-short" mismatch, reported as a warning).
    """
    _check_args("check_slot", text, candidates)
    if not isinstance(declared, str) or not declared:
        from govsocial.errors import UsageError

        raise UsageError(
            f"check_slot() expected declared as a language tag such as 'ca', "
            f"got declared={declared!r:.60}"
        )
    det = get_detector(detector)
    lang = base_tag(declared)
    cands = _candidates(candidates if candidates is not None else DEFAULT_CONFUSERS, lang)
    assert cands is not None
    supported = det.supports(lang)
    cleaned = clean_text(text)
    tokens = words(cleaned)
    raw = None
    if supported and len(tokens) >= SHORT_WORDS:
        (raw,) = _score_all(det, (cleaned,), cands)
    return _slot_verdict(declared, lang, supported, cleaned, tokens, cands, raw, det)


def _slot_verdict(
    declared: str,
    lang: str,
    supported: bool,
    cleaned: str,
    tokens: Sequence[str],
    cands: tuple[str, ...],
    raw: Mapping[str, float] | None,
    detector: Detector,
    tally: Tally | None = None,
) -> SlotVerdict:
    """The slot verdict of ``cleaned`` (words ``tokens``) scored ``raw`` among ``cands``;
    ``tally`` (optional) is the tally of ``tokens`` for ``cands`` (see :func:`_best`)."""
    n = len(tokens)
    if n < MIN_WORDS:
        short_why = f"{n} {'word' if n == 1 else 'words'}: too short to judge"
        if n >= SHORT_WORDS and supported and sum(map(len, tokens)) >= SHORT_LETTERS:
            short = _decide(cleaned, tokens, cands, raw, tally)
            if (
                short.lang is not None
                and short.lang != lang
                and short.confidence >= SHORT_CONFIDENCE_BY_LANG.get(lang, SHORT_CONFIDENCE)
                and veto(lang, short.lang, cleaned, tokens, cands) is None
            ):
                beside = _words_beside_names(cleaned, tokens, cands)
                if beside >= SHORT_WORDS:
                    return SlotVerdict(
                        "mismatch",
                        declared,
                        short,
                        "too-short",
                        f"{n} words only, but {short.lang!r} at confidence {short.confidence:.2f}",
                    )
                named = n - beside
                of_them = "a name" if named == 1 else "names"
                short_why = f"{n} words, {named} of them {of_them}: too short to judge"
        guess = LanguageGuess(None, 0.0, n, False, "too-short")
        return SlotVerdict("undetermined", declared, guess, "too-short", short_why)
    if not supported:
        guess = LanguageGuess(None, 0.0, n, True, _certainty(n))
        return SlotVerdict(
            "undetermined",
            declared,
            guess,
            guess.certainty,
            f"the {detector.name} detector has no model for {lang!r}",
        )
    guess = _decide(cleaned, tokens, cands, raw, tally)
    if guess.lang is None:
        return SlotVerdict("undetermined", declared, guess, guess.certainty, "nothing to score")
    if guess.lang != lang and guess.confidence < NAME_CONFIDENCE:
        cleared = _without_names(declared, lang, cleaned, tokens, cands, detector, guess)
        if cleared is not None:
            return cleared
    if guess.lang != lang:
        if (why := veto(lang, guess.lang, cleaned, tokens, cands)) is not None:
            return SlotVerdict("ok", declared, _vetoed(guess, lang), guess.certainty, why)
        foreign = ruled_out(lang, guess.lang, cleaned, tokens, cands) if raw else None
        if foreign:  # ruled out: "ok" if the text reads as lang among every language but it
            (every,) = _score_all(detector, (cleaned,), None)
            rest = {c: score for c, score in (every or {}).items() if c != guess.lang}
            again = _decide(cleaned, tokens, None, rest)
            # More likely than not lang; if not, the model's mismatch stands as it said it.
            if again.lang == lang and again.confidence >= 0.5:
                are = "is" if len(foreign) == 1 else "are"
                why = f"{', '.join(foreign)} {are} not {guess.lang!r}"
                return SlotVerdict("ok", declared, again, guess.certainty, why)
    status: Literal["ok", "mismatch"] = "ok" if guess.lang == lang else "mismatch"
    return _new_verdict(status, declared, guess, guess.certainty)


def _words_beside_names(cleaned: str, tokens: Sequence[str], cands: tuple[str, ...]) -> int:
    """How many of ``tokens`` are not names (see :func:`_name_spans`). Names, places and
    institutions are no evidence of a language: a short text is judged on its other
    words or not at all ("Oblast de Luhansk" in the Galician slot, "Letra U latina")."""
    names = _names(cleaned, _evidence(cands)[1])
    return sum(t not in names for t in tokens)


def _vetoed(guess: LanguageGuess, lang: str) -> LanguageGuess:
    """The guess of a vetoed mismatch: the declared language, at the confidence the other
    language left it (exact with two candidates, an upper bound with more)."""
    return attrs.evolve(guess, lang=lang, confidence=1.0 - guess.confidence)


def _without_names(
    declared: str,
    lang: str,
    cleaned: str,
    tokens: Sequence[str],
    cands: tuple[str, ...],
    detector: Detector,
    guess: LanguageGuess,
) -> SlotVerdict | None:
    """An "ok" verdict when ``cleaned`` reads as ``lang`` once its names are set aside;
    None when the mismatch stands without them (or too few words are left to say)."""
    spans = _name_spans(cleaned, _evidence(cands)[1])
    if not spans:
        return None
    kept: list[str] = []
    at = 0
    for s, e in spans:
        kept.append(cleaned[at:s])
        at = e
    kept.append(cleaned[at:])
    rest = " ".join("".join(kept).split())
    rest_tokens = words(rest)
    names = ", ".join(cleaned[s:e] for s, e in spans)
    if len(rest_tokens) < SHORT_WORDS:
        # Mostly names: nothing left to judge them against, the mismatch stands.
        return None
    (raw,) = _score_all(detector, (rest,), cands)
    again = _decide(rest, rest_tokens, cands, raw)
    if again.lang != lang:
        return None
    # The guess of the text without its names, for the text's own length.
    kept_guess = attrs.evolve(
        again, words=guess.words, judgeable=guess.judgeable, certainty=guess.certainty
    )
    reason = f"reads as {lang!r} once its names are set aside ({names})"
    return SlotVerdict("ok", declared, kept_guess, guess.certainty, reason)
