"""GS29x: brand identity — the official logo where the guide wants it, and the palette.

The policy's ``brand`` section names the approved logo files (relative to the policy),
which networks (and kinds of post) need the logo, the allowed corners, the largest gap
to the corner and the smallest width. Each image is searched once per check with
:func:`govsocial.imaging.logo.locate_logo` (every approved logo, all four corners), so a
logo in a forbidden corner is reported as such rather than as missing.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govsocial.errors import GovsocialError
from govsocial.findings import Severity
from govsocial.imaging.logo import CORNERS, LogoMatch, locate_logo
from govsocial.rules.context import Context
from govsocial.rules.images import MediaState, media_states
from govsocial.rules.registry import Hit, new_hit, rule

__all__: list[str] = []

_LOGO = "examples/media/logo-ajuntament.png"  # rule examples run from the repository root


def _policy(**brand: object) -> dict[str, object]:
    return {"version": 1, "brand": {"logos": [_LOGO], **brand}}


def _post(image: str, network: str = "instagram") -> dict[str, object]:
    return {
        "networks": [network],
        "text": {"ca": "Festa Major 2026"},
        "media": [{"path": image, "alt": {"ca": "Cartell de la Festa Major."}}],
    }


def _broken_logos(ctx: Context) -> tuple[tuple[str, str], ...]:
    """(file, problem) for each of the policy's logo files that cannot be used."""
    cached = ctx.__dict__.get("_broken_logos")
    if cached is None:
        from govsocial.errors import ImageError, MissingExtraError
        from govsocial.imaging.inspect import inspect_image

        out = []
        for logo in ctx.policy.brand.logos:
            try:
                inspect_image(logo, verify=True)
            except ImageError as exc:
                out.append((str(logo), exc.message))
            except MissingExtraError:
                break  # GS271 says what to install
        cached = tuple(out)
        ctx.__dict__["_broken_logos"] = cached
    return cached


@attrs.frozen
class _Logo:
    state: MediaState
    match: LogoMatch | None
    networks: tuple[str, ...]  # the post's networks that require the logo


def _logos(ctx: Context) -> tuple[_Logo, ...]:
    cached = ctx.__dict__.get("_logo_matches")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    brand = ctx.policy.brand
    out: list[_Logo] = []
    if brand.logos and ctx.post.media:
        needing = tuple(n for n in ctx.post.networks if brand.requires_logo(n, ctx.post.kind))
        min_w = min(0.03, 0.6 * brand.min_width_percent / 100)
        margin = max(0.1, 2 * brand.max_margin_percent / 100)
        broken = {name for name, _ in _broken_logos(ctx)}
        usable = [logo for logo in brand.logos if str(logo) not in broken]
        for s in media_states(ctx):
            if s.info is None or s.media.kind != "image" or not usable:
                continue
            source = s.resolved if s.resolved is not None else s.data
            if source is None:
                continue
            best: LogoMatch | None = None
            for logo in usable:
                try:
                    m = locate_logo(
                        source,
                        logo,
                        corners=CORNERS,
                        min_width=min_w,
                        max_width=0.35,
                        margin=margin,
                        max_pixels=ctx.policy.images.max_pixels,
                    )
                except GovsocialError:
                    m = None  # an unreadable image is GS270's finding
                if m is not None and (best is None or m.score > best.score):
                    best = m
            out.append(_Logo(s, best, needing))
    result = tuple(out)
    ctx.__dict__["_logo_matches"] = result
    return result


def _where(m: LogoMatch) -> str:
    return f"{m.corner} at {m.box} ({100 * m.width_fraction:.1f}% of the width, score {m.score:g})"


@rule(
    "GS290",
    "logo-missing",
    summary="An image for a network that requires the official logo does not carry it in a corner.",
    severity=Severity.ERROR,
    why="Style guides require the institution's logo on every image it publishes, so a "
    "shared or screenshotted image still says who speaks. White, black, grey and colour "
    "versions of an approved logo all count.",
    flagged=_post("no-logo-1080x1350.jpg"),
    clean=_post("poster-1080x1350.jpg"),
    policy=_policy(required=["instagram"]),
    media_only=True,
)
def logo_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.policy.brand.logos and ctx.post.media:
        for name, problem in _broken_logos(ctx):
            yield new_hit(f"the policy's logo file {name} cannot be used: {problem}", "/media")
    for item in _logos(ctx):
        if item.networks and item.match is None:
            yield new_hit(
                f"{item.state.media.location}: no approved logo found in a corner (required on "
                f"{', '.join(item.networks)})",
                item.state.path,
            )


@rule(
    "GS291",
    "logo-wrong-corner",
    summary="The logo is in a corner the policy does not allow (e.g. bottom-left, under captions).",
    severity=Severity.ERROR,
    why="Platforms lay captions, buttons and the account name over some corners (bottom-left "
    "on Stories and Reels); guides reserve the corners where the logo stays visible.",
    flagged=_post("logo-bottom-left-1080x1350.jpg"),
    clean=_post("poster-1080x1350.jpg"),
    policy=_policy(corners=["top-left", "top-right", "bottom-right"]),
    media_only=True,
)
def logo_wrong_corner(ctx: Context) -> Iterator[Hit]:
    allowed = ctx.policy.brand.corners
    for item in _logos(ctx):
        m = item.match
        if m is not None and m.corner not in allowed:
            yield new_hit(
                f"{item.state.media.location}: the logo is {_where(m)}; the policy allows "
                f"{', '.join(allowed)}",
                item.state.path,
            )


@rule(
    "GS292",
    "logo-far-from-corner",
    summary="The logo is further from its corner than the policy's maximum margin.",
    severity=Severity.WARNING,
    why="A logo floating towards the middle competes with the picture; guides fix a margin "
    "(e.g. 5 % of the width) so every image looks the same.",
    flagged=_post("poster-1080x1350.jpg"),
    clean=_post("photo-1200x675.jpg", "x"),
    policy=_policy(max_margin_percent=2),
    media_only=True,
)
def logo_far_from_corner(ctx: Context) -> Iterator[Hit]:
    limit = ctx.policy.brand.max_margin_percent
    for item in _logos(ctx):
        m = item.match
        if m is None:
            continue
        gap = 100 * max(m.margins) / m.image_size[0]
        if gap > limit + 0.5:  # half a percent: the box is located to about 1 % of the width
            yield new_hit(
                f"{item.state.media.location}: the logo is {gap:.1f}% of the width from its "
                f"corner ({_where(m)}); the policy allows {limit:g}%",
                item.state.path,
            )


@rule(
    "GS293",
    "logo-too-small",
    summary="The logo is narrower than the policy's minimum (in % of the width or in pixels).",
    severity=Severity.ERROR,
    why="A 5 %-wide wordmark on a 600-px image is 30 px: unreadable. Guides set a minimum "
    "width, relative and absolute.",
    flagged=_post("logo-too-small-1080x1350.jpg"),
    clean=_post("poster-1080x1350.jpg"),
    policy=_policy(min_width_percent=8, min_width_px=120),
    media_only=True,
)
def logo_too_small(ctx: Context) -> Iterator[Hit]:
    brand = ctx.policy.brand
    for item in _logos(ctx):
        m = item.match
        if m is None:
            continue
        pct = 100 * m.width_fraction
        if pct < brand.min_width_percent or m.width < brand.min_width_px:
            yield new_hit(
                f"{item.state.media.location}: the logo is {m.width} px wide ({pct:.1f}% of "
                f"the width); the policy asks for at least {brand.min_width_percent:g}% and "
                f"{brand.min_width_px} px",
                item.state.path,
            )


@rule(
    "GS294",
    "palette-off-brand",
    summary="An image's dominant colour is far (CIELAB ΔE) from every corporate colour.",
    severity=Severity.WARNING,
    why="Campaign graphics in the corporate palette are recognised at a glance; a poster in "
    "off-brand colours reads as someone else's. Checked only when the policy gives a palette.",
    flagged=_post("poster-1080x1350.jpg"),
    clean=_post("campaign-1080x1080.jpg"),
    policy={
        "version": 1,
        "brand": {"palette": {"colors": ["#c8102e", "#ffffff"], "max_delta_e": 20}},
    },
    media_only=True,
)
def palette_off_brand(ctx: Context) -> Iterator[Hit]:
    palette = ctx.policy.brand.palette
    if palette is None or not ctx.post.media:
        return
    from govsocial.imaging.palette import dominant_colors, nearest

    for s in media_states(ctx):
        source = s.resolved if s.resolved is not None else s.data
        if s.info is None or source is None:
            continue
        try:
            colors = dominant_colors(source, max_pixels=ctx.policy.images.max_pixels)
        except GovsocialError:
            continue
        for c in colors:
            if c.share < palette.min_share:
                continue
            near, de = nearest(c.rgb, palette.colors)
            if de > palette.max_delta_e:
                yield new_hit(
                    f"{s.media.location}: dominant colour {c.hex} ({100 * c.share:.0f}% of the "
                    f"image) is ΔE {de:.0f} from the nearest corporate colour "
                    "#{:02x}{:02x}{:02x}; the policy allows {:g}".format(
                        *near, palette.max_delta_e
                    ),
                    s.path,
                )
                break
