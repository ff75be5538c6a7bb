"""The URLs X finds: twitter-text's grammar of URLs, with and without a scheme."""

from __future__ import annotations

import functools
import re

import regex

from govsocial.networks.twitter.config import (
    _data,
    _len16,
    _map_span,
    _normalize,
    _settings,
    _trie_pattern,
)

__all__ = ["extract_urls", "split_scheme"]


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
            out.extend(url_matches(text, start if start > 0 else 0, end))
            pos = end
        return out


@functools.cache
def _grammar() -> _UrlGrammar:
    return _UrlGrammar()


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
