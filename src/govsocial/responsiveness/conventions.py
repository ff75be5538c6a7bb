"""Conventions: how a platform or tool defines response rate and time.

The facts live in ``data/responsiveness/conventions.yaml`` with their sources; see
docs/responsiveness.md.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Literal

import attrs

from govsocial._io import load_yaml_resource
from govsocial.errors import UsageError

__all__ = ["CONVENTIONS", "Convention", "get_convention"]


@attrs.frozen
class Convention:
    """How a platform or tool defines response rate and time. See docs/responsiveness.md."""

    name: str
    description: str
    source: str
    # What starts a request: "gap" = first inbound after `gap` with no message from either
    # side (Meta today); "unanswered" = first inbound since the account last replied.
    request: Literal["gap", "unanswered"]
    gap: dt.timedelta | None
    # When a request counts as answered: any reply, or only one on the same local day.
    answered: Literal["any", "same-day"]
    # Window: "before-last" = `window` before the last counted request, at least
    # `min_requests` (Meta); "rolling" = `window` before `as_of`.
    window_kind: Literal["before-last", "rolling", "all"]
    window: dt.timedelta | None
    min_requests: int
    aggregator: str
    excluded_inbound: frozenset[str]
    non_reply_kinds: frozenset[str]
    automated_replies_count: bool
    exclude_no_reply_needed: bool
    badge: tuple[float, dt.timedelta, dt.timedelta] | None = None  # rate, time, window


def _td(value: Any) -> dt.timedelta | None:
    if value is None:
        return None
    units = {"m": 60, "h": 3600, "d": 86400}
    text = str(value).strip()
    if text[-1:] in units and text[:-1].isdigit():
        return dt.timedelta(seconds=int(text[:-1]) * units[text[-1]])
    raise UsageError(f"duration {value!r}: expected e.g. 15m, 24h or 30d")


@functools.cache
def _conventions() -> dict[str, Convention]:
    data: Any = load_yaml_resource("responsiveness/conventions.yaml")
    out = {}
    for name, c in data["conventions"].items():
        badge = c.get("badge")
        out[name] = Convention(
            name=name,
            description=c["description"],
            source=c["source"],
            request=c["request"],
            gap=_td(c.get("gap")),
            answered=c["answered"],
            window_kind=c["window"]["kind"],
            window=_td(c["window"].get("length")),
            min_requests=int(c["window"].get("min_requests", 0)),
            aggregator=c["aggregator"],
            excluded_inbound=frozenset(c.get("excluded_inbound", ())),
            non_reply_kinds=frozenset(c.get("non_reply_kinds", ())),
            automated_replies_count=bool(c.get("automated_replies_count", True)),
            exclude_no_reply_needed=bool(c.get("exclude_no_reply_needed", False)),
            badge=(
                (float(badge["rate"]), _td(badge["time"]), _td(badge["window"]))  # type: ignore[arg-type]
                if badge
                else None
            ),
        )
    return out


#: Names of the built-in conventions.
CONVENTIONS: tuple[str, ...] = ("meta", "meta-2016", "calendar")


def get_convention(name: str | Convention) -> Convention:
    """A built-in convention by name (see :data:`CONVENTIONS`), or ``name`` itself."""
    if isinstance(name, Convention):
        return name
    table = _conventions()
    if name not in table:
        raise UsageError(f"unknown convention {name!r}; expected one of {', '.join(sorted(table))}")
    return table[name]
