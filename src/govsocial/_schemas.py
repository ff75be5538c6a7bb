"""The JSON Schemas shipped with govsocial (``schemas/*.schema.json``).

Validators are compiled once per schema and cached; messages from a failed
validation are turned into one line naming the JSON pointer and what was expected.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from govsocial._durations import DURATION_PATTERN, WORKING_DAYS_PATTERN

__all__ = [
    "shipped_schema",
    "describe_error",
    "first_error",
    "json_pointer_token",
    "load_schema",
    "pointer",
    "validator",
]


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """Return the parsed schema ``schemas/<name>.schema.json``."""
    text = (
        resources.files("govsocial").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def shipped_schema(name: str) -> dict[str, Any]:
    """A copy of the JSON Schema shipped as ``schemas/<name>.schema.json`` (post, policy,
    report, message, mention, accounts, audit), e.g. to validate a form in a web app."""
    import copy

    names = sorted(
        entry.name.removesuffix(".schema.json")
        for entry in resources.files("govsocial").joinpath("schemas").iterdir()
        if entry.name.endswith(".schema.json")
    )
    if name not in names:
        from govsocial.errors import UsageError

        raise UsageError(f"expected a schema name ({', '.join(names)}), got name={name!r:.40}")
    return copy.deepcopy(load_schema(name))


@functools.cache
def validator(name: str) -> Any:
    """Return a cached Draft 2020-12 validator for schema `name` (imports jsonschema lazily)."""
    import jsonschema

    return jsonschema.Draft202012Validator(
        load_schema(name),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        registry=_registry(),
    )


@functools.cache
def _section_validator(name: str, section: str) -> Any:
    import jsonschema

    schema = load_schema(name)
    sub = {"$schema": schema["$schema"], "$ref": f"#/$defs/{section}", "$defs": schema["$defs"]}
    return jsonschema.Draft202012Validator(
        sub, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER, registry=_registry()
    )


def first_error(name: str, data: Any, *, section: str | None = None) -> tuple[str, str] | None:
    """``(json_pointer, message)`` for the first problem of `data` against schema `name`
    (or against its ``$defs/<section>``, for a policy's section given on its own); None
    if it is valid. The first is the shallowest, then the first in key order."""
    v = validator(name) if section is None else _section_validator(name, section)
    errors = sorted(
        v.iter_errors(data), key=lambda e: (len(e.absolute_path), pointer(e.absolute_path))
    )
    return describe_error(errors[0]) if errors else None


@functools.cache
def _registry() -> Any:
    """Every shipped schema by its ``$id``, so that one may refer to another's ``$defs``."""
    import referencing
    import referencing.jsonschema

    names = [
        entry.name.removesuffix(".schema.json")
        for entry in resources.files("govsocial").joinpath("schemas").iterdir()
        if entry.name.endswith(".schema.json")
    ]
    resources_ = [
        (schema["$id"], referencing.Resource.from_contents(schema))
        for schema in (load_schema(n) for n in sorted(names))
    ]
    return referencing.Registry().with_resources(resources_)


def json_pointer_token(key: object) -> str:
    """One reference token of a JSON pointer (RFC 6901: ``~`` is ``~0``, ``/`` is ``~1``)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def pointer(path: Any) -> str:
    """Render a path (keys and indexes, e.g. jsonschema's ``absolute_path``) as a JSON
    pointer; the empty path is ``/``, the document itself."""
    parts = [json_pointer_token(p) for p in path]
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
    DURATION_PATTERN: (
        "a duration such as 90s, 15m, 2h, 7d or 2w (a number and a unit: s, m or min, h, d, w)"
    ),
    WORKING_DAYS_PATTERN: "a number of working days such as '2 working days' or '2wd'",
    "^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$(?!\\n)": (
        "office hours HH:MM-HH:MM such as '09:00-15:00' (the end may be 24:00)"
    ),
    (
        "^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?"
        "(,(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*$(?!\\n)"
    ): "office days such as 'mon-fri' or 'mon,wed,fri'",
    "^[A-Z]{2}(-[A-Z0-9]{1,3})?$(?!\\n)": (
        "a holiday calendar: an ISO 3166 country, optionally with its region, e.g. 'ES' or 'ES-CT'"
    ),
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$(?!\\n)": (
        "an identifier (letters, digits, '.', '-' or '_', starting with a letter or digit), "
        "e.g. 'cultura'"
    ),
    "^[^\\s@][^\\s]*$(?!\\n)": "a handle without the @ sign or spaces, e.g. 'bcn_cultura'",
    "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$(?!\\n)": (
        "publishing hours as HH:MM-HH:MM, e.g. '08:00-21:00'"
    ),
    "^#[0-9a-fA-F]{6}$(?!\\n)": "a colour as #rrggbb, e.g. '#c8102e'",
}


# What the schemas' formats stand for, in words. `date-time` is checked by jsonschema
# through rfc3339-validator (a dependency): RFC 3339's grammar, with `T` and an offset.
_FORMAT_NAMES = {
    "date-time": "an RFC 3339 date-time with offset, e.g. 2026-11-23T09:00:00+01:00",
    "date": "a date as YYYY-MM-DD",
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
    if best.validator == "format" and best.validator_value in _FORMAT_NAMES:
        return where, f"{best.instance!r} is not {_FORMAT_NAMES[best.validator_value]}"
    if best.validator == "additionalProperties":
        extra = sorted(set(best.instance) - set(best.schema.get("properties", {})))
        allowed = ", ".join(sorted(best.schema.get("properties", {})))
        key = json_pointer_token(extra[0]) if extra else ""
        where = (where.rstrip("/") + "/" + key) if key else where
        return where, f"unknown key(s) {', '.join(map(repr, extra))}; expected one of: {allowed}"
    return where, best.message
