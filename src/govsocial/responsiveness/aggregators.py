"""How response times are summed up into one figure: mean, median, p90, fastest 90%."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable

from govsocial.errors import UsageError

__all__ = ["AGGREGATORS", "aggregate"]


def _fastest90(values: list[float]) -> float:
    k = max(1, math.ceil(0.9 * len(values)))
    return statistics.fmean(sorted(values)[:k])


def _p90(values: list[float]) -> float:
    s = sorted(values)
    # Nearest-rank percentile: the smallest value with at least 90% of values at or below.
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


AGGREGATORS: dict[str, Callable[[list[float]], float]] = {
    "mean": statistics.fmean,
    "median": _median,
    "p90": _p90,
    "fastest90-mean": _fastest90,
}


def aggregate(seconds: Iterable[float], how: str) -> float | None:
    """Aggregate response times (seconds): mean, median, p90 (nearest rank) or
    fastest90-mean (mean of the fastest ceil(90%))."""
    fn = AGGREGATORS.get(how)
    if fn is None:
        raise UsageError(f"unknown aggregator {how!r}; expected one of {', '.join(AGGREGATORS)}")
    values = list(seconds)
    return float(fn(values)) if values else None
