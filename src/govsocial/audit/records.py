"""Published posts as the audit reads them: one JSON object per line.

A line is a post in govsocial's post format (``schemas/post.schema.json``) plus what
publishing added: ``published_at`` (RFC 3339 with an offset; a post not yet out is
audited at its ``scheduled_at``), ``account`` (the
registry id or the handle), ``network`` (where it was published; optional when the
post names exactly one network), and optionally ``repost`` (a share, retweet or
boost of someone else's post), ``url`` (where it can be seen) and ``engagement``
(counts such as likes, shares, comments, views).  A line that cannot be read is not
dropped: it becomes an :class:`InvalidLine` that the audit reports.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from govsocial.errors import InputError
from govsocial.model import Post
from govsocial.networks.spec import NETWORK_IDS

__all__ = ["InvalidLine", "PublishedPost", "parse_published", "read_published"]

_PUBLISHING_KEYS = frozenset({"published_at", "network", "repost", "url", "engagement"})
_MAX_LINE = 1_000_000  # characters; a post is far shorter than this
#: The bytes of a line read at most (four UTF-8 bytes per character and a CRLF): a longer
#: line is longer than ``_MAX_LINE`` characters, and is dropped as it is read.
MAX_LINE_BYTES = 4 * _MAX_LINE + 2
TOO_LONG = f"line longer than {_MAX_LINE:,} characters; not read"


@attrs.frozen
class PublishedPost:
    """A post as it was published: on one network, by one account, at one moment."""

    post: Post
    network: str
    account: str
    published_at: dt.datetime
    repost: bool = False
    url: str | None = None
    engagement: Mapping[str, int] = attrs.field(factory=dict)
    line: int | None = None


@attrs.frozen
class InvalidLine:
    """A line the audit could not read, with the reason, in its report."""

    line: int
    message: str


def _fail(message: str, where: str | None = None) -> InputError:
    return InputError(message, where=where)


def parse_published(data: Any, *, line: int | None = None) -> PublishedPost:
    """Build a :class:`PublishedPost` from one decoded line; raise InputError naming the key."""
    if not isinstance(data, Mapping):
        raise _fail(f"expected a JSON object (a published post), got {type(data).__name__}")
    # a scheduled post (not yet out) is audited at the time it is scheduled for
    key = "published_at" if "published_at" in data or "scheduled_at" not in data else "scheduled_at"
    when = data.get(key)
    if not isinstance(when, str):
        raise _fail(
            "expected 'published_at' (or 'scheduled_at' for a post not yet out), an RFC 3339 "
            "date-time with offset",
            f"/{key}",
        )
    try:
        published_at = dt.datetime.fromisoformat(when)
    except ValueError:
        raise _fail(
            f"{when[:40]!r} is not an RFC 3339 date-time such as '2026-05-04T09:30:00+02:00'",
            f"/{key}",
        ) from None
    if published_at.tzinfo is None or published_at.utcoffset() is None:
        raise _fail(
            f"{when[:40]!r} has no UTC offset; expected e.g. '2026-05-04T09:30:00+02:00' "
            "(a time without offset could be any of 24 hours)",
            f"/{key}",
        )
    post_data = {k: v for k, v in data.items() if k not in _PUBLISHING_KEYS}
    network = data.get("network")
    if network is None:
        networks = post_data.get("networks")
        if isinstance(networks, list) and len(networks) == 1:
            network = networks[0]
        else:
            raise _fail("expected 'network', where the post was published", "/network")
    if network not in NETWORK_IDS:
        raise _fail(
            f"{str(network)[:40]!r} is not a network; expected one of: {', '.join(NETWORK_IDS)}",
            "/network",
        )
    post_data["networks"] = [network]
    account = data.get("account")
    if not isinstance(account, str) or not account.strip():
        raise _fail("expected 'account', the registry id or handle that published it", "/account")
    repost = data.get("repost", False)
    if not isinstance(repost, bool):
        raise _fail(f"expected 'repost' to be true or false, got {repost!r:.40}", "/repost")
    url = data.get("url")
    if url is not None and not isinstance(url, str):
        raise _fail(f"expected 'url' to be a string, got {type(url).__name__}", "/url")
    engagement = data.get("engagement", {})
    if not isinstance(engagement, Mapping) or not all(
        isinstance(k, str) and type(v) is int and v >= 0 for k, v in engagement.items()
    ):
        raise _fail(
            "expected 'engagement' to map names to counts (non-negative integers), "
            "e.g. {'likes': 12, 'shares': 3}",
            "/engagement",
        )
    if repost and not post_data.get("text"):
        post_data.setdefault("text", {})
    post = Post.from_dict(post_data)
    return PublishedPost(
        post=post,
        network=network,
        account=account.removeprefix("@"),
        published_at=published_at,
        repost=repost,
        url=url,
        engagement=dict(engagement),
        line=line,
    )


def read_published(
    lines: Iterable[str], *, first_line: int = 1
) -> Iterator[PublishedPost | InvalidLine]:
    """Parse JSON Lines of published posts; blank lines are skipped, bad ones reported."""
    for number, text in enumerate(lines, start=first_line):
        if not text.strip():
            continue
        if len(text) > _MAX_LINE:
            yield InvalidLine(number, TOO_LONG)
            continue
        try:
            data = json.loads(text)
            yield parse_published(data, line=number)
        except (json.JSONDecodeError, RecursionError) as exc:
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield InvalidLine(number, f"invalid JSON: {detail}")
        except InputError as exc:
            yield InvalidLine(number, str(exc))
