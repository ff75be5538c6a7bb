"""Online volume-spike detection for counts of mentions per interval.

The detector sees one ``(timestamp, count)`` at a time, uses past data only and keeps a
constant amount of state (a few floats and one seasonal factor per slot of the day), so
it runs inside a stream processor as well as over a file. The model, in order:

1. **Seasonal baseline.** ``expected = level × season[slot]``: ``level`` is an
   exponentially weighted mean of the deseasonalised counts; ``season`` holds one
   multiplicative factor per slot of the seasonal period (24 hourly slots of a day by
   default), each a weighted mean of count / level in that slot.
2. **Overdispersed count test.** Mention counts vary far more than a Poisson law says;
   the variance is modelled as negative binomial, ``expected + phi × expected²``, with
   ``phi`` estimated online by the method of moments. The standardised excess is
   ``z = (count - expected) / sqrt(variance)``.
3. **Persistence.** A one-sided CUSUM accumulates evidence:
   ``S = max(0, S × decay + z - drift)``, the decay halving old evidence every
   ``evidence_half_life`` (a day) so that a huge burst is forgotten in days, not weeks.
   A single huge burst or a sustained moderate rise both push ``S`` up; noise does not.
4. **Alert, once per rise.** An alert fires when ``S`` reaches the threshold. The
   threshold is ``max(threshold, memory × peak)`` where ``peak`` is the largest evidence
   of earlier rises, decaying with ``memory_half_life``: an account used to big bursts
   needs a bigger one to alert. After an alert the detector stays quiet for at least
   ``cooldown`` and until the evidence has fallen under half the alert level; it then
   re-arms from zero. One rise gives one alert.
5. **Robust learning.** Counts above ``expected + clip × sd`` update the baseline as if
   they were at that bound: a burst does not teach the baseline that bursts are normal.

Time: every half-life is a duration; the weight of each update follows the time elapsed
since the previous one, so irregular or gapped series are handled without imputation
(the seasonal slot comes from the timestamp itself). Timestamps must strictly increase;
counts must be finite and non-negative: anything else raises ``ValueError``.

Parameters were chosen on the five NAB realTweets series of ``../shared/benchmarks`` and
are the same for every series (see benchmarks/crisis_spikes.py and docs/crisis.md).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import NamedTuple

__all__ = ["SpikeDetector", "SpikeUpdate"]


class SpikeUpdate(NamedTuple):
    """What :meth:`SpikeDetector.update` learnt from one point."""

    score: float
    """Anomaly score in [0, 1]: evidence / (evidence + threshold); 0.5 is the alert level."""
    alert: bool
    """True on the one point where a rise is first confirmed."""
    expected: float
    """The baseline's expected count for this point (before learning from it)."""
    z: float
    """Standardised excess of the count over the baseline (negative binomial variance)."""


def _seconds(value: dt.datetime | float | int) -> float:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.timestamp()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"timestamp: expected a datetime or seconds since the epoch, got {value!r}"
        )
    return float(value)


def _half_life(name: str, value: dt.timedelta | float) -> float:
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
    if not seconds > 0 or math.isinf(seconds):
        raise ValueError(f"{name}: expected a positive duration, got {value!r}")
    return seconds


class SpikeDetector:
    """Seasonal, overdispersion-aware, one-alert-per-rise spike detector.

    >>> d = SpikeDetector()
    >>> for i in range(2000):
    ...     _ = d.update(i * 300, 10)
    >>> d.update(2000 * 300, 400).alert
    True

    Durations are :class:`datetime.timedelta` or seconds. Defaults suit counts per
    5 minutes to per hour. The detector pickles: state saved mid-stream and restored
    gives the same results as an uninterrupted run.
    """

    __slots__ = (
        "_ae_cache",
        "_cool_left",
        "_dt_cache",
        "_first",
        "_last",
        "_n",
        "_peak",
        "clip",
        "cooldown",
        "dispersion_half_life",
        "drift",
        "evidence",
        "evidence_half_life",
        "level",
        "level_half_life",
        "memory",
        "memory_half_life",
        "peak_memory",
        "period",
        "phi",
        "season",
        "season_half_life",
        "slots",
        "threshold",
        "visits",
        "warmup",
    )

    def __init__(
        self,
        *,
        period: dt.timedelta | float = 86400.0,
        slots: int = 24,
        threshold: float = 30.0,
        drift: float = 1.0,
        memory: float = 0.5,
        memory_half_life: dt.timedelta | float = 28 * 86400.0,
        cooldown: dt.timedelta | float = 12 * 3600.0,
        warmup: dt.timedelta | float = 86400.0,
        level_half_life: dt.timedelta | float = 2 * 86400.0,
        season_half_life: dt.timedelta | float = 14 * 86400.0,
        dispersion_half_life: dt.timedelta | float = 7 * 86400.0,
        evidence_half_life: dt.timedelta | float = 86400.0,
        clip: float = 4.0,
    ) -> None:
        self.period = _half_life("period", period)
        if isinstance(slots, bool) or not isinstance(slots, int) or slots < 1:
            raise ValueError(f"slots: expected a positive integer, got {slots!r}")
        self.slots = slots
        for name, v in (("threshold", threshold), ("drift", drift), ("clip", clip)):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v < math.inf:
                raise ValueError(f"{name}: expected a positive number, got {v!r}")
        if isinstance(memory, bool) or not isinstance(memory, (int, float)) or not memory >= 0:
            raise ValueError(f"memory: expected a number >= 0, got {memory!r}")
        self.threshold = float(threshold)
        self.drift = float(drift)
        self.clip = float(clip)
        self.memory = float(memory)
        self.memory_half_life = _half_life("memory_half_life", memory_half_life)
        self.level_half_life = _half_life("level_half_life", level_half_life)
        self.season_half_life = _half_life("season_half_life", season_half_life)
        self.dispersion_half_life = _half_life("dispersion_half_life", dispersion_half_life)
        self.evidence_half_life = _half_life("evidence_half_life", evidence_half_life)
        cd = cooldown.total_seconds() if isinstance(cooldown, dt.timedelta) else float(cooldown)
        wu = warmup.total_seconds() if isinstance(warmup, dt.timedelta) else float(warmup)
        if not (0 <= cd < math.inf and 0 <= wu < math.inf):
            raise ValueError("cooldown and warmup: expected durations >= 0")
        self.cooldown = cd
        self.warmup = wu
        self.level: float | None = None
        self.season = [1.0] * slots
        self.visits = [0] * slots
        self._n = 0
        self.phi = 0.1  # prior: mention counts are overdispersed
        self.evidence = 0.0
        self.peak_memory = 0.0
        self._peak = 0.0
        self._first: float | None = None
        self._last: float | None = None
        self._cool_left = -1.0  # < 0: armed; >= 0: seconds of cooldown left after an alert
        self._dt_cache = -1.0
        self._ae_cache = (0.0, 0.0, 0.0, 1.0, 1.0)

    # ------------------------------------------------------------------ helpers

    def _weights(self, step: float) -> tuple[float, float, float, float, float]:
        """Update weights for a time step (cached: regular series reuse them)."""
        if step != self._dt_cache:
            self._dt_cache = step
            self._ae_cache = (
                1.0 - 0.5 ** (step / self.level_half_life),
                1.0 - 0.5 ** (step * self.slots / self.season_half_life),
                1.0 - 0.5 ** (step / self.dispersion_half_life),
                0.5 ** (step / self.memory_half_life),
                0.5 ** (step / self.evidence_half_life),
            )
        return self._ae_cache

    def expected(self, timestamp: dt.datetime | float) -> float | None:
        """The baseline's expected count at `timestamp` (None before the first point)."""
        if self.level is None:
            return None
        t = _seconds(timestamp)
        slot = int((t % self.period) * self.slots // self.period)
        return self.level * self.season[slot]

    # ------------------------------------------------------------------ update

    def update(self, timestamp: dt.datetime | float, count: float) -> SpikeUpdate:
        """Learn one point and say whether it confirms a rise."""
        t = timestamp if type(timestamp) is float else _seconds(timestamp)
        if type(count) not in (int, float) and (
            isinstance(count, bool) or not isinstance(count, (int, float))
        ):
            raise ValueError(f"count: expected a number, got {count!r}")
        x = float(count)
        if not 0.0 <= x < math.inf:
            raise ValueError(f"count: expected a finite number >= 0, got {count!r}")
        last = self._last
        if last is None:
            self._first = self._last = t
            self.level = x
            self._n = 1
            self.visits[int((t % self.period) * self.slots // self.period)] = 1
            return SpikeUpdate(0.0, False, x, 0.0)
        step = t - last
        if not step > 0:
            raise ValueError(
                f"timestamp {t!r} is not after the previous one ({last!r}): "
                "timestamps must strictly increase"
            )
        self._last = t
        a_level, a_season, a_disp, m_decay, e_decay = self._weights(step)
        period = self.period
        slot = int((t % period) * self.slots // period)
        season = self.season
        f = season[slot]
        level = self.level if self.level is not None else x
        # Start-up: each seasonal factor is a plain running mean until the exponential
        # weight takes over, so the first days learn the daily shape as fast as they can.
        self._n += 1
        visits = self.visits[slot] = self.visits[slot] + 1
        if visits * a_season < 1.0:
            a_season = 1.0 / (visits + 1)
        e = level * f
        if e < 0.5:
            e = 0.5  # an empty slot still expects the odd mention
        var = e + self.phi * e * e
        sd = math.sqrt(var)
        z = (x - e) / sd

        # robust learning: after the warm-up, a burst is clipped before it teaches the
        # baseline; during the warm-up everything is learnt as it comes
        warm = t - (self._first if self._first is not None else t) > self.warmup
        bound = e + self.clip * sd
        xc = x if x < bound or not warm else bound
        if f > 0.0:
            level += a_level * (xc / f - level)
        self.level = level
        if level > 1e-9:
            season[slot] = f + a_season * (xc / level - f)
        r = xc - e
        moment = (r * r - e) / (e * e)
        self.phi += a_disp * ((moment if moment > 0.0 else 0.0) - self.phi)

        # persistence: one-sided CUSUM of the standardised excess (none while warming up)
        s = self.evidence * e_decay + z - self.drift
        if s < 0.0 or not warm:
            s = 0.0
        self.evidence = s

        # memory of earlier rises, so routine bursts of a busy account do not alert
        self.peak_memory *= m_decay
        if s > self._peak:
            self._peak = s
        elif s == 0.0 and self._peak > 0.0:
            if self._peak > self.peak_memory:
                self.peak_memory = self._peak
            self._peak = 0.0
        h = self.threshold
        mh = self.memory * self.peak_memory
        if mh > h:
            h = mh

        alert = False
        if self._cool_left >= 0.0:
            self._cool_left -= step
            if self._cool_left < 0.0:
                if s > 0.5 * h:
                    self._cool_left = 0.0  # stay quiet while the rise goes on
                else:
                    s = self.evidence = 0.0  # re-armed: the next rise starts afresh
        elif s >= h and warm:
            alert = True
            self._cool_left = self.cooldown
        return SpikeUpdate(s / (s + h), alert, e, z)

    # ------------------------------------------------------------------ pickling

    def __getstate__(self) -> dict[str, object]:
        state = {name: getattr(self, name) for name in self.__slots__}
        state["season"] = list(self.season)
        state["visits"] = list(self.visits)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.season = list(self.season)
        self.visits = list(self.visits)

    def __repr__(self) -> str:
        return (
            f"SpikeDetector(threshold={self.threshold}, drift={self.drift}, "
            f"memory={self.memory}, slots={self.slots}, period={self.period})"
        )
