"""Business time: office hours in a time zone, minus public holidays (Zendesk-style).

A :class:`BusinessCalendar` measures the open time between two instants. Opening hours
are wall-clock times in the calendar's zone, built for each local day with ``zoneinfo``,
so a day of a DST change is as long as its office hours really are. Holidays come from
the ``holidays`` package (country and region, e.g. ``ES-CT``) plus any extra dates.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from govsocial.errors import UsageError
from govsocial.timezones import ZONE_EXAMPLE, zone_named

_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def parse_hours(text: str) -> tuple[dt.time, dt.time]:
    """``"09:00-17:00"`` → (09:00, 17:00). The end may be ``24:00``."""
    m = _HOURS.match(text.strip())
    if not m:
        raise UsageError(f"office hours {text!r}: expected HH:MM-HH:MM, e.g. 09:00-17:00")
    start = dt.time(int(m.group(1)), int(m.group(2)))
    end = dt.time.max if m.group(3) == "24" else dt.time(int(m.group(3)), int(m.group(4)))
    if end <= start:
        raise UsageError(f"office hours {text!r}: the end must be after the start")
    return start, end


@functools.lru_cache(maxsize=64)
def _holiday_table(country: str, subdiv: str | None, year: int) -> frozenset[dt.date]:
    try:
        import holidays
    except ImportError as e:  # pragma: no cover - holidays is a dependency
        raise UsageError("public holidays need the holidays package") from e
    try:
        table = holidays.country_holidays(country, subdiv=subdiv, years=year)
    except NotImplementedError:
        raise UsageError(
            f"unknown holiday calendar {country!r}; expected an ISO country code such as ES"
        ) from None
    except Exception as e:  # holidays raises plain exceptions for unknown regions
        raise UsageError(f"holiday calendar {country}-{subdiv}: {e}") from None
    return frozenset(table.keys())


def _validate_calendar(country: str, subdiv: str | None) -> None:
    """Raise UsageError unless the holidays package has this calendar. One found valid is
    remembered in govsocial's cache for this install of holidays (its path, size and
    time), so that a later process (a pre-commit run that loads the policy) does not
    import holidays and build a year, about 0.13 s, before it needs the days."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:  # pragma: no cover - holidays is a dependency
        _holiday_table(country, subdiv, 2026)
        return
    import numpy as np

    from govsocial.cache import cached_arrays, file_key

    origin = Path(spec.origin)
    st = origin.stat()
    key = file_key(origin, extra=f"{country}\0{subdiv}\0{origin}\0{st.st_size}\0{st.st_mtime_ns}")

    def build() -> dict[str, object]:
        _holiday_table(country, subdiv, 2026)  # raises for an unknown calendar: not kept
        return {"valid": np.ones(1, dtype=np.uint8)}

    def fits(arrays: Any) -> None:
        if arrays["valid"].tolist() != [1]:
            raise ValueError("a cached calendar check that cannot be")

    cached_arrays("holiday-calendar", key, build, fits)


@attrs.frozen
class BusinessCalendar:
    """Office hours per weekday in a time zone, closed on public holidays.

    >>> cal = BusinessCalendar.build("Europe/Madrid", "09:00-17:00", holidays="ES-CT")
    """

    zone: str
    hours: tuple[tuple[tuple[dt.time, dt.time], ...], ...]  # per weekday Mon..Sun
    country: str | None = None
    subdiv: str | None = None
    extra_holidays: frozenset[dt.date] = frozenset()

    @classmethod
    def build(
        cls,
        zone: str = "Europe/Madrid",
        hours: str | Iterable[str] = "09:00-17:00",
        *,
        days: str = "mon-fri",
        holidays: str | None = None,
        extra_holidays: Iterable[dt.date] = (),
    ) -> BusinessCalendar:
        """``hours`` is one or more ``HH:MM-HH:MM`` intervals, ``days`` a range such as
        ``mon-fri`` or a list ``mon,tue,thu``; ``holidays`` a calendar like ``ES`` or
        ``ES-CT`` (country and region, ISO 3166)."""
        if zone_named(zone) is None:
            raise UsageError(f"unknown time zone {zone!r}; expected {ZONE_EXAMPLE}")
        intervals = tuple(
            sorted(parse_hours(h) for h in ([hours] if isinstance(hours, str) else hours))
        )
        open_days = _parse_days(days)
        table = tuple(intervals if d in open_days else () for d in range(7))
        country = subdiv = None
        if holidays:
            country, _, sub = holidays.partition("-")
            subdiv = sub or None
            _validate_calendar(country, subdiv)  # now, not mid-computation
        return cls(zone, table, country, subdiv, frozenset(extra_holidays))

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def is_holiday(self, day: dt.date) -> bool:
        if day in self.extra_holidays:
            return True
        if self.country is None:
            return False
        return day in _holiday_table(self.country, self.subdiv, day.year)

    def _open_intervals(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        if self.is_holiday(day):
            return []
        tz = self.tz
        out = []
        for start, end in self.hours[day.weekday()]:
            a = dt.datetime.combine(day, start, tz)
            b = (
                dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tz)
                if end == dt.time.max
                else dt.datetime.combine(day, end, tz)
            )
            out.append((a, b))
        return out

    def is_open(self, t: dt.datetime) -> bool:
        """Whether the office is open at instant ``t``."""
        day = t.astimezone(self.tz).date()
        return any(a <= t < b for a, b in self._open_intervals(day))

    def duration(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Open time between two aware instants (zero if ``end`` <= ``start``)."""
        if end <= start:
            return dt.timedelta(0)
        tz = self.tz
        day = start.astimezone(tz).date()
        last = end.astimezone(tz).date()
        total = dt.timedelta(0)
        while day <= last:
            for a, b in self._open_intervals(day):
                lo = max(a, start)
                hi = min(b, end)
                if hi > lo:
                    total += hi.astimezone(dt.UTC) - lo.astimezone(dt.UTC)
            day += dt.timedelta(days=1)
        return total

    def add(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """The instant when ``amount`` of open time has passed after ``start``."""
        tz = self.tz
        day = start.astimezone(tz).date()
        left = amount
        for _ in range(3660):  # ten years of days: a calendar with no open day stops here
            for a, b in self._open_intervals(day):
                lo = max(a, start)
                if b <= lo:
                    continue
                span = b.astimezone(dt.UTC) - lo.astimezone(dt.UTC)
                if span >= left:
                    return (lo.astimezone(dt.UTC) + left).astimezone(start.tzinfo)
                left -= span
            day += dt.timedelta(days=1)
        raise UsageError("the business calendar has no open hours")

    def working_days(self, n: int) -> dt.timedelta:
        """The open time of ``n`` full working days (for SLAs such as "2 working days")."""
        per_day = [
            sum(
                (
                    dt.datetime.combine(dt.date(2001, 1, 1), e if e != dt.time.max else dt.time(0))
                    - dt.datetime.combine(dt.date(2001, 1, 1), s)
                    + (dt.timedelta(days=1) if e == dt.time.max else dt.timedelta(0))
                    for s, e in day
                ),
                dt.timedelta(0),
            )
            for day in self.hours
            if day
        ]
        if not per_day:
            raise UsageError("the business calendar has no open hours")
        return max(per_day) * n


def _parse_days(spec: str) -> set[int]:
    out: set[int] = set()
    for part in spec.lower().replace(" ", "").split(","):
        a, _, b = part.partition("-")
        if a not in _DAYS or (b and b not in _DAYS):
            raise UsageError(f"office days {spec!r}: expected e.g. mon-fri or mon,wed,fri")
        lo, hi = _DAYS[a], _DAYS[b or a]
        out.update(range(lo, hi + 1) if lo <= hi else [*range(lo, 7), *range(hi + 1)])
    return out
