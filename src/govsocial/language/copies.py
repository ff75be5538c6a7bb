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
                # The words of each found anywhere in the other bound the shared ones.
                in_b = sum(map(set(wb).__contains__, wa))
                in_a = sum(map(set(wa).__contains__, wb))
                if 2 * min(in_a, in_b) < threshold * total:
                    continue
                shared = sum((collections.Counter(wa) & collections.Counter(wb)).values())
                if 2 * shared < threshold * total:
                    continue
                sim = difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()
            if sim >= threshold:
                out.append((a, b, sim))
                reported.add(b)
    return out
