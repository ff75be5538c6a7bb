"""Messages of a conversation: inbound from citizens, outbound from the account.

One :class:`Message` per line of a JSON Lines log (``schemas/message.schema.json``);
:func:`read_messages` reads such a log and names the line of any bad record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

import attrs

from govsocial._io import parse_rfc3339
from govsocial.errors import InputError

__all__ = ["Direction", "Message", "parse_time", "read_messages"]

Direction = Literal["in", "out"]


#: Message times: RFC 3339 with a UTC offset; ValueError naming ``where`` otherwise.
parse_time = parse_rfc3339


_OPTIONAL = ("account", "network", "author", "lang", "kind", "text")


@attrs.frozen
class Message:
    """One message of a conversation (``schemas/message.schema.json``)."""

    conversation: str
    direction: Direction
    at: dt.datetime
    account: str | None = None
    network: str | None = None
    author: str | None = None
    lang: str | None = None
    kind: str | None = None
    text: str | None = None
    line: int | None = attrs.field(default=None, eq=False)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, line: int | None = None) -> Message:
        """Validate and build; raises ValueError naming the field and what was expected."""
        if not isinstance(d, Mapping):
            raise ValueError(f"expected a JSON object, got {type(d).__name__}")
        unknown = set(d) - {"conversation", "direction", "at", *_OPTIONAL}
        if unknown:
            raise ValueError(
                f"unknown field(s) {', '.join(sorted(unknown))}; expected conversation, "
                "direction, at, account, network, author, lang, kind, text"
            )
        for key in ("conversation", "direction", "at"):
            if key not in d:
                raise ValueError(f"missing required field {key!r}")
        conv = d["conversation"]
        if isinstance(conv, int) and not isinstance(conv, bool):
            conv = str(conv)
        if not isinstance(conv, str) or not conv:
            raise ValueError(f"conversation: expected a non-empty string id, got {conv!r}")
        direction = d["direction"]
        if direction not in ("in", "out"):
            raise ValueError(f"direction: expected 'in' or 'out', got {direction!r}")
        at = parse_time(d["at"], "at")
        opt: dict[str, str | None] = {}
        for key in _OPTIONAL:
            v = d.get(key)
            if v is not None and not isinstance(v, str):
                raise ValueError(f"{key}: expected a string, got {v!r}")
            opt[key] = v
        return cls(conv, direction, at, line=line, **opt)


def read_messages(
    lines: Iterable[str] | Iterable[bytes], *, source: str = "<input>"
) -> Iterator[Message]:
    """Messages from JSON Lines (bytes are read as UTF-8); a bad line raises :class:`InputError` naming it."""
    from govsocial._io import iter_jsonl

    for number, obj in iter_jsonl(lines, source=source):
        try:
            yield Message.from_dict(obj, line=number)
        except ValueError as e:
            raise InputError(str(e), source=source, line=number) from None
