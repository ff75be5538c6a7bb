"""Accent folding: one definition for every lexicon that matches words as people type them.

Citizens write "gracies", "mercés" or "MERCÈS" for "mercès"; a lexicon matches them all
when both sides are folded the same way: case-folded, decomposed (NFKD) and stripped of
combining marks (à → a, ñ → n, ç → c, ß → ss).
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lowercase without accents or diacritics (ñ → n, ç → c).

    >>> fold("Mercès, GRÀCIES i Ñandú")
    'merces, gracies i nandu'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
