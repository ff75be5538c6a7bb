"""The pre-commit hook, run by the real `pre-commit try-repo` in a throwaway git repository.

pre-commit builds the hook's environment from this repository (language: python, a
local path). The dependencies come from a wheelhouse built once per pyproject.toml
(in .pytest_cache) and pip runs with --no-index, so the test works offline after that.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

POLICY = "version: 1\nlanguages:\n  required: [ca, es]\nlinks:\n  https_only: true\n"
GOOD = {
    "networks": ["x"],
    "text": {
        "ca": "Dilluns obre la biblioteca del barri.",
        "es": "El lunes abre la biblioteca del barrio.",
    },
}
BAD = {
    "networks": ["x"],
    "text": {
        "ca": "Dilluns obre la biblioteca. Més informació a http://vilanova.cat/biblioteca",
        "es": "El lunes abre la biblioteca. Más información en https://vilanova.cat/biblioteca",
    },
}


def test_hook_manifest() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "govsocial"
    assert hook["entry"].split()[:3] == ["govsocial", "check", "--force-exclude"]
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"json", "yaml"}


PIP_WHEEL = (sys.executable, "-m", "pip", "wheel", "-q", "-w")


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    """Wheels of govsocial's dependencies and build backend, built once per pyproject.toml."""
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    house = ROOT / ".pytest_cache" / "govsocial-wheelhouse"
    marker = house / f"complete-{key}"
    if not marker.exists():
        shutil.rmtree(house, ignore_errors=True)
        house.mkdir(parents=True)
        subprocess.run(
            [*PIP_WHEEL, str(house), str(ROOT), "setuptools>=68", "wheel"],
            check=True,
            capture_output=True,
        )
        for own in house.glob("govsocial-*.whl"):
            own.unlink()  # the hook must install govsocial from the repository itself
        marker.touch()
    return house


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_try_repo_stops_a_bad_post_with_file_line_col(tmp_path: Path, wheelhouse: Path) -> None:
    repo = tmp_path / "comms"
    (repo / "posts").mkdir(parents=True)
    (repo / "govsocial.yaml").write_text(POLICY, "utf-8")
    (repo / "posts" / "good.json").write_text(json.dumps(GOOD, ensure_ascii=False, indent=2))
    (repo / "posts" / "bad.json").write_text(json.dumps(BAD, ensure_ascii=False, indent=2))
    (repo / "package.json").write_text('{"name": "not-a-post"}')
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    env.pop("GOVSOCIAL_POLICY", None)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "govsocial"]
    proc = subprocess.run(
        pre_commit, cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "govsocial check" in out and "Failed" in out
    line = next(x for x in out.splitlines() if "GS231" in x)
    lines = (repo / "posts" / "bad.json").read_text("utf-8").splitlines()
    (row,) = [i for i, x in enumerate(lines, 1) if "http://" in x]
    assert line.startswith(f"posts/bad.json:{row}:{lines[row - 1].index('http://') + 1}: "), line
    assert "[error ca]" in line
    assert "package.json" not in out and "good.json" not in out

    # fixed and staged: the same hook passes
    (repo / "posts" / "bad.json").write_text(json.dumps(GOOD, indent=2))
    _git(repo, "add", ".")
    proc = subprocess.run(
        pre_commit, cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
