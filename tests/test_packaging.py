"""Packaging: one version, every imported distribution declared, heavy ones imported lazily."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib

import govsocial

from .conftest import ROOT

SRC = ROOT / "src" / "govsocial"

# What `import govsocial` itself needs; everything else must wait until it is used.
LIGHT = {"attr", "attrs", "regex"}


def third_party_imports() -> set[str]:
    """Top-level names of the modules `src/govsocial` imports that are neither the
    standard library nor govsocial (anywhere in a module, lazy imports included)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "govsocial"}


def _dist_name(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def test_the_installed_version_is_the_one_in_the_package() -> None:
    """The version is written once (``govsocial.__version__``); pyproject reads it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert importlib.metadata.version("govsocial") == govsocial.__version__


def test_every_imported_distribution_is_declared() -> None:
    """numpy was imported by the language layer and not declared: every third-party
    module src/ imports comes from a dependency or an extra of pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = {_dist_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        declared |= {_dist_name(r) for r in extra if not r.startswith("govsocial")}
    owners = importlib.metadata.packages_distributions()
    imported = third_party_imports()
    assert imported, "the scan found no third-party import at all"
    for module in sorted(imported):
        dists = {_dist_name(d) for d in owners.get(module, [])}
        assert dists & declared, f"{module} (from {sorted(dists)}) is imported but not declared"


def test_build_backend_reads_the_spdx_license() -> None:
    """``license = "Apache-2.0"`` (an SPDX expression) needs setuptools 77 or later."""
    doc = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert isinstance(doc["project"]["license"], str)
    assert "setuptools>=77" in doc["build-system"]["requires"]


def test_import_is_light() -> None:
    """`import govsocial` loads none of the third-party packages src/ imports lazily
    (numpy, jsonschema, py3langid, holidays, yaml ... and whatever is added later:
    the list is read from the source, so a new heavy import is covered)."""
    heavy = sorted(third_party_imports() - LIGHT)
    assert {"numpy", "jsonschema", "py3langid", "holidays"} <= set(heavy)
    code = (
        "import sys, govsocial\n"
        f"heavy = {set(heavy)!r}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(','.join(loaded))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == ""
