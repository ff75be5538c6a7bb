"""Messages per second for the response-rate calculator on a large generated log.

Usage: python benchmarks/responsiveness_throughput.py [--messages 1000000] [--repeats 3]

Generates a deterministic year of messages from 40 accounts on 4 networks (conversations
of 1-6 messages, replies after seconds to days, some instant replies, spam and thanks),
already in time order, and streams it through `Calculator` (memory bounded by the open
conversations and the window) under the `meta` convention in calendar time and in
business time (09:00-17:00 Europe/Madrid, ES-CT holidays). Prints the median
messages/second of R passes for each, plus the JSON Lines parsing rate and the
end-to-end rate of a stream read from a JSON Lines file.
Target (issue): >= 200,000 messages/s in calendar time on one core.

The calculator keeps its state in flat tables (no object per conversation or per
request), so the garbage collector, which has a million pre-built messages to walk on
every full collection here, seldom runs a full collection during the measurement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import heapq
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from govsocial.responsiveness import BusinessCalendar, Calculator, Message, read_messages  # noqa: E402

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def generate(n: int, seed: int = 7) -> list[Message]:
    rnd = random.Random(seed)
    heap: list[tuple[float, int, Message]] = []
    count = 0
    conv = 0
    year = 365 * 86400
    while count < n:
        conv += 1
        t = rnd.random() * year
        account = f"@acct{rnd.randrange(40)}"
        network = rnd.choice(("x", "facebook", "instagram", "mastodon"))
        for k in range(rnd.randint(1, 6)):
            direction = "in" if k % 2 == 0 else "out"
            kind = None
            text = None
            r = rnd.random()
            if direction == "out" and r < 0.05:
                kind = "instant_reply"
            elif direction == "in" and r < 0.02:
                kind = "spam"
            elif direction == "in" and r < 0.1:
                text = "gràcies!"
            m = Message(
                f"{network}-{conv}",
                direction,  # type: ignore[arg-type]
                START + dt.timedelta(seconds=t),
                account=account,
                network=network,
                kind=kind,
                text=text,
            )
            heapq.heappush(heap, (t, count, m))
            count += 1
            t += rnd.expovariate(1 / 3600) if rnd.random() < 0.9 else rnd.random() * 4 * 86400
    return [heapq.heappop(heap)[2] for _ in range(len(heap))][:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    msgs = generate(a.messages)
    cal = BusinessCalendar.build("Europe/Madrid", "09:00-17:00", holidays="ES-CT")

    def measure(calendar: BusinessCalendar | None) -> tuple[float, Any]:
        rates = []
        report = None
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            report = Calculator("meta", calendar=calendar).add_all(msgs).report()
            rates.append(len(msgs) / (time.perf_counter() - t0))
        return statistics.median(rates), report

    for label, calendar in (("calendar time", None), ("business time", cal)):
        rate, report = measure(calendar)
        print(
            f"meta, {label}: median {rate:,.0f} messages/s over "
            f"{len(msgs):,} messages (rate {report.response_rate:.3f}, "
            f"{report.received} requests in the window)"
        )
    lines = [
        json.dumps(
            {
                "conversation": m.conversation,
                "direction": m.direction,
                "at": m.at.isoformat(),
                "account": m.account,
                "network": m.network,
            }
        )
        for m in msgs[:200_000]
    ]
    t0 = time.perf_counter()
    n = sum(1 for _ in read_messages(lines))
    print(f"JSON Lines parsing: {n / (time.perf_counter() - t0):,.0f} messages/s")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        f.flush()
        msgs.clear()
        gc.collect()
        t0 = time.perf_counter()
        with open(f.name, encoding="utf-8") as fh:
            Calculator("meta").add_all(read_messages(fh)).report()
        rate = len(lines) / (time.perf_counter() - t0)
    print(f"end to end, streaming a JSON Lines file (calendar time): {rate:,.0f} messages/s")
    print("target: >= 200,000 messages/s in calendar time (issue)")


if __name__ == "__main__":
    main()
