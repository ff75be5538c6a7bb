"""Spike alerts on NAB's realTweets series: NAB score per profile, alert delay, throughput.

Runs ``govsocial crisis spikes`` (the CLI code path, default parameters, the same for
every file) on each series of ``../shared/benchmarks/nab-realtweets`` and scores the
``alert`` column with that directory's ``score_alerts.py`` (NAB's scoring, no threshold
tuned on the scored files). Prints the score per profile beside NAB's published
detectors on the same files, the median delay from each labelled anomaly to the first
alert in its window, and points/second of the detector alone and of the CLI.

    python benchmarks/crisis_spikes.py [--nab DIR] [--repeat 5]

Needs numpy and pandas for NAB's scorer (``pip install numpy pandas``); the data is not
part of this repository and the script says so when it is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NAB = ROOT.parent / "shared" / "benchmarks" / "nab-realtweets"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--nab", type=Path, default=DEFAULT_NAB, help="NAB realTweets directory")
    ap.add_argument("--repeat", type=int, default=5, help="throughput runs (median reported)")
    a = ap.parse_args()
    data_dir = a.nab / "data" / "realTweets"
    if not data_dir.is_dir():
        print(f"NAB data not found at {data_dir}: nothing to measure (see the docstring)")
        return 0
    from govsocial.cli import main as cli
    from govsocial.crisis import SpikeDetector, read_series

    files = sorted(data_dir.glob("*.csv"))
    with tempfile.TemporaryDirectory() as out:
        # 1. the CLI, as a user runs it
        t0 = time.perf_counter()
        rows = 0
        for f in files:
            with contextlib.redirect_stderr(io.StringIO()):
                # NAB's timestamps carry no offset; NAB reads them as UTC
                cli(["crisis", "spikes", str(f), "--tz", "UTC", "-o", str(Path(out) / f.name)])
            rows += sum(1 for _ in f.open()) - 1
        cli_rate = rows / (time.perf_counter() - t0)

        # 2. NAB's scorer on the alert column
        scorer = a.nab / "score_alerts.py"
        proc = subprocess.run(
            [sys.executable, str(scorer), out, "--json"], capture_output=True, text=True
        )
        if proc.returncode != 0:
            print("NAB scorer failed (it needs numpy and pandas):", proc.stderr.strip()[-500:])
            return 1
        scores = json.loads(proc.stdout)

        # 3. delay from each labelled anomaly to the first alert in its window
        labels = json.loads((a.nab / "labels" / "labels.json").read_text())
        windows = json.loads((a.nab / "labels" / "windows.json").read_text())
        delays: list[float] = []
        missed = 0
        for key, wins in sorted(windows.items()):
            name = key.split("/")[-1]
            p = Path(out) / name
            if not p.exists():
                continue
            alerts = [
                dt.datetime.fromisoformat(r["timestamp"])
                for r in csv.DictReader(p.open())
                if r["alert"] == "1"
            ]
            for lo, hi in wins:
                w0, w1 = dt.datetime.fromisoformat(lo), dt.datetime.fromisoformat(hi)
                inside = [t for t in alerts if w0 <= t <= w1]
                points = [
                    dt.datetime.fromisoformat(x)
                    for x in labels.get(key, [])
                    if w0 <= dt.datetime.fromisoformat(x) <= w1
                ]
                if not inside or not points:
                    missed += 1
                    continue
                delays.append((inside[0] - min(points)).total_seconds() / 60)

    # 4. the detector alone, on the same series in memory
    series = []
    for f in files:
        with f.open() as fh:
            series.append([(p.seconds, p.count) for p in read_series(fh, source=str(f), tz=dt.UTC)])
    n = sum(len(s) for s in series)
    rates = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        for s in series:
            d = SpikeDetector()
            update = d.update
            for t, c in s:
                update(t, c)
        rates.append(n / (time.perf_counter() - t0))

    print(f"NAB realTweets: {len(files)} files, {n} points ({a.nab})")
    print(f"{'profile':22s} {'govsocial':>9s}  windows hit  fp rows")
    for prof in ("standard", "reward_low_FP_rate", "reward_low_FN_rate"):
        r = scores[prof]
        print(
            f"{prof:22s} {r['score']:9.2f}  {r['windows_hit']:>5d}/{r['windows']:<5d} {r['fp_rows']:>7d}"
        )
    pub = a.nab / "published_scores.csv"
    if pub.exists():
        print("NAB's published detectors on these files (standard / low FP / low FN):")
        for row in list(csv.DictReader(pub.open()))[:7]:
            print(
                f"  {row['detector']:18s} {row['standard']:>6s} {row['reward_low_FP_rate']:>6s} "
                f"{row['reward_low_FN_rate']:>6s}"
            )
    if delays:
        print(
            f"alert delay after the labelled anomaly: median {statistics.median(delays):.0f} min "
            f"(min {min(delays):.0f}, max {max(delays):.0f}; {len(delays)} windows, {missed} missed)"
        )
    print(
        f"throughput, detector alone: {statistics.median(rates):,.0f} points/s (median of {a.repeat})"
    )
    print(f"throughput, CLI (parse + detect + write CSV): {cli_rate:,.0f} rows/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
