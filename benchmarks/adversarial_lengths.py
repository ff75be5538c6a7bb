"""Time against length for adversarial texts: the curves must be linear.

Each family is a text built to defeat a naive algorithm (issue 14): long dotted chains
with no TLD for the X URL grammar, rows of flags for grapheme counting. For each
length from 1,000 to 100,000 characters the script prints the median of 3 runs of
``count`` on X (URL grammar + emoji) and Mastodon (graphemes + URLs), and the time per
1,000 characters, which stays flat when the cost is linear.

    .venv/bin/python benchmarks/adversarial_lengths.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from govsocial.networks.counting import count

FAMILIES: dict[str, Callable[[int], str]] = {
    "a.": lambda n: "a." * (n // 2),
    "http://a.": lambda n: "http://" + "a." * ((n - 7) // 2),
    "www.": lambda n: "www." * (n // 4),
    "a_.…com": lambda n: "a_." * (n // 3 - 1) + "com",
    "flags": lambda n: "🇪🇸" * (n // 2),
    "zwj": lambda n: "👍\u200d" * (n // 2),
}
LENGTHS = (1_000, 3_000, 10_000, 30_000, 100_000)


def _median(text: str, network: str) -> float:
    times = []
    for k in range(1, 4):
        varied = text + " " * k  # a different string each run: no cache hit
        t0 = time.perf_counter()
        count(varied, network)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    print(f"{'family':<10} {'network':<9} {'chars':>8} {'median s':>9} {'ms per 1k':>10}")
    for name, make in FAMILIES.items():
        for network in ("x", "mastodon"):
            for n in LENGTHS:
                text = make(n)
                t = _median(text, network)
                print(
                    f"{name:<10} {network:<9} {len(text):>8} {t:>9.4f} {t / len(text) * 1e6:>10.3f}"
                )


if __name__ == "__main__":
    main()
