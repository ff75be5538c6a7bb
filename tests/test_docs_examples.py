"""Every example in README.md and docs/*.md runs and prints what the docs show
(tests/doc_examples.py says what is run and how); the docs cannot drift from the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from govsocial import check_slot
from govsocial.cli.main import build_parser

from .conftest import ROOT

# getting-started.md is followed line by line in a fresh folder by tests/test_site.py
# (its commands need the files its earlier steps create).
DOCS = [
    ROOT / "README.md",
    *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "getting-started.md"),
]
RUNNER = ROOT / "tests" / "doc_examples.py"


def run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_the_examples_print_what_the_docs_show(path: Path) -> None:
    proc = run(path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_pages_with_examples_have_runnable_ones() -> None:
    """Each page below holds examples the runner runs (a renamed fence would skip them)."""
    runnable = re.compile(r"^```(python|console)$", re.MULTILINE)
    for name in ("README.md", "extending.md", "languages.md", "crisis.md", "policy.md"):
        path = ROOT / name if name == "README.md" else ROOT / "docs" / name
        assert runnable.search(path.read_text("utf-8")), name


@pytest.mark.parametrize(
    "doc",
    [
        "```python\n>>> 1 + 1\n3\n```\n",
        "```python\nprint('a')\n```\n\n```output\nb\n```\n",
        "```python\nraise ValueError('x')\n```\n",
        "```console\n$ govsocial count 'Bon dia' --network x\nx 99\n```\n",
        "```console\n$ govsocial rule GS000\n```\n",
    ],
)
def test_the_runner_reports_a_wrong_example(doc: str, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(doc, "utf-8")
    proc = run(page)
    assert proc.returncode == 1 and proc.stdout.strip(), proc.stdout + proc.stderr


def test_every_example_policy_is_described_in_policy_md() -> None:
    text = (ROOT / "docs" / "policy.md").read_text("utf-8")
    names = sorted(p.name for p in (ROOT / "examples" / "policies").glob("*.yaml"))
    assert [n for n in names if f"`{n}`" not in text] == []
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight"]
    assert f"holds {words[len(names)]} complete policies" in text


def test_language_help_states_the_short_text_floor_the_judge_applies() -> None:
    """`govsocial language --help` says under N words is undetermined; a text of N
    words can be judged and one of N-1 cannot."""
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    description = " ".join(sub.choices["language"].description.split())  # type: ignore[attr-defined]
    floor = int(
        re.search(r"Texts under (\d+) words after cleaning are undetermined", description).group(1)
    )  # type: ignore[union-attr]
    words = ["Gracias", "por", "la", "información", "municipal"]
    assert check_slot(" ".join(words[: floor - 1]), "ca").status == "undetermined"
    for n in range(floor, len(words)):  # 3 and 4 words: judged when the model is sure
        assert check_slot(" ".join(words[:n]), "ca").status == "mismatch", n
