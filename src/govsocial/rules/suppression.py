"""GS0xx: about the check itself — a post's ``ignore`` entries that suppress nothing."""

from __future__ import annotations

from collections.abc import Iterator

from govsocial.findings import Severity
from govsocial.rules.context import Context
from govsocial.rules.registry import Hit, rule


@rule(
    "GS001",
    "unused-ignore",
    summary="An entry of the post's `ignore` list matches no finding.",
    severity=Severity.WARNING,
    why="An ignore that suppresses nothing is stale (the text was fixed, the code mistyped) and "
    "would silently hide the next real finding of that rule; like ruff's unused noqa, it is "
    "reported so it can be removed. It is reported only when a rule the entry names ran.",
    flagged={
        "networks": ["x"],
        "text": {"es": "El lunes abre la nueva biblioteca del barrio del Carme."},
        "ignore": [{"code": "GS9", "reason": "no rule has this code"}],
    },
    clean={
        "networks": ["x"],
        "text": {"es": "El lunes abre la nueva biblioteca del barrio del Carme."},
    },
    fix="Remove the entry, or correct its code.",
)
def unused_ignore(ctx: Context) -> Iterator[Hit]:
    """Reported by the engine, which alone sees every other rule's findings."""
    del ctx
    yield from ()
