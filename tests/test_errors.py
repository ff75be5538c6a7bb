"""One exception tree, drawn in errors.py; one home for the helpers written twice before."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import govsocial
import govsocial.errors

from .conftest import ROOT

#: Exceptions that carry a value of a higher layer live beside it (errors.py says so).
BESIDE_THEIR_VALUE = {"FindingsError": "govsocial.findings"}


def _modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(govsocial.__path__, "govsocial.")
        if not m.name.startswith("govsocial.cli.")  # the CLI raises the library's errors
    ]


def test_every_exception_class_lives_in_errors_and_is_drawn_in_its_tree() -> None:
    tree = govsocial.errors.__doc__ or ""
    found = set()
    for name in _modules():
        module = importlib.import_module(name)
        for obj in vars(module).values():
            is_error = inspect.isclass(obj) and issubclass(obj, BaseException)
            # a private signal raised and caught inside one module (e.g. _io's duplicate
            # key) never reaches a caller: it is not part of the tree
            private = inspect.isclass(obj) and obj.__name__.startswith("_")
            if is_error and not private and obj.__module__.startswith("govsocial"):
                home = BESIDE_THEIR_VALUE.get(obj.__name__, "govsocial.errors")
                assert obj.__module__ == home, (name, obj)
                found.add(obj)
    public = {c for c in found if not c.__name__.startswith("_")}
    assert {c.__name__ for c in public} == set(govsocial.errors.__all__) | set(BESIDE_THEIR_VALUE)
    for cls in public:
        assert issubclass(cls, govsocial.errors.GovsocialError)
        drawn = [line.strip(" │├└─") for line in tree.splitlines()]
        assert any(line.startswith(cls.__name__ + " ") for line in drawn), cls


def test_one_json_pointer_escaping_and_one_accent_folding() -> None:
    """RFC 6901 escaping lives in _schemas.json_pointer_token; folding in _fold.fold."""
    homes = {"'~0'": "_schemas.py", '"~0"': "_schemas.py", "combining(": "_fold.py"}
    for path in sorted((ROOT / "src" / "govsocial").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle, home in homes.items():
            if needle in text:
                assert path.name == home, f"{path} writes {needle} again; use {home}"
