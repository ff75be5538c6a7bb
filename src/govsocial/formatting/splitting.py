"""Cutting a text into thread parts, or shortening it, without breaking anything.

A text is cut at a paragraph break if one fits, else at a sentence end, else between
words, else between grapheme clusters; never inside a URL, a mention, a hashtag or an
emoji sequence (found by :func:`govsocial.text.analyse`) and never inside a grapheme
cluster (``regex``'s ``\\X``). Each cut drops the white space it falls on; nothing else
is removed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

import regex

from govsocial.text import analyse

__all__ = ["Fits", "cut_points", "split_text", "truncate_text"]

Fits = Callable[[str], bool]

_SPACE_RUN = regex.compile(r"\s+")
_SENTENCE_END = regex.compile(r"[.!?…:;][\"'»”’)\]]*$")
_GRAPHEME = regex.compile(r"\X")

LEVELS = ("paragraph", "sentence", "word", "grapheme")


def _atoms(text: str) -> list[tuple[int, int]]:
    """Spans that must stay whole: links, mentions, hashtags, emoji sequences."""
    info = analyse(text)
    spans = [(u.start, u.end) for u in info.urls]
    spans += [(h.start, h.end) for h in info.hashtags]
    spans += [(m.start, m.end) for m in info.mentions]
    spans += [(e.start, e.end) for e in info.emoji]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _inside(atoms: Sequence[tuple[int, int]], i: int) -> bool:
    """Whether position `i` falls strictly inside one of `atoms`."""
    k = bisect.bisect_right(atoms, (i, 1 << 62)) - 1
    return k >= 0 and atoms[k][0] < i < atoms[k][1]


def cut_points(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where `text` may be cut, per level (paragraph, sentence, word): ``(end of this
    part, start of the next)``.

    A cut at a word boundary ends the part before a run of white space and starts the
    next after it; a grapheme cut removes nothing.
    """
    atoms = _atoms(text)
    bounds: set[int] | None = None
    if not text.isascii():
        bounds = {m.start() for m in _GRAPHEME.finditer(text)}
    out: dict[str, list[tuple[int, int]]] = {level: [] for level in LEVELS[:3]}
    for m in _SPACE_RUN.finditer(text):
        i, j = m.span()
        if i == 0 or j == len(text) or _inside(atoms, i):
            continue
        if bounds is not None and (i not in bounds or j not in bounds):
            continue
        run = m.group()
        if run.count("\n") >= 2:
            out["paragraph"].append((i, j))
        elif "\n" in run or _SENTENCE_END.search(text, 0, i):
            out["sentence"].append((i, j))
        else:
            out["word"].append((i, j))
    # A paragraph break is also a sentence and a word break, a sentence end a word break.
    out["sentence"] = sorted(out["sentence"] + out["paragraph"])
    out["word"] = sorted(out["word"] + out["sentence"])
    return out


def _grapheme_cuts(text: str, word_cuts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every boundary between grapheme clusters outside links, mentions, hashtags and emoji
    (only needed when a single word does not fit)."""
    atoms = _atoms(text)
    if text.isascii():
        graphemes: set[int] | range = range(1, len(text))
    else:
        graphemes = {m.start() for m in _GRAPHEME.finditer(text)}
    return sorted(
        {(i, i) for i in graphemes if 0 < i < len(text) and not _inside(atoms, i)} | set(word_cuts)
    )


def _furthest(
    text: str, start: int, cuts: Sequence[tuple[int, int]], fits: Fits
) -> tuple[int, int] | None:
    """The furthest cut after `start` whose part ``text[start:cut]`` fits, or None.

    Galloping, then binary search (a longer part never counts less at these cuts): the
    parts tried stay within about twice the part found, so splitting a long text costs
    about its length times the log of a part's, not its length squared.
    """
    first = bisect.bisect_right(cuts, (start, 1 << 62))
    if first >= len(cuts) or not fits(text[start : cuts[first][0]]):
        return None
    lo, step = first, 1  # cuts[lo] fits
    hi = len(cuts)  # cuts[hi] does not fit (or is past the end)
    while lo + step < len(cuts):
        if fits(text[start : cuts[lo + step][0]]):
            lo += step
            step *= 2
        else:
            hi = lo + step
            break
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(text[start : cuts[mid][0]]):
            lo = mid
        else:
            hi = mid
    return cuts[lo]


def split_text(text: str, fits: Fits) -> list[str]:
    """Cut `text` into parts that each satisfy `fits`, preferring the highest-level break.

    A part that cannot be cut small enough (a single link longer than the limit) is
    kept whole: it is never broken, and the check reports it.
    """
    text = text.strip()
    if not text or fits(text):
        return [text] if text else []
    cuts = cut_points(text)
    parts: list[str] = []
    start = 0
    while start < len(text):
        rest = text[start:]
        if fits(rest):
            parts.append(rest)
            break
        chosen: tuple[int, int] | None = None
        for level in LEVELS:
            if level == "grapheme" and level not in cuts:
                cuts[level] = _grapheme_cuts(text, cuts["word"])
            chosen = _furthest(text, start, cuts[level], fits)
            if chosen is not None:
                break
        if chosen is None:
            # Nothing fits: the smallest part this text can be cut into.
            later = [c for c in cuts["grapheme"] if c[0] > start and c[1] > start]
            chosen = later[0] if later else (len(text), len(text))
        parts.append(text[start : chosen[0]])
        start = chosen[1]
    return parts


def truncate_text(text: str, fits: Fits, ellipsis: str = "…") -> tuple[str, str]:
    """The longest start of `text` that fits with `ellipsis` added, cut between words
    (or grapheme clusters, outside links, mentions, hashtags and emoji); and what was cut."""
    text = text.strip()
    cuts = cut_points(text)
    cuts["grapheme"] = _grapheme_cuts(text, cuts["word"])
    for level in ("word", "grapheme"):
        lo, hi = 0, len(cuts[level]) - 1
        best: tuple[int, int] | None = None
        while lo <= hi:
            mid = (lo + hi) // 2
            cut = cuts[level][mid]
            if fits(text[: cut[0]] + ellipsis):
                best = cut
                lo = mid + 1
            else:
                hi = mid - 1
        if best is not None:
            return text[: best[0]] + ellipsis, text[best[0] :].strip()
    return ellipsis, text
