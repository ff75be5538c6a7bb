"""Messages that need no reply: thanks, an emoji, a like.

The lexicon lives in ``data/responsiveness/no_reply.yaml`` (es, ca, eu, gl, en).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from typing import Any

from govsocial._io import load_yaml_resource

__all__ = ["needs_no_reply"]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.cache
def _lexicon() -> frozenset[str]:
    data: Any = load_yaml_resource("responsiveness/no_reply.yaml")
    phrases: set[str] = set()
    for items in data["phrases"].values():
        phrases.update(" ".join(_fold(p).split()) for p in items)
    return frozenset(phrases)


@functools.lru_cache(maxsize=64)
def _phrases(extra: tuple[str, ...]) -> frozenset[str]:
    """The lexicon plus a caller's or policy's phrases, folded once."""
    if not extra:
        return _lexicon()
    return _lexicon() | {" ".join(_fold(e).split()) for e in extra}


def needs_no_reply(text: str | None, extra: Iterable[str] = ()) -> bool:
    """True for a message that closes a conversation: thanks, an emoji, a like.

    The whole message (case, accents, punctuation and emoji ignored) must be one or more
    phrases of the lexicon (``data/responsiveness/no_reply.yaml``: es, ca, eu, gl, en) or
    of ``extra``. An empty or emoji-only message needs no reply either.
    """
    if text is None:
        return False
    folded = _fold(text)
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    if not words:
        return True  # emoji, punctuation, a like: nothing to answer
    phrases = _phrases(tuple(extra))
    # Cover the words with lexicon phrases, longest first (phrases have up to 4 words).
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            if " ".join(words[i : i + n]) in phrases:
                i += n
                break
        else:
            return False
    return True
