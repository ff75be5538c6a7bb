"""What rendering reports about its own changes: GS5xx notes on a rendition.

They are not rules of the check (a post cannot break them): each says what
:func:`~govsocial.formatting.render` changed and why, on the rendition concerned.
"""

from __future__ import annotations

from collections.abc import Mapping

from govsocial.findings import Finding, Severity

__all__ = ["RENDER_CODES", "note"]

# What rendering reports about its own changes (not rules of the check).
RENDER_CODES: Mapping[str, tuple[str, str]] = {
    "GS501": ("truncated", "The text was cut to the network's limit, as the policy allows."),
    "GS502": ("link-replaced", "Links were replaced by the policy's link-in-bio wording."),
    "GS503": ("hashtags-moved", "Hashtags over the network's cap were moved to a comment."),
    "GS504": ("media-left-out", "Images over the network's cap were left out."),
    "GS505": ("characters-replaced", "Characters the network refuses were replaced."),
    "GS506": ("no-wording", "No link-in-bio wording in the variant's language."),
}


def note(code: str, severity: Severity, message: str, network: str, lang: str | None) -> Finding:
    """A GS5xx finding about `network`'s rendition of the `lang` text (or of all)."""
    name, _ = RENDER_CODES[code]
    return Finding(
        code=code,
        rule=name,
        severity=severity,
        message=message,
        path="/text" if lang is None else f"/text/{lang}",
        network=network,
        lang=lang,
    )
