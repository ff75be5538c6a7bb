"""The ``responsiveness`` section of a policy: how the institution measures itself."""

from __future__ import annotations

from typing import Any

import attrs

from govsocial._durations import parse_working_days
from govsocial.errors import PolicyError, UsageError
from govsocial.responsiveness.calendar import BusinessCalendar, parse_hours
from govsocial.responsiveness.conventions import get_convention
from govsocial.timezones import ZONE_EXAMPLE, zone_named

__all__ = ["ResponsivenessPolicy", "policy_from_mapping"]


@attrs.frozen
class ResponsivenessPolicy:
    """The ``responsiveness`` section of a policy: how the institution measures itself."""

    convention: str = "meta"
    calendar: BusinessCalendar | None = None
    sla: str | float | None = None
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

    Its shape is checked by ``schemas/policy.schema.json`` (``$defs/responsiveness``);
    what a schema cannot say is checked here: that the time zone and the holiday
    calendar exist, that office hours end after they start, and that an SLA in working
    days has office hours to count them in.
    """
    from govsocial._schemas import first_error

    problem = first_error("policy", data, section="responsiveness")
    if problem is not None:
        at, message = problem
        raise PolicyError(message, where=where + (at if at != "/" else ""))
    tz = data.get("tz", "Europe/Madrid")
    if zone_named(tz) is None:
        raise PolicyError(f"unknown time zone {tz!r}; expected {ZONE_EXAMPLE}", where=f"{where}/tz")
    hours = data.get("hours", "09:00-17:00")
    for i, h in enumerate([hours] if isinstance(hours, str) else hours):
        try:
            parse_hours(h)
        except UsageError as e:
            at = f"{where}/hours" + ("" if isinstance(hours, str) else f"/{i}")
            raise PolicyError(str(e), where=at) from None
    calendar = None
    if "hours" in data or "holidays" in data:
        try:
            calendar = BusinessCalendar.build(
                tz, hours, days=data.get("days", "mon-fri"), holidays=data.get("holidays")
            )
        except UsageError as e:  # only the holiday calendar is left to fail
            raise PolicyError(str(e), where=f"{where}/holidays") from None
    sla = data.get("sla")
    if parse_working_days(sla) is not None and calendar is None:
        raise PolicyError(
            f"an SLA in working days ({sla!r}) needs office hours: add hours or holidays",
            where=f"{where}/sla",
        )
    return ResponsivenessPolicy(
        get_convention(data.get("convention", "meta")).name,
        calendar,
        sla,
        data.get("aggregator"),
        tuple(data.get("no_reply", ())),
        data.get("off_hours_replies", "business-time"),
    )
