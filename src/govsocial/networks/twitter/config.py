"""twitter-text's configurations (v1, v2, v3), the weights of plain code points, the text X sees.

X looks at a text after NFC normalisation, with surrogate pairs read as one code point,
and reports offsets in UTF-16 units; the helpers for both live here beside the configs.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs
import regex

__all__ = ["V1", "V2", "V3", "TweetParse", "TwitterConfig"]


@attrs.frozen(cache_hash=True)
class TwitterConfig:
    """One twitter-text configuration (v1: 140 characters; v2/v3: 280 weighted)."""

    version: str
    max_weighted_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    emoji_parsing_enabled: bool
    ranges: tuple[tuple[int, int, int], ...]


@attrs.frozen
class TweetParse:
    """What the reference's ``parseTweet`` reports."""

    weighted_length: int
    valid: bool
    permillage: int
    valid_range_start: int
    valid_range_end: int
    display_range_start: int
    display_range_end: int
    urls: tuple[tuple[int, int], ...] = ()


def _data(name: str) -> str:
    return resources.files("govsocial").joinpath("data", "networks", name).read_text("utf-8")


@functools.cache
def _settings() -> Mapping[str, Any]:
    settings: Mapping[str, Any] = json.loads(_data("twitter.json"))
    return settings


def _config(name: str) -> TwitterConfig:
    raw = _settings()["configs"][name]
    return TwitterConfig(
        version=name,
        max_weighted_length=raw["max_weighted_length"],
        scale=raw["scale"],
        default_weight=raw["default_weight"],
        transformed_url_length=raw["transformed_url_length"],
        emoji_parsing_enabled=raw["emoji_parsing_enabled"],
        ranges=tuple((lo, hi, w) for lo, hi, w in raw["ranges"]),
    )


V1 = _config("v1")
V2 = _config("v2")
V3 = _config("v3")

_INVALID = "\ufffe\ufeff\uffff"


def _trie_pattern(strings: list[str]) -> str:
    """A regex matching exactly `strings`, factored by common prefixes, longest match first.

    A plain alternation of thousands of literals is tried one literal at a time; the
    factored form branches on one character per step. Each node has at most one child
    per next character, so greedy optional groups yield the longest string in the set.
    """
    trie: dict[str, Any] = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _len16(s: str) -> int:
    if s.isascii():
        return len(s)
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


_SURROGATE_PAIR = regex.compile("[\ud800-\udbff][\udc00-\udfff]")


def _normalize(text: str) -> str:
    """What the reference sees: NFC, with a high+low surrogate pair read as one code point.

    Python strings can hold the two halves of a pair as separate code points (from JSON
    escapes, for instance); JavaScript strings are UTF-16, so there they are one character.
    """
    if text.isascii():
        return text
    if _SURROGATE_PAIR.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return unicodedata.normalize("NFC", text)


def _map_span(original: str, normal: str, start: int, end: int) -> tuple[int, int]:
    """Map a span of the NFC text back onto the original (by normalised prefix lengths)."""

    def to_original(k: int) -> int:
        lo, hi = 0, len(original)
        while lo < hi:
            mid = (lo + hi) // 2
            if len(_normalize(original[:mid])) < k:
                lo = mid + 1
            else:
                hi = mid
        return lo

    return to_original(start), to_original(end)


@functools.cache
def _weight_classes(
    config: TwitterConfig,
) -> tuple[tuple[re.Pattern[str], int, int], ...]:
    """One class per weight that differs from the default, as (complement, weight, upto).

    ``upto`` is the highest code point such that every code point from 0 to it is in the
    class (-1 when 0 is not): ASCII text lies wholly in a class with ``upto >= 0x7F``,
    without a scan. Otherwise the characters *outside* the class are counted, which are
    few in the texts a class like v3's light range is made for.
    """
    by_weight: dict[int, list[tuple[int, int]]] = {}
    for lo, hi, w in config.ranges:
        if w != config.default_weight:
            by_weight.setdefault(w, []).append((lo, hi))
    classes = []
    for w, spans in sorted(by_weight.items()):
        cls = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in spans)
        upto = -1
        for lo, hi in sorted(spans):
            if lo <= upto + 1:
                upto = max(upto, hi)
        # ``re`` rather than ``regex``: its findall of a plain class is faster here.
        classes.append((re.compile("[^" + cls + "]"), w, upto))
    return tuple(classes)


def _plain_weight(segment: str, config: TwitterConfig) -> int:
    """Sum of per-code-point weights of `segment` (no URL or emoji inside)."""
    if not segment:
        return 0
    n_all = len(segment)
    total = config.default_weight * n_all
    # The highest code point the segment may hold: U+007F when it is ASCII, U+00FF when
    # Latin-1 encodes it whole (most Catalan and Spanish texts without emoji): a class
    # holding every code point up to it holds the whole segment, without a scan.
    if segment.isascii():
        top = 0x7F
    elif len(segment.encode("latin-1", "ignore")) == n_all:
        top = 0xFF
    else:
        top = 0x10FFFF
    for outside, w, upto in _weight_classes(config):
        n = n_all if upto >= top else n_all - len(outside.findall(segment))
        total += (w - config.default_weight) * n
    return total
