"""Checking a rendition as a post of its network."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from govsocial.errors import UsageError
from govsocial.findings import Finding, Report, Severity
from govsocial.formatting.rendition import Rendition
from govsocial.policy import Policy
from govsocial.text import analyse

__all__ = ["MEDIA_FILE_RULES", "WHOLE_POST_RULES", "check_rendition", "resolve"]

# Rules that judge a post as a whole across its languages (every required language
# present, alt text in all of them, two variants not copies). A rendition holds some
# of the languages by design: these rules are checked on the source post.
# GS277 (a network that needs media has none): rendering adapts what a post holds and
# never invents an image, so a missing one stays the source post's finding.
WHOLE_POST_RULES = ("GS102", "GS105", "GS261", "GS277", "GS302")
# What an image file itself is (readable, format, size, shape, colours, alt text, logo,
# palette) is the same in every rendition: the source post's check reports it once.
# GS278 (kinds mixed, too many GIFs or videos in one item) does depend on the rendering.
MEDIA_FILE_RULES = tuple(f"GS{n}" for n in (*range(270, 278), *range(279, 283), *range(290, 295)))


@functools.cache
def _default_policy() -> Policy:
    from govsocial.policy import load_policy

    return load_policy({"version": 1})


def resolve(policy: Policy | str | Path | Mapping[str, Any] | None) -> Policy:
    """The policy as :func:`govsocial.check` takes it (None: the networks' own rules)."""
    if policy is None:
        return _default_policy()
    if isinstance(policy, Policy):
        return policy
    if isinstance(policy, (str, Path, Mapping)):
        from govsocial.check import resolve_policy

        return resolve_policy(policy)
    raise UsageError(f"expected a Policy, a path or a mapping, got policy={type(policy).__name__}")


# The policy as a rendition is checked with: its combined networks are those the
# rendition was combined for. Kept per source policy so the check's plan cache is reused.
_RENDERED: dict[tuple[int, tuple[str, ...]], tuple[Policy, Policy]] = {}


def _as_rendered(pol: Policy, combined: tuple[str, ...]) -> Policy:
    if pol.languages.combined_networks == combined:
        return pol
    hit = _RENDERED.get((id(pol), combined))
    if hit is not None and hit[0] is pol:
        return hit[1]
    if len(_RENDERED) >= 64:
        _RENDERED.clear()
    evolved = attrs.evolve(pol, languages=attrs.evolve(pol.languages, combined_networks=combined))
    _RENDERED[(id(pol), combined)] = (pol, evolved)
    return evolved


def check_rendition(
    rendition: Rendition, policy: Policy | str | Path | Mapping[str, Any] | None = None
) -> Report:
    """Check one rendition as a post of its network.

    Rules that judge a whole post across its languages (GS102, GS105, GS261, GS302), the
    one about media the post lacks (GS277) and those about the image files themselves
    (GS270–GS282 but GS278, GS290–GS294) are left to the check of the source post; an escaped LinkedIn rendition is not
    reported for GS205; a required hashtag of a combined rendition may be written once
    for all its languages (GS214 is judged on the whole text).
    """
    if not isinstance(rendition, Rendition):
        raise UsageError(f"check_rendition() expected a Rendition, got rendition={rendition!r:.60}")
    from govsocial.check import check

    pol = resolve(policy)
    pol = _as_rendered(pol, (rendition.network,) if rendition.combined else ())
    ignore = [*WHOLE_POST_RULES, *MEDIA_FILE_RULES]
    if rendition.escaped:
        ignore.append("GS205")
    if rendition.combined:
        ignore.append("GS214")
    report = check(rendition.to_post(), pol, ignore=ignore)
    extra: list[Finding] = []
    if rendition.combined and pol.hashtags.required and pol.severity_for("GS214", Severity.ERROR):
        have = {h.tag.casefold() for h in analyse(rendition.text).hashtags}
        for entry in pol.hashtags.required:
            for lang in rendition.langs:
                tag = entry.get(lang, entry.get(lang.split("-")[0], entry.get("*")))
                if tag is not None and tag.casefold() not in have:
                    sev = pol.severity_for("GS214", Severity.ERROR)
                    assert sev is not None
                    extra.append(
                        Finding(
                            code="GS214",
                            rule="missing-required-hashtag",
                            severity=sev,
                            message=f"the required hashtag #{tag} is missing",
                            path="/text",
                            lang=lang,
                            fix=f"add #{tag}",
                        )
                    )
    if extra:
        return Report((*report.findings, *extra), post_id=report.post_id, networks=report.networks)
    return report
