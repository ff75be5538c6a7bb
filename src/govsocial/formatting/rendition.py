"""What :func:`govsocial.render` returns: one item to publish, and Bluesky's facets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from govsocial.findings import Finding
from govsocial.model import Media, Post

__all__ = ["Facet", "Rendition"]

Kind = Literal["post", "reply", "comment"]


@attrs.frozen
class Facet:
    """A Bluesky rich-text facet: a link or a tag over UTF-8 byte offsets ``[start, end)``."""

    byte_start: int
    byte_end: int
    kind: Literal["link", "tag"]
    value: str

    def to_dict(self) -> dict[str, Any]:
        """The ``app.bsky.richtext.facet`` JSON shape."""
        feature: dict[str, str] = {"$type": f"app.bsky.richtext.facet#{self.kind}"}
        feature["uri" if self.kind == "link" else "tag"] = self.value
        return {
            "index": {"byteStart": self.byte_start, "byteEnd": self.byte_end},
            "features": [feature],
        }


@attrs.frozen
class Rendition:
    """One item to publish on one network.

    `thread` numbers the publications of a post on the network (from 0); `part` and
    `parts` give this item's place in its thread (from 1). `kind` is ``post`` for the
    first item, ``reply`` for the next parts of a thread and ``comment`` for a first
    comment (Instagram links, hashtags over a network's cap). `segments` holds the
    text per language, in order: joined by the policy's separator they give `text`.
    `media` carry their alt text in the languages of the item's publication (a bilingual
    thread: all of them; one post per language: that one), in the policy's order.
    `findings` say what rendering changed (GS5xx); `source` is the post it was made from
    (its id, account, schedule and kind go with :meth:`to_post`). `title` is the post's
    title in the publication's languages, on the first item, on networks with titles
    (YouTube).
    """

    network: str
    text: str
    langs: tuple[str, ...]
    segments: tuple[tuple[str, str], ...]
    thread: int = 0
    part: int = 1
    parts: int = 1
    kind: Kind = "post"
    media: tuple[Media, ...] = ()
    facets: tuple[Facet, ...] = ()
    findings: tuple[Finding, ...] = ()
    escaped: bool = False
    title: Mapping[str, str] = attrs.field(factory=dict)
    source: Post | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def combined(self) -> bool:
        """Whether the item holds more than one language."""
        return len(self.langs) > 1

    def to_post(self) -> Post:
        """The item as a post for its network (what :func:`check_rendition` checks)."""
        src = self.source
        return Post(
            networks=(self.network,),
            text=dict(self.segments),
            media=self.media,
            title=self.title,
            id=src.id if src is not None else None,
            account=src.account if src is not None else None,
            scheduled_at=src.scheduled_at if src is not None else None,
            kind=src.kind if src is not None else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; facets in the AT Protocol's ``app.bsky.richtext.facet`` shape."""
        out: dict[str, Any] = {
            "network": self.network,
            "thread": self.thread,
            "part": self.part,
            "parts": self.parts,
            "kind": self.kind,
            "langs": list(self.langs),
            "text": self.text,
        }
        if self.title:
            out["title"] = dict(self.title)
        return out | {
            "media": [m.to_dict() for m in self.media],
            "facets": [f.to_dict() for f in self.facets],
            "findings": [f.to_dict() for f in self.findings],
        }
