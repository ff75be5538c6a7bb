"""Reading user files at the edge: JSON, YAML and JSON Lines with located errors.

Everything here turns a parse failure into an :class:`~govsocial.errors.InputError`
(or the error class the caller names) that says which file, which line and what
was expected, so the CLI never shows a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from govsocial.errors import GovsocialError, InputError

__all__ = ["iter_jsonl", "load_yaml_resource", "parse_rfc3339", "read_json", "read_text"]


def read_text(path: str | Path, *, error: type[GovsocialError] = InputError) -> str:
    """Read a UTF-8 file; an unreadable or undecodable file raises `error` naming it."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise _make(error, f"cannot read file: {exc.strerror or exc}", source=str(p)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _make(
            error,
            f"not valid UTF-8 (byte {exc.start}); expected UTF-8 text",
            source=str(p),
            line=line,
        ) from None


def read_json(path: str | Path, *, error: type[GovsocialError] = InputError) -> Any:
    """Parse a JSON file; syntax errors name the line and column."""
    text = read_text(path, error=error)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _make(
            error,
            f"invalid JSON: {exc.msg} (column {exc.colno})",
            source=str(path),
            line=exc.lineno,
        ) from None


def iter_jsonl(lines: Iterable[str], *, source: str = "<input>") -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for each non-blank line of a JSON Lines stream.

    A line that is not JSON raises :class:`InputError` naming the source and line.
    Streaming: one line in memory at a time.
    """
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON: {exc.msg} (column {exc.colno}); expected one JSON object per line",
                source=source,
                line=number,
            ) from None


def parse_rfc3339(value: Any, where: str) -> dt.datetime:
    """An RFC 3339 time with its UTC offset; ValueError naming `where` otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected an RFC 3339 timestamp string, got {value!r}")
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{where}: {value!r} is not an RFC 3339 timestamp (e.g. 2026-11-23T09:30:00+01:00)"
        ) from None
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(
            f"{where}: {value!r} has no UTC offset; add one (Z, +01:00): a naive time is ambiguous"
        )
    return t


def _make(
    error: type[GovsocialError], message: str, *, source: str, line: int | None = None
) -> GovsocialError:
    from govsocial.errors import _LocatedError

    if issubclass(error, _LocatedError):
        return error(message, source=source, line=line)
    return error(f"{source}: {message}")


def load_yaml_resource(relpath: str) -> Any:
    """Parse a YAML data file shipped in ``govsocial/data`` (path with '/' separators)."""
    import yaml

    node = resources.files("govsocial").joinpath("data")
    for part in relpath.split("/"):
        node = node.joinpath(part)
    # libyaml's loader when PyYAML has it: the shipped lexicons parse about ten times faster.
    return yaml.load(node.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
