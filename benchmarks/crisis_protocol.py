"""The spike detector's evaluation protocol: figures that predict unseen series.

B. **Grouped cross-validation over both sets at once** (``nab_protocol.joint_folds``),
   the headline: realTweets one series per fold, NAB's 48 other series one category per
   fold (artificialNoAnomaly, artificialWithAnomaly, realAWSCloudwatch, realAdExchange,
   realKnownCause, realTraffic). Each fold chooses the grid point with the best mean of
   the two sets' scores on everything else (realTweets at its volume and thinned to a
   fifth) and scores it on the held-out group. The point chosen on everything is the
   defaults. Every fold and category is printed, the in-sample score of the same point
   beside it.
A. **Leave one realTweets series out**, chosen on realTweets alone: NAB's five realTweets
   series; for each, the grid point best on the other four is scored on it.
C. **In-sample**, labelled as such: the defaults on realTweets, and on realTweets thinned
   to a fifth and a twentieth of its volume.

Scores use benchmarks/nab_protocol.py; when pandas is installed the pooled held-out folds
and the in-sample figure are also scored by the official scorer in
``../shared/benchmarks/nab-realtweets/score.py`` and both are printed. Throughput of the
detector alone closes the run, measured side by side (interleaved) with the detector of an
earlier git revision (``--baseline``).

    python benchmarks/crisis_protocol.py [--shared DIR] [--repeat 3] [--baseline 62ebe4b]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nab_protocol as nab
from shared_data import SHARED_BENCHMARKS

from govsocial.crisis import SpikeDetector

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = SHARED_BENCHMARKS
H = 3600.0

# Protocol B, both sets: the detector's version (below), the alert level, the novelty
# margin (None: no novelty check), the cooldown and the fatigue after each alert. Each
# version adds one change to the one before it, and ties go to the earlier grid point,
# so that a fold adopts a change only when the groups it trains on gain from it. The
# defaults are the last version's first point.
VERSIONS: list[dict[str, object]] = [
    # the daily shape alone (f51649c)
    {"long_period": None, "relearn_half_life": None, "fatigue_on_novelty": True},
    # + the weekly baseline
    {"long_period": 7, "relearn_half_life": None, "fatigue_on_novelty": True},
    # + faster relearning after a shift (66d8873)
    {"long_period": 7, "relearn_half_life": 12 * H, "fatigue_on_novelty": True},
    # + novelty alerts leave the fatigue alone
    {"long_period": 7, "relearn_half_life": 12 * H, "fatigue_on_novelty": False},
]
GRID: list[dict[str, object]] = [
    {**v, "threshold": t, "novelty": n, "cooldown": c * H, "fatigue": f}
    for v, t, f, n, c in itertools.product(
        VERSIONS, (20.0, 30.0), (1.0, 0.0), (0.05, 0.02, None), (1, 6)
    )
]
# Protocol A, realTweets alone: the defaults' version, the model (metric or auto) and the
# alert level, fatigue, novelty and cooldown.
GRID_RT: list[dict[str, object]] = [
    {"model": m, **g}
    for m, g in itertools.product(("metric", "auto"), GRID[24 * (len(VERSIONS) - 1) :][:12])
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
    ap.add_argument(
        "--baseline",
        default="62ebe4b",
        help="git revision whose detector is timed beside this one (default 62ebe4b)",
    )
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
    print("B. HEADLINE: grouped cross-validation over both sets (chosen on everything else)")
    print(
        f"   grid: {len(GRID)} points of version (daily shape alone; + weekly baseline; +"
        " faster relearning; + novelty alerts without fatigue) x threshold x fatigue x"
        " novelty x cooldown. Each fold"
        " chooses the point with the best mean of the two sets' scores without its held-out"
        " group (realTweets at its volume and thinned to 0.2) and scores it on that group."
        " In-sample beside it: the defaults (the point chosen on everything) on the same group."
    )
    (rt_folds, other_folds), chosen, joint = nab.joint_folds(sets, GRID)
    defaults_rt = [nab.score_file(s, nab.alerts(s, {})) for s in rt]
    defaults_other = [nab.score_file(s, nab.alerts(s, {})) for s in other]

    def fold_line(f: nab.GroupFold, in_sample: list[nab.FileScore]) -> str:
        hits = sum(t.hits for t in f.tests)
        wins = sum(t.windows for t in f.tests)
        fps = sum(t.fp_rows for t in f.tests)
        # a group without windows has no normalised score: its raw score is the fp cost
        score = nab.normalised(f.tests) if wins else sum(t.raw for t in f.tests)
        mine = nab.normalised(in_sample) if wins else sum(x.raw for x in in_sample)
        label = "cross-validated" if wins else "cross-validated raw"
        return (
            f"   {f.held_out:26s} {label} {score:6.1f}  ({hits}/{wins} windows, {fps} fp rows,"
            f" {len(f.tests)} files; chose {_fmt(f.params)}; in-sample {mine:.1f})"
        )

    print("B1. realTweets, leave one series out")
    for f, s in zip(rt_folds, defaults_rt, strict=True):
        print(fold_line(f, [s]))
    cv_rt = nab.normalised(t for f in rt_folds for t in f.tests)
    print(
        f"   CROSS-VALIDATED (pooled held-out folds): {cv_rt:.1f}   "
        f"in-sample (defaults): {nab.normalised(defaults_rt):.1f}"
    )
    print(f"   published, NAB's held-out realTweets half: {PUBLISHED_REALTWEETS_HELD_OUT}")

    print("B2. NAB's 48 other series, leave one category out")
    for f in other_folds:
        group = [
            x for x, s in zip(defaults_other, other, strict=True) if category[s.name] == f.held_out
        ]
        print(fold_line(f, group))
    cv_other = nab.normalised(t for f in other_folds for t in f.tests)
    print(
        f"   CROSS-VALIDATED (pooled held-out folds): {cv_other:.1f}   "
        f"in-sample (defaults): {nab.normalised(defaults_other):.1f} "
        f"({sum(x.hits for x in defaults_other)}/{sum(x.windows for x in defaults_other)} "
        f"windows, {sum(x.fp_rows for x in defaults_other)} fp rows)"
    )
    print("   published on these 48: ARTime 72.1, numenta 70.9, contextOSE 68.1")
    print(f"   chosen on everything: {_fmt(GRID[chosen])} (mean of the two sets {joint:.1f})")
    same = all(
        getattr(SpikeDetector(), k) == (v / 1.0 if isinstance(v, float) else v)
        for k, v in GRID[chosen].items()
    )
    print(f"   the defaults are that point: {'yes' if same else 'NO'}")

    print("A. Leave one realTweets series out, chosen on realTweets alone")
    print(
        f"   grid: {len(GRID_RT)} points of model x threshold x fatigue x novelty x cooldown;"
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

    print(
        "C. IN-SAMPLE: the defaults on the realTweets series (chosen on them, among others, in B)"
    )
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
    detectors: list[tuple[str, type]] = [("this detector", SpikeDetector)]
    previous = _previous(a.baseline)
    if previous is not None:
        detectors.append((f"the detector at {a.baseline}", previous))
    rates: dict[str, list[float]] = {name: [] for name, _ in detectors}
    for _ in range(a.repeat):  # interleaved, so that both see the same load
        for name, cls in detectors:
            t0 = time.perf_counter()
            for series in points:
                update = cls().update
                for t, c in series:
                    update(t, c)
            rates[name].append(n / (time.perf_counter() - t0))
    print("throughput, detector alone on realTweets, side by side in one run (medians):")
    for name, _ in detectors:
        print(f"   {name}: {statistics.median(rates[name]):,.0f} points/s")
    if previous is not None:
        ratio = statistics.median(rates["this detector"]) / statistics.median(
            rates[f"the detector at {a.baseline}"]
        )
        print(f"   ratio: {ratio:.2f}")
    return 0


def _previous(ref: str) -> type | None:
    """SpikeDetector as it was at git revision `ref` (None without git or that revision)."""
    try:
        text = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{ref}:src/govsocial/crisis/spikes.py"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("spikes_previous")
    sys.modules[module.__name__] = module
    exec(compile(text, f"{ref}:spikes.py", "exec"), module.__dict__)
    cls: type = module.SpikeDetector
    return cls


if __name__ == "__main__":
    raise SystemExit(main())
