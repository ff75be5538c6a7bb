"""Online spike detection for counts per interval and for continuous metrics.

The detector sees one ``(timestamp, value)`` at a time, uses past data only and keeps a
constant amount of state (a few floats and one seasonal factor per slot of the period,
and per slot of the longer cycle, ``long_period`` periods), so it runs inside a stream processor as well as over a file. Two baselines share one
evidence and alerting stage:

* **count** (mentions per interval): ``expected = level × season[slot]`` with a
  multiplicative daily shape, and a negative binomial variance
  ``expected + phi × expected²`` (``phi`` estimated online by the method of moments):
  mention counts vary far more than a Poisson law says. Only rises count as evidence.
* **metric** (response times, shares, rates, anything that may be negative or
  fractional): ``expected = level + season[slot]`` with an additive shape and a robust
  spread (an exponentially weighted mean absolute deviation), never below a tenth of the
  range of the daily shape learnt so far: on an almost flat series the residuals are nearly
  all zero, and a slot not yet learnt would otherwise stand many spreads off every day.
  Rises and falls both count, and the alerts do not change when the series is multiplied
  by a positive constant or shifted by one. A second copy of it learns a longer cycle
  (``long_period`` periods: a week of days) and replaces the daily one once it has seen two
  whole cycles and its residuals are clearly smaller: weekends and market days are then
  expected, and a weekday as quiet as a Sunday stands out.

``model="metric"`` is the default, for counts too: cross-validation on NAB chose it, and
it holds when the volume drops where the count baseline does not (docs/crisis.md). ``model="count"`` refuses negative or fractional values;
``model="auto"`` runs both until the first such value, then keeps the metric baseline
(which has seen the whole past).

Long on purpose: the two baselines and the one evidence stage they share update the
same few floats in one step per point, which splitting would spread over modules.

Evidence and alerts, the same for both:

1. ``z`` is the standardised excess of the value over the baseline. One point adds at
   most ``max_step`` to the evidence (by default ``threshold × (1 + fatigue) + drift``:
   enough to alert on its own, even just after an alert, no more), so a single absurd
   value cannot blind the detector for days, nor raise the bar for the bursts that follow.
2. A CUSUM accumulates evidence, ``S = max(0, S × decay + z - drift)``; the decay halves
   old evidence every ``evidence_half_life``.
3. An alert fires when ``S`` reaches ``max(threshold, memory × peak) × (1 + f)`` where
   ``peak`` is the largest evidence of earlier rises (decaying with ``memory_half_life``)
   and ``f`` the fatigue: each alert adds ``fatigue`` to it, and it halves every
   ``fatigue_half_life``, so a rise that recurs (a daily blip the baseline has not learnt)
   alerts once, not every day. A novelty alert (below) adds none unless
   ``fatigue_on_novelty``: a value beyond everything seen before is not a blip that
   recurs. After an alert the detector stays quiet for ``cooldown`` and until the
   evidence falls under half the alert level, then re-arms from zero.
   **Novelty** alerts too: a value beyond the whole range seen so far by more than
   ``novelty`` × that range (above it for counts; either side for metrics), standing at
   least 3 spreads off the baseline, once the range has been learnt for
   ``novelty_warmup`` (a level or a value never seen before, as contextOSE does).
4. Robust learning: after the ``warmup``, values beyond ``clip`` standard deviations
   teach the baseline as if they were at that bound, so a burst does not make bursts look
   normal. When the evidence is still above half the alert level ``relearn_after`` an
   alert (and the cooldown is over), the series has changed level: the baseline then
   learns the new values as they come instead of alerting for days, its level and
   spread with the shorter ``relearn_half_life`` (12 hours), so that it re-arms in time
   for the next incident.

Time: every half-life is a duration; the weight of each update follows the time elapsed
since the previous one, so irregular or gapped series are handled without imputation
(the seasonal slot comes from the timestamp itself). Timestamps must strictly increase;
values must be finite (and >= 0 for ``model="count"``): anything else raises
``ValueError``.

The defaults were chosen by grouped cross-validation over NAB's realTweets series and
its 48 other series; every fold chose them on the series it did not score
(benchmarks/crisis_protocol.py, docs/crisis.md).

Long on purpose: the two baselines are called once per point from the detector's hot
loop with the same arguments, and the evidence stage reads what they return; kept beside
it, the whole per-point path reads top to bottom in one file.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Literal, NamedTuple

__all__ = ["SpikeDetector", "SpikeUpdate"]

Model = Literal["auto", "count", "metric"]
_MAD_TO_SD = 1.2533141373155  # sqrt(pi / 2): sd of a normal law from its mean |deviation|
_NOVEL_Z = 3.0  # a new extreme must also stand this many spreads off the baseline
# the metric spread is never below this share of the range of the daily shape learnt so
# far: a residual as large as the whole shape then stands at most 10 spreads off, half the
# default alert level, so a slot the baseline has not learnt yet (a recurring value one
# unit apart on an otherwise flat series) cannot alert period after period
_SHAPE_FLOOR = 0.1
# the longer cycle's baseline (a week of days by default) replaces the daily one once it has
# seen two whole cycles and its mean |residual| is under this share of the daily one's
_LONG_BETTER = 0.8


class SpikeUpdate(NamedTuple):
    """What :meth:`SpikeDetector.update` learnt from one point."""

    score: float
    """Anomaly score in [0, 1]: evidence / (evidence + alert level); 0.5 is the alert level."""
    alert: bool
    """True on the one point where a rise is first confirmed."""
    expected: float
    """The baseline's expected value for this point (before learning from it)."""
    z: float
    """Standardised excess of the value over the baseline."""


def _seconds(value: dt.datetime | float | int) -> float:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            # as everywhere in govsocial: a naive time is refused, never guessed
            raise ValueError(
                f"timestamp {value.isoformat()!r} has no UTC offset; give an aware datetime "
                "(tzinfo=...) or seconds since the epoch"
            )
        return value.timestamp()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"timestamp: expected a datetime or seconds since the epoch, got {value!r}"
        )
    return float(value)


def _duration(name: str, value: dt.timedelta | float, *, zero: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, dt.timedelta)):
        raise ValueError(f"{name}: expected a duration, got {value!r}")
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
    if not (seconds >= 0 if zero else seconds > 0) or math.isinf(seconds):
        kind = "a duration >= 0" if zero else "a positive duration"
        raise ValueError(f"{name}: expected {kind}, got {value!r}")
    return seconds


def _at_least_zero(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < math.inf:
        raise ValueError(f"{name}: expected a number >= 0, got {value!r}")
    return float(value)


def _positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise ValueError(f"{name}: expected a positive number, got {value!r}")
    return float(value)


class _CountBaseline:
    """Multiplicative seasonal level with negative binomial variance (counts >= 0)."""

    __slots__ = ("level", "phi", "season", "visits")

    def __init__(self, slots: int) -> None:
        self.level: float | None = None
        self.season = [1.0] * slots
        self.visits = [0] * slots
        self.phi = 0.1  # prior: mention counts are overdispersed

    def step(
        self,
        x: float,
        slot: int,
        a_level: float,
        a_season: float,
        a_disp: float,
        clip: float,
        robust: bool,
    ) -> tuple[float, float]:
        season = self.season
        f = season[slot]
        level = self.level
        if level is None:
            self.level = x
            self.visits[slot] = 1
            return x, 0.0
        visits = self.visits[slot] = self.visits[slot] + 1
        if visits * a_season < 1.0:
            a_season = 1.0 / (visits + 1)  # start-up: a plain mean per slot
        e = level * f
        if e < 0.5:
            e = 0.5  # an empty slot still expects the odd mention
        sd = math.sqrt(e + self.phi * e * e)
        z = (x - e) / sd
        bound = e + clip * sd
        xc = bound if robust and x > bound else x
        if f > 0.0:
            level += a_level * (xc / f - level)
        self.level = level
        if level > 1e-9:
            season[slot] = f + a_season * (xc / level - f)
        r = xc - e
        moment = (r * r - e) / (e * e)
        self.phi += a_disp * ((moment if moment > 0.0 else 0.0) - self.phi)
        return e, z


class _MetricBaseline:
    """Additive seasonal level with a robust spread (any finite values)."""

    __slots__ = (
        "level",
        "mad",
        "n",
        "season",
        "season_hi",
        "season_lo",
        "shape_floor",
        "spread",
        "spread_level",
        "visits",
    )

    def __init__(self, slots: int) -> None:
        self.level: float | None = None
        self.season = [0.0] * slots
        self.visits = [0] * slots
        self.n = 0
        self.mad = 0.0  # mean |residual| around the seasonal baseline
        self.spread_level = 0.0  # the series' own long mean, and its spread around it,
        self.spread = 0.0  # which bound the baseline's spread from below
        self.season_hi = self.season_lo = 0.0  # the range of the learnt daily shape,
        self.shape_floor = 0.0  # and _SHAPE_FLOOR times it

    def step(
        self,
        x: float,
        slot: int,
        a_level: float,
        a_season: float,
        a_disp: float,
        clip: float,
        robust: bool,
    ) -> tuple[float, float]:
        season = self.season
        s = season[slot]
        level = self.level
        if level is None:
            self.level = self.spread_level = x
            self.visits[slot] = 1
            return x, 0.0
        visits = self.visits[slot] = self.visits[slot] + 1
        if visits * a_season < 1.0:
            a_season = 1.0 / (visits + 1)
        e = level + s
        r = x - e
        n = self.n = self.n + 1
        if n * a_disp < 1.0:
            a_disp = 1.0 / n  # start-up: plain means, not averages biased towards 0
        d = x - self.spread_level
        g = d if d > 0.0 else -d
        bound = clip * self.spread
        if robust and g > bound > 0.0:  # one absurd value does not move them for weeks
            g = bound
            d = bound if d > 0.0 else -bound
        self.spread_level += a_disp * d
        self.spread += a_disp * (g - self.spread)
        sd = _MAD_TO_SD * self.mad
        # floors, both shift- and scale-equivariant: a hundredth of the series' own spread
        # around its long mean, and a tenth of the range of the daily shape learnt so far
        # (residuals that are nearly all zero, on an almost flat series, would otherwise
        # make a slot not yet learnt stand many spreads off, and stop it being learnt)
        floor = 0.01 * self.spread
        if floor < self.shape_floor:
            floor = self.shape_floor
        if sd < floor:
            sd = floor
        # a move away from a flat line is as unusual as a value can be
        z = r / sd if sd > 0.0 else (0.0 if r == 0.0 else math.copysign(1e12, r))
        if not -1e12 <= z <= 1e12:  # beyond any alert level; keeps z finite at the extremes
            z = math.copysign(1e12, r)
        if robust and sd > 0.0:
            lim = clip * sd
            rc = lim if r > lim else (-lim if r < -lim else r)
        else:
            rc = r
        level += a_level * rc
        self.level = level
        s_new = season[slot] = s + a_season * (rc - a_level * rc)
        hi = self.season_hi
        lo = self.season_lo
        if (s == hi and s_new < s) or (s == lo and s_new > s):
            hi = self.season_hi = max(season)  # an extreme slot moved inwards
            lo = self.season_lo = min(season)
            self.shape_floor = _SHAPE_FLOOR * (hi - lo)
        elif s_new > hi:
            self.season_hi = s_new
            self.shape_floor = _SHAPE_FLOOR * (s_new - lo)
        elif s_new < lo:
            self.season_lo = s_new
            self.shape_floor = _SHAPE_FLOOR * (hi - s_new)
        self.mad += a_disp * ((rc if rc > 0.0 else -rc) - self.mad)
        return e, z


class SpikeDetector:
    """Seasonal, robust, one-alert-per-rise spike detector for counts and metrics.

    >>> d = SpikeDetector()
    >>> for i in range(2000):
    ...     _ = d.update(i * 300, 10)
    >>> d.update(2000 * 300, 400).alert
    True

    Durations are :class:`datetime.timedelta` or seconds. Defaults suit values per
    5 minutes to per hour. The detector pickles: state saved mid-stream and restored
    gives the same results as an uninterrupted run.
    """

    __slots__ = (
        "_ae_cache",
        "_cool_left",
        "_count",
        "_dt_cache",
        "_fatigue",
        "_first",
        "_hi",
        "_last",
        "_lo",
        "_long",
        "_long_in_use",
        "_long_period",
        "_long_slots",
        "_metric",
        "_peak",
        "_since_alert",
        "clip",
        "cooldown",
        "dispersion_half_life",
        "drift",
        "evidence",
        "evidence_half_life",
        "fatigue",
        "fatigue_half_life",
        "fatigue_on_novelty",
        "level_half_life",
        "long_period",
        "max_step",
        "memory",
        "memory_half_life",
        "model",
        "novelty",
        "novelty_warmup",
        "peak_memory",
        "period",
        "relearn",
        "relearn_after",
        "relearn_half_life",
        "season_half_life",
        "slots",
        "threshold",
        "warmup",
    )

    def __init__(
        self,
        *,
        model: Model = "metric",
        period: dt.timedelta | float = 86400.0,
        slots: int = 24,
        threshold: float = 20.0,
        drift: float = 1.0,
        max_step: float | None = None,
        memory: float = 0.5,
        memory_half_life: dt.timedelta | float = 28 * 86400.0,
        cooldown: dt.timedelta | float = 3600.0,
        warmup: dt.timedelta | float = 86400.0,
        level_half_life: dt.timedelta | float = 2 * 86400.0,
        season_half_life: dt.timedelta | float = 14 * 86400.0,
        dispersion_half_life: dt.timedelta | float = 7 * 86400.0,
        evidence_half_life: dt.timedelta | float = 6 * 3600.0,
        clip: float = 4.0,
        relearn: bool = True,
        relearn_after: dt.timedelta | float = 6 * 3600.0,
        relearn_half_life: dt.timedelta | float | None = 12 * 3600.0,
        novelty: float | None = 0.05,
        novelty_warmup: dt.timedelta | float = 2 * 86400.0,
        fatigue: float = 1.0,
        fatigue_half_life: dt.timedelta | float = 3 * 86400.0,
        fatigue_on_novelty: bool = False,
        long_period: int | None = 7,
    ) -> None:
        if model not in ("auto", "count", "metric"):
            raise ValueError(f"model: expected 'auto', 'count' or 'metric', got {model!r}")
        self.model: Model = model
        if not isinstance(relearn, bool):
            raise ValueError(f"relearn: expected True or False, got {relearn!r}")
        self.relearn = relearn
        self.relearn_after = _duration("relearn_after", relearn_after, zero=True)
        self.relearn_half_life = (
            None if relearn_half_life is None else _duration("relearn_half_life", relearn_half_life)
        )
        self.period = _duration("period", period)
        if isinstance(slots, bool) or not isinstance(slots, int) or slots < 1:
            raise ValueError(f"slots: expected a positive integer, got {slots!r}")
        self.slots = slots
        if long_period is not None and (
            isinstance(long_period, bool) or not isinstance(long_period, int) or long_period < 2
        ):
            raise ValueError(f"long_period: expected an integer >= 2 or None, got {long_period!r}")
        self.long_period = long_period
        self.threshold = _positive("threshold", threshold)
        self.drift = _positive("drift", drift)
        self.clip = _positive("clip", clip)
        self.memory = _at_least_zero("memory", memory)
        self.memory_half_life = _duration("memory_half_life", memory_half_life)
        self.level_half_life = _duration("level_half_life", level_half_life)
        self.season_half_life = _duration("season_half_life", season_half_life)
        self.dispersion_half_life = _duration("dispersion_half_life", dispersion_half_life)
        self.evidence_half_life = _duration("evidence_half_life", evidence_half_life)
        self.cooldown = _duration("cooldown", cooldown, zero=True)
        self.novelty = None if novelty is None else _at_least_zero("novelty", novelty)
        self.novelty_warmup = _duration("novelty_warmup", novelty_warmup, zero=True)
        self.fatigue = _at_least_zero("fatigue", fatigue)
        # by default one point can reach the alert level on its own, even when one alert's
        # fatigue has raised it, and no further
        self.max_step = (
            self.threshold * (1.0 + self.fatigue) + self.drift
            if max_step is None
            else _positive("max_step", max_step)
        )
        self.fatigue_half_life = _duration("fatigue_half_life", fatigue_half_life)
        if not isinstance(fatigue_on_novelty, bool):
            raise ValueError(
                f"fatigue_on_novelty: expected True or False, got {fatigue_on_novelty!r}"
            )
        self.fatigue_on_novelty = fatigue_on_novelty
        self.warmup = _duration("warmup", warmup, zero=True)
        self._count: _CountBaseline | None = _CountBaseline(slots) if model != "metric" else None
        self._metric: _MetricBaseline | None = _MetricBaseline(slots) if model != "count" else None
        # the same metric baseline over a longer cycle (a week of days): its slots hold
        # what differs between the days of the week (weekends, a market day)
        cycles = 1 if long_period is None else long_period
        self._long_period = self.period * cycles
        self._long_slots = slots * cycles
        self._long: _MetricBaseline | None = (
            _MetricBaseline(self._long_slots) if self._metric is not None and cycles > 1 else None
        )
        self._long_in_use = False
        self.evidence = 0.0
        self.peak_memory = 0.0
        self._peak = 0.0
        self._first: float | None = None
        self._last: float | None = None
        self._fatigue = 0.0  # raises the alert level after each alert, decaying
        self._hi = self._lo = 0.0  # the range of the values seen so far
        self._cool_left = -1.0  # < 0: armed; >= 0: seconds of cooldown left after an alert
        self._since_alert = 0.0  # seconds since the last alert while not re-armed
        self._dt_cache = -1.0
        self._ae_cache = (0.0, 0.0, 0.0, 1.0, 1.0, 1.0)

    # ------------------------------------------------------------------ helpers

    @property
    def active_model(self) -> Literal["count", "metric"]:
        """The baseline in use now: ``auto`` is ``count`` until a value is not a count."""
        return "count" if self._count is not None else "metric"

    def _weights(self, step: float) -> tuple[float, float, float, float, float, float]:
        """Update weights for a time step (cached: regular series reuse them)."""
        if step != self._dt_cache:
            self._dt_cache = step
            self._ae_cache = (
                1.0 - 0.5 ** (step / self.level_half_life),
                1.0 - 0.5 ** (step * self.slots / self.season_half_life),
                1.0 - 0.5 ** (step / self.dispersion_half_life),
                0.5 ** (step / self.memory_half_life),
                0.5 ** (step / self.evidence_half_life),
                0.5 ** (step / self.fatigue_half_life),
            )
        return self._ae_cache

    def _slot(self, t: float) -> int:
        return int((t % self.period) * self.slots // self.period) % self.slots

    def expected(self, timestamp: dt.datetime | float) -> float | None:
        """The baseline's expected value at `timestamp` (None before the first point)."""
        slot = self._slot(_seconds(timestamp))
        if self._count is not None:
            c = self._count
            return None if c.level is None else c.level * c.season[slot]
        m = self._metric
        assert m is not None
        if self._long_in_use and self._long is not None:
            m = self._long
            t = _seconds(timestamp)
            slot = int((t % self._long_period) * self._long_slots // self._long_period)
            slot %= self._long_slots
        return None if m.level is None else m.level + m.season[slot]

    def hold(self, timestamp: dt.datetime | float, value: float) -> SpikeUpdate:
        """Score a point without learning from it (never an alert).

        For a row that comes too late to be learnt (its timestamp is not after the last
        one): the current evidence, the baseline's expectation at its slot, and its excess.
        """
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"value: expected a number, got {value!r}")
        x = float(value)
        h = self.threshold
        mh = self.memory * self.peak_memory
        if mh > h:
            h = mh
        h *= 1.0 + self._fatigue
        s = self.evidence
        e = self.expected(timestamp)
        return SpikeUpdate(s / (s + h), False, x if e is None else e, 0.0)

    # ------------------------------------------------------------------ update

    def update(self, timestamp: dt.datetime | float, value: float) -> SpikeUpdate:
        """Learn one point and say whether it confirms a rise."""
        t = timestamp if type(timestamp) is float else _seconds(timestamp)
        if type(value) not in (int, float) and (
            isinstance(value, bool) or not isinstance(value, (int, float))
        ):
            raise ValueError(f"value: expected a number, got {value!r}")
        x = float(value)
        if x - x != 0.0:  # inf - inf and nan - nan are nan: the cheapest finiteness test
            raise ValueError(f"value: expected a finite number, got {value!r}")
        count = self._count
        if count is not None and (x < 0.0 or x != math.floor(x)):
            if self.model == "count":
                raise ValueError(
                    f"value: expected a count, a whole number >= 0, got {value!r} "
                    "(model='metric' takes any finite number)"
                )
            count = self._count = None  # auto: from now on, the metric baseline
        last = self._last
        period = self.period
        slot = int((t % period) * self.slots // period) % self.slots  # as _slot, inlined
        long = self._long
        if long is not None:
            lp = self._long_period
            lslot = int((t % lp) * self._long_slots // lp) % self._long_slots
        if last is None:
            self._hi = self._lo = x
            self._first = self._last = t
            e = x
            if count is not None:
                count.step(x, slot, 0.0, 0.0, 0.0, 1.0, False)
            if self._metric is not None:
                self._metric.step(x, slot, 0.0, 0.0, 0.0, 1.0, False)
            if long is not None:
                long.step(x, lslot, 0.0, 0.0, 0.0, 1.0, False)
            return SpikeUpdate(0.0, False, e, 0.0)
        step = t - last
        if not step > 0:
            raise ValueError(
                f"timestamp {t!r} is not after the previous one ({last!r}): "
                "timestamps must strictly increase"
            )
        self._last = t
        # the weights of a step as long as the previous one are cached (regular series)
        weights = self._ae_cache if step == self._dt_cache else self._weights(step)
        a_level, a_season, a_disp, m_decay, e_decay, f_decay = weights
        first = self._first
        age = t - (t if first is None else first)
        warm = age > self.warmup
        cool = self._cool_left
        # a rise that outlasts the cooldown (cool == 0: quiet while it goes on) is a new
        # level: the baseline learns it instead of clipping it
        relearning = cool == 0.0 and self.relearn and self._since_alert >= self.relearn_after
        robust = warm and not relearning
        if relearning and self.relearn_half_life is not None:
            # the new level, and the spread around it, are learnt within hours, not days
            a_fast = 1.0 - 0.5 ** (step / self.relearn_half_life)
            if a_fast > a_level:
                a_level = a_fast
            if a_fast > a_disp:
                a_disp = a_fast
        metric = self._metric
        if count is not None:
            e, z = count.step(x, slot, a_level, a_season, a_disp, self.clip, robust)
            if metric is not None:
                metric.step(x, slot, a_level, a_season, a_disp, self.clip, robust)
            if long is not None:
                long.step(x, lslot, a_level, a_season, a_disp, self.clip, robust)
            gain = z
        else:
            assert metric is not None
            e, z = metric.step(x, slot, a_level, a_season, a_disp, self.clip, robust)
            if long is not None:
                # both learn every point; the longer cycle speaks once it has seen two
                # whole cycles and explains the series clearly better than the daily shape
                el, zl = long.step(x, lslot, a_level, a_season, a_disp, self.clip, robust)
                if age >= 2.0 * self._long_period and long.mad < _LONG_BETTER * metric.mad:
                    e, z = el, zl
                    self._long_in_use = True
                else:
                    self._long_in_use = False
            gain = z if z >= 0.0 else -z
        cap = self.max_step
        if gain > cap:
            gain = cap

        # persistence: one-sided CUSUM of the standardised excess (none while warming up)
        s = self.evidence * e_decay + gain - self.drift
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
        fatigue = self._fatigue
        if fatigue > 0.0:
            fatigue = self._fatigue = fatigue * f_decay
            h *= 1.0 + fatigue

        # novelty: a value beyond the whole range seen so far, by more than a margin, and
        # far from the baseline (a small count one higher than ever is no news)
        novel = False
        margin = self.novelty
        if margin is not None:
            hi, lo = self._hi, self._lo
            if x > hi:
                novel = x > hi + margin * (hi - lo) and hi > lo and z >= _NOVEL_Z
                self._hi = x
            elif x < lo:
                novel = count is None and x < lo - margin * (hi - lo) and hi > lo and z <= -_NOVEL_Z
                self._lo = x
            if novel and age <= self.novelty_warmup:
                novel = False  # the range takes longer to learn than the level

        alert = False
        if cool >= 0.0:
            cool -= step
            self._since_alert += step
            if cool < 0.0:
                if s > 0.5 * h:
                    cool = 0.0  # stay quiet while the rise goes on
                else:
                    s = self.evidence = 0.0  # re-armed: the next rise starts afresh
            self._cool_left = cool
        elif (s >= h or novel) and warm:
            alert = True
            self._cool_left = self.cooldown
            self._since_alert = 0.0
            if s < h:  # a novelty alert: the score says alert too
                # a value beyond all seen before is not a blip that recurs: it does not
                # raise the level the next rise needs (unless fatigue_on_novelty)
                if self.fatigue_on_novelty:
                    self._fatigue += self.fatigue
                return SpikeUpdate(0.5, True, e, z)
            self._fatigue += self.fatigue
        return SpikeUpdate(s / (s + h), alert, e, z)

    # ------------------------------------------------------------------ pickling

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return (
            f"SpikeDetector(model={self.model!r}, threshold={self.threshold}, "
            f"drift={self.drift}, memory={self.memory}, slots={self.slots}, "
            f"period={self.period})"
        )
