"""Cleaning a social-media text before language identification.

URLs, @mentions, emoji, the '#' of hashtags and numbers carry no language (or the wrong
one: a URL is mostly English letters), so they are replaced by spaces before the text is
scored and before its words are counted.
"""

from __future__ import annotations

import functools
import re

# Scheme URLs, www. hosts and bare domains with a path or a common public-sector TLD.
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|es|cat|eus|gal|eu|gob|gov|info|int|edu)\b(?:/\S*)?",
    re.IGNORECASE,
)
# What every match of _URL contains: searched first (in linear time), since _URL's
# bare-domain branch is slow on a long chain of dotted labels with no domain ending.
_URL_HINT = re.compile(
    r"://|www\.|\.(?:com|org|net|es|cat|eus|gal|eu|gob|gov|info|int|edu)\b", re.IGNORECASE
)
# @user and the Fediverse form @user@domain.
_MENTION = re.compile(r"@[\w.-]+(?:@[\w.-]+)?")
# Anything that is not a letter, a space or ordinary punctuation: emoji, symbols, digits.
_NOT_WORDISH = re.compile(r"[^\w\s'’·.,;:!?¿¡()«»\"-]|[\d_]")
_SPACES = re.compile(r"\s+")
# The punctuation _NOT_WORDISH keeps, none of it a word character.
_EDGE_PUNCTUATION = "'’·.,;:!?¿¡()«»\"-"


@functools.lru_cache(maxsize=2048)
def clean_text(text: str) -> str:
    """The text with URLs, mentions, emoji, '#' and numbers replaced by single spaces."""
    # No match of _URL, _MENTION or _NOT_WORDISH holds whitespace, and their look-arounds
    # (\b) see the same at a word's edges as in the text, so they are applied word by word
    # (str.split and re's \s agree on what is whitespace), in the same order: a word of
    # letters only, most words, holds none of them and is kept as it is; only a word with
    # a '.' or '/' and _URL_HINT can hold a URL, only one with '@' a mention.
    url, hint, mention, other = _URL.sub, _URL_HINT.search, _MENTION.sub, _NOT_WORDISH.sub
    out = []
    for w in text.split():
        if not w.isalpha():
            if ("." in w or "/" in w) and hint(w):
                w = url(" ", w)
            if "@" in w:
                w = mention(" ", w)
            # (letters with punctuation only before and after them, Carme, or obres.,
            # hold nothing _NOT_WORDISH finds)
            if not w.strip(_EDGE_PUNCTUATION).isalpha():
                w = other(" ", w)
        out.append(w)
    return " ".join(" ".join(out).split())


# A word: letters (any script), with the apostrophes and middle dots of Romance elision
# (l'Ajuntament, d'era, col·lecció) kept inside. A cleaned text holds no digit or '_', so
# there \w is [^\W\d_], which the regular expression engine tests faster (a property
# test checks the two agree on cleaned texts).
_CLEANED_WORD = re.compile(r"\w+(?:['’·]\w+)*")


def words(cleaned: str) -> list[str]:
    """The words of an already cleaned text (:func:`clean_text`), lower-cased."""
    # A word never spans whitespace: found piece by piece, and a piece of letters only
    # (most of them) is one word as it stands.
    out: list[str] = []
    findall = _CLEANED_WORD.findall
    for piece in cleaned.lower().split():
        if piece.isalpha():
            out.append(piece)
            continue
        # Letters with punctuation before or after them (carme, obres.) are one word;
        # punctuation alone is none.
        core = piece.strip(_EDGE_PUNCTUATION)
        if core.isalpha():
            out.append(core)
        elif core:
            out += findall(piece)
    return out
