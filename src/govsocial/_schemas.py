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


def describe_error(error: Any) -> tuple[str, str]:
    """Return ``(json_pointer, message)`` for the most relevant jsonschema error."""
    best = error
    where = pointer(best.absolute_path)
    if best.validator == "additionalProperties":
        extra = sorted(set(best.instance) - set(best.schema.get("properties", {})))
        allowed = ", ".join(sorted(best.schema.get("properties", {})))
        key = str(extra[0]).replace("~", "~0").replace("/", "~1") if extra else ""
        where = (where.rstrip("/") + "/" + key) if key else where
        return where, f"unknown key(s) {', '.join(map(repr, extra))}; expected one of: {allowed}"
    return where, best.message
