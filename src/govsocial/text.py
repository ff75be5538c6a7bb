"""What a post's text contains: links, hashtags, mentions, emoji.

Hashtags, mentions and links are found in the text, never declared.  Every item
carries its span ``[start, end)`` in Python string indices (code points) into the
text it was found in; findings report these spans.

Links are found the way X finds them (twitter-text: with or without a scheme, when
the domain has a valid top-level domain), so that ``vilanova.cat/agenda`` is a
link for the link rules just as it is 23 characters for X.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import regex

from govsocial._frozen import assigning

__all__ = [
    "Emoji",
    "Hashtag",
    "Mention",
    "TextInfo",
    "Url",
    "analyse",
    "find_emoji",
    "find_hashtags",
    "find_mentions",
    "find_urls",
]


@attrs.frozen
class Url:
    """A link in the text."""

    start: int
    end: int
    text: str
    has_scheme: bool
    scheme: str | None
    host: str


@attrs.frozen
class Hashtag:
    """``#Word``: `tag` is the text after the sign."""

    start: int
    end: int
    tag: str


@attrs.frozen
class Mention:
    """``@user`` or ``@user@server`` (fediverse)."""

    start: int
    end: int
    user: str
    domain: str | None


@attrs.frozen
class Emoji:
    """One emoji as a reader sees it (a whole ZWJ, flag, keycap or modifier sequence)."""

    start: int
    end: int
    text: str


@attrs.frozen
class TextInfo:
    """Everything the rules need to know about one text, computed once."""

    text: str
    urls: tuple[Url, ...]
    hashtags: tuple[Hashtag, ...]
    mentions: tuple[Mention, ...]
    emoji: tuple[Emoji, ...]


# The analysis' own values, built without the class calls (see govsocial._frozen).
_UrlBuild = assigning(Url)
_HashtagBuild = assigning(Hashtag)
_MentionBuild = assigning(Mention)
_EmojiBuild = assigning(Emoji)
_TextInfoBuild = assigning(TextInfo)


def _url(start: int, end: int, text: str, has_scheme: bool, scheme: str | None, host: str) -> Url:
    u: Any = object.__new__(_UrlBuild)
    u.start = start
    u.end = end
    u.text = text
    u.has_scheme = has_scheme
    u.scheme = scheme
    u.host = host
    u.__class__ = Url
    out: Url = u
    return out


def _hashtag(start: int, end: int, tag: str) -> Hashtag:
    h: Any = object.__new__(_HashtagBuild)
    h.start = start
    h.end = end
    h.tag = tag
    h.__class__ = Hashtag
    out: Hashtag = h
    return out


def _mention(start: int, end: int, user: str, domain: str | None) -> Mention:
    m: Any = object.__new__(_MentionBuild)
    m.start = start
    m.end = end
    m.user = user
    m.domain = domain
    m.__class__ = Mention
    out: Mention = m
    return out


def _emoji(start: int, end: int, text: str) -> Emoji:
    e: Any = object.__new__(_EmojiBuild)
    e.start = start
    e.end = end
    e.text = text
    e.__class__ = Emoji
    out: Emoji = e
    return out


def _text_info(
    text: str,
    urls: tuple[Url, ...],
    hashtags: tuple[Hashtag, ...],
    mentions: tuple[Mention, ...],
    emoji: tuple[Emoji, ...],
) -> TextInfo:
    t: Any = object.__new__(_TextInfoBuild)
    t.text = text
    t.urls = urls
    t.hashtags = hashtags
    t.mentions = mentions
    t.emoji = emoji
    t.__class__ = TextInfo
    out: TextInfo = t
    return out


_HASHTAG = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_&/#＃])[#＃]((?:[\p{L}\p{M}\p{N}_]|[·・](?=[\p{L}]))*"
    r"[\p{L}\p{M}](?:[\p{L}\p{M}\p{N}_]|[·・](?=[\p{L}]))*)"
)
_MENTION = re.compile(
    r"(?<![\w@!#$%&*])[@＠]([A-Za-z0-9_]{1,30})(?:@([A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}))?(?![A-Za-z0-9_])"
)
_EMOJI_HINT = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]")
_EMOJI = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|[0-9#*]\ufe0f?\u20e3"
    r"|\p{Extended_Pictographic}(?:\ufe0f|\p{Emoji_Modifier}|[\U000e0020-\U000e007e]+\U000e007f)*"
    r"(?:\u200d\p{Extended_Pictographic}(?:\ufe0f|\p{Emoji_Modifier})*)*"
)
_EMOJI_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")
# Every character _EMOJI_HINT finds is (c) or (r) or from U+2000 on (a test checks them
# all): a class of ranges that `re` tests quickly, so that a text in Latin letters only is
# answered without the Unicode property lookups, and the hint is searched from there.
_MAY_BE_EMOJI = re.compile("[\u00a9\u00ae\u2000-\U0010ffff]")


def find_hashtags(text: str) -> tuple[Hashtag, ...]:
    """Hashtags in `text` (``#`` or the full-width ``＃``, at least one letter)."""
    first = text.find("#")
    wide = text.find("＃")
    if wide >= 0 and (first < 0 or wide < first):
        first = wide
    if first < 0:
        return ()
    # Every hashtag starts at its sign: searched from the first one on (its look-behind
    # still sees the character before it), not over the words before it.
    return tuple(_hashtag(m.start(), m.end(), m.group(1)) for m in _HASHTAG.finditer(text, first))


def find_mentions(text: str) -> tuple[Mention, ...]:
    """Mentions in `text`; an e-mail address is not a mention."""
    if "@" not in text and "＠" not in text:
        return ()
    return tuple(
        _mention(m.start(), m.end(), m.group(1), m.group(2)) for m in _MENTION.finditer(text)
    )


def find_emoji(text: str) -> tuple[Emoji, ...]:
    """Emoji in `text`, each sequence once; text-style symbols such as © or ™ are not emoji."""
    if text.isascii():
        return ()
    gate = _MAY_BE_EMOJI.search(text)
    hint = _EMOJI_HINT.search(text, gate.start()) if gate is not None else None
    if hint is None:
        return ()
    found = []
    # Every emoji holds a hint character among its first three (a keycap's U+20E3 comes
    # after its digit and an optional U+FE0F), so none starts more than two before it.
    for m in _EMOJI.finditer(text, max(hint.start() - 2, 0)):
        s = m.group()
        if len(s) == 1 and not _EMOJI_PRESENTATION.match(s):
            continue  # e.g. ©, ®, ‼ without VS16: rendered as text
        found.append(_emoji(m.start(), m.end(), s))
    return tuple(found)


# Where a URL's host ends (after its scheme).
_HOST_END = re.compile(r"[/?#:]")


def find_urls(text: str) -> tuple[Url, ...]:
    """Links in `text`, as X finds them (with or without a scheme)."""
    if "." not in text:
        return ()
    extract_urls, split_scheme = _X or _load_x()
    urls = []
    for start, end in extract_urls(text):
        raw = text[start:end]
        scheme, rest = split_scheme(raw)
        host = _HOST_END.split(rest, maxsplit=1)[0].lower().rstrip(".")
        urls.append(
            _url(
                start,
                end,
                raw,
                scheme is not None,
                scheme.lower() if scheme is not None else None,
                host,
            )
        )
    return tuple(urls)


_X: (
    tuple[Callable[[str], list[tuple[int, int]]], Callable[[str], tuple[str | None, str]]] | None
) = None


def _load_x() -> tuple[
    Callable[[str], list[tuple[int, int]]], Callable[[str], tuple[str | None, str]]
]:
    """X's URL extraction, imported on first use (not at ``import govsocial``); kept here,
    since an import statement costs more than a short text's search for links."""
    global _X
    from govsocial.networks.twitter import extract_urls, split_scheme

    _X = (extract_urls, split_scheme)
    return _X


@functools.lru_cache(maxsize=4096)
def analyse(text: str) -> TextInfo:
    """All items of `text` at once (cached: the same text is analysed once)."""
    urls = find_urls(text)
    hashtags = find_hashtags(text)
    mentions = find_mentions(text)
    if urls:  # (an item inside a link is part of the link)
        spans = [(u.start, u.end) for u in urls]
        hashtags = tuple(h for h in hashtags if outside(spans, h.start, h.end))
        mentions = tuple(m for m in mentions if outside(spans, m.start, m.end))
    return _text_info(text, urls, hashtags, mentions, find_emoji(text))


def outside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps none of `spans` (sorted, non-overlapping).

    O(log n) with bisect, so checking every word of a long text stays linear.
    """
    i = bisect.bisect_right(spans, (start, sys.maxsize))
    if i > 0 and spans[i - 1][1] > start:
        return False
    return not (i < len(spans) and spans[i][0] < end)
