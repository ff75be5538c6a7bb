"""The spike detector's evaluation protocol: figures that predict unseen series.

A. **Leave one realTweets series out**, chosen on realTweets alone: NAB's five realTweets
   series; for each, the grid point best on the other four (at their volume and thinned
   to a fifth) is scored on it. This chose the defaults.
B. **Grouped cross-validation over both sets at once** (``nab_protocol.joint_folds``):
   realTweets one series per fold, NAB's 48 other series one category per fold
   (artificialNoAnomaly, artificialWithAnomaly, realAWSCloudwatch, realAdExchange,
   realKnownCause, realTraffic). Each fold chooses the grid point with the best mean of
   the two sets' scores on everything else and scores it on the held-out group.
C. **In-sample**, labelled as such: the defaults on realTweets, and on realTweets thinned
   to a fifth and a twentieth of its volume.

Scores use benchmarks/nab_protocol.py; when pandas is installed the pooled held-out folds
and the in-sample figure are also scored by the official scorer in
``../shared/benchmarks/nab-realtweets/score.py`` and both are printed. Throughput of the detector alone closes the run.

    python benchmarks/crisis_protocol.py [--shared DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import statistics
import sys
import time
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nab_protocol as nab

from govsocial.crisis import SpikeDetector

ROOT = Path(__file__).resolve().parents[1]
# ../shared from the main checkout, ../../shared from a worktree under /work/wt
DEFAULT_SHARED = next(
    (
        p / "shared" / "benchmarks"
        for p in (ROOT.parent, ROOT.parents[1])
        if (p / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "benchmarks",
)
H = 3600.0

# Protocol A, realTweets alone (it chose the defaults; the defaults are one of them).
GRID_RT: list[dict[str, object]] = [
    {"model": m, "threshold": t, "drift": d, "evidence_half_life": e}
    for m, t, d, e in itertools.product(
        ("metric", "auto"), (30.0, 20.0), (1.0, 0.75), (6 * H, 24 * H)
    )
]
# Protocol B, both sets (the first point is the defaults).
GRID: list[dict[str, object]] = [
    {"threshold": t, "dispersion_half_life": d * 86400.0, "clip": c}
    for t, d, c in itertools.product((30.0, 20.0, 15.0, 12.0, 10.0), (7.0, 2.0), (4.0, 3.0))
]
SCALES = (1.0, 0.2)  # realTweets training volumes: as recorded, and thinned to a fifth

PUBLISHED_REALTWEETS_HELD_OUT = "contextOSE 73.0, numenta 69.8, ARTime 80.0 (60.3 tuned on half A)"


def _fmt(params: Mapping[str, object]) -> str:
    return " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in params.items())


def _official(shared: Path, corpus: list[nab.Series], arrays: list[list[bool]]) -> float | None:
    try:
        import numpy as np
    except ImportError:
        return None
    path = shared / "nab-realtweets" / "score.py"
    spec = importlib.util.spec_from_file_location("nab_score", path)
    if spec is None or spec.loader is None or importlib.util.find_spec("pandas") is None:
        return None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rel = [f"realTweets/{s.name}" for s in corpus]
    files = mod.load_labels(
        str(shared / "nab-realtweets" / "data"),
        str(shared / "nab-realtweets" / "labels" / "windows.json"),
        rel,
    )
    cost = {"tpWeight": 1.0, "fpWeight": 0.11, "fnWeight": 1.0, "tnWeight": 1.0}
    raw, nwin, _ = mod.score_corpus(files, [np.array(a, dtype=float) for a in arrays], 0.5, cost)
    return float(mod.normalise(raw, nwin, cost))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="../shared/benchmarks")
    ap.add_argument("--repeat", type=int, default=3, help="throughput passes (median)")
    a = ap.parse_args()
    rt_dir = a.shared / "nab-realtweets"
    other_dir = a.shared / "nab-other"
    if not (rt_dir / "labels" / "windows.json").is_file():
        print(f"NAB data not found under {a.shared}: nothing to measure")
        return 0
    rt = nab.load(rt_dir / "data", rt_dir / "labels" / "windows.json")
    if not (other_dir / "labels" / "windows.json").is_file():
        print(f"not found: {other_dir}: the protocol needs both sets")
        return 0
    other = nab.load(other_dir / "data", other_dir / "labels" / "windows.json")
    category = {
        rel.split("/")[-1]: rel.split("/")[0]
        for rel in json.loads((other_dir / "labels" / "windows.json").read_text())
    }
    sets = [
        nab.Labelled(rt, [s.name for s in rt], SCALES),
        nab.Labelled(other, [category[s.name] for s in other]),
    ]
    print("A. Leave one realTweets series out, chosen on realTweets alone (the defaults)")
    print(
        f"   grid: {len(GRID_RT)} points of model x threshold x drift x evidence_half_life;"
        " training on the four at their volume and thinned to 0.2"
    )
    folds = nab.leave_one_out(rt, GRID_RT, scales=SCALES)
    for f in folds:
        t = f.test
        print(
            f"   {f.held_out:26s} held out {nab.normalised([t]):6.1f}  "
            f"({t.hits}/{t.windows} windows, {t.fp_rows} fp rows; "
            f"train {f.train:.1f}; {_fmt(f.params)})"
        )
    print(
        f"   CROSS-VALIDATED (pooled held-out folds): {nab.normalised(f.test for f in folds):.1f}"
    )
    held_out = [nab.alerts(s, f.params) for s, f in zip(rt, folds, strict=True)]
    official_cv = _official(a.shared, rt, held_out)
    if official_cv is not None:
        print(f"   the same folds, official scorer (score.py): {official_cv:.2f}")

    print("B. Grouped cross-validation over both sets (chosen on everything else)")
    print(
        f"   grid: {len(GRID)} points of threshold x dispersion_half_life x clip. Each fold"
        " chooses the point with the best mean of the two sets' scores without its held-out"
        " group (realTweets at its volume and thinned to 0.2) and scores it on that group."
    )
    (rt_folds, other_folds), chosen, joint = nab.joint_folds(sets, GRID)

    print("B1. Leave one realTweets series out")
    for f in rt_folds:
        (t,) = f.tests
        print(
            f"   {f.held_out:26s} held out {nab.normalised([t]):6.1f}  "
            f"({t.hits}/{t.windows} windows, {t.fp_rows} fp rows; "
            f"train {f.train:.1f}; {_fmt(f.params)})"
        )
    cv = nab.normalised(t for f in rt_folds for t in f.tests)
    print(f"   CROSS-VALIDATED (pooled held-out folds): {cv:.1f}")
    print(f"   published, NAB's held-out realTweets half: {PUBLISHED_REALTWEETS_HELD_OUT}")

    print("B2. Leave one category of NAB's 48 other series out")
    for f in other_folds:
        print(
            f"   {f.held_out:26s} held out {nab.normalised(f.tests):6.1f}  "
            f"({sum(t.hits for t in f.tests)}/{sum(t.windows for t in f.tests)} windows, "
            f"{sum(t.fp_rows for t in f.tests)} fp rows, {len(f.tests)} files; "
            f"train {f.train:.1f}; {_fmt(f.params)})"
        )
    cv = nab.normalised(t for f in other_folds for t in f.tests)
    print(f"   CROSS-VALIDATED (pooled held-out folds): {cv:.1f}")
    print("   published on these 48: ARTime 72.1, numenta 70.9, contextOSE 68.1")
    print(f"   chosen on everything: {_fmt(GRID[chosen])} (mean of the two sets {joint:.1f})")

    for label, params in (("B's choice", GRID[chosen]), ("the defaults", {})):
        ps = [nab.score_file(s, nab.alerts(s, params)) for s in other]
        print(
            f"   {label} on the 48 other series (in-sample for B's choice, not for the"
            f" defaults): standard {nab.normalised(ps):.1f} "
            f"({sum(x.hits for x in ps)}/{sum(x.windows for x in ps)} windows, "
            f"{sum(x.fp_rows for x in ps)} fp rows)"
        )
    ps = [nab.score_file(s, nab.alerts(s, GRID[chosen])) for s in rt]
    print(f"   B's choice on realTweets (in-sample): standard {nab.normalised(ps):.1f}")

    print("C. IN-SAMPLE: the defaults on the realTweets series they were chosen on (A)")
    arrays = [nab.alerts(s, {}) for s in rt]
    for prof in nab.PROFILES:
        ps = [nab.score_file(s, al, prof) for s, al in zip(rt, arrays, strict=True)]
        print(
            f"   {prof:20s} {nab.normalised(ps, prof):6.1f}  "
            f"({sum(x.hits for x in ps)}/{sum(x.windows for x in ps)} windows, "
            f"{sum(x.fp_rows for x in ps)} fp rows)"
        )
    official = _official(a.shared, rt, arrays)
    if official is not None:
        print(f"   the same, official scorer (score.py): standard {official:.2f}")
    for fraction in (0.2, 0.05):
        quiet = [nab.thin(s, fraction) for s in rt]
        ps = [nab.score_file(s, nab.alerts(s, {})) for s in quiet]
        print(
            f"   thinned to {fraction:g} of the volume: standard {nab.normalised(ps):.1f} "
            f"({sum(x.hits for x in ps)}/{sum(x.windows for x in ps)} windows, "
            f"{sum(x.fp_rows for x in ps)} fp rows)"
        )

    points = [[(p.seconds, p.count) for p in s.points if not p.late] for s in rt]
    n = sum(len(p) for p in points)
    rates = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        for series in points:
            update = SpikeDetector().update
            for t, c in series:
                update(t, c)
        rates.append(n / (time.perf_counter() - t0))
    print(f"throughput, detector alone: {statistics.median(rates):,.0f} points/s (median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
