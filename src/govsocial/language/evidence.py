"""Function-word and spelling evidence that separates close languages.

Galician *non, unha, xa, polo, coa*; Aranese *eth, era, deth, dera*, imperfects in
*-aue*: the markers live in ``data/languages/markers.yaml`` and add a bonus to the
detector's scores of the candidate that owns them.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from govsocial._io import load_yaml_resource

__all__: list[str] = []


@functools.cache
def _markers() -> tuple[dict[str, frozenset[str]], dict[str, re.Pattern[str]], float, float]:
    data: Any = load_yaml_resource("languages/markers.yaml")
    lexicon = {lang: frozenset(text.split()) for lang, text in data["words"].items()}
    patterns = {lang: re.compile(p) for lang, p in data.get("patterns", {}).items()}
    return lexicon, patterns, float(data["weights"]["word"]), float(data["weights"]["pattern"])


@functools.cache
def _unlike() -> tuple[dict[str, tuple[re.Pattern[str], re.Pattern[str]]], float]:
    """Spellings a language does not have (Galician has no *j*, no Spanish *ue* and *ie*
    diphthongs, no *-dad*): each word that shows one is evidence against it. Per language,
    the pattern for one word and the same pattern for words joined by spaces (its ^ and $
    at the words' edges), which finds a match exactly when some word has one."""
    data: Any = load_yaml_resource("languages/markers.yaml")
    return _compile_unlike(data.get("unlike", {})), float(data["weights"].get("unlike", 0.0))


def _compile_unlike(
    spec: Mapping[str, str],
) -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Each language's "unlike" pattern, for one word and for words joined by spaces."""
    return {
        lang: (
            re.compile(p),
            re.compile(re.sub(r"(?<!\[)\^", r"(?<!\\S)", p).replace("$", r"(?!\S)")),
        )
        for lang, p in spec.items()
    }


@functools.cache
def _unlike_words() -> tuple[dict[str, frozenset[str]], float]:
    """Common words of other languages that a language does not have (Spanish *todavía*,
    *suponen*, *pequeño* in a Galician text): each one present is evidence against that
    language, as a spelling it lacks is. Derived from public word lists, not from the
    texts the bars were measured on; data/languages/unlike-words.yaml says how."""
    data: Any = load_yaml_resource("languages/unlike-words.yaml")
    lists = {lang: frozenset(text.split()) for lang, text in data["words"].items()}
    # The same words written without their accents (tambien, tambin), where the file has them.
    for lang, text in data.get("unaccented", {}).items():
        lists[lang] = lists.get(lang, frozenset()) | frozenset(text.split())
    for lang, text in _lacks().items():
        lists[lang] = lists.get(lang, frozenset()) | text
    return lists, float(data["weight"])


@functools.cache
def _unlike_phrases() -> dict[str, re.Pattern[str]]:
    """Two-word sequences a language does not write (Spanish *no* before a feminine or
    plural word or a clitic in a Galician text: *no válida*, *no se*), one pattern per
    language whose group ``w`` is the second word. Each match whose second word is in
    small letters (not a name: *no Celta*) counts against the language as a spelling it
    lacks does ("unlike" weight); markers.yaml says why."""
    data: Any = load_yaml_resource("languages/markers.yaml")
    return {lang: re.compile(p) for lang, p in data.get("unlike_phrases", {}).items()}


@functools.cache
def _lacks() -> dict[str, frozenset[str]]:
    """Function words of other languages that a language does not have (Spanish *y*,
    *la*, *muy* in a Galician text), written from the grammar in markers.yaml; they count
    against it as the words of unlike-words.yaml do."""
    data: Any = load_yaml_resource("languages/markers.yaml")
    return {lang: frozenset(text.split()) for lang, text in data.get("lacks", {}).items()}


@functools.lru_cache(maxsize=256)
def _evidence(
    candidates: tuple[str, ...],
) -> tuple[dict[str, str], frozenset[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """For a candidate set: each marker word that only one candidate lists, mapped to that
    candidate; every word any candidate lists; and the spelling patterns that apply."""
    lexicon, patterns, _, _ = _markers()
    owner: dict[str, str] = {}
    seen: set[str] = set()
    for c in candidates:
        for w in lexicon.get(c, frozenset()):
            if w in seen:
                owner.pop(w, None)
            else:
                owner[w] = c
                seen.add(w)
    pats = tuple((c, patterns[c]) for c in candidates if c in patterns)
    return owner, frozenset(seen), pats


# What _marker_bonus needs for a candidate set (see _bonus_plan).
_Plan = tuple[
    dict[str, str],
    frozenset[str],
    tuple[tuple[str, re.Pattern[str]], ...],
    float,
    float,
    tuple[tuple[str, frozenset[str] | None, re.Pattern[str] | None], ...],
    float,
    float,
    tuple[tuple[str, re.Pattern[str]], ...],
]


@functools.lru_cache(maxsize=256)
def _bonus_plan(candidates: tuple[str, ...]) -> _Plan:
    """What :func:`_marker_bonus` needs for a candidate set, looked up once: the marker
    words' owners, the listed words, the spelling patterns and the weights, and per
    candidate that has any, in candidate order, its "unlike" words and spelling, and the
    "unlike" two-word sequences of the candidates that have one (with the "unlike"
    weight: none when it is 0)."""
    _, _, w_word, w_pat = _markers()
    owner, listed, pats = _evidence(candidates)
    unlike, w_unlike = _unlike()
    unlike_words, w_words = _unlike_words()
    steps = []
    for c in candidates:
        lacks = unlike_words.get(c) if w_words else None
        pair = unlike.get(c)
        if lacks is not None or pair is not None:
            steps.append((c, lacks, pair[0] if pair is not None else None))
    phrases = _unlike_phrases() if w_unlike else {}
    pairs = tuple((c, phrases[c]) for c in candidates if c in phrases)
    return owner, listed, pats, w_word, w_pat, tuple(steps), w_words, w_unlike, pairs


# What _marker_bonus finds word by word in a text's tokens for a candidate set (see
# _tally): the candidates, their plan, the owners of the marker words present, the
# candidate of each spelling-pattern match (in token order), and per "unlike" step its
# listed words present and the words showing its spelling (None where the step has no
# list, or no spelling).
Tally = tuple[
    tuple[str, ...],
    _Plan,
    list[str],
    list[str],
    list[tuple[list[str] | None, list[str] | None]],
]


def _marker_bonus(
    tokens: Sequence[str], candidates: tuple[str, ...], cleaned: str = ""
) -> dict[str, float]:
    """Each candidate's bonus (positive: its marker words and spellings; negative: the
    words and spellings it lacks) for the words ``tokens`` of the text ``cleaned``."""
    return _bonus_of(_tally(tokens, candidates), cleaned)


def _tally(tokens: Sequence[str], candidates: tuple[str, ...]) -> Tally:
    """The word-by-word part of :func:`_marker_bonus`: every list in it is a filter or a
    map of ``tokens``, one word at a time, so the tally of words joined from several
    texts is their tallies joined (:func:`_joined_tally`); what depends on the text
    around the words (names, a word after a hyphen) is left to :func:`_bonus_of`."""
    plan = _bonus_plan(candidates)
    owner, listed, pats, _, _, steps, _, _, _ = plan
    # The owners of the marker words present (few: most words are no candidate's marker).
    owners = list(filter(None, map(owner.get, tokens)))
    marked: list[str] = []
    if pats and len(owners) < len(tokens):
        for t in tokens:
            if t not in listed:
                for lang, pat in pats:
                    if pat.search(t):
                        marked.append(lang)
    found: list[tuple[list[str] | None, list[str] | None]] = [
        (
            [t for t in tokens if t in lacks] if lacks is not None else None,
            _spelled_unlike(pattern, tokens) if pattern is not None else None,
        )
        for _, lacks, pattern in steps
    ]
    return candidates, plan, owners, marked, found


def _joined_tally(tallies: Sequence[Tally]) -> Tally:
    """The tally of the tokens of ``tallies`` (one candidate set) joined in order."""
    first = tallies[0]
    if len(tallies) == 1:
        return first
    owners: list[str] = []
    marked: list[str] = []
    for t in tallies:
        owners += t[2]
        marked += t[3]
    found: list[tuple[list[str] | None, list[str] | None]] = []
    for i, (lacking, spelled) in enumerate(first[4]):
        if lacking is not None:
            lacking = [w for t in tallies for w in t[4][i][0] or ()]
        if spelled is not None:
            spelled = [w for t in tallies for w in t[4][i][1] or ()]
        found.append((lacking, spelled))
    return first[0], first[1], owners, marked, found


def _bonus_of(tally: Tally, cleaned: str) -> dict[str, float]:
    """:func:`_marker_bonus` from its tokens' tally, ``cleaned`` the text they are from."""
    candidates, plan, owners, marked, found = tally
    _, listed, _, w_word, w_pat, steps, w_words, w_unlike, pairs = plan
    # Each candidate whose marker words are present (a dict's order is no part of it).
    bonus: dict[str, float] = {}
    if owners:
        for c in candidates:
            k = owners.count(c)
            if k:
                bonus[c] = k * w_word
    for lang in marked:
        bonus[lang] = bonus.get(lang, 0.0) + w_pat
    # The words written as names are no evidence ("Mujin" says nothing against gl): found
    # only when some counted word may be one (_capitalised), since few ever are.
    names: set[str] | None = None
    for (c, _, _), (lacking, hits) in zip(steps, found, strict=True):
        if lacking:
            if "-" in cleaned:  # cruza-lo: Galician's article after a hyphen
                hyphened = set(_AFTER_HYPHEN.findall(cleaned.lower()))
                lacking = [t for t in lacking if t not in hyphened]
            if names is None and _capitalised(lacking, cleaned):
                names = _names(cleaned, listed)
            n = len(lacking) if names is None else sum(1 for t in lacking if t not in names)
            if n:
                bonus[c] = bonus.get(c, 0.0) - n * w_words
        if hits:
            if names is None and _capitalised(hits, cleaned):
                names = _names(cleaned, listed)
            n = len(hits) if names is None else sum(1 for t in hits if t not in names)
            if n:
                bonus[c] = bonus.get(c, 0.0) - n * w_unlike
    # (each pattern opens with "no " or "No ": most texts have neither)
    if pairs and ("no " in cleaned or "No " in cleaned):
        for c, pattern in pairs:
            n = sum(1 for m in pattern.finditer(cleaned) if m.group("w").islower())
            if n:
                bonus[c] = bonus.get(c, 0.0) - n * w_unlike
    return bonus


def _capitalised(found: Sequence[str], cleaned: str) -> bool:
    """False when no word of `found` can be one of ``cleaned``'s names (each name written
    in lower case): none occurs in ``cleaned`` where it is not all in small letters. A
    name is written with a capital where it stands, and its lower case is what
    ``cleaned.lower()`` holds there when lower-casing keeps every character's place and
    depends on no context (no İ, which lower-cases to two characters, and no Σ, whose
    lower case depends on what follows); otherwise True, and the names are found."""
    low = cleaned.lower()
    if len(low) != len(cleaned) or "Σ" in cleaned:
        return True
    for t in set(found):
        at = low.find(t)
        while at >= 0:
            if not cleaned[at : at + len(t)].islower():
                return True
            at = low.find(t, at + 1)
    return False


# Per "unlike" pattern, the words known to show the spelling and those known not to:
# words recur from text to text, and a look-up is cheaper than a search. Bounded: both
# sets are emptied when they hold _UNLIKE_SEEN_MAX words together.
_UNLIKE_SEEN: dict[re.Pattern[str], tuple[set[str], set[str]]] = {}
_UNLIKE_SEEN_MAX = 1 << 14
_UNLIKE_SEEN_CHARS = 48


def _spelled_unlike(pattern: re.Pattern[str], tokens: Sequence[str]) -> list[str]:
    """The tokens in which ``pattern`` finds a match (in order, repeats kept)."""
    seen = _UNLIKE_SEEN.get(pattern)
    if seen is None:
        if len(_UNLIKE_SEEN) >= 64:
            _UNLIKE_SEEN.clear()
        seen = _UNLIKE_SEEN[pattern] = (set(), set())
    shown, plain = seen
    if plain.issuperset(tokens):  # every word known not to show it (most texts)
        return []
    out: list[str] = []
    for t in tokens:
        if t in plain:
            continue
        if t not in shown:
            hit = pattern.search(t) is not None
            if len(t) <= _UNLIKE_SEEN_CHARS:  # (a long "word" is searched, never kept)
                if len(shown) + len(plain) >= _UNLIKE_SEEN_MAX:
                    shown.clear()
                    plain.clear()
                (shown if hit else plain).add(t)
            if not hit:
                continue
        out.append(t)
    return out


# A word written right after a hyphen (cruza-lo, pórlle-las).
_AFTER_HYPHEN = re.compile(r"(?<=\w-)\w+")
# A word of a cleaned text, case kept (the same words as _clean.words finds).
_WORD = re.compile(r"\w+(?:['’·]\w+)*")
# What may stand between a sentence end and the next sentence's first word.
_OPENERS = "\"'«“‘¿¡(-–— "


def _names(cleaned: str, common: frozenset[str]) -> set[str]:
    """The words of ``cleaned`` written as names (see :func:`_name_spans`), in small letters."""
    return {cleaned[s:e].lower() for s, e in _name_spans(cleaned, common)}


def _name_spans(cleaned: str, common: frozenset[str]) -> list[tuple[int, int]]:
    """Where ``cleaned`` has words written as names: capitalised but not at the start of a
    sentence (Carme, Sant Jordi, OAC), or with a capital after a small letter (the
    hashtag VilanovaDelCami). A word any compared language lists as a common word (De,
    La in a title) is not a name. A text in capitals, or without any, has none."""
    if cleaned.islower() or cleaned.isupper():
        return []
    spans: list[tuple[int, int]] = []
    # A name has a capital (an isupper() letter), and a word never spans whitespace: only
    # the whitespace-separated pieces that are not all small letters are searched for
    # words (most pieces are). Each is located from the end of the last one searched: a
    # piece with a capital cannot occur inside the lower-case pieces skipped before it. A
    # piece without any cased letter may be located too early, but it holds no capital,
    # hence no name, and the next piece with a capital is still found at its place.
    at = 0
    for piece in cleaned.split():
        if piece.islower():
            continue
        at = cleaned.index(piece, at)
        for m in _WORD.finditer(piece):
            w = m.group()
            if w.islower():
                continue
            start = at + m.start()
            # (no capital after the first letter: no small letter followed by a capital)
            rest = w[1:]
            camel = not rest.islower() and any(
                a.islower() and b.isupper() for a, b in itertools.pairwise(w)
            )
            if not camel:
                if not w[0].isupper():
                    continue
                i = start - 1
                while i >= 0 and cleaned[i] in _OPENERS:
                    i -= 1
                if i < 0 or cleaned[i] in ".!?:…":
                    continue
            if w.lower() in common:
                continue
            spans.append((start, start + len(w)))
        at += len(piece)
    return spans
