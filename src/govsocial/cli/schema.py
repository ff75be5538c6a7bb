"""`govsocial schema NAME`: print a JSON Schema shipped with govsocial."""

from __future__ import annotations

import argparse
import json
from typing import Any

from govsocial.cli._output import write_output

__all__ = ["SCHEMAS", "register"]

#: The schemas a user may ask for, and what each describes.
SCHEMAS = {
    "post": "a post file (govsocial check)",
    "policy": "a policy file (govsocial.yaml)",
    "report": "the JSON report of govsocial check --format json",
    "message": "one line of the messages file (govsocial responsiveness)",
    "mention": "one line of the mentions file (govsocial crisis assess)",
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="print a JSON Schema shipped with govsocial (post, policy, report, message, mention)",
        description="Print the JSON Schema (draft 2020-12) of NAME to standard output, e.g. for "
        "an editor's YAML/JSON language server or to validate files in another tool. "
        + "; ".join(f"{k}: {v}" for k, v in SCHEMAS.items())
        + ".",
        epilog="examples:\n  govsocial schema policy > policy.schema.json\n"
        "  govsocial schema post | python -m json.tool",
    )
    p.add_argument(
        "name", choices=tuple(SCHEMAS), metavar="NAME", help="one of: " + ", ".join(SCHEMAS)
    )
    p.set_defaults(handler=_schema)


def _schema(args: argparse.Namespace) -> int:
    from govsocial import shipped_schema

    write_output(json.dumps(shipped_schema(args.name), ensure_ascii=False, indent=2) + "\n")
    return 0
