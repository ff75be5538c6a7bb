"""A rendition being built: its text per language, its kind, numbering and notes."""

from __future__ import annotations

import attrs

from govsocial.findings import Finding
from govsocial.formatting.rendition import Kind

__all__ = ["Draft"]


@attrs.define
class Draft:
    """A rendition being built: its text per language (`segments`, without the numbering
    `prefix`), its kind, whether it is numbered, and the notes found so far."""

    segments: list[tuple[str, str]]
    kind: Kind = "post"
    numbered: bool = True
    findings: list[Finding] = attrs.field(factory=list)
    prefix: str = ""

    @property
    def langs(self) -> tuple[str, ...]:
        """Its languages, in order."""
        segments = self.segments
        if len(segments) == 1:
            return (segments[0][0],)
        return tuple(dict.fromkeys(lang for lang, _ in segments))
