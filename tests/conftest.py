from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

# govsocial's cache (govsocial.cache) in a folder of this run, also for the processes the
# tests start: the tests neither read nor leave anything in the user's cache.
_CACHE = tempfile.mkdtemp(prefix="govsocial-tests-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ["GOVSOCIAL_CACHE_DIR"] = _CACHE
EXAMPLES = ROOT / "examples"

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI draws the same examples on every run (derandomize): a red CI then means the change,
# not the draw. Local runs keep exploring, and keep what they find in .hypothesis/.
settings.register_profile(
    "ci",
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture
def root() -> Path:
    return ROOT
