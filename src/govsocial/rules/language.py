"""GS30x: each variant is really in its declared language.

These rules call the language layer (:mod:`govsocial.language`); the statistical
model loads lazily on first use, never at import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from govsocial.findings import Severity
from govsocial.language import (
    DEFAULT_CONFUSERS,
    Detector,
    Segment,
    SlotVerdict,
    check_slot,
    copies_of_words,
    get_detector,
    judge_texts_with_words,
)
from govsocial.language.verdicts import CERTAIN_CONFIDENCE
from govsocial.rules.context import Context, pointer_escape
from govsocial.rules.registry import Hit, new_hit, rule

_POLICY = {"version": 1, "languages": {"required": ["ca", "es"]}}
_CA = "L'Ajuntament obre dilluns la nova biblioteca municipal al barri del Carme, amb sala d'estudi i préstec de llibres."
_ES = "El Ayuntamiento abre el lunes la nueva biblioteca municipal en el barrio del Carmen, con sala de estudio y préstamo de libros."


def _enabled(ctx: Context) -> bool:
    return ctx.policy.languages.detection


# _policy_candidates by the identity of the policy's languages section (kept in the value,
# so that an id is not reused while its entry is here).
_CANDIDATES_SEEN: dict[int, tuple[object, tuple[str, ...]]] = {}


def _policy_candidates(ctx: Context) -> tuple[str, ...]:
    """The policy's candidates, or Spanish, Catalan and every language the policy requires
    (each text is also compared with its own language)."""
    lp = ctx.policy.languages
    hit = _CANDIDATES_SEEN.get(id(lp))
    if hit is not None and hit[0] is lp:
        return hit[1]
    c = lp.candidates
    base = set(c) if c is not None else set(DEFAULT_CONFUSERS) | set(lp.required)
    found = tuple(sorted({x.split("-")[0] for x in base}))
    if len(_CANDIDATES_SEEN) >= 64:
        _CANDIDATES_SEEN.clear()
    _CANDIDATES_SEEN[id(lp)] = (lp, found)
    return found


def _candidates(ctx: Context, lang: str) -> list[str]:
    return sorted({*_policy_candidates(ctx), lang.split("-")[0]})


def _detector(ctx: Context) -> Detector:
    return get_detector(ctx.policy.languages.detector)


def _mismatches(ctx: Context, texts: Mapping[str, str]) -> Iterator[tuple[str, SlotVerdict]]:
    """``(lang, verdict)`` for each text of a per-language field (alt text, title) that
    is not in its declared language (a blank text is never judged: too short)."""
    detector = _detector(ctx)
    for lang, text in texts.items():
        verdict = check_slot(text, lang, candidates=_candidates(ctx, lang), detector=detector)
        if verdict.status == "mismatch":
            yield lang, verdict


def _judged(ctx: Context, lang: str, text: str) -> tuple[SlotVerdict, list[Segment], list[str]]:
    """The slot verdict, the foreign sentences and the words of a text variant, computed
    once per check for all variants together (GS301, GS302 and GS303 all ask), in one
    detector pass per candidate set (each text's set adds its own language): the
    prefetch of this one post, unless a batch's prefetch already ran."""
    memo: dict[tuple[str, str], tuple[SlotVerdict, list[Segment], list[str]]]
    memo = ctx.__dict__.setdefault("_language_judged", {})
    found = memo.get((lang, text))
    if found is None:
        _prefetch([ctx])
        found = memo.get((lang, text))
    if found is None:  # not one of the post's variants
        ((verdict, segments, words),) = judge_texts_with_words(
            [(text, lang)], _policy_candidates(ctx), detector=_detector(ctx)
        )
        assert verdict is not None
        found = memo[(lang, text)] = (verdict, segments, words)
    return found


def _prefetch(contexts: Sequence[Context]) -> None:
    """:func:`_judged` for every text variant of many posts (GS301-GS303's prefetch): all
    their texts judged together, in one detector pass per candidate set instead of one
    per post. A text's judgement never depends on the texts judged beside it, so each
    post gets what :func:`_judged` would have found alone."""
    # By candidate set and detector (by identity: a detector need not be hashable).
    batches: dict[tuple[tuple[str, ...], int], tuple[Detector, list[tuple[str, str]]]] = {}
    owners: list[tuple[dict[tuple[str, str], Any], list[tuple[str, str]], int, int]] = []
    for ctx in contexts:
        if not _enabled(ctx):
            continue
        memo: dict[tuple[str, str], Any] = ctx.__dict__.setdefault("_language_judged", {})
        pending = [(t, lg) for _, lg, t in ctx.variants() if (lg, t) not in memo]
        if pending:
            det = _detector(ctx)
            _, batch = batches.setdefault((_policy_candidates(ctx), id(det)), (det, []))
            owners.append((memo, batch, len(batch), len(batch) + len(pending)))
            batch += pending
    judged = {
        id(batch): judge_texts_with_words(batch, cands, detector=det)
        for (cands, _), (det, batch) in batches.items()
    }
    for memo, batch, start, end in owners:
        results = judged[id(batch)]
        for (t, lg), (verdict, segments, words) in zip(
            batch[start:end], results[start:end], strict=True
        ):
            assert verdict is not None
            memo[(lg, t)] = (verdict, segments, words)


def _certain(verdict: SlotVerdict) -> bool:
    """A mismatch of 5 words or more at CERTAIN_CONFIDENCE or more: an error."""
    return verdict.certainty != "too-short" and verdict.guess.confidence >= CERTAIN_CONFIDENCE


@rule(
    "GS301",
    "wrong-language",
    summary="A text variant is not in its declared language (the Catalan slot holds Spanish).",
    severity=Severity.ERROR,
    why="The most visible failure of bilingual posting: the same Spanish text pasted in both "
    "slots, or the slots swapped. Texts under three words are never judged; 3-4-word texts only "
    "when another language is overwhelmingly likely, as warnings. From 5 words on, a "
    "mismatch at confidence 0.9 or more is an error and a less certain one a warning "
    "(names of places and institutions can tilt a text towards the neighbouring language).",
    flagged={"networks": ["x"], "text": {"ca": _ES, "es": _ES.replace("lunes", "martes")}},
    clean={"networks": ["x"], "text": {"ca": _CA, "es": _ES}},
    policy=_POLICY,
    prefetch=_prefetch,
)
def wrong_language(ctx: Context) -> Iterator[Hit]:
    if not _enabled(ctx):
        return
    for path, lang, text in ctx.variants():
        verdict, segments, _ = _judged(ctx, lang, text)
        if verdict.status == "mismatch":
            if segments:
                continue  # partly in its language: a mixed text, reported by GS303
            guess = verdict.guess.lang
            yield new_hit(
                f"the {lang!r} text reads as {guess!r} (confidence {verdict.guess.confidence:.2f})",
                path,
                lang=lang,
                severity=None if _certain(verdict) else Severity.WARNING,
            )


@rule(
    "GS302",
    "copied-variant",
    summary="Two language variants hold the same text.",
    severity=Severity.ERROR,
    why="A variant copied from another language (often with only a date changed) means one "
    "language community gets no text in its own language.",
    flagged={"networks": ["x"], "text": {"ca": _CA, "es": _CA}},
    clean={"networks": ["x"], "text": {"ca": _CA, "es": _ES}},
    policy=_POLICY,
    prefetch=_prefetch,
)
def copied_variant(ctx: Context) -> Iterator[Hit]:
    if not _enabled(ctx):
        return
    texts = {lang: text for _, lang, text in ctx.variants()}
    if len(texts) < 2:
        return
    keys = [(lang, _judged(ctx, lang, text)[2]) for lang, text in texts.items()]
    for a, b, similarity in copies_of_words(keys):
        # The copy is the slot whose text is not in its own language; when that cannot be
        # told (both judged alike), the later variant.
        copy, original = b, a
        verdict_b = _judged(ctx, b, texts[b])[0]
        if verdict_b.status == "ok":
            verdict_a = _judged(ctx, a, texts[a])[0]
            if verdict_a.status == "mismatch":
                copy, original = a, b
        yield new_hit(
            f"the {copy!r} text is a copy of the {original!r} text ({similarity:.0%} identical)",
            f"/text/{pointer_escape(copy)}",
            lang=copy,
        )


@rule(
    "GS303",
    "mixed-language",
    summary="A variant has a whole sentence or paragraph in another language.",
    severity=Severity.WARNING,
    why="A paragraph left in Spanish inside the Catalan text (or vice versa) is a translation "
    "that was not finished.",
    flagged={"networks": ["facebook"], "text": {"ca": _CA + "\n\n" + _ES}},
    clean={"networks": ["facebook"], "text": {"ca": _CA}},
    prefetch=_prefetch,
)
def mixed_language(ctx: Context) -> Iterator[Hit]:
    if not _enabled(ctx):
        return
    for path, lang, text in ctx.variants():
        for seg in _judged(ctx, lang, text)[1]:
            yield new_hit(
                f"this part of the {lang!r} text reads as {seg.lang!r}",
                path,
                lang=lang,
                span=(seg.start, seg.end),
            )


@rule(
    "GS304",
    "alt-text-wrong-language",
    summary="An alt text is not in its declared language.",
    severity=Severity.WARNING,
    why="Screen readers pick their voice from the declared language: Spanish text read with a "
    "Catalan voice (or the reverse) is hard to follow, and the Catalan reader got no description.",
    flagged={
        "networks": ["x"],
        "text": {"ca": _CA},
        "media": [
            {
                "path": "a.jpg",
                "alt": {
                    "ca": "Fachada de la nueva biblioteca municipal del barrio del Carmen con gente entrando."
                },
            }
        ],
    },
    clean={
        "networks": ["x"],
        "text": {"ca": _CA},
        "media": [
            {
                "path": "a.jpg",
                "alt": {
                    "ca": "Façana de la nova biblioteca municipal del barri del Carme amb gent entrant."
                },
            }
        ],
    },
    media_only=True,
)
def alt_wrong_language(ctx: Context) -> Iterator[Hit]:
    if not _enabled(ctx) or not ctx.policy.languages.detect_alt_text:
        return
    for i, m in enumerate(ctx.post.media):
        for lang, verdict in _mismatches(ctx, m.alt):
            yield new_hit(
                f"the {lang!r} alt text reads as {verdict.guess.lang!r}",
                f"/media/{i}/alt/{pointer_escape(lang)}",
                lang=lang,
            )


@rule(
    "GS305",
    "title-wrong-language",
    summary="A title variant (YouTube's video title) is not in its declared language.",
    severity=Severity.WARNING,
    why="The title is what a viewer sees first and what search indexes: a Spanish title in "
    "the Catalan slot hides the Catalan version. Titles are short, so most are judged as "
    "snippets, and under three words never.",
    flagged={
        "networks": ["youtube"],
        "text": {"ca": _CA, "es": _ES},
        "title": {
            "ca": "Abre la nueva biblioteca municipal del barrio del Carmen",
            "es": "Abre la nueva biblioteca municipal del barrio del Carmen",
        },
    },
    clean={
        "networks": ["youtube"],
        "text": {"ca": _CA, "es": _ES},
        "title": {
            "ca": "Obre la nova biblioteca municipal del barri del Carme",
            "es": "Abre la nueva biblioteca municipal del barrio del Carmen",
        },
    },
    policy=_POLICY,
    title_only=True,
)
def title_wrong_language(ctx: Context) -> Iterator[Hit]:
    if not ctx.post.title or not _enabled(ctx):
        return
    for lang, verdict in _mismatches(ctx, ctx.post.title):
        yield new_hit(
            f"the {lang!r} title reads as {verdict.guess.lang!r} "
            f"(confidence {verdict.guess.confidence:.2f})",
            f"/title/{pointer_escape(lang)}",
            lang=lang,
        )
