"""`govsocial check`: posts against a policy, before publishing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from govsocial.cli._output import write_output
from govsocial.errors import InputError
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
        "--fetch",
        action="store_true",
        help="download media given by URL and inspect it (timeouts, size cap, no private addresses)",
    )
    p.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="with --fetch, also fetch from loopback, private and link-local addresses",
    )
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output"
    )
    p.set_defaults(handler=_check)


def _read_posts(name: str) -> list[tuple[str, Any, Path]]:
    """(source, data, folder its relative media paths resolve against) for each post."""
    from govsocial._io import read_json

    if name == "-":
        raw = sys.stdin.read()
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON: {exc.msg} (column {exc.colno})", source="<stdin>", line=exc.lineno
            ) from None
        name, base = "<stdin>", Path.cwd()
    else:
        data = read_json(Path(name))
        base = Path(name).parent
    if isinstance(data, list):
        return [(f"{name}[{i}]", item, base) for i, item in enumerate(data)]
    return [(name, data, base)]


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
        for source, data, base in _read_posts(name):
            posts.append((source, Post.from_dict(data, source=source), base))
    reports: list[Report] = [
        check(
            post,
            policy,
            select=select,
            ignore=ignore,
            source=source,
            base=base,
            fetch=args.fetch,
            allow_private=args.allow_private_urls,
        )
        for source, post, base in posts
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
