"""GS1xx: the post's languages — present, allowed, in order, complete."""

from __future__ import annotations

from collections.abc import Iterator

from govsocial.findings import Severity
from govsocial.rules.context import Context, pointer_escape
from govsocial.rules.registry import Hit, new_hit, rule

_BILINGUAL = {"version": 1, "languages": {"required": ["ca", "es"], "order": ["ca", "es"]}}


@rule(
    "GS101",
    "empty-text",
    summary="A text variant is empty, or the post has no text at all.",
    severity=Severity.ERROR,
    why="An empty variant publishes an empty post (or a post with only a link or image) in that "
    "language; it is almost always a template that was not filled in.",
    flagged={"networks": ["x"], "text": {"ca": "Obrim la biblioteca nova.", "es": "  "}},
    clean={
        "networks": ["x"],
        "text": {"ca": "Obrim la biblioteca nova.", "es": "Abrimos la biblioteca nueva."},
    },
    fix="Write the text, or remove the empty language key.",
)
def empty_text(ctx: Context) -> Iterator[Hit]:
    if not ctx.post.text:
        yield new_hit("the post has no text in any language", "/text")
        return
    for lang, text in ctx.post.text.items():
        if not text.strip():
            yield new_hit(
                f"the {lang!r} text is empty",
                f"/text/{pointer_escape(lang)}",
                lang=lang,
                span=(0, len(text)),
            )


@rule(
    "GS102",
    "missing-language",
    summary="A language the policy requires has no text variant.",
    severity=Severity.ERROR,
    why="Co-official language laws and guides require every institutional post in each official "
    "language (e.g. the Basque Government publishes nothing unless it is in Basque and Spanish).",
    flagged={"networks": ["x"], "text": {"es": "Abrimos la biblioteca nueva."}},
    clean={
        "networks": ["x"],
        "text": {"ca": "Obrim la biblioteca nova.", "es": "Abrimos la biblioteca nueva."},
    },
    policy=_BILINGUAL,
    fix="Add the missing variant under `text`.",
)
def missing_language(ctx: Context) -> Iterator[Hit]:
    # A variant given but blank is GS101's (empty-text), not a missing language.
    present = set(ctx.post.text)
    present |= {lang.split("-")[0] for lang in present}
    for lang in ctx.policy.languages.required:
        if lang not in present:
            yield new_hit(
                f"the policy requires a text in {lang!r} and the post has none",
                f"/text/{pointer_escape(lang)}",
                lang=lang,
            )


@rule(
    "GS103",
    "language-not-allowed",
    summary="A text variant is in a language the policy does not allow.",
    severity=Severity.ERROR,
    why="A policy may restrict an account to its official languages; a stray variant is usually a "
    "mistyped tag (`cat` for `ca`) or a draft left behind.",
    flagged={
        "networks": ["x"],
        "text": {"ca": "Obrim la biblioteca.", "cat": "Obrim la biblioteca."},
    },
    clean={
        "networks": ["x"],
        "text": {"ca": "Obrim la biblioteca.", "es": "Abrimos la biblioteca."},
    },
    policy={"version": 1, "languages": {"allowed": ["ca", "es", "en"]}},
)
def language_not_allowed(ctx: Context) -> Iterator[Hit]:
    allowed = ctx.policy.languages.allowed
    if allowed is None:
        return
    for lang in ctx.post.text:
        if lang not in allowed and lang.split("-")[0] not in allowed:
            yield new_hit(
                f"language {lang!r} is not allowed by the policy; expected one of: {', '.join(allowed)}",
                f"/text/{pointer_escape(lang)}",
                lang=lang,
            )


@rule(
    "GS104",
    "language-order",
    summary="Variants rendered together are not in the order the policy sets.",
    severity=Severity.ERROR,
    why="Where both languages share one post, guides and decrees fix which goes first (Basque "
    "first in Euskadi, valencià first under Decret 61/2017). The order of the `text` keys is the "
    "order the combined post is written in.",
    flagged={
        "networks": ["instagram"],
        "text": {"es": "Abrimos la biblioteca.", "ca": "Obrim la biblioteca."},
    },
    clean={
        "networks": ["instagram"],
        "text": {"ca": "Obrim la biblioteca.", "es": "Abrimos la biblioteca."},
    },
    policy={
        "version": 1,
        "languages": {"order": ["ca", "es"], "combined": {"networks": ["instagram"]}},
    },
    fix="Put the variants in the policy's order.",
)
def language_order(ctx: Context) -> Iterator[Hit]:
    lp = ctx.policy.languages
    if not lp.order:
        return
    for n in ctx.post.networks:
        if n in lp.combined_networks:
            break
    else:
        return  # no network gets the variants together
    rank = {lang: i for i, lang in enumerate(lp.order)}
    given = [lang for lang, text in ctx.post.text.items() if text.strip() and lang in rank]
    if len(given) < 2:
        return  # one variant or none: in order
    expected = sorted(given, key=rank.__getitem__)
    if given != expected:
        nets = ", ".join(n for n in ctx.post.networks if n in lp.combined_networks)
        yield new_hit(
            f"variants are in the order {', '.join(given)}; on {nets} they are published together "
            f"and the policy puts {', '.join(expected)}",
            "/text",
        )


@rule(
    "GS105",
    "both-or-none",
    summary="A multilingual field (alt text, title) is in some required languages but not all.",
    severity=Severity.ERROR,
    why="Under a both-or-none rule (Basque Government) a text is published in every official "
    "language or in none: an alt text only in Spanish fails it as much as a post would.",
    flagged={
        "networks": ["x"],
        "text": {"eu": "Liburutegi berria irekiko dugu.", "es": "Abrimos la biblioteca nueva."},
        "media": [{"path": "a.jpg", "alt": {"es": "Fachada de la biblioteca."}}],
    },
    clean={
        "networks": ["x"],
        "text": {"eu": "Liburutegi berria irekiko dugu.", "es": "Abrimos la biblioteca nueva."},
        "media": [
            {
                "path": "a.jpg",
                "alt": {"eu": "Liburutegiaren fatxada.", "es": "Fachada de la biblioteca."},
            }
        ],
    },
    policy={"version": 1, "languages": {"required": ["eu", "es"], "both_or_none": True}},
)
def both_or_none(ctx: Context) -> Iterator[Hit]:
    lp = ctx.policy.languages
    if not lp.both_or_none or not lp.required:
        return
    fields: list[tuple[str, dict[str, str]]] = [("/title", dict(ctx.post.title))]
    fields += [(f"/media/{i}/alt", dict(m.alt)) for i, m in enumerate(ctx.post.media)]
    for path, values in fields:
        present = [lang for lang in lp.required if values.get(lang, "").strip()]
        if present and len(present) < len(lp.required):
            missing = [lang for lang in lp.required if lang not in present]
            yield new_hit(
                f"given in {', '.join(present)} but not in {', '.join(missing)}; the policy wants "
                "all required languages or none",
                path,
            )


@rule(
    "GS106",
    "text-too-long-to-check",
    summary="A text is longer than the policy's limits.max_text_chars; the post is not analysed.",
    severity=Severity.ERROR,
    why="No network publishes texts of this length (the longest, Facebook's, is about 63,000 "
    "characters; the default limit is 100,000), so such a text is a pasting mistake or "
    "hostile input. The post's other rules are not run: the time a check takes stays "
    "bounded whatever it is given.",
    flagged={"networks": ["facebook"], "text": {"ca": "Obrim la biblioteca nova. " * 4}},
    clean={"networks": ["facebook"], "text": {"ca": "Obrim la biblioteca nova."}},
    policy={"version": 1, "limits": {"max_text_chars": 60}},
    fix="Shorten the text; if the length is intended, raise limits.max_text_chars in the policy.",
)
def text_too_long_to_check(ctx: Context) -> Iterator[Hit]:
    most = ctx.policy.limits.max_text_chars
    for path, lang, n in ctx.oversized:
        yield new_hit(
            f"{n:,} characters, over the limit max_text_chars = {most:,}; the post was not "
            f"analysed further (raise it with `limits: {{max_text_chars: N}}` in the policy)",
            path,
            lang=lang,
        )
