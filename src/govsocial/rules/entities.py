"""GS21x hashtags and GS22x mentions."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from govsocial.findings import Severity
from govsocial.rules.context import Context
from govsocial.rules.kinds import NetworkCap, PolicyMaximum
from govsocial.rules.registry import Hit, Rule, new_hit, register, rule

_TRAILING_OK = regex.compile(r"[\s\p{P}\p{S}\p{Extended_Pictographic}\u200d\ufe0f]*")


register(
    Rule(
        code="GS210",
        name="too-many-hashtags",
        check=PolicyMaximum("hashtags", "hashtags", "hashtags.max"),
        summary="More hashtags than the policy allows.",
        severity=Severity.WARNING,
        why="Guides ask for few hashtags (GCS-derived guides: at most 2): each one is read aloud by "
        "screen readers and dilutes the message.",
        flagged={"networks": ["x"], "text": {"ca": "Festa Major! #FM2026 #Vilanova #Cultura"}},
        clean={"networks": ["x"], "text": {"ca": "Festa Major! #FM2026 #Vilanova"}},
        policy={"version": 1, "hashtags": {"max": 2}},
    )
)


@rule(
    "GS211",
    "hashtag-too-long",
    summary="A hashtag is longer than the policy allows.",
    severity=Severity.WARNING,
    why="Long hashtags are hard to read and to remember; the Generalitat's guide asks for new "
    "hashtags of at most 12 characters.",
    flagged={"networks": ["x"], "text": {"ca": "#FestaMajorDeVilanovaIlaGeltru2026"}},
    clean={"networks": ["x"], "text": {"ca": "#FMVilanova"}},
    policy={"version": 1, "hashtags": {"max_length": 12}},
)
def hashtag_too_long(ctx: Context) -> Iterator[Hit]:
    hp = ctx.policy.hashtags
    if hp.max_length is None:
        return
    for path, lang, _ in ctx.variants():
        for h in ctx.info(lang).hashtags:
            if len(h.tag) > hp.max_length and h.tag.casefold() not in hp.known:
                yield new_hit(
                    f"#{h.tag} is {len(h.tag)} characters; the policy allows {hp.max_length}",
                    path,
                    lang=lang,
                    span=(h.start, h.end),
                )


def _single_case_words(tag: str) -> bool:
    letters = [c for c in tag if c.isalpha()]
    if not letters:
        return False
    return all(c.islower() for c in letters) or all(c.isupper() for c in letters)


@rule(
    "GS212",
    "hashtag-not-camel-case",
    summary="A multiword hashtag is not in CamelCase.",
    severity=Severity.WARNING,
    why="Screen readers spell out or mangle #santjordi2026 but read #SantJordi2026 as words; "
    "accessibility guides (GCS, Generalitat) ask for CamelCase. A single-case hashtag at least "
    "`camel_case_min_length` letters long is taken for several words (a heuristic: list official "
    "single-word hashtags under `hashtags.known`).",
    flagged={"networks": ["x"], "text": {"ca": "Bona diada! #santjordivilanova"}},
    clean={"networks": ["x"], "text": {"ca": "Bona diada! #SantJordiVilanova"}},
    policy={"version": 1, "hashtags": {"camel_case": True}},
    fix="Capitalise each word: #SantJordi2026.",
)
def hashtag_camel_case(ctx: Context) -> Iterator[Hit]:
    hp = ctx.policy.hashtags
    if not hp.camel_case:
        return
    for path, lang, _ in ctx.variants():
        for h in ctx.info(lang).hashtags:
            if h.tag.casefold() in hp.known:
                continue  # an official hashtag, as it is
            letters = sum(c.isalpha() for c in h.tag)
            if letters >= hp.camel_case_min_length and _single_case_words(h.tag):
                yield new_hit(
                    f"#{h.tag} looks like several words in one case; write it in CamelCase",
                    path,
                    lang=lang,
                    span=(h.start, h.end),
                )


@rule(
    "GS213",
    "hashtag-position",
    summary="Hashtags inside the sentence instead of at the end.",
    severity=Severity.WARNING,
    why="Guides (Generalitat, GCS) put hashtags at the end: inside a sentence they break reading, "
    "above all with a screen reader.",
    flagged={"networks": ["x"], "text": {"ca": "Avui comença la #FestaMajor a tot el poble."}},
    clean={
        "networks": ["x"],
        "text": {"ca": "Avui comença la Festa Major a tot el poble. #FestaMajor"},
    },
    policy={"version": 1, "hashtags": {"position": "end"}},
)
def hashtag_position(ctx: Context) -> Iterator[Hit]:
    if ctx.policy.hashtags.position != "end":
        return
    for path, lang, text in ctx.variants():
        info = ctx.info(lang)
        if not info.hashtags:
            continue
        # Trailing block: hashtags, mentions, links, emoji and punctuation after the last word.
        skip = sorted(
            [(h.start, h.end) for h in info.hashtags]
            + [(m.start, m.end) for m in info.mentions]
            + [(u.start, u.end) for u in info.urls]
        )
        tail_start = len(text)
        pos = len(text)
        for start, end in reversed(skip):
            between = text[end:pos]
            if _TRAILING_OK.fullmatch(between):
                tail_start = start
                pos = start
            else:
                break
        for h in info.hashtags:
            if h.start < tail_start:
                yield new_hit(
                    f"#{h.tag} is inside the text; the policy puts hashtags at the end",
                    path,
                    lang=lang,
                    span=(h.start, h.end),
                )


@rule(
    "GS214",
    "missing-required-hashtag",
    summary="A hashtag the policy requires is missing from a text variant.",
    severity=Severity.ERROR,
    why="Campaigns and accounts have official hashtags that every post must carry so it can be "
    "found and measured.",
    flagged={"networks": ["x"], "text": {"ca": "Comença la Festa Major."}},
    clean={"networks": ["x"], "text": {"ca": "Comença la Festa Major. #Vilanova"}},
    policy={"version": 1, "hashtags": {"required": ["#Vilanova"]}},
)
def missing_required_hashtag(ctx: Context) -> Iterator[Hit]:
    required = ctx.policy.hashtags.required
    if not required:
        return
    for path, lang, _ in ctx.variants():
        have = {h.tag.casefold() for h in ctx.info(lang).hashtags}
        for entry in required:
            tag = entry.get(lang, entry.get(lang.split("-")[0], entry.get("*")))
            if tag is not None and tag.casefold() not in have:
                yield new_hit(
                    f"the required hashtag #{tag} is missing", path, lang=lang, fix=f"add #{tag}"
                )


register(
    Rule(
        code="GS215",
        name="network-hashtag-cap",
        check=NetworkCap("hashtags", "hashtags", "max_hashtags"),
        summary="More hashtags than the network accepts (Instagram 5, Threads 1 topic tag).",
        severity=Severity.ERROR,
        why="Instagram enforces 5 hashtags per post since December 2025 and Threads takes one topic "
        "tag; extra ones are dropped or the post is refused.",
        flagged={"networks": ["instagram"], "text": {"ca": "#a1 #b2 #c3 #d4 #e5 #f6"}},
        clean={"networks": ["instagram"], "text": {"ca": "#a1 #b2"}},
    )
)


register(
    Rule(
        code="GS220",
        name="too-many-mentions",
        check=PolicyMaximum("mentions", "mentions", "mentions_max"),
        summary="More @mentions than the policy allows.",
        severity=Severity.WARNING,
        why="Guides ask for mentions only when justified, never to fish for reshares (Generalitat); "
        "emergencies may justify more through a severity override.",
        flagged={"networks": ["x"], "text": {"ca": "Gràcies @a @b @c @d!"}},
        clean={"networks": ["x"], "text": {"ca": "Gràcies @bombers!"}},
        policy={"version": 1, "mentions": {"max": 2}},
    )
)


register(
    Rule(
        code="GS221",
        name="network-mention-cap",
        check=NetworkCap("mentions", "mentions", "max_mentions"),
        summary="More @mentions than the network accepts (Instagram: 20).",
        severity=Severity.ERROR,
        why="Instagram refuses captions with more than 20 @tags.",
        flagged={"networks": ["instagram"], "text": {"ca": " ".join(f"@u{i}" for i in range(21))}},
        clean={"networks": ["instagram"], "text": {"ca": "Gràcies @bombers"}},
    )
)
