"""The ``responsiveness`` section of a policy: how the institution measures itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from govsocial.errors import PolicyError, UsageError
from govsocial.responsiveness.aggregators import aggregate
from govsocial.responsiveness.calculator import Calculator
from govsocial.responsiveness.calendar import BusinessCalendar
from govsocial.responsiveness.conventions import get_convention

__all__ = ["ResponsivenessPolicy", "policy_from_mapping"]


@attrs.frozen
class ResponsivenessPolicy:
    """The ``responsiveness`` section of a policy: how the institution measures itself."""

    convention: str = "meta"
    calendar: BusinessCalendar | None = None
    sla: str | None = None
    aggregator: str | None = None
    no_reply_phrases: tuple[str, ...] = ()
    off_hours_replies: str = "business-time"

    def options(self) -> dict[str, Any]:
        """Keyword arguments for :func:`responsiveness` / :class:`Calculator`."""
        return {
            "calendar": self.calendar,
            "sla": self.sla,
            "aggregator": self.aggregator,
            "no_reply_phrases": self.no_reply_phrases,
            "off_hours_replies": self.off_hours_replies,
        }


_POLICY_KEYS = {
    "convention",
    "tz",
    "hours",
    "days",
    "holidays",
    "sla",
    "aggregator",
    "no_reply",
    "off_hours_replies",
}


def policy_from_mapping(data: Any, *, where: str = "/responsiveness") -> ResponsivenessPolicy:
    """Validate a policy's ``responsiveness`` section::

    responsiveness:
      convention: meta          # meta | meta-2016 | calendar
      tz: Europe/Madrid
      hours: "09:00-15:00"      # or a list of intervals; omit for calendar time
      days: mon-fri
      holidays: ES-CT
      sla: 2 working days       # or 2h, 24h
      no_reply: [moltes mercès] # extra phrases that need no reply
    """
    if not isinstance(data, Mapping):
        raise PolicyError("expected a mapping", where=where)
    unknown = sorted(set(data) - _POLICY_KEYS)
    if unknown:
        raise PolicyError(
            f"unknown key {unknown[0]!r}; expected one of {', '.join(sorted(_POLICY_KEYS))}",
            where=f"{where}/{unknown[0]}",
        )
    for key in ("convention", "tz", "days", "holidays", "sla", "aggregator", "off_hours_replies"):
        if key in data and not isinstance(data[key], str):
            raise PolicyError(f"expected a string, got {data[key]!r}", where=f"{where}/{key}")
    try:
        convention = get_convention(data.get("convention", "meta")).name
        if "aggregator" in data:
            aggregate([], data["aggregator"])
        calendar = None
        if "hours" in data or "holidays" in data:
            calendar = BusinessCalendar.build(
                data.get("tz", "Europe/Madrid"),
                data.get("hours", "09:00-17:00"),
                days=data.get("days", "mon-fri"),
                holidays=data.get("holidays"),
            )
        sla = data.get("sla")
        off = data.get("off_hours_replies", "business-time")
        Calculator(convention, calendar=calendar, sla=sla, off_hours_replies=off)
    except UsageError as e:
        raise PolicyError(str(e), where=where) from None
    phrases = data.get("no_reply", [])
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise PolicyError("expected a list of phrases", where=f"{where}/no_reply")
    return ResponsivenessPolicy(
        convention, calendar, sla, data.get("aggregator"), tuple(phrases), off
    )
