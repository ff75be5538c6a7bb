"""The layers of src/govsocial run one way: a lower layer never imports a higher one.

Every import in src/ is read with ``ast`` (module-level, function-level and
``TYPE_CHECKING`` imports alike: each is a dependency) and checked against LAYERS:

- a module imports only modules of its own layer or of a lower one;
- modules that import each other (a cycle) are in the same package;
- a ``_private`` name (module, function, constant) is imported only from inside the
  package that owns it (``govsocial._io`` by any library module; a private name of
  ``govsocial.language`` by ``govsocial.language.*`` only);
- the command line imports only public names (and its own package's helpers).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: The layers, lowest first. Each entry is a module or a package (with its submodules).
#: A new module or package goes in the layer of what it may use; the test fails until it
#: is placed. ``govsocial`` alone is the root ``__init__`` (the public API façade).
LAYERS: tuple[tuple[str, ...], ...] = (
    # base: one exception tree, file reading with limits, schemas, the version, and the
    # small helpers every layer shares (durations, accent folding, read-only maps, where a
    # value sits in its file, the per-user cache of derived arrays, opening users' files,
    # time zones by name)
    (
        "govsocial.errors",
        "govsocial.files",
        "govsocial._io",
        "govsocial.cache",
        "govsocial.limits",
        "govsocial._schemas",
        "govsocial._version",
        "govsocial._durations",
        "govsocial._fold",
        "govsocial._frozenmap",
        "govsocial._frozen",
        "govsocial.locations",
        "govsocial.timezones",
    ),
    # facts and measures that need no post or policy: network facts and counters, language
    # detection, images, the edges that fetch media and find files, responsiveness of
    # conversations, crisis signals
    (
        "govsocial.networks",
        "govsocial.language",
        "govsocial.imaging",
        "govsocial.fetch",
        "govsocial.discover",
        "govsocial.responsiveness",
        "govsocial.crisis",
    ),
    # posts and what their text holds, the validated policy and its communication plan,
    # findings and reports
    (
        "govsocial.model",
        "govsocial.text",
        "govsocial.policy",
        "govsocial.plan",
        "govsocial.findings",
        "govsocial.report_formats",
    ),
    ("govsocial.rules",),
    ("govsocial.check", "govsocial.testing"),
    ("govsocial.formatting", "govsocial.audit"),
    ("govsocial",),
    ("govsocial.cli",),
)

CLI = "govsocial.cli"


@attrs.frozen
class Import:
    importer: str  # the importing module
    target: str  # the imported module (a name from a module resolves to the module)
    dotted: str  # what is named: target, or target.name for `from target import name`
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(name: str) -> bool:
    return (SRC / Path(*name.split(".")) / "__init__.py").is_file()


def _is_module(name: str) -> bool:
    return _is_package(name) or (SRC / Path(*name.split("."))).with_suffix(".py").is_file()


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((SRC / "govsocial").rglob("*.py"))}


def _imports(name: str, source: str) -> Iterator[Import]:
    """The imports of govsocial modules in ``source``, the text of module ``name``."""
    tree = ast.parse(source)
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "govsocial":
                    yield Import(name, alias.name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "govsocial":
                continue
            for alias in node.names:
                dotted = f"{base}.{alias.name}"
                target = dotted if _is_module(dotted) else base
                yield Import(name, target, dotted, node.lineno)


def _all_imports() -> list[Import]:
    return [
        i
        for name, path in _modules().items()
        for i in _imports(name, path.read_text(encoding="utf-8"))
    ]


def layer_of(module: str) -> int:
    """The index in LAYERS of the longest entry that is ``module`` or a package holding it."""
    best, found = -1, -1
    for index, entries in enumerate(LAYERS):
        for entry in entries:
            matches = module == entry or (entry != "govsocial" and module.startswith(entry + "."))
            if matches and len(entry) > best:
                best, found = len(entry), index
    if found < 0:
        raise LookupError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    return found


def _owner(module: str) -> str:
    """The package that owns ``module``'s names (a package owns its own)."""
    return module if _is_package(module) else module.rpartition(".")[0]


def private_owner(dotted: str) -> str | None:
    """The package inside which the first ``_private`` part of ``dotted`` may be used, or
    None when every part is public (dunder names such as ``__version__`` are public)."""
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not (part.startswith("__") and part.endswith("__")):
            return _owner(".".join(parts[:i]))
    return None


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_every_module_has_a_layer() -> None:
    """A module in no layer fails here first (LookupError names it and the table)."""
    for name in _modules():
        assert 0 <= layer_of(name) < len(LAYERS)


def test_layers_run_one_way() -> None:
    """No module imports a module of a higher layer."""
    wrong = [
        f"{i.importer} (layer {layer_of(i.importer)}) imports {i.dotted} "
        f"(layer {layer_of(i.target)}), line {i.line}"
        for i in _all_imports()
        if layer_of(i.target) > layer_of(i.importer)
    ]
    assert wrong == []


def test_no_import_cycles_across_packages() -> None:
    """Modules that import each other belong to one package (never two layers, never two
    packages of one layer: a shared piece moves down instead)."""
    edges: dict[str, set[str]] = {name: set() for name in _modules()}
    for i in _all_imports():
        if i.target != i.importer and i.target in edges:
            edges[i.importer].add(i.target)
    spread = []
    for component in _cycles(edges):
        packages = {_owner(m) for m in component}
        if len(packages) > 1 or len({layer_of(m) for m in component}) > 1:
            spread.append(component)
    assert spread == []


def test_private_names_stay_in_their_package() -> None:
    """A ``_private`` name is imported only inside the package that owns it."""
    wrong = []
    for i in _all_imports():
        owner = private_owner(i.dotted)
        if owner is not None and not _inside(i.importer, owner):
            wrong.append(f"{i.importer} imports {i.dotted} (private to {owner}), line {i.line}")
    assert wrong == []


def test_cli_imports_only_public_names() -> None:
    """The command line is a client of the public API: no private name of the library."""
    wrong = []
    for i in _all_imports():
        if _inside(i.importer, CLI):
            owner = private_owner(i.dotted)
            if owner is not None and not _inside(owner, CLI):
                wrong.append(f"{i.importer} imports {i.dotted}, line {i.line}")
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("from govsocial.cli import main\n", "layer"),
        ("from govsocial.language._detectors import detector_names\n", "private"),
        ("def f():\n    from govsocial.check import check\n", "layer"),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import govsocial.rules\n",
            "layer",
        ),
        ("from .. import policy\n", "layer"),
    ],
)
def test_the_checks_see_what_they_must(source: str, problem: str) -> None:
    """The import reader finds function-level, TYPE_CHECKING and relative imports: a
    networks module that held any of these would be caught."""
    found = list(_imports("govsocial.networks.spec", source))
    assert found
    if problem == "layer":
        assert any(layer_of(i.target) > layer_of(i.importer) for i in found)
    else:
        assert any(
            (owner := private_owner(i.dotted)) is not None and not _inside(i.importer, owner)
            for i in found
        )


def test_the_cli_check_sees_private_library_names() -> None:
    """``govsocial._io`` is fine for the library and not for the command line."""
    (found,) = _imports("govsocial.cli.check", "from govsocial._io import read_json\n")
    assert private_owner(found.dotted) == "govsocial"
    assert not _inside(found.importer, "govsocial." + "_io")
    assert _inside(found.importer, "govsocial")
    (own,) = _imports("govsocial.cli.check", "from govsocial.cli._output import write_output\n")
    assert private_owner(own.dotted) == CLI
