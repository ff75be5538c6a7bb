"""Counting text the way each network counts it against its limit.

Units: ``x-weighted`` (twitter-text v3), ``graphemes`` (extended grapheme clusters,
as Mastodon and Bluesky count), ``utf16`` (UTF-16 code units, as JavaScript's
``String.length``; TikTok, and the usual unit of Meta's and LinkedIn's editors),
``utf8-bytes`` (YouTube's description, Bluesky's second limit) and ``codepoints``.
On top of the unit a network may weigh every URL as a fixed number of characters
(X, Mastodon: 23) and count ``@user@domain`` as ``@user`` (Mastodon).

Lone surrogates (which Python strings can hold) are counted, never rejected: they
are one UTF-16 unit, three "bytes" (as if encoded with surrogatepass) and one
grapheme.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Protocol

import regex

from govsocial.networks.spec import NetworkSpec, get_network

__all__ = [
    "NetworkOverrides",
    "count",
    "count_for",
    "count_graphemes",
    "count_unit",
    "count_utf8_bytes",
    "count_utf16",
]


class NetworkOverrides(Protocol):
    """What :func:`count` needs from a policy: each network's facts with its overrides
    (:class:`govsocial.Policy` is one; the networks layer does not import the policy)."""

    def network(self, network: str, /) -> NetworkSpec: ...


_GRAPHEME = regex.compile(r"\X")
# Characters that can extend or join a grapheme cluster (UAX #29 break classes), and CR.
_JOINS = regex.compile(
    r"[\r\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
    r"\p{Grapheme_Cluster_Break=SpacingMark}\p{Grapheme_Cluster_Break=Prepend}"
    r"\p{Grapheme_Cluster_Break=Regional_Indicator}\p{Grapheme_Cluster_Break=L}"
    r"\p{Grapheme_Cluster_Break=V}\p{Grapheme_Cluster_Break=T}\p{Grapheme_Cluster_Break=LV}"
    r"\p{Grapheme_Cluster_Break=LVT}]"
)
_COMPLEX_RUN = re.compile("[\u00a9\u00ae\u0300-\U0010ffff]+")
_FEDIVERSE_ADDRESS = re.compile(
    r"(?<![\w@])(@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
)


def count_graphemes(text: str) -> int:
    """Extended grapheme clusters (Unicode UAX #29), e.g. 👩🏽‍🚒 is 1, ``\\r\\n`` is 1.

    Below U+0300 only CR LF joins (© and ® aside, which emoji sequences can join), so
    the clusters are the code points, minus one per CR LF, minus the joins found by
    running UAX #29 (``regex``'s ``\\X``) on each run of other characters together with
    its two neighbours.
    """
    n = len(text) - text.count("\r\n")
    if text.isascii():
        return n
    for run in _COMPLEX_RUN.finditer(text):
        start, end = run.span()
        segment = text[max(start - 1, 0) : end + 1]
        if _JOINS.search(segment):
            n -= len(segment) - _clusters(segment)
    return n


# Three or more regional indicators in a row (flags: 🇪🇸 is two).
_RI_RUN = re.compile("[\U0001f1e6-\U0001f1ff]{3,}")


def _clusters(segment: str) -> int:
    """Grapheme clusters in `segment`, in time linear in its length.

    ``regex``'s ``\\X`` looks back over every regional indicator before it to pair them,
    which is quadratic on a long row of flags. Inside such a row the breaks are certain
    (UAX #29 GB12/GB13: the indicators pair from the first, and nothing else joins two of
    them), so the row is cut there: its first pair and its rest are clustered by ``\\X``
    with what touches them (a Prepend before, an Extend after), the pairs between are
    one cluster each.
    """
    if len(segment) < 6 or not _RI_RUN.search(segment):
        return len(_GRAPHEME.findall(segment))
    total = 0
    last = 0
    for run in _RI_RUN.finditer(segment):
        a, b = run.span()
        last_cut = a + 2 * ((b - a - 1) // 2)  # the start of the row's last pair (or single)
        total += len(_GRAPHEME.findall(segment, last, a + 2))
        total += (last_cut - (a + 2)) // 2
        last = last_cut
    return total + len(_GRAPHEME.findall(segment, last))


def count_utf16(text: str) -> int:
    """UTF-16 code units (JavaScript ``String.length``)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def count_utf8_bytes(text: str) -> int:
    """UTF-8 bytes (lone surrogates count 3, as if encoded with ``surrogatepass``)."""
    return len(text.encode("utf-8", "surrogatepass"))


def count_unit(text: str, unit: str) -> int:
    """Count `text` in one of the units, with no URL or mention rule."""
    if unit == "graphemes":
        return count_graphemes(text)
    if unit == "utf16":
        return count_utf16(text)
    if unit == "utf8-bytes":
        return count_utf8_bytes(text)
    if unit == "codepoints":
        return len(text)
    if unit == "x-weighted":
        return _x()[0](text)
    raise ValueError(f"unknown unit {unit!r}")  # unreachable: specs are validated


def count_for(text: str, spec: NetworkSpec) -> int:
    """Count `text` against `spec`'s limit: its unit plus its URL and mention rules."""
    if spec.unit == "x-weighted" and spec.url_weight in (None, 23):
        return _x()[0](text)
    if spec.url_weight is not None or spec.mention_domain_free:
        text = _substitute(text, spec)
    return count_unit(text, spec.unit)


# The most units one code point can take in each unit (a lone surrogate is 3 UTF-8 bytes
# under ``surrogatepass``, any other code point at most 4); X's weighting is left out: it
# normalises the text first, which can lengthen it.
_MOST_PER_CODE_POINT = {"codepoints": 1, "graphemes": 1, "utf16": 2, "utf8-bytes": 4}


def count_at_most(text: str, spec: NetworkSpec) -> int | None:
    """An upper bound of :func:`count_for`, found without counting, or ``None`` when
    there is none this cheap (X's weighting).

    Each unit takes at most a fixed number of units per code point, and a URL counted as
    ``url_weight`` units holds at least one ``.`` (only texts with one are searched for
    URLs), so it adds at most ``url_weight`` per full stop; dropping mention domains
    only shortens. A text whose bound is within a limit needs no exact count."""
    most = _MOST_PER_CODE_POINT.get(spec.unit)
    if most is None:
        return None
    bound = most * len(text)
    if spec.url_weight is not None:
        bound += spec.url_weight * text.count(".")
    return bound


def _substitute(text: str, spec: NetworkSpec) -> str:
    """Replace URLs by `url_weight` placeholder characters and drop mention domains."""
    if spec.url_weight is not None and ("." in text):
        urls = [(s, e) for s, e, scheme in _urls(text) if scheme or not spec.url_scheme_required]
        if urls:
            pieces: list[str] = []
            last = 0
            for start, end in urls:
                pieces.append(text[last:start])
                pieces.append("x" * spec.url_weight)
                last = end
            pieces.append(text[last:])
            text = "".join(pieces)
    if spec.mention_domain_free and "@" in text:
        text = _FEDIVERSE_ADDRESS.sub(r"\1", text)
    return text


@functools.lru_cache(maxsize=4096)
def _urls(text: str) -> tuple[tuple[int, int, bool], ...]:
    """The URLs X finds in `text` (as :func:`govsocial.text.find_urls`): span, has a scheme."""
    _, extract_urls, split_scheme = _x()
    return tuple((s, e, split_scheme(text[s:e])[0] is not None) for s, e in extract_urls(text))


_X: (
    tuple[
        Callable[[str], int],
        Callable[[str], list[tuple[int, int]]],
        Callable[[str], tuple[str | None, str]],
    ]
    | None
) = None


def _x() -> tuple[
    Callable[[str], int],
    Callable[[str], list[tuple[int, int]]],
    Callable[[str], tuple[str | None, str]],
]:
    """X's weighted_length, extract_urls and split_scheme, imported on first use (an
    import statement in the counting functions costs more than some of the counts)."""
    global _X
    if _X is None:
        from govsocial.networks.twitter import extract_urls, split_scheme, weighted_length

        _X = (weighted_length, extract_urls, split_scheme)
    return _X


def count(text: str, network: str, *, policy: NetworkOverrides | None = None) -> int:
    """The length of `text` as `network` counts it against its limit.

    >>> count("Bon dia, Vilanova! 👋", "x")
    21
    >>> count("Bon dia 👩🏽‍🚒", "mastodon")
    9

    `policy` applies the policy's overrides of the network's facts (unit, URL
    weight …).  An unknown network raises :class:`~govsocial.errors.UsageError`.
    """
    if not isinstance(text, str):
        from govsocial.errors import UsageError

        raise UsageError(f"count() expected text as str, got text={text!r}")
    spec = policy.network(network) if policy is not None else get_network(network)
    return count_for(text, spec)
