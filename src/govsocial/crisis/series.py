"""Count series as CSV (``timestamp,value``) and durations such as ``12h``."""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable, Iterator

import attrs

from govsocial._durations import parse_duration
from govsocial.crisis.spikes import SpikeDetector, SpikeUpdate
from govsocial.errors import InputError

__all__ = ["Point", "parse_duration", "parse_timestamp", "read_series", "score_series"]


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
    late: bool = False
    """True when the timestamp is not after every earlier row's (repeated or out of order)."""


def read_series(
    lines: Iterable[str] | Iterable[bytes],
    *,
    source: str = "<input>",
    tz: dt.tzinfo | None = None,
) -> Iterator[Point]:
    """Rows of a ``timestamp,value`` CSV (header first; other columns are ignored).

    Every row is checked before it is used: a missing or unparsable timestamp and a value
    that is not a finite number raise :class:`InputError` naming the line. Rows are
    yielded in the file's order; a row whose timestamp is not after every earlier one (a
    repeated hour at a daylight-saving change, a row out of order) is marked ``late``:
    the detector's clock never goes back, so such rows are scored but not learnt (see
    docs/crisis.md). Gaps are allowed: the detector weighs each update by the time elapsed
    and takes the seasonal slot from the timestamp, so missing rows are not imputed.
    Lines given as bytes are decoded as UTF-8 one by one (a bad byte names its line).

    A timestamp without a UTC offset is read in `tz`, or in UTC when none is given: series
    exports (NAB's among them) write UTC without an offset, and for a series the zone only
    relabels the daily slots, never the spacing the detector learns. (Single moments, such
    as ``crisis assess --at``, messages and mentions, are refused without an offset.)
    """
    from govsocial._io import read_lines

    reader = csv.reader(read_lines(lines, source=source))
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
    latest: float | None = None
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
                seconds = parse_timestamp(ts, tz=tz or dt.UTC).timestamp()
            except ValueError:
                raise InputError(
                    f"timestamp {ts!r}: expected ISO 8601 such as 2026-03-01 09:05:00 "
                    "or 2026-03-01T09:05:00+01:00",
                    source=source,
                    line=line,
                ) from None
            try:
                count = float(raw)
            except ValueError:
                count = math.nan
            if not math.isfinite(count):
                raise InputError(
                    f"value {raw!r}: expected a finite number", source=source, line=line
                )
            late = latest is not None and seconds <= latest
            if not late:
                latest = seconds
            yield Point(line, ts, raw, seconds, count, late)
    except csv.Error as e:
        raise InputError(f"not CSV: {e}", source=source, line=reader.line_num) from None


def score_series(
    points: Iterable[Point], detector: SpikeDetector, *, source: str = "<input>"
) -> Iterator[tuple[Point, SpikeUpdate]]:
    """Each point with the detector's verdict, in the order given.

    A ``late`` point (repeated or out-of-order timestamp) is scored against the current
    baseline without being learnt and never alerts: the detector's clock does not go
    back. Any other point is learnt. A value the detector refuses (a negative or
    fractional value for ``model="count"``) raises :class:`InputError` naming its line.
    """
    for p in points:
        try:
            u = detector.hold(p.seconds, p.count) if p.late else detector.update(p.seconds, p.count)
        except ValueError as e:
            raise InputError(str(e), source=source, line=p.line) from None
        yield p, u
