"""Batch judgement: the slot verdict and the foreign sentences of several texts at once.

Every text and sentence that needs the detector is scored in one pass per candidate set;
the rules judge all the variants of a post this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from govsocial.language._clean import clean_text, words
from govsocial.language._detectors import Detector, get_detector
from govsocial.language.evidence import _joined_tally, _tally
from govsocial.language.segments import Segment, _foreign, _segments
from govsocial.language.verdicts import (
    DEFAULT_CONFUSERS,
    SHORT_WORDS,
    SlotVerdict,
    _candidates,
    _score_all,
    _slot_verdict,
    base_tag,
)

__all__ = ["find_foreign_segments", "judge_text", "judge_texts", "judge_texts_with_words"]


def judge_text(
    text: str,
    declared: str,
    candidates: Iterable[str] | None = None,
    *,
    detector: str | Detector = "auto",
    slot: bool = True,
    mixed: bool = True,
    min_words: int = 8,
) -> tuple[SlotVerdict | None, list[Segment]]:
    """:func:`check_slot` (if ``slot``) and :func:`find_foreign_segments` (if ``mixed``)
    for one text, with the same results as calling them apart, but the whole text and
    its sentences scored in one pass of the detector."""
    return judge_texts(
        [(text, declared)],
        candidates,
        detector=detector,
        slot=slot,
        mixed=mixed,
        min_words=min_words,
    )[0]


def judge_texts(
    texts: Sequence[tuple[str, str]],
    candidates: Iterable[str] | None = None,
    *,
    detector: str | Detector = "auto",
    slot: bool = True,
    mixed: bool = True,
    min_words: int = 8,
) -> list[tuple[SlotVerdict | None, list[Segment]]]:
    """:func:`judge_text` for several ``(text, declared)`` pairs (the variants of one
    post) at once: every text and sentence that needs the detector is scored in one pass
    per candidate set. ``candidates`` are compared with each text's declared language."""
    judged = judge_texts_with_words(
        texts, candidates, detector=detector, slot=slot, mixed=mixed, min_words=min_words
    )
    return [(verdict, segments) for verdict, segments, _ in judged]


def judge_texts_with_words(
    texts: Sequence[tuple[str, str]],
    candidates: Iterable[str] | None = None,
    *,
    detector: str | Detector = "auto",
    slot: bool = True,
    mixed: bool = True,
    min_words: int = 8,
) -> list[tuple[SlotVerdict | None, list[Segment], list[str]]]:
    """:func:`judge_texts` with, for each text, its words after cleaning (what
    :func:`copies_of_words` compares; empty when ``slot`` is False). For the rules,
    which need all three."""
    det = get_detector(detector)
    cand_list = tuple(candidates) if candidates is not None else DEFAULT_CONFUSERS
    # Per text: declared, base language, candidates, support, cleaned, tokens, index of
    # its whole-text score, and its sentences (start, end, cleaned, tokens, score index).
    jobs: list[
        tuple[
            str, str, tuple[str, ...], bool, str, list[str], int,
            list[tuple[int, int, str, list[str], int]],
        ]
    ] = []  # fmt: skip
    batches: dict[tuple[str, ...], list[str | tuple[str, ...]]] = {}
    # Per declared tag: its base language, its candidates and whether the detector has it
    # (the variants of posts checked together share a few tags).
    tags: dict[str, tuple[str, tuple[str, ...], bool]] = {}
    for text, declared in texts:
        tag = tags.get(declared)
        if tag is None:
            lang = base_tag(declared)
            cands = _candidates(cand_list, lang)
            assert cands is not None
            tag = tags[declared] = (lang, cands, det.supports(lang))
        lang, cands, supported = tag
        to_score = batches.setdefault(cands, [])
        pieces: list[tuple[int, int, str, list[str]]] = []
        if mixed and supported:
            spans = _segments(text)
            if len(spans) >= 2:
                # Each sentence is cleaned with what follows it up to the next sentence
                # (closing quotes, spaces): the pieces cover the text and cleaning never
                # reaches across the whitespace between them, so their cleanings joined
                # are the whole text's cleaning (a property test checks it).
                starts = [0] + [s for s, _ in spans[1:]]
                ends = [*starts[1:], len(text)]
                for (s, e), a, b in zip(spans, starts, ends, strict=True):
                    piece = clean_text(text[a:b])
                    pieces.append((s, e, piece, words(piece)))
        cleaned = ""
        tokens: list[str] = []
        whole = -1
        # The sentences long enough to judge, and the cleaned ones that are not empty.
        judged = 0
        nonempty: list[str] = []
        for p in pieces:
            if p[2]:
                nonempty.append(p[2])
            if len(p[3]) >= min_words:
                judged += 1
        if slot:
            if pieces:
                cleaned = " ".join(nonempty)
                for p in pieces:
                    tokens += p[3]
            else:
                cleaned = clean_text(text)
                tokens = words(cleaned)
            if supported and len(tokens) >= SHORT_WORDS:
                whole = len(to_score)
                # Scored from its sentences' walks when it has them (the same scores).
                to_score.append(tuple(nonempty) if len(nonempty) >= 2 else cleaned)
        prepared: list[tuple[int, int, str, list[str], int]] = []
        # Only with two sentences long enough to judge can a text be mixed.
        if judged >= 2:
            for s, e, piece, toks in pieces:
                k = -1
                if len(toks) >= min_words:
                    k = len(to_score)
                    to_score.append(piece)
                prepared.append((s, e, piece, toks, k))
        jobs.append((declared, lang, cands, supported, cleaned, tokens, whole, prepared))
    scored = {c: _score_all(det, batch, c) if batch else [] for c, batch in batches.items()}
    out: list[tuple[SlotVerdict | None, list[Segment], list[str]]] = []
    for (text, _), job in zip(texts, jobs, strict=True):
        declared, lang, cands, supported, cleaned, tokens, whole, prepared = job
        raw = scored[cands]
        # A text whose sentences are judged: the marker evidence of its words is found
        # sentence by sentence, once, and the whole text's is theirs joined (its tokens
        # are theirs joined; a property test checks the bonus is the same).
        tallies = [_tally(p[3], cands) for p in prepared] if prepared else None
        verdict = None
        if slot:
            verdict = _slot_verdict(
                declared,
                lang,
                supported,
                cleaned,
                tokens,
                cands,
                raw[whole] if whole >= 0 else None,
                det,
                _joined_tally(tallies) if tallies and whole >= 0 else None,
            )
        out.append((verdict, _foreign(text, lang, cands, prepared, raw, tallies), tokens))
    return out


def find_foreign_segments(
    text: str,
    declared: str,
    candidates: Iterable[str] | None = None,
    *,
    detector: str | Detector = "auto",
    min_words: int = 8,
) -> list[Segment]:
    """Sentences or paragraphs of ``text`` (declared ``declared``) that are in another
    candidate language. Only sentences of ``min_words`` words or more are judged, and only
    texts that are themselves mostly in the declared language are searched (a text wholly
    in another language is GS301's finding). Adjacent foreign sentences are merged."""
    _, segments = judge_text(
        text, declared, candidates, detector=detector, slot=False, min_words=min_words
    )
    return segments
