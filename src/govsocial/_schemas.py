"""The JSON Schemas shipped with govsocial (``schemas/*.schema.json``).

Validators are compiled once per schema and cached; messages from a failed
validation are turned into one line naming the JSON pointer and what was expected.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["describe_error", "load_schema", "validator"]


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """Return the parsed schema ``schemas/<name>.schema.json``."""
    text = (
        resources.files("govsocial").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def validator(name: str) -> Any:
    """Return a cached Draft 2020-12 validator for schema `name` (imports jsonschema lazily)."""
    import jsonschema

    return jsonschema.Draft202012Validator(
        load_schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def pointer(path: Any) -> str:
    """Render a jsonschema ``absolute_path`` deque as a JSON pointer."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else "/"


_TYPE_NAMES = {
    "string": "a string",
    "array": "a list",
    "object": "a mapping",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


# What the schemas' patterns stand for, in words (``$(?!\n)``: the end of the string, as
# ECMA-262 reads ``$``; Python's re, which jsonschema uses, would accept a final newline).
_PATTERN_NAMES = {
    "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$(?!\\n)": (
        "a BCP 47 language tag such as 'ca', 'es' or 'ca-ES-valencia'"
    ),
    "^[a-z][a-z0-9_-]*$(?!\\n)": (
        "a lower-case word (letters, digits, '-' or '_', starting with a letter), e.g. 'event'"
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$(?!\\n)": "a date as YYYY-MM-DD",
    "^GS[0-9]{0,3}$(?!\\n)": "a rule code or prefix such as 'GS201' or 'GS2'",
    "^#?[^\\s#]+$(?!\\n)": "a hashtag without spaces, e.g. '#FestaMajor'",
    "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$(?!\\n)": "a domain name such as 'vilanova.cat'",
    "^#[0-9a-fA-F]{6}$(?!\\n)": "a colour as #rrggbb, e.g. '#c8102e'",
}


def describe_error(error: Any) -> tuple[str, str]:
    """Return ``(json_pointer, message)`` for the most relevant jsonschema error."""
    best = error
    # "not valid under any of the given schemas" says nothing: name what the closest
    # alternative wanted (jsonschema picks the deepest error under oneOf/anyOf).
    while best.validator in ("oneOf", "anyOf") and best.context:
        branches = list(best.context)
        # A branch for another type of value is not the one the user meant.
        meant = [e for e in branches if e.validator != "type"]
        if not meant:
            types = " or ".join(
                _TYPE_NAMES.get(str(e.validator_value), str(e.validator_value)) for e in branches
            )
            return pointer(best.absolute_path), f"{best.instance!r} is not {types}"
        best = max(meant, key=lambda e: len(e.absolute_path))  # the deepest, first on ties
    where = pointer(best.absolute_path)
    if best.validator == "pattern" and best.validator_value == "\\S":
        return where, f"{best.instance!r} is blank; expected some text"
    if best.validator == "pattern" and best.validator_value in _PATTERN_NAMES:
        return where, f"{best.instance!r} is not {_PATTERN_NAMES[best.validator_value]}"
    if best.validator == "additionalProperties":
        extra = sorted(set(best.instance) - set(best.schema.get("properties", {})))
        allowed = ", ".join(sorted(best.schema.get("properties", {})))
        key = str(extra[0]).replace("~", "~0").replace("/", "~1") if extra else ""
        where = (where.rstrip("/") + "/" + key) if key else where
        return where, f"unknown key(s) {', '.join(map(repr, extra))}; expected one of: {allowed}"
    return where, best.message
