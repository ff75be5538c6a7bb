"""Where each value of a JSON or YAML post file is: lines and columns for findings.

:func:`load_located` parses a post file and returns its data together with a
:class:`SourceMap`, which turns a JSON pointer (and a span of the string at that
pointer) into a :class:`Region` of the file: start and end line and column.
Editors, ``file:line:col`` terminals, GitHub annotations and SARIF viewers place
findings with it.

Lines and columns count from 1; columns count Unicode code points (SARIF's
``unicodeCodePoints``); an end column is the column just after the last character,
as SARIF defines it.
"""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from govsocial._schemas import json_pointer_token
from govsocial.errors import InputError
from govsocial.limits import DEFAULT_LIMITS, Limits

__all__ = ["Region", "SourceMap", "load_located", "read_located"]


@attrs.frozen
class Region:
    """A stretch of a file: 1-based lines and columns, the end column exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, int]:
        return {
            "start_line": self.start_line,
            "start_column": self.start_column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@attrs.frozen
class _Value:
    start: int  # offset of the value's first character in the file text
    end: int  # offset just after its last character
    # For a string: the offset in the file of each decoded character, and one more
    # entry for the end of the last one (None for other values).
    chars: tuple[int, ...] | None = None


@attrs.frozen(eq=False)
class SourceMap:
    """JSON pointers of one file mapped to their place in its text."""

    text: str = attrs.field(repr=False)
    values: dict[str, _Value] = attrs.field(repr=False)
    _line_starts: tuple[int, ...] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # The maps of a file's posts share its text: its line starts are found once.
        object.__setattr__(self, "_line_starts", _line_starts(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset into the file."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def region(self, pointer: str, span: tuple[int, int] | None = None) -> Region | None:
        """The region of the value at `pointer`, or of `span` inside that string.

        A pointer to something absent (a missing key) gives the region of its nearest
        present ancestor: the finding is about that object.  None only when the file
        holds nothing at all at the root.
        """
        p = pointer
        value = self.values.get(p)
        while value is None and p not in ("", "/"):
            p = p.rsplit("/", 1)[0]
            value = self.values.get(p or "")
            span = None
        if value is None:
            value = self.values.get("")
        if value is None:
            return None
        start, end = value.start, value.end
        if span is not None and value.chars is not None and p == pointer:
            n = len(value.chars) - 1
            a, b = max(0, min(span[0], n)), max(0, min(span[1], n))
            start, end = value.chars[a], value.chars[max(a, b)]
            if end == start and a < n:
                end = value.chars[a + 1]
        else:
            while end > start and self.text[end - 1] in _WS:
                end -= 1  # a YAML block ends after its last line break
        sl, sc = self.position(start)
        el, ec = self.position(end)
        return Region(sl, sc, el, ec)

    def with_prefix(self, prefix: str) -> SourceMap:
        """The map of the value at `prefix` (a post inside an array of posts) as its own root."""
        values = {
            k[len(prefix) :]: v
            for k, v in self.values.items()
            if k == prefix or k.startswith(prefix + "/")
        }
        return SourceMap(self.text, values)

    def item_maps(self, count: int) -> list[SourceMap]:
        """``[with_prefix("/0"), ..., with_prefix(f"/{count - 1}")]`` (the maps of the
        items of an array at the root, each as its own root), in one pass over the map
        rather than one per item: a file of many posts is not read in quadratic time."""
        groups: list[dict[str, _Value]] = [{} for _ in range(count)]
        for k, v in self.values.items():
            head, sep, rest = k[1:].partition("/")
            if k.startswith("/") and head.isdecimal() and str(int(head)) == head:
                i = int(head)
                if i < count:
                    groups[i]["/" + rest if sep else ""] = v
        return [SourceMap(self.text, values) for values in groups]


@functools.lru_cache(maxsize=4)
def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line of `text` starts (a character offset)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)


def read_located(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, SourceMap]:
    """Read a post file (JSON, or YAML by its ``.yaml``/``.yml`` suffix) with its map.

    The file is read within `limits` (size, nesting); errors name the file.
    """
    from govsocial._io import read_text

    path = Path(path)
    yaml = path.suffix.lower() in (".yaml", ".yml")
    text = read_text(path, limits=limits)
    return load_located(text, source=str(path), yaml=yaml, limits=limits)


def load_located(
    text: str, *, source: str, yaml: bool, limits: Limits = DEFAULT_LIMITS
) -> tuple[Any, SourceMap]:
    """Parse `text` (JSON, or YAML when `yaml`) into data and its :class:`SourceMap`.

    YAML is read safely, timestamps stay strings (a post's ``scheduled_at`` is checked
    as written) and duplicate keys, anchors and aliases are errors: each would make
    what the file says differ from what is checked.
    """
    try:
        if yaml:
            return _load_yaml(text, source)
        from govsocial._io import parse_json

        # strict: a key given twice or nesting over the limit is an error naming its line
        data = parse_json(text, source=source, limits=limits)
        values: dict[str, _Value] = {}
        _JsonScanner(text, values).value(_skip_ws(text, 0), "")
        return data, SourceMap(text, values)
    except RecursionError:
        raise InputError(
            "nested too deeply; expected a post (a mapping a few levels deep)", source=source
        ) from None


def _esc(key: str) -> str:
    return json_pointer_token(key)


_WS = " \t\n\r"


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


_SIMPLE_ESCAPES = '"\\/bfnrt'


class _JsonScanner:
    """Walks JSON text already accepted by :func:`json.loads`, recording positions."""

    def __init__(self, text: str, values: dict[str, _Value]) -> None:
        self.text = text
        self.values = values

    def value(self, i: int, pointer: str) -> int:
        t = self.text
        ch = t[i]
        if ch == "{":
            start = i
            i = _skip_ws(t, i + 1)
            if t[i] == "}":
                self.values[pointer] = _Value(start, i + 1)
                return i + 1
            while True:
                key, i = self.string(i)
                i = _skip_ws(t, i)
                i = _skip_ws(t, i + 1)  # the colon
                i = _skip_ws(t, self.value(i, pointer + "/" + _esc(key)))
                if t[i] == "}":
                    self.values[pointer] = _Value(start, i + 1)
                    return i + 1
                i = _skip_ws(t, i + 1)  # the comma
        if ch == "[":
            start = i
            i = _skip_ws(t, i + 1)
            index = 0
            if t[i] == "]":
                self.values[pointer] = _Value(start, i + 1)
                return i + 1
            while True:
                i = _skip_ws(t, self.value(i, f"{pointer}/{index}"))
                index += 1
                if t[i] == "]":
                    self.values[pointer] = _Value(start, i + 1)
                    return i + 1
                i = _skip_ws(t, i + 1)
        if ch == '"':
            start = i
            _, end, chars = self._string(i)
            self.values[pointer] = _Value(start, end, tuple(chars))
            return end
        end = i
        while end < len(t) and t[end] not in _WS + ",]}":
            end += 1
        self.values[pointer] = _Value(i, end)
        return end

    def string(self, i: int) -> tuple[str, int]:
        decoded, end, _ = self._string(i)
        return decoded, end

    def _string(self, i: int) -> tuple[str, int, list[int]]:
        t = self.text
        j = i + 1
        end = j
        # Find the closing quote, then let json decode the literal exactly.
        while t[end] != '"':
            end += 2 if t[end] == "\\" else 1
        decoded: str = json.loads(t[i : end + 1])
        chars: list[int] = []
        while j < end:
            chars.append(j)
            if t[j] != "\\":
                j += 1
            elif t[j + 1] != "u":
                j += 2
            else:
                code = int(t[j + 2 : j + 6], 16)
                nxt = t[j + 6 : j + 8]
                if 0xD800 <= code < 0xDC00 and nxt == "\\u":
                    low = int(t[j + 8 : j + 12], 16)
                    j += 12 if 0xDC00 <= low < 0xE000 else 6
                else:
                    j += 6
        chars.append(end)
        if len(chars) != len(decoded) + 1:  # pragma: no cover - a decoder disagreement
            chars = [i + 1] * (len(decoded) + 1)
        return decoded, end + 1, chars


def _load_yaml(text: str, source: str) -> tuple[Any, SourceMap]:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        """Safe loading with timestamps kept as the strings they are written as."""

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in base.yaml_implicit_resolvers.items()
    }
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file holds no YAML document; expected a post", source=source)
        values: dict[str, _Value] = {}
        _walk_yaml(node, "", text, values, source, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            f"invalid YAML: {exc.problem or exc.context}",
            source=source,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", source=source) from None
    finally:
        loader.dispose()
    return data, SourceMap(text, values)


def _walk_yaml(
    node: Any, pointer: str, text: str, values: dict[str, _Value], source: str, seen: set[int]
) -> None:
    import yaml

    if id(node) in seen:
        raise InputError(
            "YAML anchors and aliases are not accepted in post files; write the value out",
            source=source,
            line=node.start_mark.line + 1,
            where=pointer or "/",
        )
    seen.add(id(node))
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, yaml.MappingNode):
        values[pointer] = _Value(start, end)
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in keys:
                raise InputError(
                    f"duplicate key {key!r}; each key may appear once",
                    source=source,
                    line=key_node.start_mark.line + 1,
                    where=pointer or "/",
                )
            keys.add(key)
            _walk_yaml(value_node, pointer + "/" + _esc(key), text, values, source, seen)
    elif isinstance(node, yaml.SequenceNode):
        values[pointer] = _Value(start, end)
        for index, item in enumerate(node.value):
            _walk_yaml(item, f"{pointer}/{index}", text, values, source, seen)
    else:
        values[pointer] = _Value(start, end, tuple(_align(str(node.value), text, start, end)))


def _align(decoded: str, text: str, start: int, end: int) -> Iterator[int]:
    """Offsets in `text[start:end]` of each character of the YAML scalar `decoded`.

    Plain, quoted, literal and folded scalars keep their characters in order in the
    source, with indentation, quotes, escapes and line folds between them: each
    character is matched with the next equal one in the source.  A character the
    source writes otherwise (an escape, a folded line break) takes the place of the
    previous match, so a region is never off by more than that character.
    """
    j = start
    last = start
    for ch in decoded:
        k = text.find(ch, j, end)
        # a folded line break is a space in the value and a newline in the source
        if k < 0 and ch == " ":
            k = text.find("\n", j, end)
        if k < 0:
            yield last
            continue
        yield k
        last = k
        j = k + 1
    yield j if decoded else start
