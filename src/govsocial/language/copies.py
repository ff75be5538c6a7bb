"""Copied variants: two language variants that hold the same words in the same order."""

from __future__ import annotations

import collections
import difflib
from collections.abc import Mapping, Sequence

from govsocial.language._clean import clean_text, words
from govsocial.language.verdicts import MIN_WORDS

__all__ = ["copies_of_words", "find_copies"]


def _copy_key(text: str) -> list[str]:
    return words(clean_text(text))


def find_copies(
    texts: Mapping[str, str], *, threshold: float = 0.9, min_words: int = MIN_WORDS
) -> list[tuple[str, str, float]]:
    """Pairs ``(a, b, similarity)`` where variant ``b`` repeats variant ``a`` (same words in
    the same order, allowing a changed date or name: similarity ≥ ``threshold``).

    ``a`` is the earlier key in ``texts``' order. Texts under ``min_words`` words (a
    hashtag, a proper name) may legitimately be identical and are not compared.
    """
    return copies_of_words(
        [(lang, _copy_key(t)) for lang, t in texts.items()],
        threshold=threshold,
        min_words=min_words,
    )


def copies_of_words(
    keys: Sequence[tuple[str, Sequence[str]]],
    *,
    threshold: float = 0.9,
    min_words: int = MIN_WORDS,
) -> list[tuple[str, str, float]]:
    """:func:`find_copies` on texts already split into their words after cleaning."""
    out: list[tuple[str, str, float]] = []
    reported: set[str] = set()
    for i, (a, wa) in enumerate(keys):
        if len(wa) < min_words:
            continue
        for b, wb in keys[i + 1 :]:
            if b in reported or len(wb) < min_words:
                continue
            if wa == wb:
                sim = 1.0
            else:
                # difflib's two upper bounds first, without building its index: the
                # length ratio, then the shared words counted with multiplicity.
                total = len(wa) + len(wb)
                if 2 * min(len(wa), len(wb)) < threshold * total:
                    continue
                # The words of each found anywhere in the other bound the shared ones
                # (either count alone bounds them: the second is counted only when the
                # first leaves the pair in).
                if 2 * sum(map(set(wb).__contains__, wa)) < threshold * total:
                    continue
                if 2 * sum(map(set(wa).__contains__, wb)) < threshold * total:
                    continue
                shared = sum((collections.Counter(wa) & collections.Counter(wb)).values())
                if 2 * shared < threshold * total:
                    continue
                sim = _similarity(wa, wb)
            if sim >= threshold:
                out.append((a, b, sim))
                reported.add(b)
    return out


#: Texts up to this many words each are compared exactly (difflib's ratio); every real
#: post is far below it (Facebook's 63,206 characters are about 10,000 words).
EXACT_WORDS = 1_000
#: Longer texts are compared block by block, each this many words of `a` against the
#: proportional stretch of `b`: linear in the length instead of quadratic.
_BLOCK = 250


def _similarity(wa: Sequence[str], wb: Sequence[str]) -> float:
    """difflib's ratio (2 x matched words / all words) of two word lists.

    Exact up to EXACT_WORDS words each. Beyond, difflib's matcher (quadratic on a long
    text with a small vocabulary: 63,000 characters took two minutes) runs on aligned
    blocks and the matches are summed: a lower bound of the exact ratio that stays
    close for near copies (an edit shifts the alignment by a few words in one block),
    in time linear in the length.
    """
    if len(wa) <= EXACT_WORDS and len(wb) <= EXACT_WORDS:
        return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()
    matched = 0
    na, nb = len(wa), len(wb)
    for a_start in range(0, na, _BLOCK):
        a_end = min(a_start + _BLOCK, na)
        b_block = wb[a_start * nb // na : a_end * nb // na]
        matcher = difflib.SequenceMatcher(None, wa[a_start:a_end], b_block, autojunk=False)
        matched += sum(block.size for block in matcher.get_matching_blocks())
    return 2 * matched / (na + nb)
