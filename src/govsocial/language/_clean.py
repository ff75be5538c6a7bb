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
# What every match of _URL contains: checked first, since most texts hold no URL and the
# bare-domain branch of _URL is tried at every word.
_URL_HINT = re.compile(
    r"://|www\.|\.(?:com|org|net|es|cat|eus|gal|eu|gob|gov|info|int|edu)\b", re.IGNORECASE
)
# @user and the Fediverse form @user@domain.
_MENTION = re.compile(r"@[\w.-]+(?:@[\w.-]+)?")
# Anything that is not a letter, a space or ordinary punctuation: emoji, symbols, digits.
_NOT_WORDISH = re.compile(r"[^\w\s'’·.,;:!?¿¡()«»\"-]|[\d_]")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=2048)
def clean_text(text: str) -> str:
    """The text with URLs, mentions, emoji, '#' and numbers replaced by single spaces."""
    if ("/" in text or "." in text) and _URL_HINT.search(text):
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    text = _NOT_WORDISH.sub(" ", text)
    return " ".join(text.split())  # str.split and re's \s agree on what is whitespace


# A word: letters (any script), with the apostrophes and middle dots of Romance elision
# (l'Ajuntament, d'era, col·lecció) kept inside. A cleaned text holds no digit or '_', so
# there \w is [^\W\d_], which the regular expression engine tests faster (a property
# test checks the two agree on cleaned texts).
_CLEANED_WORD = re.compile(r"\w+(?:['’·]\w+)*")


def words(cleaned: str) -> list[str]:
    """The words of an already cleaned text (:func:`clean_text`), lower-cased."""
    return _CLEANED_WORD.findall(cleaned.lower())
