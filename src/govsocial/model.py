"""Posts: the canonical, possibly multilingual, thing to publish.

A :class:`Post` is built from plain data with :meth:`Post.from_dict` (validated
against ``schemas/post.schema.json``) and turned back into it with
:meth:`Post.to_dict`; the two round-trip.  Nothing here touches files or the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from govsocial.errors import InputError

__all__ = ["Media", "Post"]


def _frozen_map(value: Mapping[str, str] | None) -> Mapping[str, str]:
    return dict(value) if value else {}


@attrs.frozen
class Media:
    """An image, GIF or video attached to a post, with its alt text per language."""

    path: str | None = None
    url: str | None = None
    kind: str = "image"
    alt: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_map)

    @property
    def location(self) -> str:
        """The path or URL, whichever was given."""
        return self.path if self.path is not None else (self.url or "")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.path is not None:
            out["path"] = self.path
        if self.url is not None:
            out["url"] = self.url
        out["kind"] = self.kind
        if self.alt:
            out["alt"] = dict(self.alt)
        return out


@attrs.frozen
class Post:
    """One post: its text per language (BCP 47 keys), the networks it goes to, its media.

    The order of `text` keys is meaningful: it is the order a combined
    (multilingual) post is rendered in.
    """

    networks: tuple[str, ...]
    text: Mapping[str, str] = attrs.field(converter=_frozen_map)
    id: str | None = None
    account: str | None = None
    title: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_map)
    media: tuple[Media, ...] = ()
    scheduled_at: dt.datetime | None = None
    kind: str | None = None

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Post:
        """Build a post from JSON-like data; anything off-schema raises InputError.

        The error names the JSON pointer of the offending value and what was
        expected (and `source`, e.g. the file name, when given).
        """
        from govsocial._schemas import describe_error, validator

        error = next(iter(sorted(validator("post").iter_errors(data), key=_error_key)), None)
        if error is not None:
            where, message = describe_error(error)
            raise InputError(message, source=source, where=where)
        scheduled = None
        if "scheduled_at" in data:
            scheduled = _parse_datetime(data["scheduled_at"], source=source)
        return cls(
            networks=tuple(data["networks"]),
            text=data["text"],
            id=data.get("id"),
            account=data.get("account"),
            title=data.get("title", {}),
            media=tuple(
                Media(
                    path=m.get("path"),
                    url=m.get("url"),
                    kind=m.get("kind", "image"),
                    alt=m.get("alt", {}),
                )
                for m in data.get("media", ())
            ),
            scheduled_at=scheduled,
            kind=data.get("kind"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The post as JSON-ready data (round-trips through :meth:`from_dict`)."""
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        if self.account is not None:
            out["account"] = self.account
        out["networks"] = list(self.networks)
        out["text"] = dict(self.text)
        if self.title:
            out["title"] = dict(self.title)
        if self.media:
            out["media"] = [m.to_dict() for m in self.media]
        if self.scheduled_at is not None:
            out["scheduled_at"] = self.scheduled_at.isoformat()
        if self.kind is not None:
            out["kind"] = self.kind
        return out


def _error_key(error: Any) -> tuple[int, str]:
    return (len(error.absolute_path), str(list(error.absolute_path)))


def _parse_datetime(value: str, *, source: str | None) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise InputError(
            f"expected an RFC 3339 date-time with offset (e.g. 2026-11-23T09:00:00+01:00), got {value!r}",
            source=source,
            where="/scheduled_at",
        )
    return parsed
