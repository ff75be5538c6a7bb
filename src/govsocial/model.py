"""Posts: the canonical, possibly multilingual, thing to publish.

A :class:`Post` is built from plain data with :meth:`Post.from_dict` (validated
against ``schemas/post.schema.json``) and turned back into it with
:meth:`Post.to_dict`; the two round-trip.  :func:`load_posts` reads a post file (as
:func:`govsocial.load_policy` reads a policy file); nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from govsocial._frozen import assigning
from govsocial._frozenmap import FrozenMap, frozen_map_of
from govsocial._schemas import plainly_valid_post as _plainly_valid
from govsocial.errors import InputError
from govsocial.limits import Limits

__all__ = ["Media", "Post", "Suppression", "load_posts", "post_items"]


def _frozen_map(value: Mapping[str, str] | None) -> Mapping[str, str]:
    if type(value) is FrozenMap:
        return value
    if not value:
        return _EMPTY  # immutable, so shared (most posts have no title, many media no alt)
    if isinstance(value, FrozenMap):
        return value
    return FrozenMap(value)


_EMPTY: Mapping[str, str] = FrozenMap()


def _networks(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _media(value: Iterable[Media]) -> tuple[Media, ...]:
    return tuple(value)


@attrs.frozen(cache_hash=True)
class Media:
    """An image, GIF or video attached to a post, with its alt text per language.

    `captions` (videos) maps a language to its caption file (SubRip ``.srt`` or WebVTT
    ``.vtt``, resolved like `path`) or to ``"burned-in"`` when the captions are drawn
    in the picture. Immutable and hashable: `alt` and `captions` are read-only mappings.
    """

    path: str | None = None
    url: str | None = None
    kind: str = "image"
    alt: Mapping[str, str] = attrs.field(default=_EMPTY, converter=_frozen_map)
    captions: Mapping[str, str] = attrs.field(default=_EMPTY, converter=_frozen_map)

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
        if self.captions:
            out["captions"] = dict(self.captions)
        return out


@attrs.frozen
class Suppression:
    """A post's own decision to accept a finding (``"ignore": [{"code", "reason"}]``).

    `code` is a rule code or prefix; `reason` says why, and is shown wherever the
    suppressed finding is reported (it is never dropped silently).
    """

    code: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "reason": self.reason}


@attrs.frozen(cache_hash=True)
class Post:
    """One post: its text per language (BCP 47 keys), the networks it goes to, its media.

    The order of `text` keys is meaningful: it is the order a combined
    (multilingual) post is rendered in.  A post is immutable and hashable: `text`,
    `title` and each medium's `alt` are read-only mappings (``post.text["ca"] = "x"``
    raises TypeError; make a changed copy with ``attrs.evolve(post, text={...})``), and
    equal posts hash alike, so posts can be set members and dictionary keys.
    """

    networks: tuple[str, ...] = attrs.field(converter=_networks)
    text: Mapping[str, str] = attrs.field(converter=_frozen_map)
    id: str | None = None
    account: str | None = None
    title: Mapping[str, str] = attrs.field(default=_EMPTY, converter=_frozen_map)
    media: tuple[Media, ...] = attrs.field(default=(), converter=_media)
    scheduled_at: dt.datetime | None = None
    kind: str | None = None
    ignore: tuple[Suppression, ...] = ()

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Post:
        """Build a post from JSON-like data; anything off-schema raises InputError.

        The error names the JSON pointer of the offending value and what was
        expected (and `source`, e.g. the file name, when given).
        """
        if not _plainly_valid(data):
            from govsocial._schemas import describe_error, validator

            # The first errors only: a 200,000-item array of bad values has as many errors.
            first = itertools.islice(validator("post").iter_errors(data), 100)
            error = next(iter(sorted(first, key=_error_key)), None)
            if error is not None:
                where, message = describe_error(error)
                raise InputError(message, source=source, where=where)
        if cls is not Post:  # a subclass: its own class call
            return _class_call(cls, data, source)
        return _new_post(data, source)

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
        if self.ignore:
            out["ignore"] = [i.to_dict() for i in self.ignore]
        return out


def _media_of(m: Mapping[str, Any]) -> Media:
    """A media item of a valid post's data."""
    return Media(
        path=m.get("path"),
        url=m.get("url"),
        kind=m.get("kind", "image"),
        alt=m.get("alt", {}),
        captions=m.get("captions", {}),
    )


def _class_call(cls: type[Post], data: Any, source: str | None) -> Post:
    """The post of `data` (valid against the post schema) through the class call."""
    scheduled = None
    if "scheduled_at" in data:
        scheduled = _parse_datetime(data["scheduled_at"], source=source)
    return cls(
        networks=tuple(data["networks"]),
        text=data["text"],
        id=data.get("id"),
        account=data.get("account"),
        title=data.get("title", {}),
        media=tuple(map(_media_of, data.get("media", ()))),
        scheduled_at=scheduled,
        kind=data.get("kind"),
        ignore=tuple(
            Suppression(code=i["code"], reason=i["reason"]) for i in data.get("ignore", ())
        ),
    )


_PostBuild = assigning(Post)


def _new_post(data: Any, source: str | None) -> Post:
    """:func:`_class_call` for Post, built without the class call (see govsocial._frozen):
    the same value, a few times cheaper to make (a test compares the two on arbitrary
    valid data)."""
    get = data.get
    when = get("scheduled_at")
    scheduled = None if when is None else _parse_datetime(when, source=source)
    text = data["text"]
    title = get("title")
    media = get("media")
    ignore = get("ignore")
    p: Any = object.__new__(_PostBuild)
    p.networks = tuple(data["networks"])
    p.text = frozen_map_of(text) if text else _EMPTY
    p.id = get("id")
    p.account = get("account")
    p.title = frozen_map_of(title) if title else _EMPTY
    p.media = tuple(map(_media_of, media)) if media else ()
    p.scheduled_at = scheduled
    p.kind = get("kind")
    p.ignore = (
        tuple(Suppression(code=i["code"], reason=i["reason"]) for i in ignore) if ignore else ()
    )
    p._attrs_cached_hash = None
    p.__class__ = Post
    out: Post = p
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


def load_posts(
    source: str | Path | IO[str], *, name: str | None = None, limits: Limits | None = None
) -> list[tuple[str, Post]]:
    """The posts of a JSON file or open text stream: one post, or an array of posts.

    Each comes with its name for reports: ``name`` (default: the path as given, or the
    stream's name), with ``[i]`` appended for the i-th post of an array. An unreadable
    file, invalid JSON, a key given twice, nesting or a size over `limits`, an empty
    array and an off-schema post raise :class:`InputError` naming it (and the line, or
    the JSON pointer of the value).
    """
    from govsocial._io import parse_json, read_json
    from govsocial.limits import DEFAULT_LIMITS

    limits = limits if limits is not None else DEFAULT_LIMITS
    if isinstance(source, (str, Path)):
        label = name if name is not None else str(source)
        data = read_json(Path(source), limits=limits)
    else:
        from govsocial._io import read_stdin

        label = name if name is not None else str(getattr(source, "name", "<stream>"))
        text = read_stdin(limits=limits, stream=source)
        data = parse_json(text, source=label, limits=limits)
    items = post_items(data, source=label, limits=limits)
    return [(item_name, Post.from_dict(item, source=item_name)) for item_name, item in items]


def post_items(data: Any, *, source: str, limits: Limits | None = None) -> list[tuple[str, Any]]:
    """The posts a decoded file holds, each with its name for reports: one post, or an
    array of them named ``source[i]``. An empty array and more posts than
    ``limits.max_posts_per_file`` raise :class:`InputError` naming the file (a file
    that checks nothing must not read as clean)."""
    from govsocial.limits import DEFAULT_LIMITS, over_limit

    limits = limits if limits is not None else DEFAULT_LIMITS
    if not isinstance(data, list):
        return [(source, data)]
    if not data:
        raise InputError("the file holds an empty array; expected a post or posts", source=source)
    if len(data) > limits.max_posts_per_file:
        raise InputError(
            over_limit(
                "max_posts_per_file",
                len(data),
                limits.max_posts_per_file,
                f"the file holds {len(data):,} posts",
            ),
            source=source,
        )
    return [(f"{source}[{i}]", item) for i, item in enumerate(data)]
