"""The JSON Schemas shipped with govsocial (``schemas/*.schema.json``).

Validators are compiled once per schema and cached; messages from a failed
validation are turned into one line naming the JSON pointer and what was expected.
:func:`plainly_valid_post` tells, without jsonschema, a post that is certainly valid
(``Post.from_dict``'s fast path; jsonschema decides and names the problem otherwise).
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from govsocial._durations import DURATION_PATTERN, WORKING_DAYS_PATTERN

__all__ = [
    "shipped_schema",
    "describe_error",
    "first_error",
    "json_pointer_token",
    "load_schema",
    "plainly_valid_post",
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


# -- posts checked directly (Post.from_dict's fast path) ----------------------------


_POST_KEYS = frozenset(
    ("id", "account", "networks", "text", "title", "media", "scheduled_at", "kind", "ignore")
)
_MEDIA_KEYS = frozenset(("path", "url", "kind", "alt", "captions"))
_IGNORE_KEYS = frozenset(("code", "reason"))


@functools.cache
def _post_schema_facts() -> tuple[frozenset[str], frozenset[str], Any, Any, Any, Any, Any]:
    """What :func:`plainly_valid_post` needs, read from ``post.schema.json`` itself."""
    schema = load_schema("post")
    props = schema["properties"]
    networks = frozenset(props["networks"]["items"]["enum"])
    media_kinds = frozenset(props["media"]["items"]["properties"]["kind"]["enum"])
    lang = re.compile(schema["$defs"]["lang"]["pattern"])
    kind = re.compile(props["kind"]["pattern"])
    entry = props["ignore"]["items"]
    if set(entry["required"]) != _IGNORE_KEYS or set(entry["properties"]) != _IGNORE_KEYS:
        raise AssertionError("post.schema.json's ignore entries are not {code, reason}")
    code = re.compile(entry["properties"]["code"]["pattern"])
    reason = re.compile(entry["properties"]["reason"]["pattern"])
    formats = validator("post").format_checker
    return networks, media_kinds, lang.search, kind.search, formats, code.search, reason.search


def plainly_valid_post(data: Any) -> bool:
    """True when `data` is certainly valid against the post schema, checked directly
    (jsonschema takes about 60 µs for a two-language post, as long as a whole check of
    it would take without it). False sends `data` through jsonschema, which decides and
    names the first problem. A property test holds this equal to jsonschema's verdict
    (same regex semantics: ``re.search``, as jsonschema applies ``pattern``)."""
    if not isinstance(data, dict) or not _POST_KEYS.issuperset(data):
        return False
    networks, media_kinds, lang_ok, kind_ok, formats, code_ok, reason_ok = _post_schema_facts()
    nets = data.get("networks")
    text = data.get("text")
    if not isinstance(nets, list) or not nets:
        return False
    if not isinstance(text, dict) or not _langs_ok(text, lang_ok):
        return False
    for n in nets:
        if not isinstance(n, str) or n not in networks:
            return False
    if len(set(nets)) != len(nets):
        return False
    for key in ("id", "account"):
        if key in data and not isinstance(data[key], str):
            return False
    if "title" in data and not (
        isinstance(data["title"], dict) and _langs_ok(data["title"], lang_ok)
    ):
        return False
    if "kind" in data and not (isinstance(data["kind"], str) and kind_ok(data["kind"])):
        return False
    if "scheduled_at" in data:
        when = data["scheduled_at"]
        if not isinstance(when, str) or not formats.conforms(when, "date-time"):
            return False
    if "media" in data:
        media = data["media"]
        if not isinstance(media, list):
            return False
        for m in media:
            if not isinstance(m, dict) or not _MEDIA_KEYS.issuperset(m):
                return False
            if ("path" in m) == ("url" in m):  # oneOf: exactly one of them
                return False
            loc = m["path"] if "path" in m else m["url"]
            if not isinstance(loc, str) or not loc:
                return False
            if "kind" in m and (not isinstance(m["kind"], str) or m["kind"] not in media_kinds):
                return False
            if "alt" in m and not (isinstance(m["alt"], dict) and _langs_ok(m["alt"], lang_ok)):
                return False
            if "captions" in m:
                caps = m["captions"]
                if not (isinstance(caps, dict) and _langs_ok(caps, lang_ok)):
                    return False
                if not all(caps.values()):  # minLength 1
                    return False
    if "ignore" in data:
        entries = data["ignore"]
        if not isinstance(entries, list):
            return False
        for i in entries:
            if not isinstance(i, dict) or len(i) != 2 or not _IGNORE_KEYS.issuperset(i):
                return False
            code, reason = i["code"], i["reason"]
            if not isinstance(code, str) or not isinstance(reason, str):
                return False
            if not code_ok(code) or not reason_ok(reason):
                return False
    return True


def _langs_ok(mapping: dict[Any, Any], lang_ok: Any) -> bool:
    good = _GOOD_TAGS
    for k, v in mapping.items():
        if not isinstance(v, str):
            return False
        if type(k) is str and k in good:
            continue
        if not isinstance(k, str) or not lang_ok(k):
            return False
        if type(k) is str and len(good) < 256:
            good.add(k)
    return True


# Language tags already found to match the schema's pattern (plain str only), so that a
# post's usual tags are not matched again for every post; bounded (a program checking
# posts with ever new tags matches the tags past the first 256 each time).
_GOOD_TAGS: set[str] = set()
