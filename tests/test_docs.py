"""Generated docs match the registry and the network data."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_generated_docs_are_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
