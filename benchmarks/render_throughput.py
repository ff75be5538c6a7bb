"""Renditions per second for typical bilingual posts across all nine networks, side by side
with a full `check` of the same posts.

Usage: python benchmarks/render_throughput.py [--policy P] [--posts N] [--repeats R]

Builds N distinct bilingual (ca + es) municipal posts with the check benchmark's
generator (varied lengths, links, hashtags, emoji; deterministic), warms up, then
alternates, R times: a full check of every post (all rules, language rules included)
and a render of every post for each of the nine networks, each pass with govsocial's
caches emptied. Prints the medians: renditions/s, posts rendered for all nine networks
per second, checks/s, and the ratio (time to render a post for nine networks / time to
check it once). Target (issue 13): the ratio below 1. The machine is shared: read the
medians, measured side by side in one run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from check_throughput import clear_caches, make_posts  # noqa: E402

import govsocial  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--policy", default=str(ROOT / "examples" / "policies" / "ajuntament-ca-es.yaml")
    )
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=7)
    a = ap.parse_args()
    policy = govsocial.load_policy(a.policy)
    posts = make_posts(a.posts)
    networks = govsocial.NETWORK_IDS
    for p in posts[:50]:  # warm-up: model load, regex compilation
        govsocial.check(p, policy)
        for n in networks:
            govsocial.render(p, n, policy)
    check_times, render_times, counts = [], [], []
    for _ in range(a.repeats):
        clear_caches()
        t0 = time.perf_counter()
        for p in posts:
            govsocial.check(p, policy)
        check_times.append(time.perf_counter() - t0)
        clear_caches()
        made = 0
        t0 = time.perf_counter()
        for p in posts:
            for n in networks:
                made += len(govsocial.render(p, n, policy))
        render_times.append(time.perf_counter() - t0)
        counts.append(made)
    per_post = counts[0] / len(posts)
    rt, ct = statistics.median(render_times), statistics.median(check_times)
    ratios = sorted(r / c for r, c in zip(render_times, check_times, strict=True))
    print(
        f"render throughput, {a.posts} bilingual posts x {len(networks)} networks x "
        f"{a.repeats} passes, policy {Path(a.policy).name}"
    )
    print(f"  renditions per post (nine networks): {per_post:.2f}")
    print(
        f"  render   median {counts[0] / rt:,.0f} renditions/s = {len(posts) / rt:,.0f} posts/s "
        f"for all nine networks ({rt / len(posts) * 1e6:,.0f} us per post)"
    )
    print(
        f"  check    median {len(posts) / ct:,.0f} posts/s ({ct / len(posts) * 1e6:,.0f} us per post)"
    )
    med = statistics.median(ratios)
    print(
        f"  nine renders / one check: median {med:.2f} (min {ratios[0]:.2f}, max {ratios[-1]:.2f})"
        f"   target < 1: {'met' if med < 1 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
