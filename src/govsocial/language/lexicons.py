"""The words of slot languages, and the veto they give on a mismatch no word supports.

"Foto de la festa major" in the Catalan slot reads as Spanish to the letter model (0.62):
its letter sequences are shared by the two languages. Yet every word of it is a Catalan
word, and *festa* and *major* are words Spanish lacks: no word is evidence for Spanish
over Catalan, and some are evidence the other way. Such a text is not called Spanish. A
text with one word that is not Catalan (*mañana*, *y*, a typo, a rare word outside the
lexicon) keeps the model's verdict, and so does a text all of whose words are shared.
Names (capitalised inside a sentence) need not be words of the slot's language.

The lexicons (``data/languages/lexicons.txt``, made from public word lists by
``scripts/slot_lexicons.py``) hold the frequent words of a slot language that a dictionary
of it knows, and for each language the slot is mistaken for, the ones that language
lacks. The veto is asked only on the mismatch path: a text read as its own language
never reaches it.

The other way round, for a slot language with no lexicon (Aranese, Galician, Basque): a
text of its slot that reads as Catalan is not Catalan when two words of it or more
(:data:`RULE_OUT_WORDS`), names aside, are words that no Catalan list knows and no
Spanish one either: "De pic l'escometec era idia d'insultar" (Catalan at 0.75 to the
letter model) has *escometec* (Catalan *escometé*) and *idia* (*idea*). Words both
Catalan and Aranese write (*era*, *pic*) say nothing. The Catalan reading is then
:func:`ruled_out`: if the text then reads as the slot's language, more likely than not,
among every language the detector knows but Catalan (not only the ones compared: English
or French in the Galician slot must not pass for Galician), it is "ok"; if not, the
model's mismatch stands as it said it. A genuine
Catalan text has rare words too (*fatxada*, *huitanta*), so the Catalan list for this
is wordfreq's whole one, each word checked in a dictionary, not only its most frequent
words; and one word outside it (a typo, a name in small letters) is not enough.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

from govsocial._io import load_yaml_resource
from govsocial.language.evidence import _evidence, _names

__all__: list[str] = []


@functools.cache
def _text() -> str:
    return resources.files("govsocial").joinpath("data/languages/lexicons.txt").read_text("utf-8")


@functools.cache
def _section(name: str) -> frozenset[str] | None:
    """The words of one section of the lexicons ("words ca", "lacking ca es"); None when
    there is no such section. Only the sections a check needs are read."""
    text = _text()
    at = text.find(f"\n@{name}\n")
    if at < 0:
        return None
    at += len(name) + 3
    end = text.find("\n@", at)
    return frozenset(text[at : end if end >= 0 else len(text)].split())


@functools.lru_cache(maxsize=64)
def _pair(lang: str, other: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The words of ``lang`` and those of them ``other`` lacks; None when not covered."""
    lacks = _section(f"lacking {lang} {other}")
    lexicon = _section(f"words {lang}") if lacks is not None else None
    return None if lexicon is None or lacks is None else (lexicon, lacks)


#: Words outside every list of the language a text reads as (and of the other languages
#: compared that have one), names aside, that rule that reading out; one is a typo.
RULE_OUT_WORDS = 2


@functools.cache
def _own(lang: str) -> re.Pattern[str] | None:
    """Spellings of ``lang`` that the slot languages without a lexicon do not write
    (markers.yaml, "own": Catalan *ny*, *l·l*, *-ix*, *-ció*): a word so spelt is a word
    of ``lang`` even when no list of it holds the word (*introduïu*, *purgació*)."""
    data: Any = load_yaml_resource("languages/markers.yaml")
    pattern = data.get("own", {}).get(lang)
    return re.compile(pattern) if pattern else None


@functools.cache
def _known(lang: str) -> frozenset[str] | None:
    """Every word of ``lang`` its lists hold ("@words" and "@known"); None when it has
    no "@known" section (its lists are not broad enough to say a word is not ``lang``)."""
    more = _section(f"known {lang}")
    words = _section(f"words {lang}")
    return None if more is None or words is None else more | words


def ruled_out(
    lang: str,
    other: str,
    cleaned: str,
    tokens: Sequence[str],
    candidates: tuple[str, ...],
) -> list[str] | None:
    """The words that show a text of the ``lang`` slot read as ``other`` is not ``other``:
    RULE_OUT_WORDS or more words (names aside) that no list of ``other`` holds, nor the
    words of any other language compared that has a lexicon. None when there are fewer,
    when ``lang`` has a lexicon of its own (the :func:`veto` speaks for it then), or when
    ``other`` has no broad list."""
    if _section(f"words {lang}") is not None:
        return None
    known = _known(other)
    if known is None:
        return None
    lexicons = [
        lex
        for c in candidates
        if c not in (lang, other) and (lex := _section(f"words {c}")) is not None
    ]
    outside = [t for t in tokens if t not in known]
    if len(outside) < RULE_OUT_WORDS:
        return None
    # Words with apostrophes part by part (l'escometec: l is Catalan, escometec is not).
    parts = [p for t in outside for p in _APOSTROPHE.split(t) if p and p not in known]
    parts = [p for p in parts if not any(p in lex for lex in lexicons)]
    if (own := _own(other)) is not None:  # introduïu, sol·liciteu: Catalan all the same
        parts = [p for p in parts if not own.search(p)]
    if len(parts) < RULE_OUT_WORDS:
        return None
    names = _names(cleaned, _evidence(candidates)[1])
    names.update(p for name in list(names) for p in _APOSTROPHE.split(name))
    found = list(dict.fromkeys(p for p in parts if p not in names))
    return found if len(found) >= RULE_OUT_WORDS else None


def veto(
    lang: str,
    other: str,
    cleaned: str,
    tokens: Sequence[str],
    candidates: tuple[str, ...],
) -> str | None:
    """Why a text of the ``lang`` slot that reads as ``other`` is not ``other``: every
    word of it, its names set aside, is a word of ``lang`` and some (names too) are
    words ``other`` lacks. None when the mismatch stands (or no lexicon covers the two
    languages).

    A name that is no word of ``lang`` (Plaza Mayor) does not stop the veto, since names
    are no evidence of a language, but it gives none either; a name that is a word of
    ``lang`` that ``other`` lacks (Festa Major) counts for ``lang``: "Foto de la Festa
    Major" has no other word that either language lacks, so its name is all there is to
    read, and it is Catalan."""
    pair = _pair(lang, other)
    if pair is None:
        return None
    lexicon, lacks = pair
    parts: Sequence[str] = tokens
    if "'" in cleaned or "’" in cleaned:  # l'Ajuntament, d'estiu: part by part, unless listed whole
        parts = [p for t in tokens for p in ((t,) if t in lexicon else _APOSTROPHE.split(t))]
    # The cheap refusal first: most texts read as another language have no word it lacks.
    if lacks.isdisjoint(parts):
        return None
    outside = [p for p in parts if p not in lexicon]
    names = _names(cleaned, _evidence(candidates)[1])
    names.update(p for name in list(names) for p in _APOSTROPHE.split(name))
    if any(p not in names for p in outside):
        return None
    found = list(dict.fromkeys(p for p in parts if p in lacks))
    return (
        f"every word is {lang!r} (names aside) and {', '.join(found)} "
        f"{'is' if len(found) == 1 else 'are'} not {other!r}"
    )


_APOSTROPHE = re.compile("['’]")
