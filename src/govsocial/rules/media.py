"""GS26x: media — alt text present, in every language, not too long; image counts."""

from __future__ import annotations

from collections.abc import Iterator

from govsocial.findings import Severity
from govsocial.rules.context import Context, pointer_escape
from govsocial.rules.registry import Hit, new_hit, rule

_IMG = {"path": "cartell.jpg", "kind": "image"}


def _needs_alt(kind: str) -> bool:
    return kind in ("image", "gif")


@rule(
    "GS260",
    "missing-alt-text",
    summary="An image or GIF has no alt text.",
    severity=Severity.ERROR,
    why="Without alt text a blind citizen gets nothing from the image (WCAG 1.1.1); every public "
    "sector guide requires it. Without `media.alt_text.required` in the policy this is a warning.",
    flagged={"networks": ["x"], "text": {"ca": "Cartell de la Festa Major"}, "media": [_IMG]},
    clean={
        "networks": ["x"],
        "text": {"ca": "Cartell de la Festa Major"},
        "media": [
            {**_IMG, "alt": {"ca": "Cartell: castellers davant l'Ajuntament, 8 de setembre."}}
        ],
    },
    policy={"version": 1, "media": {"alt_text": {"required": True}}},
    media_only=True,
)
def missing_alt_text(ctx: Context) -> Iterator[Hit]:
    required = ctx.policy.alt_text.required
    for i, m in enumerate(ctx.post.media):
        if _needs_alt(m.kind) and not any(v.strip() for v in m.alt.values()):
            yield new_hit(
                f"{m.kind} {m.location!r} has no alt text",
                f"/media/{i}",
                severity=None if required else Severity.WARNING,
            )


@rule(
    "GS261",
    "alt-text-missing-language",
    summary="An image's alt text is missing in a language the policy requires.",
    severity=Severity.ERROR,
    why="The alt text serves the same readers as the post: a bilingual post needs bilingual alt text.",
    flagged={
        "networks": ["x"],
        "text": {"ca": "Cartell de la Festa Major", "es": "Cartel de la Fiesta Mayor"},
        "media": [{**_IMG, "alt": {"ca": "Castellers davant l'Ajuntament."}}],
    },
    clean={
        "networks": ["x"],
        "text": {"ca": "Cartell de la Festa Major", "es": "Cartel de la Fiesta Mayor"},
        "media": [
            {
                **_IMG,
                "alt": {
                    "ca": "Castellers davant l'Ajuntament.",
                    "es": "Castellers ante el Ayuntamiento.",
                },
            }
        ],
    },
    policy={
        "version": 1,
        "languages": {"required": ["ca", "es"]},
        "media": {"alt_text": {"required": True}},
    },
    media_only=True,
)
def alt_missing_language(ctx: Context) -> Iterator[Hit]:
    if not ctx.policy.alt_text.required or not ctx.policy.languages.required:
        return
    for i, m in enumerate(ctx.post.media):
        if not _needs_alt(m.kind) or not any(v.strip() for v in m.alt.values()):
            continue  # no alt at all: GS260
        for lang in ctx.policy.languages.required:
            if not m.alt.get(lang, "").strip():
                yield new_hit(
                    f"the alt text of {m.location!r} has no {lang!r} version",
                    f"/media/{i}/alt/{pointer_escape(lang)}",
                    lang=lang,
                )


@rule(
    "GS262",
    "alt-text-too-long",
    summary="Alt text longer than the network (or the policy) allows.",
    severity=Severity.ERROR,
    why="X cuts alt text at 1,000 characters, Mastodon at 1,500, Bluesky's app at 2,000; long "
    "descriptions tire the listener. Policies often set a shorter maximum.",
    flagged={
        "networks": ["x"],
        "text": {"ca": "Cartell"},
        "media": [{**_IMG, "alt": {"ca": "Castellers. " * 100}}],
    },
    clean={
        "networks": ["x"],
        "text": {"ca": "Cartell"},
        "media": [{**_IMG, "alt": {"ca": "Castellers davant l'Ajuntament."}}],
    },
    media_only=True,
)
def alt_too_long(ctx: Context) -> Iterator[Hit]:
    policy_max = ctx.policy.alt_text.max_length
    for i, m in enumerate(ctx.post.media):
        for lang, alt in m.alt.items():
            n = len(alt)
            limits = [(spec.alt_text_limit, spec.name) for spec in ctx.specs if spec.alt_text_limit]
            if policy_max is not None:
                limits.append((policy_max, "the policy"))
            over = [(lim, who) for lim, who in limits if lim is not None and n > lim]
            if over:
                lim, who = min(over)
                yield new_hit(
                    f"alt text is {n} characters; {who} allows {lim}",
                    f"/media/{i}/alt/{pointer_escape(lang)}",
                    lang=lang,
                    span=(lim, n),
                )


@rule(
    "GS263",
    "too-many-images",
    summary="More images than the network accepts in one post.",
    severity=Severity.ERROR,
    why="X and Mastodon take 4 images, Bluesky 4, Instagram carousels 10; extra images are "
    "refused by the API.",
    flagged={
        "networks": ["x"],
        "text": {"ca": "Fotos"},
        "media": [{**_IMG, "alt": {"ca": "Foto"}}] * 5,
    },
    clean={
        "networks": ["x"],
        "text": {"ca": "Fotos"},
        "media": [{**_IMG, "alt": {"ca": "Foto"}}] * 4,
    },
    media_only=True,
)
def too_many_images(ctx: Context) -> Iterator[Hit]:
    n = sum(1 for m in ctx.post.media if m.kind in ("image", "gif"))
    if not n:
        return
    for spec in ctx.specs:
        if spec.max_images is not None and n > spec.max_images:
            yield new_hit(
                f"{n} images; {spec.name} accepts {spec.max_images}",
                "/media",
                network=spec.id,
            )


@rule(
    "GS264",
    "alt-text-redundant-opening",
    summary='Alt text opens with "image of", "foto de" or another phrase the policy lists.',
    severity=Severity.WARNING,
    why='Screen readers already announce an image; "imatge de…" wastes the reader\'s time (GCS, '
    "Oxford guidance). Describe what matters instead.",
    flagged={
        "networks": ["x"],
        "text": {"ca": "Cartell"},
        "media": [{**_IMG, "alt": {"ca": "Imatge de castellers"}}],
    },
    clean={
        "networks": ["x"],
        "text": {"ca": "Cartell"},
        "media": [{**_IMG, "alt": {"ca": "Castellers davant l'Ajuntament"}}],
    },
    policy={"version": 1, "media": {"alt_text": {"forbid_prefixes": ["imatge de", "foto de"]}}},
    media_only=True,
)
def alt_redundant_opening(ctx: Context) -> Iterator[Hit]:
    prefixes = ctx.policy.alt_text.forbid_prefixes
    if not prefixes:
        return
    for i, m in enumerate(ctx.post.media):
        for lang, alt in m.alt.items():
            head = alt.lstrip().casefold()
            for p in prefixes:
                if head.startswith(p.casefold()):
                    start = len(alt) - len(alt.lstrip())
                    yield new_hit(
                        f"alt text opens with {p!r}; describe the content directly",
                        f"/media/{i}/alt/{pointer_escape(lang)}",
                        lang=lang,
                        span=(start, start + len(p)),
                    )
                    break
