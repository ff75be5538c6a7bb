"""Sentences of a text, and the ones in another language than the text's own."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from govsocial.language.evidence import Tally
from govsocial.language.verdicts import _best

__all__ = ["Segment"]


@attrs.frozen
class Segment:
    """A part of a text (``start``/``end`` are code-point offsets) in another language."""

    start: int
    end: int
    lang: str
    confidence: float


# Sentence ends: . ! ? … followed by space(s) and a capital/opening mark, or line breaks.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»)]*\s+(?=[¿¡\"«(]?[^\W\d_])|\n\s*\n|\n")


# Where a sentence end can begin: just after . ! ? … or at a line break. Searching for
# these first, and trying _SENTENCE_END only there, finds the matches finditer would (the
# leftmost at or after the end of the last one) without trying it at every position.
_END_MARK = re.compile("[.!?…\n]")


def _segments(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    search, match = _END_MARK.search, _SENTENCE_END.match
    mark = search(text)
    while mark is not None:
        i = mark.start()
        at = i if text[i] == "\n" else i + 1
        m = match(text, at)  # its look-behind sees the text before `at`
        if m is not None:
            spans.append((start, at))
            start = m.end()
            mark = search(text, start)
        else:
            mark = search(text, i + 1)
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _foreign(
    text: str,
    lang: str,
    cands: tuple[str, ...],
    prepared: list[tuple[int, int, str, list[str], int]],
    raw: list[Mapping[str, float] | None],
    tallies: Sequence[Tally] | None = None,
) -> list[Segment]:
    """The foreign sentences among ``prepared`` (start, end, cleaned, tokens and index
    in ``raw`` of each sentence, -1 for one not judged); ``tallies``, when given, holds
    each sentence's tally for ``cands`` (evidence._tally), in the same order."""
    judged: list[tuple[int, int, str | None, float]] = []
    native_words = 0
    for i, (s, e, cleaned, toks, k) in enumerate(prepared):
        if k < 0:
            judged.append((s, e, None, 0.0))
            continue
        scores = raw[k]
        if not scores:
            judged.append((s, e, None, 0.0))
            continue
        best, confidence = _best(
            cleaned, toks, cands, scores, tallies[i] if tallies is not None else None
        )
        judged.append((s, e, best, confidence))
        if best == lang:
            native_words += len(toks)
    if native_words == 0:
        return []
    out: list[Segment] = []
    for s, e, g_lang, conf in judged:
        if g_lang is None or g_lang == lang:
            continue
        if out and out[-1].lang == g_lang and not text[out[-1].end : s].strip():
            prev = out.pop()
            out.append(Segment(prev.start, e, g_lang, min(prev.confidence, conf)))
        else:
            out.append(Segment(s, e, g_lang, conf))
    return out
