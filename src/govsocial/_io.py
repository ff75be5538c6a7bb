"""Reading user files at the edge: JSON, YAML and JSON Lines with located errors.

Everything here turns a parse failure into an :class:`~govsocial.errors.InputError`
(or the error class the caller names) that says which file, which line and what
was expected, so the CLI never shows a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import json.decoder
import json.scanner
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any, Protocol

from govsocial.errors import GovsocialError, InputError
from govsocial.files import decode_utf8, open_file, read_stdin
from govsocial.files import located_error as _make
from govsocial.limits import DEFAULT_LIMITS, Limits, over_limit

__all__ = [
    "decode_utf8",
    "iter_jsonl",
    "load_yaml_resource",
    "nesting_depth",
    "parse_json",
    "parse_rfc3339",
    "read_json",
    "read_line",
    "read_lines",
    "read_stdin",
    "read_text",
]


def read_text(
    path: str | Path,
    *,
    error: type[GovsocialError] = InputError,
    limits: Limits = DEFAULT_LIMITS,
) -> str:
    """Read a UTF-8 file; an unreadable, undecodable or too large file raises `error` naming it."""
    p = Path(path)
    try:
        with open_file(p) as f:
            data = f.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise _make(error, f"cannot read file: {exc.strerror or exc}", source=str(p)) from None
    if len(data) > limits.max_file_bytes:
        raise _make(
            error,
            over_limit(
                "max_file_bytes",
                len(data),
                limits.max_file_bytes,
                f"the file has more than {limits.max_file_bytes:,} bytes",
            ),
            source=str(p),
        )
    return decode_utf8(data, source=str(p), error=error)


def read_json(
    path: str | Path,
    *,
    error: type[GovsocialError] = InputError,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """Parse a JSON file; syntax errors, duplicate keys and too deep nesting name the line."""
    text = read_text(path, error=error, limits=limits)
    return parse_json(text, source=str(path), error=error, limits=limits)


def parse_json(
    text: str,
    *,
    source: str,
    error: type[GovsocialError] = InputError,
    limits: Limits = DEFAULT_LIMITS,
    line: int | None = None,
) -> Any:
    """Parse JSON text strictly: duplicate keys and nesting deeper than ``max_depth`` are
    errors naming the line (`line` is the line of the text's start in its file)."""
    first = line if line is not None else 1
    try:
        value = json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise _make(
            error,
            f"invalid JSON: {exc.msg} (column {exc.colno})",
            source=source,
            line=exc.lineno + first - 1,
        ) from None
    except _DuplicateKey as dup:
        at = _duplicate_line(text, dup.key)
        raise _make(
            error,
            f"duplicate key {_short(dup.key)}; each key may appear once in an object",
            source=source,
            line=None if at is None else at + first - 1,
        ) from None
    except RecursionError:
        raise _make(
            error, _too_deep(limits), source=source, line=None if line is None else first
        ) from None
    depth = nesting_depth(value)
    if depth > limits.max_depth:
        raise _make(error, _too_deep(limits), source=source, line=None if line is None else first)
    return value


def _too_deep(limits: Limits) -> str:
    return over_limit(
        "max_depth",
        limits.max_depth + 1,
        limits.max_depth,
        "arrays and objects are nested too deeply",
    )


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _duplicate_line(text: str, key: str) -> int | None:
    """The line of the first object in `text` that holds `key` twice.

    Found again with the pure-Python decoder, whose object parser is told where each
    object starts: only on the error path, so the usual parse keeps the C decoder.
    """
    found: list[int] = []
    decoder = json.JSONDecoder(object_pairs_hook=list)
    json_object = getattr(json.decoder, "JSONObject")  # noqa: B009 - not in the stubs

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
        s, start = s_and_end
        obj, end = json_object(s_and_end, *args, **kwargs)
        if isinstance(obj, list) and not found:
            keys = [k for k, _ in obj]
            if len(set(keys)) != len(keys):
                # the second occurrence of the first key seen twice, within this object
                key = next(k for i, k in enumerate(keys) if k in keys[:i])
                pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:")
                hits = [m.start() for m in pattern.finditer(s, start, end)]
                found.append(hits[1] if len(hits) > 1 else start)
        return obj, end

    setattr(decoder, "parse_object", parse_object)  # noqa: B010 - not in the stubs
    setattr(decoder, "scan_once", getattr(json.scanner, "py_make_scanner")(decoder))  # noqa: B009, B010
    try:
        decoder.decode(text)
    except (ValueError, RecursionError):
        return None
    return text.count("\n", 0, found[0]) + 1 if found else None


def nesting_depth(value: Any) -> int:
    """Nesting of lists and dicts in `value` (a scalar: 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _short(value: Any, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "\u2026"


_SKIP_BYTES = 1 << 20


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def read_line(stream: _LineReader, limit: int) -> tuple[bytes | None, int]:
    """The next line of a binary stream and the bytes it took, holding at most `limit`
    bytes of it: a longer line is read on in blocks and dropped (``None``), so that one
    line of a file, or of a small gzip file that inflates to gigabytes, cannot fill the
    memory. ``(b"", 0)`` at the end of the stream."""
    raw = stream.readline(limit + 1)
    if len(raw) <= limit or raw.endswith(b"\n"):
        return raw, len(raw)
    size = len(raw)
    while part := stream.readline(_SKIP_BYTES):
        size += len(part)
        if part.endswith(b"\n"):
            break
    return None, size


def _bounded(stream: IO[bytes] | IO[str], limit: int) -> Iterator[bytes | str]:
    """A stream's lines, each read with at most ``limit + 1`` units held: an over-long
    line comes out cut there, for the caller to refuse by its length."""
    while line := stream.readline(limit + 1):
        yield line


def read_lines(
    stream: IO[bytes] | IO[str] | Iterable[str] | Iterable[bytes],
    *,
    source: str,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[str]:
    """The lines of a stream as text: bytes are decoded as UTF-8 line by line (a bad
    byte names its line), and a line over ``max_line_bytes`` is an error, not a hang,
    raised before more than that much of it is read from a file."""
    lines: Iterable[bytes | str] = stream
    if hasattr(stream, "readline"):
        lines = _bounded(stream, limits.max_line_bytes)  # type: ignore[arg-type]
    for number, raw in enumerate(lines, start=1):
        if len(raw) > limits.max_line_bytes:
            raise InputError(
                over_limit(
                    "max_line_bytes",
                    len(raw),
                    limits.max_line_bytes,
                    f"the line has more than {limits.max_line_bytes:,} bytes",
                ),
                source=source,
                line=number,
            )
        yield decode_utf8(raw, source=source, line=number) if isinstance(raw, bytes) else str(raw)


def iter_jsonl(
    lines: Iterable[str] | Iterable[bytes],
    *,
    source: str = "<input>",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for each non-blank line of a JSON Lines stream.

    A line that is not JSON (or holds a key twice, or nests deeper than the limit)
    raises :class:`InputError` naming the source and line.
    Streaming: one line in memory at a time.
    """
    for number, raw in enumerate(read_lines(lines, source=source, limits=limits), start=1):
        line = raw.strip()
        if not line:
            continue
        yield number, parse_json(line, source=source, limits=limits, line=number)


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
    if not _EARLIEST <= t <= _LATEST:
        # Converted to UTC or to any zone such a time leaves the years 1 to 9999 that
        # Python's datetime holds: refused here rather than overflowing later.
        raise ValueError(
            f"{where}: {value!r} is too close to year 1 or 9999; expected a time between "
            "0001-01-02 and 9999-12-30 (UTC)"
        )
    return t


_EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
_LATEST = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)


def load_yaml_resource(relpath: str) -> Any:
    """Parse a YAML data file shipped in ``govsocial/data`` (path with '/' separators)."""
    import yaml

    node = resources.files("govsocial").joinpath("data")
    for part in relpath.split("/"):
        node = node.joinpath(part)
    # libyaml's loader when PyYAML has it: the shipped lexicons parse about ten times faster.
    return yaml.load(node.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
