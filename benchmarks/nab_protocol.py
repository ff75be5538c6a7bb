"""NAB scoring and leave-one-series-out selection, in plain Python.

The evaluation protocol of the spike detector (docs/crisis.md): a detector's ``alert``
column is scored the way the Numenta Anomaly Benchmark scores detections (written from
NAB's documented maths, checked against ``../shared/benchmarks/nab-realtweets/score.py``
by benchmarks/crisis_protocol.py), and parameters are chosen on some series and scored on
another. Used by benchmarks/crisis_protocol.py and by tests/test_crisis_protocol.py (on a
small vendored slice), so that the protocol cannot rot.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import attrs

from govsocial.crisis import SpikeDetector
from govsocial.crisis.series import Point, read_series, score_series

PROFILES: dict[str, tuple[float, float, float]] = {
    # name: (tp weight, fp weight, fn weight), NAB's profiles.json
    "standard": (1.0, 0.11, 1.0),
    "reward_low_FP_rate": (1.0, 0.22, 1.0),
    "reward_low_FN_rate": (1.0, 0.11, 2.0),
}


def _sig(x: float) -> float:
    """NAB's scaled sigmoid, -1 beyond 3."""
    if x > 3.0:
        return -1.0
    return 2.0 / (1.0 + math.exp(5.0 * x)) - 1.0


_MAX_TP = _sig(-1.0)


@dataclass(frozen=True)
class Series:
    """One labelled series: its rows as read and its windows as (first, last) row indices."""

    name: str
    points: tuple[Point, ...]
    windows: tuple[tuple[int, int], ...]


def load(data_dir: Path, windows_file: Path, names: Iterable[str] | None = None) -> list[Series]:
    """The series listed in NAB's windows file (relative paths), optionally only `names`."""
    windows = json.loads(windows_file.read_text())
    wanted = None if names is None else set(names)
    out = []
    for rel in sorted(windows):
        name = rel.split("/")[-1]
        if wanted is not None and name not in wanted:
            continue
        with (data_dir / rel).open(encoding="utf-8", newline="") as f:
            points = tuple(read_series(f, source=rel))
        pos = {dt.datetime.fromisoformat(p.timestamp): i for i, p in enumerate(points)}
        wins = tuple(
            sorted(
                (pos[dt.datetime.fromisoformat(a)], pos[dt.datetime.fromisoformat(b)])
                for a, b in windows[rel]
            )
        )
        out.append(Series(name, points, wins))
    return out


def thin(series: Series, fraction: float, *, seed: int = 15) -> Series:
    """The same series at a lower volume: each mention kept with probability `fraction`.

    Binomial thinning of whole counts (a quieter account with the same shape and the same
    anomalies); values that are not whole numbers >= 0 are kept as they are.
    """
    rnd = random.Random(f"{series.name}:{fraction}:{seed}")
    points = []
    for p in series.points:
        c = p.count
        if c >= 0 and c == int(c):
            k = int(c)
            c = float(sum(1 for _ in range(k) if rnd.random() < fraction))
        points.append(attrs.evolve(p, count=c))
    return Series(f"{series.name}@{fraction:g}", tuple(points), series.windows)


def alerts(series: Series, params: Mapping[str, object]) -> list[bool]:
    """The CLI's code path: every row in order, late rows held, one alert column."""
    d = SpikeDetector(**params)  # type: ignore[arg-type]
    return [u.alert for _, u in score_series(series.points, d, source=series.name)]


@dataclass(frozen=True)
class FileScore:
    raw: float
    windows: int
    hits: int
    fp_rows: int


def score_file(series: Series, detections: Sequence[bool], profile: str = "standard") -> FileScore:
    """NAB's raw score of one file's 0/1 detections under a cost profile."""
    tp_w, fp_w, fn_w = PROFILES[profile]
    n = len(detections)
    probation = min(math.floor(0.15 * n), 0.15 * 5000)
    wins = series.windows
    counted = [hi >= probation for _, hi in wins]
    best: list[float | None] = [None] * len(wins)
    raw = 0.0
    fp_rows = 0
    k = 0  # the next window not yet passed
    for i, hit in enumerate(detections):
        while k < len(wins) and i > wins[k][1]:
            k += 1
        if not hit or i < probation:
            continue
        if k < len(wins) and wins[k][0] <= i:
            lo, hi = wins[k]
            v = tp_w * _sig(-(hi - i + 1) / (hi - lo + 1)) / _MAX_TP
            b = best[k]
            if b is None or v > b:
                best[k] = v
            continue
        fp_rows += 1
        if k == 0:
            raw -= fp_w
        else:
            lo, hi = wins[k - 1]
            raw += fp_w * _sig((i - hi) / (hi - lo))
    hits = 0
    nwin = 0
    for c, b in zip(counted, best, strict=True):
        if not c:
            continue
        nwin += 1
        if b is None:
            raw -= fn_w
        else:
            hits += 1
            raw += max(-fn_w, b)
    return FileScore(raw, nwin, hits, fp_rows)


def normalised(scores: Iterable[FileScore], profile: str = "standard") -> float:
    """100 × (raw - null) / (perfect - null) over a set of files, as NAB normalises."""
    tp_w, _, fn_w = PROFILES[profile]
    raw = nwin = 0.0
    for s in scores:
        raw += s.raw
        nwin += s.windows
    if nwin == 0:
        return 0.0
    return 100.0 * (raw + fn_w * nwin) / ((tp_w + fn_w) * nwin)


@dataclass(frozen=True)
class Fold:
    held_out: str
    params: Mapping[str, object]
    train: float
    test: FileScore


def leave_one_out(
    corpus: Sequence[Series],
    grid: Sequence[Mapping[str, object]],
    *,
    profile: str = "standard",
    scales: Sequence[float] = (1.0,),
    run: Callable[[Series, Mapping[str, object]], list[bool]] = alerts,
) -> list[Fold]:
    """For each series: the grid point best on the others, scored on it.

    The training score pools the other series at every volume in `scales` (1 = as
    recorded; 0.2 = thinned to a fifth, see :func:`thin`), so that a choice must also hold
    for quieter accounts; the held-out series is scored as recorded. Ties go to the
    earlier grid point (put the simpler candidate first).
    """
    versions = [[s if f == 1.0 else thin(s, f) for f in scales] for s in corpus]
    table = [[[score_file(v, run(v, g), profile) for v in vs] for vs in versions] for g in grid]
    folds = []
    for j, s in enumerate(corpus):
        best_g, best_train = 0, -math.inf
        for gi, row in enumerate(table):
            train = normalised((r for i, rs in enumerate(row) if i != j for r in rs), profile)
            if train > best_train + 1e-9:
                best_g, best_train = gi, train
        test = table[best_g][j][list(scales).index(1.0)] if 1.0 in scales else None
        if test is None:
            test = score_file(s, run(s, grid[best_g]), profile)
        folds.append(Fold(s.name, grid[best_g], best_train, test))
    return folds


@dataclass(frozen=True)
class Labelled:
    """One evaluation set: its series, a group label per series, its training volumes."""

    series: Sequence[Series]
    groups: Sequence[str]
    scales: Sequence[float] = (1.0,)


@dataclass(frozen=True)
class GroupFold:
    held_out: str
    params: Mapping[str, object]
    train: float
    tests: tuple[FileScore, ...]


def joint_folds(
    sets: Sequence[Labelled],
    grid: Sequence[Mapping[str, object]],
    *,
    profile: str = "standard",
    run: Callable[[Series, Mapping[str, object]], list[bool]] = alerts,
) -> tuple[list[list[GroupFold]], int, float]:
    """Grouped cross-validation over several sets at once.

    For each set and each of its groups: the grid point with the best training score is
    chosen, the training score being the mean over the sets of the normalised score of
    every series outside the held-out group (each set at every volume in its `scales`),
    and it is scored on the held-out group as recorded. So a choice must hold on every
    set, and no held-out series has a say in its own parameters. Returns the folds per
    set, and the grid index chosen on everything with its score (in-sample). Ties go to
    the earlier grid point.
    """
    versions = [
        [[s if f == 1.0 else thin(s, f) for f in ls.scales] for s in ls.series] for ls in sets
    ]
    table = [
        [[[score_file(v, run(v, g), profile) for v in vs] for vs in sv] for sv in versions]
        for g in grid
    ]

    def objective(gi: int, held: tuple[int, str] | None) -> float:
        parts = []
        for k, ls in enumerate(sets):
            rows = table[gi][k]
            kept = (
                rs
                for rs, grp in zip(rows, ls.groups, strict=True)
                if held is None or held != (k, grp)
            )
            parts.append(normalised((r for rs in kept for r in rs), profile))
        return sum(parts) / len(parts)

    def best(held: tuple[int, str] | None) -> tuple[int, float]:
        bi, bs = 0, -math.inf
        for gi in range(len(grid)):
            v = objective(gi, held)
            if v > bs + 1e-9:
                bi, bs = gi, v
        return bi, bs

    out = []
    for k, ls in enumerate(sets):
        one = list(ls.scales).index(1.0)
        folds = []
        for grp in dict.fromkeys(ls.groups):
            gi, train = best((k, grp))
            tests = tuple(
                rs[one] for rs, g in zip(table[gi][k], ls.groups, strict=True) if g == grp
            )
            folds.append(GroupFold(grp, grid[gi], train, tests))
        out.append(folds)
    gi, score = best(None)
    return out, gi, score
