"""X (Twitter) counting, exactly as the reference implementation counts.

X counts a post with twitter-text's v3 rules: the text is NFC-normalised; every URL
(with or without a scheme, when its domain ends in a known TLD) weighs 23
characters; every emoji sequence X recognises weighs 2; every other code point
weighs 1 inside a few ranges (Latin, Greek, Cyrillic, Arabic, Indic …, general
punctuation) and 2 outside (CJK, €, …, most symbols).  U+FFFE, U+FEFF and U+FFFF
make a post invalid.

The reference is the official JavaScript implementation (npm ``twitter-text``
3.1.0 with ``twemoji-parser`` 11.0.2).  Where the Python port
``twitter-text-parser`` differs from it (ZWJ sequences newer than its emoji table
such as 🧑‍🤝‍🧑, CRLF counted as two characters), this module follows the reference.
The emoji set and TLD lists are data measured from the reference
(``data/networks/twitter_*.txt``, see ``scripts/gen_twitter_data.py``); the
grammar of URLs is written here from its documented behaviour.

Offsets: :func:`extract_urls` and :func:`extract_emoji` return Python string
indices (code points) into the text *as given*; the ``*_range_*`` fields of
:class:`TweetParse` are UTF-16 indices, as the reference reports them.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs
import regex

__all__ = [
    "V1",
    "V2",
    "V3",
    "TweetParse",
    "TwitterConfig",
    "extract_emoji",
    "extract_urls",
    "parse_tweet",
    "weighted_length",
]


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


# --------------------------------------------------------------------------- emoji


def _char_ranges(chars: set[str]) -> str:
    """A regex character-class body for ``chars`` with consecutive code points collapsed
    into ranges (a class of single astral characters is scanned linearly by ``re``)."""
    points = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = re.escape(chr(points[i])), re.escape(chr(points[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(parts)


class _Emoji:
    """Longest-match search of the emoji strings the reference recognises.

    Runs of characters that can belong to an emoji are found with one character-class
    regex; each run is then resolved left to right with a dictionary trie, taking the
    longest known string at each position (what the reference's ordered alternation
    yields).
    """

    def __init__(self) -> None:
        trie: dict[str, Any] = {}
        chars: set[str] = set()
        sequences: list[str] = []
        for line in _data("twitter_emoji.txt").splitlines():
            if not line or line.startswith("#"):
                continue
            seq = "".join(chr(int(h, 16)) for h in line.split())
            node = trie
            for ch in seq:
                node = node.setdefault(ch, {})
            node[""] = seq
            sequences.append(seq)
            chars.update(seq)
        self.trie = trie
        self.sequences = tuple(sequences)
        keycap_bases = "".join(regex.escape(c) for c in sorted(chars & set("#*0123456789")))
        # Every emoji character but the keycap bases and ©, ® lies at U+2000 or above: one
        # open range finds the candidate runs fastest (the trie then rejects non-emoji).
        rest = chars - set("#*0123456789")
        low = {c for c in rest if ord(c) < 0x2000}
        others = _char_ranges(low) + "\u2000-\U0010ffff"
        self.runs = re.compile(f"(?:[{keycap_bases}](?=\ufe0f?\u20e3)|[{others}])+")
        # Without a keycap mark (U+20E3) no keycap base can start an emoji: a plain class
        # scans much faster than the alternation.
        self.plain_runs = re.compile(f"[{others}]+")
        # The second characters of the sequences longer than one code point (variation
        # selector, ZWJ, skin tones, regional indicators, keycap mark, tag): see
        # weight_changes. It relies on keycap bases opening only keycap sequences.
        seconds = {seq[1] for seq in sequences if len(seq) > 1}
        self.seconds = re.compile(f"[{_char_ranges(seconds)}]")
        self.keycaps_apart = all(
            seq[1:2] == "\u20e3" or seq[1:3] == "\ufe0f\u20e3"
            for seq in sequences
            if seq[0] in "#*0123456789"
        ) and not any(c in "#*0123456789" for seq in sequences for c in seq[1:])

    def spans(self, text: str) -> list[tuple[int, int]]:
        runs = self.runs if "\u20e3" in text else self.plain_runs
        return [(start, end) for start, end, _ in self._found(text, runs)]

    def weight_changes(self, text: str, config: TwitterConfig) -> list[tuple[int, int, int]]:
        """(start, end, weight change) of the emoji sequences that may change the weighted
        length of `text`, in order: those :meth:`spans` finds, less sequences of one code
        point that weigh as much as emoji as their character does (all of them in v3).

        Leaving those out changes no entity the reference skips or keeps: a one-unit
        span has no inside for another entity to start in, and its weight change is 0.
        """
        changes, heavy_singles = _emoji_weights(config)
        if not self.keycaps_apart or (heavy_singles and any(c in text for c in heavy_singles)):
            runs = self.runs if "\u20e3" in text else self.plain_runs
            return [(start, end, changes[seq]) for start, end, seq in self._found(text, runs)]
        # The search of spans() is one walk through each run; a walk through the whole text
        # finds the same (a character outside the runs starts and continues no sequence;
        # a keycap base in none starts none, as it is not followed by a keycap mark). The
        # walk advances one character at a time until the character after it is the second
        # of some sequence: jump straight there (or to the end), and walk only from there.
        out: list[tuple[int, int, int]] = []
        trie = self.trie
        search = self.seconds.search
        n = len(text)
        pos = 1  # where the next second character may be: one past the walk's position
        while (found := search(text, pos)) is not None:
            i = found.start() - 1
            # _longest_at, written out: this is the hot path of every X count, and the call
            # costs about a sixth of the counting time.
            node = trie
            end = -1
            seq = ""
            j = i
            while j < n:
                nxt = node.get(text[j])
                if nxt is None:
                    break
                node = nxt
                j += 1
                if "" in node:
                    end = j
                    seq = node[""]
            if end > 0:
                out.append((i, end, changes[seq]))
                pos = end + 1
            else:
                pos = i + 2
        return out

    def _found(self, text: str, runs: re.Pattern[str]) -> list[tuple[int, int, str]]:
        """(start, end, sequence) of the longest known sequences, left to right, in `runs`."""
        out: list[tuple[int, int, str]] = []
        trie = self.trie
        for run in runs.finditer(text):
            i, stop = run.span()
            while i < stop:
                end, seq = _longest_at(trie, text, i, stop)
                if end > 0:
                    out.append((i, end, seq))
                    i = end
                else:
                    i += 1
        return out


def _longest_at(trie: dict[str, Any], text: str, i: int, stop: int) -> tuple[int, str]:
    """End and sequence of the longest known emoji sequence starting at ``text[i]`` and
    ending by ``stop``; (-1, "") when none starts there."""
    node = trie
    end = -1
    seq = ""
    j = i
    while j < stop:
        nxt = node.get(text[j])
        if nxt is None:
            break
        node = nxt
        j += 1
        if "" in node:
            end = j
            seq = node[""]
    return end, seq


@functools.cache
def _emoji() -> _Emoji:
    return _Emoji()


@functools.cache
def _emoji_weights(config: TwitterConfig) -> tuple[dict[str, int], frozenset[str]]:
    """Per emoji sequence, its weight minus the weight of its characters; and the
    characters that are a sequence alone and weigh other than an emoji."""
    changes = {
        seq: config.default_weight - _plain_weight(seq, config) for seq in _emoji().sequences
    }
    singles = frozenset(seq for seq, change in changes.items() if len(seq) == 1 and change)
    return changes, singles


# ---------------------------------------------------------------------------- URLs


def _tlds() -> tuple[list[str], list[str]]:
    gtld: list[str] = []
    cctld: list[str] = []
    target = gtld
    for line in _data("twitter_tlds.txt").splitlines():
        if not line or line.startswith("#"):
            continue
        if line == "[gtld]":
            target = gtld
        elif line == "[cctld]":
            target = cctld
        else:
            target.append(line)
    return gtld, cctld


class _UrlGrammar:
    """The reference's URL grammar, as regular expressions built from named parts."""

    def __init__(self) -> None:
        gtld, cctld = _tlds()
        invalid = r"\ufffe\ufeff\uffff"
        directional = r"\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
        spaces = r"\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
        # ASCII punctuation; '-' and '_' apart, as labels may hold them inside.
        punct_but_hyphen_underscore = r"!'#%&()*+,\\./:;<=>?@\[\]^{|}~$"
        punct = punct_but_hyphen_underscore + r"\-_"
        latin = (
            r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
            r"\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
        )
        cyrillic = r"\u0400-\u04ff"
        # The reference's "preceding character" piece also lists the directional marks as
        # an alternative, but the first class already holds them: left out, same matches.
        # JavaScript strings are UTF-16: there the high half of an astral character (an
        # emoji) can be the preceding character and its low half the first character of
        # the domain. Here the character is one code point, so that reading is an empty
        # preceding character before it, tried first as the reference tries it first
        # (it starts one code unit earlier). It matters when the character before the
        # emoji is taken (by an earlier URL) or not allowed: "…?x=1🐌-x.com" has "-x.com".
        before = rf"(?:(?=[\U00010000-\U0010ffff])|[^A-Za-z0-9@＠$#＃{invalid}]|^)"
        dc = rf"[^{punct}{spaces}{invalid}{directional}]"
        # A label is "(dc (dc | [_-])*)? dc \." in the reference: it runs from a domain
        # character to the first character outside the label set, which must be the dot
        # ('.' is in no label set), so it has one possible match and needs no backtracking.
        # Written as one possessive class run checked at its end by a lookbehind, it is
        # the same language and the same match, about twice as fast as the alternation.
        not_label = f"{spaces}{invalid}{directional}{punct_but_hyphen_underscore}"
        dc_or_both = rf"[^{not_label}]"  # a domain character, '-' or '_'
        dc_or_hyphen = rf"[^{not_label}_]"  # a domain character or '-'
        subdomain = rf"(?:{dc}{dc_or_both}*+(?<={dc})\.)"
        domain_name = rf"(?:{dc}{dc_or_hyphen}*+(?<={dc})\.)"
        end_tld = r"(?=[^0-9a-zA-Z@+\-]|$)"

        names = sorted({n.lower() for n in gtld + cctld})
        # The reference's case-insensitive matching (JavaScript's /i without the u flag)
        # never matches a non-ASCII character with an ASCII one, where Python's folds
        # "ſ" to "s", "K" (Kelvin) to "k" and "İ" to "i": ASCII parts are matched with
        # ASCII-only folding, the non-ASCII TLDs (рф, 中国, …) with Unicode folding.
        ascii_names = [n for n in names if n.isascii()]
        other_names = [n for n in names if not n.isascii()]
        tld = (
            rf"(?:(?ai:{_trie_pattern(ascii_names)}){end_tld}"
            rf"|(?i:{_trie_pattern(other_names)}){end_tld}"
            rf"|(?ai:xn--[\-0-9a-z]+))"
        )
        domain = rf"(?:{subdomain}*{domain_name}{tld})"
        path_char = rf"[a-zA-Z{cyrillic}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{latin}]"
        parens = rf"\((?:{path_char}+|(?:{path_char}*\({path_char}+\){path_char}*))\)"
        path_end = rf"[+\-a-zA-Z{cyrillic}0-9=_#/{latin}]"
        # In the reference the ending-character piece is an unparenthesised alternation
        # ("end char | balanced parens") spliced into the path element, so a bare
        # parenthesised group is an alternative of the whole element: "path,(x)" stops
        # at "path" while "path(x)" takes the parentheses.
        path = (
            rf"(?:(?:{path_char}*(?:{parens}{path_char}*)*{path_end}|{parens})"
            rf"|(?:@{path_char}+/))"
        )
        query_char = r"[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
        query_end = r"[a-zA-Z0-9\-_&=#/]"
        self.tld = re.compile(tld)
        self.label_run = re.compile(rf"[^{not_label}]+")
        self.no_before = frozenset(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@＠$#＃"
        )
        self.no_before |= frozenset(_INVALID)
        self.token = re.compile(f"[^{spaces}]*")
        self.dot_letter = re.compile(r"\.[^\W\d_]")
        self.url = re.compile(
            rf"({before})"
            rf"((?ai:https?://)?"
            rf"({domain})"
            rf"(?::[0-9]+)?"
            rf"(/{path}*)?"
            rf"(?:\?{query_char}*{query_end})?)"
        )
        self.ascii_domain = re.compile(rf"(?:[\-a-zA-Z0-9{latin}]+\.)+{tld}")
        # A grammar domain written only with these characters is one ASCII domain whole:
        # its labels are the same, and its TLD is a TLD the grammar found (and any shorter
        # start of it that the ASCII pattern could take, the grammar would have taken).
        self.ascii_domain_chars = re.compile(rf"[\-a-zA-Z0-9.{latin}]*")
        self.tco = re.compile(
            rf"(?ai:https?://t\.co/)([a-zA-Z0-9]+)(?:\?{query_char}*{query_end})?"
        )

    def matches(self, text: str) -> list[re.Match[str]]:
        """The grammar's matches, searched only in the whitespace-free tokens that hold a
        dot followed by a letter (every URL has one: the dot before its TLD).

        A URL never contains whitespace, so matching token by token (each window starting
        at the character before the token, which the grammar reads as the preceding
        character) finds exactly what one pass over the whole text finds.
        """
        out: list[re.Match[str]] = []
        dot_search = self.dot_letter.search
        token = self.token.match
        url_matches = self.url.finditer
        backwards: str | None = None  # the text reversed, to find the space before a dot
        n = len(text)
        pos = 0
        while (dot := dot_search(text, pos)) is not None:
            i = dot.start()
            if backwards is None:
                backwards = text[::-1]
            # The token: from the dot on, and the characters before it read backwards
            # (text[k] is backwards[n - 1 - k]).
            tail = token(text, i)
            head = token(backwards, n - i)
            if tail is None or head is None:  # pragma: no cover - "[^…]*" always matches
                break
            end = tail.end()
            start = n - head.end() - 1  # the window opens one character before the token
            start = start if start > 0 else 0
            if end - start <= _GUARD_ABOVE:
                out.extend(url_matches(text, start, end))
            else:
                out.extend(self.guarded_matches(text, start, end))
            pos = end
        return out

    def guarded_matches(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        """What ``self.url.finditer(text, start, end)`` yields, in linear time.

        ``finditer`` tries every position; where no URL starts, each try can read the
        whole chain of dotted labels that follows before failing ("a.a.a…" has no TLD:
        quadratic). Here a position is tried only when the grammar's domain can match
        from one of the places the try would start it (:meth:`domain_starts`); such a try
        succeeds, and its match passes over the rest of the chain. The regex still decides
        every match, so the matches are the same.
        """
        ok = self.domain_starts(text, start, end)
        no_before = self.no_before
        match = self.url.match
        out: list[re.Match[str]] = []
        p = start
        while p < end:
            if p > 0:
                # A try from p starts a domain at p + 9 at most (a character, then
                # "https://"): jump to where the next possible domain start is in reach.
                nxt = ok.find(1, p)
                if nxt < 0:
                    break
                p = max(p, nxt - 9)
            ch = text[p]
            # The places the grammar's preceding-character piece starts a domain from p.
            hopeful = (ord(ch) > 0xFFFF and self._from(text, p, end, ok)) or (
                ch not in no_before and self._from(text, p + 1, end, ok)
            )
            if not hopeful and p == 0:
                hopeful = self._from(text, 0, end, ok)
            if hopeful:
                m = match(text, p, end)
                if m is not None:
                    out.append(m)
                    p = m.end() if m.end() > p else p + 1
                    continue
            p += 1
        return out

    @staticmethod
    def _from(text: str, q: int, end: int, ok: bytearray) -> bool:
        """Can the domain (after an optional scheme) match from `q`?"""
        if q >= end:
            return False
        if ok[q]:
            return True
        if text[q : q + 4].lower() == "http":  # the scheme, optional: after it too
            return (q + 7 < end and ok[q + 7] == 1) or (q + 8 < end and ok[q + 8] == 1)
        return False

    def domain_starts(self, text: str, start: int, end: int) -> bytearray:
        """1 at each position in [start, end) from which the grammar's domain can match.

        The domain is ``subdomain* domain_name tld``: a chain of labels (each a run of
        label characters opening and closing with a domain character, then a dot), the
        last without '_' and followed by a TLD. The labels from a position are fixed, so
        one pass from the right tells, per label, whether a good last label is reachable.
        """
        ok = bytearray(len(text) + 2)
        tld_at = self.tld.match
        # segments: maximal runs of label characters, as (first, end) pairs
        segments = [m.span() for m in self.label_run.finditer(text, start, end)]
        reach_next = False  # a good label is reachable from the next segment's start
        next_first = -1
        for a, b in reversed(segments):
            dotted = b < end and text[b] == "."
            linked = dotted and next_first == b + 1
            closes = text[b - 1] not in "-_"
            tld_after = dotted and tld_at(text, b + 1, end) is not None
            last_underscore = text.rfind("_", a, b)
            beyond = linked and reach_next  # a good label further along the chain
            if dotted and closes:
                for q in range(a, b):
                    if text[q] in "-_":
                        continue
                    good_here = tld_after and last_underscore < q
                    if good_here or beyond:
                        ok[q] = 1
            first_ok = dotted and closes and text[a] not in "-_"
            good = first_ok and tld_after and last_underscore < a
            reach_next = first_ok and (good or beyond)
            next_first = a
        return ok


# Token windows longer than this are matched by _UrlGrammar.guarded_matches (linear);
# shorter ones by one finditer, faster on the short tokens of real posts.
_GUARD_ABOVE = 256


@functools.cache
def _grammar() -> _UrlGrammar:
    return _UrlGrammar()


def _len16(s: str) -> int:
    if s.isascii():
        return len(s)
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


_LABEL_SEPARATORS = regex.compile("[\u3002\uff0e\uff61]")


@functools.lru_cache(maxsize=4096)
def _ascii_label_length(label: str) -> int:
    """Length of ``punycode.toASCII(label)`` as the reference computes it."""
    total = 0
    parts = _LABEL_SEPARATORS.split(label)
    for part in parts:
        if part.isascii() and "\x7f" not in part:
            total += len(part)
        else:
            try:
                total += 4 + len(part.encode("punycode"))
            except UnicodeError:  # pragma: no cover - defensive: unencodable
                return 0
    return total + len(parts) - 1


_MAX_LABEL: int = _settings()["max_domain_label_length"]
_MAX_URL: int = _settings()["max_url_length"]
_MAX_SLUG: int = _settings()["max_tco_slug_length"]


def _valid_url(url: str, protocol: str, domain: str) -> bool:
    if domain[:4] == "xn--" and not _grammar().ascii_domain.search(domain):
        return False
    if not (domain.isascii() and len(domain) <= _MAX_LABEL and "\x7f" not in domain):
        # (Otherwise every label is ASCII, not empty and no longer than the whole.)
        for label in domain.split("."):
            n = _ascii_label_length(label)
            if n < 1 or n > _MAX_LABEL:
                return False
    return len(protocol) + _len16(url) <= _MAX_URL


@functools.lru_cache(maxsize=1024)
def _extract_urls(text: str) -> tuple[tuple[int, int], ...]:
    """URL spans in normalised text (cached: one check counts the same text several times)."""
    if "." not in text:
        return ()
    g = _grammar()
    urls: list[tuple[int, int]] = []
    for m in g.matches(text):
        start, end = m.span(2)
        dstart, dend = m.span(3)
        url = text[start:end]
        domain = text[dstart:dend]
        # The scheme is all the grammar takes between the URL's start and the domain.
        protocol = text[start:dstart]
        if not _valid_url(url, protocol or "https://", domain):
            continue
        if not protocol:
            if m.start(1) < start and text[start - 1] in "-_./":
                continue  # the preceding character (group 1) rules a URL without scheme out
            last: list[int] | None = None
            if g.ascii_domain_chars.fullmatch(domain):
                last = [dstart, dend]
                urls.append((dstart, dend))
            else:
                for a in g.ascii_domain.finditer(domain):
                    last = [dstart + a.start(), dstart + a.end()]
                    urls.append((last[0], last[1]))
            if last is None:
                continue
            if m.start(4) >= 0:  # a path (group 4 is never empty: it starts with "/")
                urls[-1] = (last[0], end)
        else:
            # A t.co URL's domain is "t.co" itself (4 characters), as "/" ends a domain.
            t = g.tco.match(url) if dend - dstart == 4 else None
            if t is not None:
                if len(t.group(1)) > _MAX_SLUG:
                    continue
                end = start + len(t.group())
            urls.append((start, end))
    return tuple(urls)


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


def extract_urls(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs X sees in `text` (Python indices into `text` as given).

    Spans refer to the text as given; X looks for URLs after NFC normalisation,
    so for text that normalisation changes the spans are mapped back.
    """
    normal = _normalize(text)
    spans = _extract_urls(normal)
    if normal == text or not spans:
        return list(spans)
    return [_map_span(text, normal, s, e) for s, e in spans]


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)://")


def split_scheme(url: str) -> tuple[str | None, str]:
    """A URL's scheme as written (None when it has none) and what follows its ``://``."""
    m = _SCHEME.match(url)
    return (m.group(1), url[m.end() :]) if m else (None, url)


def extract_emoji(text: str) -> list[tuple[int, int]]:
    """Spans of the emoji sequences X counts as 2 (Python indices, NFC text)."""
    return _emoji().spans(_normalize(text))


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


# --------------------------------------------------------------------------- weights


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
    ascii_text = segment.isascii()
    for outside, w, upto in _weight_classes(config):
        n = n_all if ascii_text and upto >= 0x7F else n_all - len(outside.findall(segment))
        total += (w - config.default_weight) * n
    return total


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
    33
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
