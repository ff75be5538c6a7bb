"""Finding the policy and the post files, the way ruff and Vale find theirs.

The policy of a post file is, in order: the one given explicitly (``--policy``),
the ``GOVSOCIAL_POLICY`` environment variable, the nearest ``govsocial.yaml`` or
``.govsocial.yaml`` in the post's folder or above, or the ``policy`` named by
``[tool.govsocial]`` in the nearest ``pyproject.toml`` that has that table.  Only
the file system is read; nothing is checked here.

Post files under a folder are the JSON and YAML files that the policy's
``files.include`` patterns name and its ``files.exclude`` patterns do not (see
:data:`DEFAULT_INCLUDE`); patterns are relative to the policy's folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from govsocial.errors import PolicyError, UsageError

__all__ = [
    "DEFAULT_INCLUDE",
    "POLICY_FILE_NAMES",
    "FileSelection",
    "PolicyLocation",
    "find_policy",
    "find_post_files",
]

#: The file names looked for in each folder, nearest first.
POLICY_FILE_NAMES = ("govsocial.yaml", ".govsocial.yaml")

#: Post files when the policy sets no ``files.include``: files under a ``posts`` folder,
#: and files named ``*.post.json`` / ``*.post.yaml`` anywhere.
DEFAULT_INCLUDE = (
    "**/posts/**/*.json",
    "**/posts/**/*.yaml",
    "**/posts/**/*.yml",
    "**/*.post.json",
    "**/*.post.yaml",
    "**/*.post.yml",
)

# Folders never walked into (ruff skips the same kind): version control, environments,
# dependencies and build output.
_SKIP_DIRS = frozenset(
    (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__")
)
_POST_SUFFIXES = (".json", ".yaml", ".yml")


@attrs.frozen
class PolicyLocation:
    """Which policy file applies, and how it was found.

    `how` is one of ``"--policy"``, ``"GOVSOCIAL_POLICY"``, ``"govsocial.yaml"`` (any
    of :data:`POLICY_FILE_NAMES`), ``"pyproject.toml"`` or ``"none"``; `root` is the
    folder its file patterns are relative to.
    """

    path: Path | None
    how: str
    root: Path

    @property
    def found(self) -> bool:
        return self.path is not None


def find_policy(
    start: str | Path,
    *,
    explicit: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
) -> PolicyLocation:
    """The policy for the post file or folder `start` (see the module docstring).

    `environ` defaults to :data:`os.environ` and `cwd` to the current folder (the
    root of an explicit or environment policy, and of ``start`` when it is relative).
    A ``pyproject.toml`` that cannot be parsed raises :class:`PolicyError`.
    """
    if not isinstance(start, (str, Path)):
        raise UsageError(f"find_policy() expected a path, got start={start!r:.60}")
    here = Path(cwd) if cwd is not None else Path.cwd()
    if explicit is not None:
        return PolicyLocation(Path(explicit), "--policy", here)
    env = (os.environ if environ is None else environ).get("GOVSOCIAL_POLICY")
    if env:
        return PolicyLocation(Path(env), "GOVSOCIAL_POLICY", here)
    p = Path(start)
    folder = (here / p if not p.is_absolute() else p).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for d in (folder, *folder.parents):
        for name in POLICY_FILE_NAMES:
            candidate = d / name
            if candidate.is_file():
                return PolicyLocation(candidate, "govsocial.yaml", d)
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            named = _pyproject_policy(pyproject)
            if named is not None:
                return PolicyLocation(d / named, "pyproject.toml", d)
    return PolicyLocation(None, "none", here)


def _pyproject_policy(path: Path) -> str | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"cannot read [tool.govsocial]: {exc}", source=str(path)) from None
    table = data.get("tool", {}).get("govsocial")
    if table is None:
        return None
    value = table.get("policy") if isinstance(table, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(
            'expected [tool.govsocial] policy = "path/to/govsocial.yaml" (a non-empty string)',
            source=str(path),
            where="tool.govsocial.policy",
        )
    return value


@attrs.frozen
class FileSelection:
    """Which files are posts: glob patterns relative to `root` (``**`` spans folders)."""

    root: Path
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()

    @classmethod
    def from_policy(
        cls,
        root: Path,
        include: Sequence[str] | None = None,
        exclude: Sequence[str] = (),
    ) -> FileSelection:
        """A policy's ``files`` section (``Policy.post_files``), with the defaults."""
        chosen = tuple(include) if include is not None else tuple(DEFAULT_INCLUDE)
        return cls(root=root, include=chosen, exclude=tuple(exclude))

    def selects(self, path: str | Path) -> bool:
        """True when `path` (absolute, or relative to the current folder) is a post file."""
        p = Path(path).resolve()
        if p.suffix.lower() not in _POST_SUFFIXES:
            return False
        try:
            rel = p.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return False
        return _matches(rel, self.include) and not _matches(rel, self.exclude)

    def excluded_dir(self, rel: str) -> bool:
        return _matches(rel, self.exclude) or _matches(rel + "/", self.exclude)


def find_post_files(folder: str | Path, selection: FileSelection) -> list[Path]:
    """Every post file under `folder` that `selection` names, sorted; hidden folders,
    version control, virtual environments and ``node_modules`` are not walked."""
    start = Path(folder).resolve()
    root = selection.root.resolve()
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(start):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            if d in _SKIP_DIRS or d.startswith("."):
                continue
            try:
                rel = (here / d).relative_to(root).as_posix()
            except ValueError:
                rel = None
            if rel is not None and selection.excluded_dir(rel):
                continue
            keep.append(d)
        dirnames[:] = keep
        out.extend(here / f for f in sorted(filenames) if selection.selects(here / f))
    return sorted(out)


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    return any(_compile(p).fullmatch(rel) for p in patterns)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compile(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob: ``*`` within a name, ``**/`` any folders, a pattern
    without ``/`` matches a name at any depth, a trailing ``/`` a whole folder."""
    hit = _CACHE.get(pattern)
    if hit is not None:
        return hit
    p = pattern.strip()
    if p.startswith("./"):
        p = p[2:]
    if "/" not in p.rstrip("/"):
        p = "**/" + p
    if p.endswith("/"):
        p += "**"
    out = []
    i = 0
    while i < len(p):
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif p[i] == "*":
            out.append("[^/]*")
            i += 1
        elif p[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(p[i]))
            i += 1
    compiled = re.compile("".join(out))
    _CACHE[pattern] = compiled
    return compiled
