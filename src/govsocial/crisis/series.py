"""Count series as CSV (``timestamp,value``) and durations such as ``12h``."""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable, Iterator

import attrs

from govsocial._durations import parse_duration
from govsocial.errors import InputError

__all__ = ["Point", "parse_duration", "parse_timestamp", "read_series"]


def parse_timestamp(text: str, *, tz: dt.tzinfo | None = None) -> dt.datetime:
    """An ISO 8601 / RFC 3339 time.

    As everywhere in govsocial, a time without a UTC offset is refused (ValueError)
    unless the zone it is in is named: `tz` (e.g. ``ZoneInfo("Europe/Madrid")`` or
    ``datetime.UTC``) is the zone of such times.  Guessing would shift every time by
    the gap between the guess and the truth.
    """
    t = dt.datetime.fromisoformat(text.strip())
    if t.tzinfo is not None and t.utcoffset() is not None:
        return t
    if tz is None:
        raise ValueError(_naive(text))
    return t.replace(tzinfo=tz)


def _naive(text: str) -> str:
    return (
        f"{text.strip()!r} has no UTC offset; add one (Z, +01:00) or name the zone "
        "the times are in (tz=..., --tz Europe/Madrid)"
    )


@attrs.frozen
class Point:
    """One row of a count series, with its text kept as given."""

    line: int
    timestamp: str
    value: str
    seconds: float
    count: float


def read_series(
    lines: Iterable[str], *, source: str = "<input>", tz: dt.tzinfo | None = None
) -> Iterator[Point]:
    """Rows of a ``timestamp,value`` CSV (header first; other columns are ignored).

    A timestamp without a UTC offset is an error unless `tz` names the zone such
    timestamps are in (see :func:`parse_timestamp`).

    Every row is checked before it is used: a missing or unparsable timestamp, a value
    that is not a finite number >= 0, and a timestamp that is not after the previous row
    (unsorted or duplicate) raise :class:`InputError` naming the line. Gaps are allowed:
    the detector weighs each update by the time elapsed and takes the seasonal slot from
    the timestamp, so missing rows are not imputed as zeros.
    """
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(
            "empty file; expected a header row 'timestamp,value'", source=source
        ) from None
    except csv.Error as e:
        raise InputError(f"not CSV: {e}", source=source, line=1) from None
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "timestamp" not in names or "value" not in names:
        raise InputError(
            f"header {','.join(header)!r}: expected the columns 'timestamp' and 'value'",
            source=source,
            line=1,
        )
    ti, vi = names.index("timestamp"), names.index("value")
    width = max(ti, vi) + 1
    previous: float | None = None
    previous_line = 0
    try:
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) < width:
                raise InputError(
                    f"expected {len(header)} columns, got {len(row)}", source=source, line=line
                )
            ts, raw = row[ti], row[vi]
            try:
                t = dt.datetime.fromisoformat(ts.strip())
            except ValueError:
                raise InputError(
                    f"timestamp {ts!r}: expected ISO 8601 such as 2026-03-01T09:05:00+01:00 "
                    "(or 2026-03-01 09:05:00 with the zone given by tz / --tz)",
                    source=source,
                    line=line,
                ) from None
            if t.tzinfo is None or t.utcoffset() is None:
                if tz is None:
                    raise InputError(_naive(ts), source=source, line=line)
                t = t.replace(tzinfo=tz)
            seconds = t.timestamp()
            try:
                count = float(raw)
            except ValueError:
                count = math.nan
            if not (count >= 0 and math.isfinite(count)):
                raise InputError(
                    f"value {raw!r}: expected a count, a finite number >= 0",
                    source=source,
                    line=line,
                )
            if previous is not None and seconds <= previous:
                kind = "repeats" if seconds == previous else "is earlier than"
                raise InputError(
                    f"timestamp {ts!r} {kind} the one on line {previous_line}; "
                    "sort the rows by time and add up the counts of duplicate timestamps",
                    source=source,
                    line=line,
                )
            previous, previous_line = seconds, line
            yield Point(line, ts, raw, seconds, count)
    except csv.Error as e:
        raise InputError(f"not CSV: {e}", source=source, line=reader.line_num) from None
