"""Function-word and spelling evidence that separates close languages.

Galician *non, unha, xa, polo, coa*; Aranese *eth, era, deth, dera*, imperfects in
*-aue*: the markers live in ``data/languages/markers.yaml`` and add a bonus to the
detector's scores of the candidate that owns them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from govsocial._io import load_yaml_resource

__all__: list[str] = []


@functools.cache
def _markers() -> tuple[dict[str, frozenset[str]], dict[str, re.Pattern[str]], float, float]:
    data: Any = load_yaml_resource("languages/markers.yaml")
    lexicon = {lang: frozenset(text.split()) for lang, text in data["words"].items()}
    patterns = {lang: re.compile(p) for lang, p in data.get("patterns", {}).items()}
    return lexicon, patterns, float(data["weights"]["word"]), float(data["weights"]["pattern"])


@functools.lru_cache(maxsize=256)
def _evidence(
    candidates: tuple[str, ...],
) -> tuple[dict[str, str], frozenset[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """For a candidate set: each marker word that only one candidate lists, mapped to that
    candidate; every word any candidate lists; and the spelling patterns that apply."""
    lexicon, patterns, _, _ = _markers()
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for c in candidates:
        for w in lexicon.get(c, frozenset()):
            if w in seen:
                owner.pop(w, None)
            else:
                owner[w] = c
                seen.add(w)
    pats = tuple((c, patterns[c]) for c in candidates if c in patterns)
    return owner, frozenset(seen), pats


def _marker_bonus(tokens: Sequence[str], candidates: tuple[str, ...]) -> dict[str, float]:
    _, _, w_word, w_pat = _markers()
    owner, listed, pats = _evidence(candidates)
    # The owners of the marker words present (few: most words are no candidate's marker).
    owners = list(filter(None, map(owner.get, tokens)))
    bonus = {c: owners.count(c) * w_word for c in dict.fromkeys(owners)}
    if pats and len(owners) < len(tokens):
        for t in tokens:
            if t not in listed:
                for lang, pat in pats:
                    if pat.search(t):
                        bonus[lang] = bonus.get(lang, 0.0) + w_pat
    return bonus
