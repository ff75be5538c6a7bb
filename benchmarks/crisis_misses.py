"""Where the spike detector loses its NAB score: per series, per window, and why.

For each of NAB's 48 other series (``--set other``, the default) or the five realTweets
series (``--set realtweets``), run with the defaults (or ``--param name=value``), prints
each window as hit (with where in the window the first alert came, 0 = its first row, and
the share of a perfect hit it earns), or missed with the reason, and the alerts outside
the windows. Then the raw score lost per category, split into missed windows (2 each:
from +1 to -1), late hits (1 minus what the hit earned) and alerts outside the windows.

A missed window's reason is read from the detector's state at the row of the window where
the evidence stood closest to the alert level it faced:

- ``warm-up``: the whole window lies in the detector's warm-up (it never alerts there);
- ``quiet``: the evidence was over the alert level, but the detector was still quiet
  after an earlier alert (its cooldown, or the evidence never fell under half the
  level so it never re-armed);
- ``raised level``: the evidence reached the base threshold, but the alert level had
  been raised by the memory of earlier rises or by fatigue (both printed);
- ``too little evidence``: the evidence stayed under the base threshold (the maximum
  share of it is printed, and the raised level when memory or fatigue had raised it):
  the window's anomaly, if any, is small against the spread.

It reads the detector's private state (fatigue, cooldown): a diagnosis tool, not an API.

    python benchmarks/crisis_misses.py [--set other|realtweets] [--param threshold=15 ...]
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nab_protocol as nab
from shared_data import SHARED_BENCHMARKS

from govsocial.crisis import SpikeDetector


def _value(text: str) -> object:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED_BENCHMARKS, help="../shared/benchmarks")
    ap.add_argument("--set", choices=("other", "realtweets"), default="other")
    ap.add_argument("--param", action="append", default=[], help="name=value, repeatable")
    a = ap.parse_args()
    params = {k: _value(v) for k, _, v in (p.partition("=") for p in a.param)}
    root = a.shared / ("nab-other" if a.set == "other" else "nab-realtweets")
    windows_file = root / "labels" / "windows.json"
    if not windows_file.is_file():
        print(f"NAB data not found under {root}: nothing to diagnose")
        return 0
    corpus = nab.load(root / "data", windows_file)
    category = {
        rel.split("/")[-1]: rel.split("/")[0] for rel in json.loads(windows_file.read_text())
    }
    lost: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    reasons: dict[str, int] = defaultdict(int)
    scores = []
    for s in corpus:
        d = SpikeDetector(**params)  # type: ignore[arg-type]
        first = s.points[0].seconds
        rows = []
        for p in s.points:
            u = d.hold(p.seconds, p.count) if p.late else d.update(p.seconds, p.count)
            memory = d.memory * d.peak_memory
            level = max(d.threshold, memory) * (1.0 + d._fatigue)
            rows.append((u.alert, d.evidence, level, memory, d._fatigue, d._cool_left, p.seconds))
        alerts = [r[0] for r in rows]
        fs = nab.score_file(s, alerts)
        scores.append(fs)
        n = len(rows)
        probation = min(math.floor(0.15 * n), 750)
        cat = category[s.name]
        parts = []
        for lo, hi in s.windows:
            if hi < probation:
                parts.append("(in NAB's probation)")
                continue
            hit = next((i for i in range(lo, hi + 1) if alerts[i]), None)
            if hit is not None:
                v = nab._sig(-(hi - hit + 1) / (hi - lo + 1)) / nab._MAX_TP
                lost[cat][1] += 1.0 - v
                parts.append(f"hit at {(hit - lo) / (hi - lo + 1):.2f} ({v:.2f})")
                continue
            lost[cat][0] += 2.0
            i = max(range(lo, hi + 1), key=lambda j: rows[j][1] / rows[j][2])
            _, ev, level, memory, fatigue, cool, _ = rows[i]
            if rows[hi][6] - first <= d.warmup:
                why = "warm-up"
            elif ev >= level and cool >= 0.0:
                why = "quiet"
            elif ev >= d.threshold:
                why = f"raised level (evidence {ev:.0f}, level {level:.0f}: memory {memory:.0f}, fatigue {fatigue:.2f})"
            else:
                why = f"too little evidence ({ev / d.threshold:.2f} of the threshold"
                raised = level > 1.01 * d.threshold
                why += f", level raised to {level:.0f})" if raised else ")"
            reasons[why.split(" (")[0]] += 1
            parts.append(f"MISSED: {why}")
        outside = [
            i
            for i in range(probation, n)
            if alerts[i] and not any(lo <= i <= hi for lo, hi in s.windows)
        ]
        lost[cat][2] += fs.windows - fs.raw
        print(
            f"{cat:22s} {s.name[:40]:40s} {'; '.join(parts) or 'no window'}"
            + (f"; {len(outside)} alert(s) outside" if outside else "")
        )
    print()
    print(
        "raw score lost per category (perfect = 1 per window): missed windows / late hits / alerts outside"
    )
    for cat, (miss, late, total) in lost.items():
        print(f"   {cat:22s} {miss:5.1f} / {late:5.2f} / {total - miss - late:5.2f}")
    print(f"missed windows by reason: {dict(reasons)}")
    print(f"score (standard profile, in-sample): {nab.normalised(scores):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
