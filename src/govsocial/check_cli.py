"""`govsocial check`, `govsocial rules`, `govsocial rule CODE`, `govsocial count`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from govsocial.errors import InputError, UsageError
from govsocial.findings import Report, Severity, render_json, render_sarif, render_text

__all__ = ["register"]


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(c for c in (p.strip() for p in v.split(",")) if c)
    return out


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check posts against a policy before publishing",
        description="Check posts (JSON files: one post, or an array of posts) against a policy. "
        "Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: usage error, "
        "unreadable file or invalid policy.",
    )
    p.add_argument(
        "posts", nargs="+", metavar="POST.json", help="post files ('-' reads standard input)"
    )
    p.add_argument("--policy", "-p", metavar="POLICY", help="policy file (YAML or JSON)")
    p.add_argument("--format", "-f", choices=("text", "json", "sarif"), default="text")
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    p.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rule codes or prefixes (comma-separated)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="skip these rule codes or prefixes (comma-separated)",
    )
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output"
    )
    p.set_defaults(handler=_check)

    r = sub.add_parser("rules", help="list every rule: code, name, summary")
    r.add_argument("--format", "-f", choices=("text", "json"), default="text")
    r.set_defaults(handler=_rules)

    d = sub.add_parser("rule", help="show one rule's documentation with examples")
    d.add_argument("code", metavar="CODE")
    d.set_defaults(handler=_rule)

    c = sub.add_parser("count", help="count a text as each network counts it")
    c.add_argument("text", help="the text ('-' reads standard input)")
    c.add_argument("--network", "-n", action="append", help="only these networks (repeatable)")
    c.add_argument("--policy", "-p", metavar="POLICY", help="apply this policy's network overrides")
    c.set_defaults(handler=_count)


def _read_posts(name: str) -> list[tuple[str, Any]]:
    from govsocial._io import read_json

    if name == "-":
        raw = sys.stdin.read()
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON: {exc.msg} (column {exc.colno})", source="<stdin>", line=exc.lineno
            ) from None
        name = "<stdin>"
    else:
        data = read_json(Path(name))
    if isinstance(data, list):
        return [(f"{name}[{i}]", item) for i, item in enumerate(data)]
    return [(name, data)]


def _check(args: argparse.Namespace) -> int:
    from govsocial.check import check
    from govsocial.model import Post
    from govsocial.policy import load_policy
    from govsocial.rules.registry import all_rules, select_rules

    policy = load_policy(args.policy) if args.policy else load_policy({"version": 1})
    select, ignore = _codes(args.select), _codes(args.ignore)
    select_rules(select, ignore)  # validates the codes before any work
    posts = []
    for name in args.posts:
        for source, data in _read_posts(name):
            posts.append((source, Post.from_dict(data, source=source)))
    reports: list[Report] = [
        check(post, policy, select=select, ignore=ignore, source=source) for source, post in posts
    ]
    if args.format == "json":
        out = render_json(reports)
    elif args.format == "sarif":
        out = render_sarif(reports, all_rules())
    else:
        out = render_text(reports)
    write_output(out, args.output)
    if args.fail_on == "never":
        return 0
    level = Severity(args.fail_on)
    return 1 if any(r.at_least(level) for r in reports) else 0


def write_output(text: str, path: str | None = None) -> None:
    """Write UTF-8 whatever the locale; lone surrogates become backslash escapes such as ``\\ud800``.

    Inside JSON strings that escape is exactly the JSON escape of the same code
    unit, so JSON and SARIF output stay valid and lose nothing.
    """
    data = text.encode("utf-8", "backslashreplace")
    if path:
        Path(path).write_bytes(data)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


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


def _count(args: argparse.Namespace) -> int:
    from govsocial.networks.counting import count_for, count_utf8_bytes
    from govsocial.networks.spec import NETWORK_IDS
    from govsocial.policy import load_policy

    text = sys.stdin.read() if args.text == "-" else args.text
    policy = load_policy(args.policy) if args.policy else load_policy({"version": 1})
    nets = args.network or list(NETWORK_IDS)
    for net in nets:
        if net not in NETWORK_IDS:
            raise UsageError(f"unknown network {net!r}; expected one of: {', '.join(NETWORK_IDS)}")
    for net in nets:
        spec = policy.network(net)
        n = count_for(text, spec)
        extra = ""
        if spec.byte_limit is not None and spec.unit != "utf8-bytes":
            extra = f", {count_utf8_bytes(text)}/{spec.byte_limit} bytes"
        flag = "  over" if n > spec.limit else ""
        sys.stdout.write(f"{net:<10} {n:>6}/{spec.limit} {spec.unit}{extra}{flag}\n")
    return 0
