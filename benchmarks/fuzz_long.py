"""The long fuzzing run: tests/test_fuzz.py with many cases, in a memory-limited child.

    .venv/bin/python benchmarks/fuzz_long.py [CASES_PER_TEST] [MEMORY_MB]

Runs the harness's nine fuzz tests with ``GOVSOCIAL_FUZZ_EXAMPLES`` cases each (the two
policy tests a third of that) under an address-space limit (RLIMIT_AS) and prints, per
test, the cases tried and the failures, then the totals. A case is a crash if it raises
anything but govsocial's own errors, exits other than 0/1/2, prints a traceback or an
"internal error", or takes longer than the harness's per-case budget.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    memory_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 2000

    def limit() -> None:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    env = {**os.environ, "GOVSOCIAL_FUZZ_EXAMPLES": str(cases)}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--hypothesis-show-statistics", "tests/test_fuzz.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=limit, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - t0
    out = proc.stdout
    tried = crashes = 0
    for section in out.split("tests/test_fuzz.py::")[1:]:
        name = section.split(":", 1)[0]
        counts = re.findall(r"(\d+) passing, (\d+) failing", section)
        passing = sum(int(p) for p, _ in counts)
        failing = sum(int(f) for _, f in counts)
        tried += passing + failing
        crashes += failing
        print(f"{name:<50} {passing + failing:>6} cases, {failing} failing")
    summary = out.strip().splitlines()[-1] if out.strip() else proc.stderr[-500:]
    print(
        f"total: {tried} cases, {crashes} failing, in {elapsed:.0f} s, memory limit {memory_mb} MB; pytest: {summary}"
    )
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
