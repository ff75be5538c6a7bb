"""How X weighs a text: code-point ranges, emoji and URLs, and the whole ``parseTweet``."""

from __future__ import annotations

import functools
import math

from govsocial.networks.twitter.config import (
    _INVALID,
    V3,
    TweetParse,
    TwitterConfig,
    _len16,
    _normalize,
    _plain_weight,
)
from govsocial.networks.twitter.emoji import _emoji
from govsocial.networks.twitter.urls import _extract_urls

__all__ = ["parse_tweet", "weighted_length"]


def _entities(normal: str, config: TwitterConfig) -> list[tuple[int, int, int]]:
    """(start, end, weight) of URL and emoji entities, in the order the reference visits them."""
    url_weight = config.transformed_url_length * config.scale
    urls = _extract_urls(normal)
    emoji = _emoji().spans(normal) if config.emoji_parsing_enabled and not normal.isascii() else []
    if not emoji:
        return [(s, e, url_weight) for s, e in urls]
    if not urls:
        return [(s, e, config.default_weight) for s, e in emoji]
    found: dict[int, tuple[int, int]] = {}
    for s, e in urls:
        found.setdefault(s, (e, url_weight))
    for s, e in emoji:
        found.setdefault(s, (e, config.default_weight))
    out: list[tuple[int, int, int]] = []
    pos = 0
    for s in sorted(found):
        if s < pos:
            continue  # starts inside an entity the reference already skipped over
        e, w = found[s]
        out.append((s, e, w))
        pos = e
    return out


def _scaled_total(normal: str, config: TwitterConfig) -> tuple[int, list[tuple[int, int, int]]]:
    entities = _entities(normal, config)
    # Weigh the whole text once, then swap each entity's character weights for its own.
    total = _plain_weight(normal, config)
    if entities:
        ascii_weight = _ascii_weight(config)
        for s, e, w in entities:
            if e - s == 1:
                total += w - _weight_at(normal[s], config)
            else:
                segment = normal[s:e]
                if ascii_weight is not None and segment.isascii():
                    total += w - ascii_weight * (e - s)
                else:
                    total += w - _plain_weight(segment, config)
    return total, entities


def _weighted_total(normal: str, config: TwitterConfig) -> int:
    """The scaled weighted length of normalised text: what :func:`_scaled_total` counts,
    without the entity list (only weight changes, and no emoji that changes nothing)."""
    total = _plain_weight(normal, config)
    urls = _extract_urls(normal)
    emoji = (
        _emoji().weight_changes(normal, config)
        if config.emoji_parsing_enabled and not normal.isascii()
        else []
    )
    if not urls:
        for _, _, change in emoji:
            total += change
        return total
    url_weight = config.transformed_url_length * config.scale
    ascii_weight = _ascii_weight(config)
    changes: list[tuple[int, int, int]] = []
    for s, e in urls:
        segment = normal[s:e]
        if ascii_weight is not None and segment.isascii():
            changes.append((s, e, url_weight - ascii_weight * (e - s)))
        else:
            changes.append((s, e, url_weight - _plain_weight(segment, config)))
    if emoji:
        # The reference's visiting order (see _entities): by start, a URL before an emoji
        # at the same start, and nothing that starts inside an entity already taken.
        changes = sorted(changes + emoji, key=_start)
        pos = 0
        for s, e, change in changes:
            if s >= pos:
                total += change
                pos = e
    else:
        for _, _, change in changes:
            total += change
    return total


def _start(entity: tuple[int, int, int]) -> int:
    return entity[0]


@functools.cache
def _ascii_weight(config: TwitterConfig) -> int | None:
    """The weight of every ASCII character when it is the same for all (v2, v3: 100)."""
    weights = {_weight_at(chr(c), config) for c in range(0x80)}
    return weights.pop() if len(weights) == 1 else None


@functools.lru_cache(maxsize=1024)
def weighted_length(text: str) -> int:
    """What X counts `text` as against its 280 limit (v3 rules).

    >>> weighted_length("Bon dia 👋 https://vilanovadelcami.cat/agenda")
    34
    """
    if text.isascii() and "." not in text:
        return len(text)
    return _weighted_total(_normalize(text), V3) // V3.scale


def _weight_at(ch: str, config: TwitterConfig) -> int:
    o = ord(ch)
    for lo, hi, w in config.ranges:
        if lo <= o <= hi:
            return w
    return config.default_weight


def parse_tweet(text: str, *, config: TwitterConfig = V3) -> TweetParse:
    """The reference's ``parseTweet``: weighted length, validity, permillage and ranges."""
    normal = _normalize(text)
    total, entities = _scaled_total(normal, config)
    limit = config.max_weighted_length * config.scale
    has_invalid = any(c in normal for c in _INVALID)
    n16 = _len16(normal)
    if not has_invalid and total <= limit:
        valid_index = max(n16 - 1, 0)
    else:
        valid_index = _valid_display_index(normal, entities, config, limit)
    weighted = total / config.scale
    valid = not has_invalid and 0 < weighted <= config.max_weighted_length
    permillage = math.floor(weighted / config.max_weighted_length * 1000)
    offset = _len16(text) - n16
    return TweetParse(
        weighted_length=int(weighted) if weighted == int(weighted) else weighted,  # type: ignore[arg-type]
        valid=valid,
        permillage=permillage,
        valid_range_start=0,
        valid_range_end=valid_index + offset,
        display_range_start=0,
        display_range_end=_len16(text) - 1 if text else 0,
        urls=tuple(_extract_urls(normal)),
    )


def _valid_display_index(
    normal: str, entities: list[tuple[int, int, int]], config: TwitterConfig, limit: int
) -> int:
    """UTF-16 index of the last unit still within the limit (the reference's loop)."""
    starts = {s: (e, w) for s, e, w in entities}
    total = 0
    index16 = 0  # UTF-16 index of the current code point's first unit
    valid = True
    last = 0
    i = 0
    n = len(normal)
    while i < n:
        if i in starts:
            e, w = starts[i]
            total += w
            piece = normal[i:e]
            i = e
        else:
            piece = normal[i]
            total += config.default_weight if ord(piece) > 0xFFFF else _weight_at(piece, config)
            i += 1
        width = _len16(piece)
        end16 = index16 + width - 1
        if valid:
            valid = piece[-1] not in _INVALID
        if valid and total <= limit:
            last = end16
        index16 += width
    return last
