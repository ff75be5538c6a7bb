"""LinkedIn's little text format: reserved characters escaped with a backslash.

LinkedIn's Posts API reads ``commentary`` as little text format, where
``\\ | { } @ [ ] ( ) < > # * _ ~`` are markup; an unescaped one makes LinkedIn cut the
post silently (network facts: ``reserved_characters``). Links, hashtags and mentions are
left as written, as the GS205 rule reads them: LinkedIn recognises them itself.
"""

from __future__ import annotations

from govsocial.text import analyse

__all__ = ["escape_reserved", "unescape_reserved"]


def _kept(text: str) -> list[tuple[int, int]]:
    info = analyse(text)
    spans = [(u.start, u.end) for u in info.urls]
    spans += [(h.start, h.end) for h in info.hashtags]
    spans += [(m.start, m.end) for m in info.mentions]
    return sorted(spans)


def escape_reserved(text: str, reserved: str) -> str:
    """`text` with every `reserved` character outside links, hashtags and mentions
    preceded by a backslash."""
    if not reserved or not any(ch in reserved for ch in text):
        return text
    out: list[str] = []
    spans = _kept(text)
    k = 0
    for i, ch in enumerate(text):
        while k < len(spans) and spans[k][1] <= i:
            k += 1
        inside = k < len(spans) and spans[k][0] <= i
        if ch in reserved and not inside:
            out.append("\\")
        out.append(ch)
    return "".join(out)


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
