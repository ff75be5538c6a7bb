"""`govsocial rules` and `govsocial rule CODE`: the rule registry from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["register", "rule_doc"]


def register(sub: Any) -> None:
    r = sub.add_parser(
        "rules",
        help="list every rule: code, name, summary",
        description="List every rule: code, name, default severity and summary.",
        epilog="examples:\n  govsocial rules\n  govsocial rules --format json",
    )
    r.add_argument("--format", "-f", choices=("text", "json"), default="text")
    r.set_defaults(handler=_rules)

    d = sub.add_parser(
        "rule",
        help="show one rule's documentation with examples",
        description="Show what rule CODE checks, why, and a flagged and a clean example.",
        epilog="examples:\n  govsocial rule GS201\n  govsocial rule gs213",
    )
    d.add_argument("code", metavar="CODE")
    d.set_defaults(handler=_rule)


def _rules(args: argparse.Namespace) -> int:
    from govsocial.rules.registry import all_rules

    rules = all_rules()
    if args.format == "json":
        doc = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary}
            for r in rules
        ]
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        sys.stdout.write(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}\n")
    return 0


def rule_doc(code: str) -> str:
    """The documentation of one rule as Markdown-ish text (also used for docs/rules.md)."""
    import yaml

    from govsocial.check import check
    from govsocial.rules.registry import get_rule

    r = get_rule(code)

    def dump(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False, indent=2)

    flagged = check(r.flagged, r.policy, select=[r.code])
    lines = [
        f"{r.code} {r.name}  [{r.severity.value}]",
        "",
        r.summary,
        "",
        "Why: " + r.why,
    ]
    if r.fix:
        lines += ["", "Fix: " + r.fix]
    lines += [
        "",
        "Policy:",
        _indent(yaml.safe_dump(dict(r.policy), allow_unicode=True, sort_keys=False).rstrip()),
        "",
        "Flagged:",
        _indent(dump(dict(r.flagged))),
        "",
    ]
    lines += [f"  -> {f.code} {f.severity.value} {f.path}: {f.message}" for f in flagged.findings]
    lines += ["", "Clean:", _indent(dump(dict(r.clean)))]
    return "\n".join(lines) + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def _rule(args: argparse.Namespace) -> int:
    sys.stdout.write(rule_doc(args.code))
    return 0
