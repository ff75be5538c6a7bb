"""GS24x emoji and GS25x style: shouting, banned terms, preferred terms."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator

import regex

from govsocial.findings import Severity
from govsocial.policy import Term
from govsocial.rules.context import Context
from govsocial.rules.kinds import PolicyMaximum
from govsocial.rules.registry import Hit, Rule, new_hit, register, rule
from govsocial.text import outside

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’·\-]*")
# What starts a line for GS242: its spaces and tabs (_line_starts finds the same ends).
_LINE_START = regex.compile(r"(?m)^[ \t]*")
_CAPS_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Lu}\p{M}'’·\-]*\p{Lu}(?![\p{L}\p{M}])")


register(
    Rule(
        code="GS240",
        name="too-many-emoji",
        check=PolicyMaximum("emoji", "emoji", "emoji.max"),
        summary="More emoji than the policy allows.",
        severity=Severity.WARNING,
        why='Screen readers read every emoji by its name ("cara somrient amb ulls somrients"); '
        "accessibility guides limit them to two or three per post.",
        flagged={"networks": ["x"], "text": {"ca": "Festa! 🎉🎊🎈🥳"}},
        clean={"networks": ["x"], "text": {"ca": "Festa! 🎉"}},
        policy={"version": 1, "emoji": {"max": 3}},
    )
)


@rule(
    "GS241",
    "repeated-emoji",
    summary="The same emoji repeated more times than the policy allows.",
    severity=Severity.WARNING,
    why="A repeated emoji (🔥🔥🔥) is read aloud once per copy and adds nothing (GCS guidance: "
    "no repeated emoji).",
    flagged={"networks": ["x"], "text": {"ca": "Festa Major 🔥🔥🔥"}},
    clean={"networks": ["x"], "text": {"ca": "Festa Major 🔥"}},
    policy={"version": 1, "emoji": {"max_repeats": 1}},
)
def repeated_emoji(ctx: Context) -> Iterator[Hit]:
    limit = ctx.policy.emoji.max_repeats
    if limit is None:
        return
    for path, lang, _ in ctx.variants():
        em = ctx.info(lang).emoji
        if len(em) <= limit:
            continue
        counts = Counter(e.text for e in em)
        for emo, n in sorted(counts.items()):
            if n > limit:
                nth = [e for e in em if e.text == emo][limit]
                yield new_hit(
                    f"{emo} appears {n} times; the policy allows {limit}",
                    path,
                    lang=lang,
                    span=(nth.start, nth.end),
                )


@rule(
    "GS242",
    "emoji-position",
    summary="Emoji used as bullets or placed before the text, against the policy.",
    severity=Severity.WARNING,
    why="Emoji complement the text and never carry the message; guides put them at the end and "
    "not as bullets, where a screen reader reads them before every line.",
    flagged={"networks": ["x"], "text": {"ca": "📅 Dissabte\n📍 Plaça Major"}},
    clean={"networks": ["x"], "text": {"ca": "Dissabte, a la plaça Major 📍"}},
    policy={"version": 1, "emoji": {"position": "not-line-start"}},
)
def emoji_position(ctx: Context) -> Iterator[Hit]:
    mode = ctx.policy.emoji.position
    if mode == "anywhere":
        return
    for path, lang, text in ctx.variants():
        em = ctx.info(lang).emoji
        if not em:
            continue
        if mode == "not-line-start":
            starts = _line_starts(text)
            for e in em:
                if e.start in starts:
                    yield new_hit(
                        f"{e.text} starts a line; the policy keeps emoji out of line starts",
                        path,
                        lang=lang,
                        span=(e.start, e.end),
                    )
        else:  # "end": no word after an emoji
            words = [m.start() for m in _WORD.finditer(text)]
            last_word = words[-1] if words else -1
            for e in em:
                if e.start < last_word:
                    yield new_hit(
                        f"{e.text} is inside the text; the policy puts emoji at the end",
                        path,
                        lang=lang,
                        span=(e.start, e.end),
                    )


@rule(
    "GS250",
    "all-caps",
    summary="Several consecutive words in capitals (shouting).",
    severity=Severity.WARNING,
    why="Text in capitals reads as shouting, is harder to read and some screen readers spell it "
    "letter by letter; the Generalitat's guide rules it out. Acronyms are fine: list long ones "
    "under `caps.allow`.",
    flagged={"networks": ["x"], "text": {"ca": "ATENCIÓ: CARRER TALLAT FINS DIVENDRES"}},
    clean={"networks": ["x"], "text": {"ca": "Atenció: carrer tallat fins divendres (OAC oberta)"}},
    policy={"version": 1, "caps": {"enabled": True}},
    fix="Write in sentence case.",
)
def all_caps(ctx: Context) -> Iterator[Hit]:
    cp = ctx.policy.caps
    if not cp.enabled:
        return
    for path, lang, text in ctx.variants():
        if len(_CAPS_WORD.findall(text)) < cp.min_words:
            continue  # cheap pre-check: not enough capitalised words for a run
        info = ctx.info(lang)
        skip = sorted(
            [(h.start, h.end) for h in info.hashtags]
            + [(m.start, m.end) for m in info.mentions]
            + [(u.start, u.end) for u in info.urls]
        )
        run: list[tuple[int, int]] = []
        for m in _WORD.finditer(text):
            word = m.group()
            letters = [c for c in word if c.isalpha()]
            if not outside(skip, m.start(), m.end()) or len(letters) < 2:
                continue  # single letters ("A", "I") neither shout nor break a run
            shouting = (
                len(letters) >= 2
                and all(c.isupper() for c in letters)
                and word.casefold() not in cp.allow
            )
            if shouting:
                run.append((m.start(), m.end()))
                continue
            if len(run) >= cp.min_words:
                yield _caps_hit(path, lang, run)
            run = []
        if len(run) >= cp.min_words:
            yield _caps_hit(path, lang, run)


def _line_starts(text: str) -> set[int]:
    """Where each line's text begins, after its spaces and tabs: the ends of the matches
    of ``_LINE_START`` (whose ``^`` follows a line feed only), without running it (it
    tries every position)."""
    starts: set[int] = set()
    at = 0
    for line in text.split("\n"):
        starts.add(at + len(line) - len(line.lstrip(" \t")))
        at += len(line) + 1
    return starts


def _caps_hit(path: str, lang: str, run: list[tuple[int, int]]) -> Hit:
    return new_hit(
        f"{len(run)} consecutive words in capitals",
        path,
        lang=lang,
        span=(run[0][0], run[-1][1]),
    )


def _applies(term: Term, lang: str) -> bool:
    return term.lang == "*" or term.lang == lang or term.lang == lang.split("-")[0]


@functools.lru_cache(maxsize=512)
def _terms_for(
    terms: tuple[Term, ...], lang: str, preferred: bool
) -> tuple[regex.Pattern[str] | None, tuple[Term, ...], tuple[tuple[str, ...], ...]]:
    """One compiled alternation over every term that applies to `lang` (group ``t<i>``),
    and the case-folded words of every form: a text whose case-folded form does not hold
    every word of some form cannot match (matching folds case in full), so it is not
    searched ("els" is in most Catalan texts, "els ciutadans" in few)."""
    mine = tuple(t for t in terms if (t.use is not None) == preferred and _applies(t, lang))
    if not mine:
        return None, (), ()
    # Each form's words longest first: the longest is the likeliest to be missing.
    forms = tuple(
        sorted(
            {
                tuple(sorted((w.casefold() for w in f.split()), key=len, reverse=True))
                for t in mine
                for f in t.find
                if f.split()
            }
        )
    )
    alts = []
    for i, term in enumerate(mine):
        inner = "|".join(
            r"\s+".join(regex.escape(w) for w in f.split())
            for f in sorted(term.find, key=len, reverse=True)
        )
        alts.append(f"(?P<t{i}>{inner})")
    pattern = regex.compile(
        r"(?<![\p{L}\p{M}\p{N}_])(?:" + "|".join(alts) + r")(?![\p{L}\p{M}\p{N}_])",
        regex.IGNORECASE | regex.V1,
    )
    return pattern, mine, forms


# _terms_for's results by the identity of the policy's terms (its cache hashes every
# Term of the tuple on each call): (terms, lang, preferred) -> (terms, result).
_TERMS_SEEN: dict[
    tuple[int, str, bool],
    tuple[
        tuple[Term, ...],
        tuple[regex.Pattern[str] | None, tuple[Term, ...], tuple[tuple[str, ...], ...]],
    ],
] = {}


def _terms_of(
    terms: tuple[Term, ...], lang: str, preferred: bool
) -> tuple[regex.Pattern[str] | None, tuple[Term, ...], tuple[tuple[str, ...], ...]]:
    key = (id(terms), lang, preferred)
    hit = _TERMS_SEEN.get(key)
    if hit is not None and hit[0] is terms:
        return hit[1]
    found = _terms_for(terms, lang, preferred)
    if len(_TERMS_SEEN) >= 512:
        _TERMS_SEEN.clear()
    _TERMS_SEEN[key] = (terms, found)
    return found


def _term_hits(ctx: Context, *, preferred: bool) -> Iterator[Hit]:
    if not ctx.policy.terms:
        return
    for path, lang, text in ctx.variants():
        pattern, mine, forms = _terms_of(ctx.policy.terms, lang, preferred)
        if pattern is None:
            continue
        folded = ctx.casefolded(lang)
        for form in forms:
            for w in form:
                if w not in folded:
                    break
            else:
                break  # every word of this form is there: search
        else:
            continue
        for m in pattern.finditer(text):
            term = mine[int(str(m.lastgroup)[1:])]
            note = f" ({term.note})" if term.note else ""
            if preferred:
                yield new_hit(
                    f"{m.group()!r}: the policy prefers {term.use!r}{note}",
                    path,
                    lang=lang,
                    span=(m.start(), m.end()),
                    fix=term.use,
                )
            else:
                yield new_hit(
                    f"{m.group()!r} is not to be used{note}",
                    path,
                    lang=lang,
                    span=(m.start(), m.end()),
                )


@rule(
    "GS251",
    "banned-term",
    summary="A term the policy bans.",
    severity=Severity.ERROR,
    why="Style guides list words an institution never uses (colloquialisms, political terms, "
    "brand names of competitors, discriminatory language).",
    flagged={"networks": ["x"], "text": {"es": "¡Ponte las pilas con el reciclaje!"}},
    clean={"networks": ["x"], "text": {"es": "Recicla bien: así es como se hace."}},
    policy={
        "version": 1,
        "terms": {
            "banned": [{"lang": "es", "find": "ponte las pilas", "note": "registro coloquial"}]
        },
    },
)
def banned_term(ctx: Context) -> Iterator[Hit]:
    yield from _term_hits(ctx, preferred=False)


@rule(
    "GS252",
    "preferred-term",
    summary="A term for which the policy prefers another (e.g. inclusive language).",
    severity=Severity.WARNING,
    why='Guides on inclusive and plain language list substitutions ("els ciutadans" → '
    '"la ciutadania", "los funcionarios" → "el personal funcionario").',
    flagged={"networks": ["x"], "text": {"ca": "Informem els ciutadans del nou horari."}},
    clean={"networks": ["x"], "text": {"ca": "Informem la ciutadania del nou horari."}},
    policy={
        "version": 1,
        "terms": {"preferred": [{"lang": "ca", "find": "els ciutadans", "use": "la ciutadania"}]},
    },
)
def preferred_term(ctx: Context) -> Iterator[Hit]:
    yield from _term_hits(ctx, preferred=True)
