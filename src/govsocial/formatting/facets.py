"""Bluesky: link and tag facets over UTF-8 byte offsets, and long links shown shortened.

Bluesky makes a link clickable, and a hashtag a tag, only through a facet of the
post record (``app.bsky.richtext.facet``), indexed in UTF-8 bytes. Mentions need the
account's DID, which a post file does not hold: they are left as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from govsocial.formatting.rendition import Facet
from govsocial.networks.counting import count_graphemes
from govsocial.text import analyse

__all__ = ["bluesky_facets", "shorten_links"]

# The tag facet's limits in the lexicon (app.bsky.richtext.facet#tag).
_TAG_MAX_GRAPHEMES = 64
_TAG_MAX_BYTES = 640


def shorten_links(
    text: str, longer_than: int | None, shown: dict[str, str]
) -> tuple[str, dict[str, str]]:
    """`text` with every link longer than `longer_than` characters (without its scheme)
    shown as its start and an ellipsis; `shown` maps the shown texts (without the
    ellipsis) to their full URLs and is updated. A link whose shortened form would be
    ambiguous or no longer read as a link is shown in full."""
    if longer_than is None:
        return text, shown
    urls = [u for u in analyse(text).urls if len(u.text.split("://", 1)[-1]) > longer_than]
    if not urls:
        return text, shown
    pieces: list[str] = []
    last = 0
    for u in urls:
        bare = u.text.split("://", 1)[1] if u.has_scheme else u.text
        head = bare[: longer_than - 1].rstrip("./?#&=-_")
        full = u.text if u.has_scheme else "https://" + u.text
        if [x.text for x in analyse(head + "…").urls] != [head] or shown.get(head, full) != full:
            continue  # shortened, it would no longer read as this link: shown in full
        pieces.append(text[last : u.start])
        pieces.append(head + "…")
        shown[head] = full
        last = u.end
    pieces.append(text[last:])
    return "".join(pieces), shown


def _byte_offset(text: str, i: int) -> int:
    prefix = text[:i]
    return len(prefix) if prefix.isascii() else len(prefix.encode("utf-8", "surrogatepass"))


def bluesky_facets(
    pieces: Sequence[tuple[int, str]], shown: Mapping[str, str]
) -> tuple[Facet, ...]:
    """A link facet for every link and a tag facet for every hashtag, sorted by position.

    `pieces` are the texts the post is made of, each with its UTF-8 byte offset in the
    post (one piece: ``[(0, text)]``); a shortened link's facet covers its ellipsis and
    keeps the full URL.
    """
    facets: list[Facet] = []
    for base, text in pieces:
        info = analyse(text)
        for u in info.urls:
            end = u.end
            if u.text in shown and text[end : end + 1] == "…":
                uri = shown[u.text]
                end += 1
            else:
                uri = u.text if u.has_scheme else "https://" + u.text
            start_b = base + _byte_offset(text, u.start)
            facets.append(Facet(start_b, base + _byte_offset(text, end), "link", uri))
        for h in info.hashtags:
            tag = h.tag
            if count_graphemes(tag) > _TAG_MAX_GRAPHEMES or len(tag.encode()) > _TAG_MAX_BYTES:
                continue
            start_b = base + _byte_offset(text, h.start)
            facets.append(Facet(start_b, base + _byte_offset(text, h.end), "tag", tag))
    facets.sort(key=lambda f: (f.byte_start, f.byte_end))
    return tuple(facets)
