"""Every example in the docstrings of src/ runs, so a documented figure cannot drift."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import govsocial


def _modules() -> list[str]:
    """Every module of the package, but ``__main__`` ones (importing them runs the CLI)."""
    names = ["govsocial"]
    for info in pkgutil.walk_packages(govsocial.__path__, "govsocial."):
        if info.name.rpartition(".")[2] != "__main__":
            names.append(info.name)
    return sorted(names)


def _tests(module_name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(module_name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    # Only what the module defines: a name it imports is tested where it is defined.
    return [t for t in finder.find(module) if t.examples and _defined_in(t, module_name)]


def _defined_in(test: doctest.DocTest, module_name: str) -> bool:
    return test.name == module_name or test.name.startswith(module_name + ".")


WITH_EXAMPLES = [name for name in _modules() if _tests(name)]


def test_the_examples_are_found() -> None:
    """The collector sees the documented examples (the package's, X's counting, ...)."""
    assert {
        "govsocial",
        "govsocial.networks.counting",
        "govsocial.networks.twitter.weights",
    } <= set(WITH_EXAMPLES)


@pytest.mark.parametrize("module_name", WITH_EXAMPLES)
def test_docstring_examples(module_name: str) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    for test in _tests(module_name):
        runner.run(test, out=out.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(out)
    assert result.attempted > 0
