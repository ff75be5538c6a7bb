"""Normalised text and fast multiword lexicon matching for mentions.

Text and terms go through the same :func:`words`: hashtags are split on their capitals
and lose the ``#`` (``#GosEnverinat`` → ``gos enverinat``), links and handles are dropped,
case and accents are folded (``Enverinàment`` → ``enverinament``, ``col·legi`` →
``collegi``), punctuation separates words. A term is a sequence of words; a ``*`` at the
end of its last word makes that word a prefix (``enverin*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from govsocial._fold import fold

__all__ = ["Lexicon", "fold", "words"]

T = TypeVar("T")

_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ0-9])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][a-zà-ÿ])")
_DROP = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@[\w.]+")
_WORD = re.compile(r"[^\W_]+")
_MIDDLE_DOT = re.compile(r"(?<=l)[·.•‧](?=l)", re.IGNORECASE)
_PREFIX_KEY = 4


def words(text: str) -> list[str]:
    """The normalised words of a mention (see the module docstring)."""
    text = _DROP.sub(" ", text)
    text = _MIDDLE_DOT.sub("", text)  # first: "#Col·legi" is one hashtag
    if "#" in text:
        text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    return _WORD.findall(fold(text))


class Lexicon(Generic[T]):
    """Terms (with ``*`` prefixes) mapped to payloads, matched on :func:`words` output."""

    __slots__ = ("_exact", "_prefix", "_short", "size")

    def __init__(self, entries: Iterable[tuple[str, T]] = ()) -> None:
        # first word -> [(rest words, last-is-prefix, payload, term)]
        self._exact: dict[str, list[tuple[tuple[str, ...], bool, T, str]]] = {}
        # first 4 letters of a one-word prefix term -> [(prefix, payload, term)]
        self._prefix: dict[str, list[tuple[str, T, str]]] = {}
        self._short: dict[str, list[tuple[str, T, str]]] = {}  # 3-letter prefixes
        self.size = 0
        for term, payload in entries:
            self.add(term, payload)

    def add(self, term: str, payload: T) -> None:
        """Add a term; raises ValueError for an empty term or a prefix under 3 letters."""
        star = term.rstrip().endswith("*")
        ws = words(term.rstrip().rstrip("*"))
        if not ws:
            raise ValueError(f"term {term!r}: no word in it")
        if star and len(ws[-1]) < 3:
            raise ValueError(f"term {term!r}: a prefix needs at least 3 letters")
        self.size += 1
        if star and len(ws) == 1:
            table = self._short if len(ws[0]) < _PREFIX_KEY else self._prefix
            table.setdefault(ws[0][:_PREFIX_KEY], []).append((ws[0], payload, term))
        else:
            self._exact.setdefault(ws[0], []).append((tuple(ws[1:]), star, payload, term))

    def find(self, ws: Sequence[str]) -> list[tuple[int, int, T, str]]:
        """Every match as ``(start word, end word, payload, term)``, in text order."""
        out: list[tuple[int, int, T, str]] = []
        exact, prefix, short = self._exact, self._prefix, self._short
        n = len(ws)
        for i, w in enumerate(ws):
            cands = exact.get(w)
            if cands:
                for rest, star, payload, term in cands:
                    k = len(rest)
                    if i + k >= n and k:
                        continue
                    if k == 0 or _rest_matches(ws, i + 1, rest, star):
                        out.append((i, i + 1 + k, payload, term))
            pcands = prefix.get(w[:_PREFIX_KEY]) if len(w) >= _PREFIX_KEY else None
            if pcands:
                for p, payload, term in pcands:
                    if w.startswith(p):
                        out.append((i, i + 1, payload, term))
            if short and len(w) >= 3:
                for _p, payload, term in short.get(w[:3], ()):
                    out.append((i, i + 1, payload, term))
        return out


def _rest_matches(ws: Sequence[str], start: int, rest: tuple[str, ...], star: bool) -> bool:
    last = len(rest) - 1
    for j, r in enumerate(rest):
        w = ws[start + j]
        if j == last and star:
            if not w.startswith(r):
                return False
        elif w != r:
            return False
    return True
