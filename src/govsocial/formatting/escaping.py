"""LinkedIn's little text format: reserved characters escaped with a backslash.

LinkedIn's Posts API reads ``commentary`` as little text format, where
``\\ | { } @ [ ] ( ) < > # * _ ~`` are markup; an unescaped one makes LinkedIn cut the
post silently (network facts: ``reserved_characters``). Links, hashtags and mentions are
left as written, as the GS205 rule reads them: LinkedIn recognises them itself.
"""

from __future__ import annotations

import functools
import re

from govsocial.text import analyse

__all__ = ["escape_reserved", "unescape_reserved"]


def _kept(text: str) -> list[tuple[int, int]]:
    info = analyse(text)
    spans = [(u.start, u.end) for u in info.urls]
    spans += [(h.start, h.end) for h in info.hashtags]
    spans += [(m.start, m.end) for m in info.mentions]
    return sorted(spans)


@functools.lru_cache(maxsize=16)
def _pattern(reserved: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(reserved) + "]")


def escape_reserved(text: str, reserved: str) -> str:
    """`text` with every `reserved` character outside links, hashtags and mentions
    preceded by a backslash."""
    if not reserved:
        return text
    found = [m.start() for m in _pattern(reserved).finditer(text)]
    if not found:
        return text
    spans = _kept(text)
    pieces: list[str] = []
    last = 0
    k = 0
    for i in found:
        while k < len(spans) and spans[k][1] <= i:
            k += 1
        if k < len(spans) and spans[k][0] <= i:
            continue
        pieces.append(text[last:i])
        pieces.append("\\")
        last = i
    pieces.append(text[last:])
    return "".join(pieces)


def unescape_reserved(text: str, reserved: str) -> str:
    """The inverse of :func:`escape_reserved`."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in reserved:
            out.append(text[i + 1])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
