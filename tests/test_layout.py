"""The layout speaks for itself: folders say what they hold, long modules say why."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "govsocial"

#: Above this many lines a module carries a paragraph starting "Long on purpose:" in
#: its docstring, saying why it is not split.
MAX_LINES = 400


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def test_every_package_states_its_capability() -> None:
    """Each folder's __init__ opens with a one-line sentence of what it can do."""
    missing = []
    for init in sorted(SRC.rglob("__init__.py")):
        first = _docstring(init).split("\n", 1)[0].strip()
        if len(first.split()) < 4 or not first.endswith((".", ":")):
            missing.append(str(init.relative_to(SRC)))
    assert missing == []


def test_long_modules_say_why() -> None:
    """No module over MAX_LINES lines without its reason written at its top."""
    unexplained = []
    for path in sorted(SRC.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES and "Long on purpose:" not in _docstring(path):
            unexplained.append(f"{path.relative_to(SRC)} ({lines} lines)")
    assert unexplained == []


def test_package_inits_hand_names_on() -> None:
    """An __init__ holds imports, __all__ and its docstring: no function or class bodies."""
    holding = []
    for init in sorted(SRC.rglob("__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                holding.append(f"{init.relative_to(SRC)}: {node.name}")
    assert holding == []
