"""Durations as people write them, one grammar for policies, options and data files.

A duration is a number and a unit (``90s``, ``15m`` or ``15min``, ``2h``, ``1.5h``,
``7d``, ``2w``; one space may separate them), or a number of seconds (a YAML or JSON
number).  The pattern below is the one ``schemas/policy.schema.json`` uses for
``$defs/duration``; a test holds the two equal, so the schema and the parser never
disagree about what a duration is.  A response deadline may also be written in working
days (``2 working days``, ``2wd``): :data:`WORKING_DAYS_PATTERN`.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from govsocial.errors import UsageError

__all__ = [
    "DURATION_PATTERN",
    "WORKING_DAYS_PATTERN",
    "parse_duration",
    "parse_working_days",
]

#: A number and a unit (``$(?!\n)``: the end of the string, as ECMA-262 reads ``$``).
DURATION_PATTERN = r"^[0-9]+(\.[0-9]+)? ?(s|m|min|h|d|w)$(?!\n)"
#: A whole number of working days.
WORKING_DAYS_PATTERN = r"^[0-9]+ ?(working days?|wd)$(?!\n)"

_DURATION = re.compile(DURATION_PATTERN)
_WORKING_DAYS = re.compile(WORKING_DAYS_PATTERN)
_UNITS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}

EXPECTED = "a duration such as 90s, 15m, 2h, 7d or 2w (or a number of seconds)"


def parse_duration(value: str | float | dt.timedelta, *, where: str = "duration") -> float:
    """Seconds in a duration (see the module's docstring); UsageError naming `where`."""
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
        if seconds >= 0:
            return seconds
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if value >= 0 and math.isfinite(value):
            return float(value)
    elif isinstance(value, str):
        m = _DURATION.search(value)
        if m is not None:
            seconds = float(value[: m.start(2)].rstrip()) * _UNITS[m.group(2)]
            if math.isfinite(seconds):
                return seconds
    raise UsageError(f"{where}: expected {EXPECTED}, got {value!r}")


def parse_working_days(value: object) -> int | None:
    """The number of days in ``2 working days`` or ``2wd``; None if `value` is not so written."""
    m = _WORKING_DAYS.search(value) if isinstance(value, str) else None
    if m is None:
        return None
    return int(m.string[: m.start(1)].rstrip())
