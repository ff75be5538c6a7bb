"""A command whose reader goes away (``govsocial rules | head -1``) stops quietly."""

from __future__ import annotations

import os
import subprocess
import sys

from govsocial.cli import EXIT_BROKEN_PIPE

from .conftest import ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
COMMAND = [sys.executable, "-m", "govsocial.cli"]


def test_a_closed_pipe_stops_the_command_quietly() -> None:
    """Standard output is a pipe whose reader has already gone: no message, status 141
    (what a shell reports for a Unix tool stopped by SIGPIPE), never 2 with an error."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [*COMMAND, "rules"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert proc.stderr == ""
    assert proc.returncode == EXIT_BROKEN_PIPE == 141


def test_head_one_reads_the_first_line_and_nothing_complains() -> None:
    """``govsocial rules | head -1`` in a shell: the first line comes through, and the
    command says nothing whether it finished before ``head`` left (0) or not (141)."""
    proc = subprocess.run(
        ["sh", "-c", '"$0" -m govsocial.cli rules | head -1; echo "exit $?"', sys.executable],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
        timeout=120,
    )
    assert proc.stderr == ""
    first, status = proc.stdout.splitlines()
    assert first.startswith("GS101 ")
    assert status == "exit 0"  # head's status
    status_of_govsocial = subprocess.run(
        [
            "bash",
            "-c",
            '"$0" -m govsocial.cli rules | head -1 >/dev/null; echo "${PIPESTATUS[0]}"',
            sys.executable,
        ],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
        timeout=120,
    )
    assert status_of_govsocial.stderr == ""
    assert int(status_of_govsocial.stdout) in (0, EXIT_BROKEN_PIPE)
