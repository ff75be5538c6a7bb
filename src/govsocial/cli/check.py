"""`govsocial check`: posts against a policy, before publishing."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govsocial.cli._output import write_output
from govsocial.errors import GovsocialError
from govsocial.findings import Report, Severity
from govsocial.report_formats import render_json, render_sarif, render_text

if TYPE_CHECKING:
    from govsocial.limits import Limits
    from govsocial.locations import SourceMap
    from govsocial.model import Post
    from govsocial.policy import Policy

__all__ = ["register"]


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(c for c in (p.strip() for p in v.split(",")) if c)
    return out


_EXAMPLES = """\
examples:
  govsocial check                              # every post file under this folder
  govsocial check posts/2026-12-07-obres.json  # one file, with its nearest govsocial.yaml
  govsocial check --policy guia.yaml --format sarif -o govsocial.sarif
  govsocial check --format github --fail-on warning posts/

The policy of each post: --policy, else $GOVSOCIAL_POLICY, else the nearest govsocial.yaml
or .govsocial.yaml in the post's folder or above, else `policy` in the [tool.govsocial] table
of the nearest pyproject.toml. None found: only the networks' own rules run, and a note says so.
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check posts against a policy before publishing",
        description="Check posts (JSON or YAML files: one post, or a list of posts) against "
        "a policy. Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: "
        "usage error, unreadable file or invalid policy.",
        epilog=_EXAMPLES,
    )
    p.add_argument(
        "posts",
        nargs="*",
        metavar="PATH",
        help="post files or folders ('-' reads a JSON post from standard input); none: the "
        "post files under the current folder (the policy's files.include and files.exclude)",
    )
    p.add_argument(
        "--policy",
        "-p",
        metavar="POLICY",
        help="policy file (YAML or JSON); default: discovered for each post file",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=("text", "json", "sarif", "github", "gitlab"),
        default="text",
        help="text (file:line:col lines), json (schemas/report.schema.json), sarif (2.1.0), "
        "github (workflow annotations) or gitlab (code quality report)",
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="lowest severity that makes the exit code 1",
    )
    p.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rule codes or prefixes (comma-separated); default: all",
    )
    p.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="skip these rule codes or prefixes (comma-separated); default: none",
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the policy's files.include/exclude to files named on the command line "
        "too (the pre-commit hook passes every staged JSON and YAML file)",
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
        "--output",
        "-o",
        metavar="FILE",
        help="write the report to FILE; default: standard output",
    )
    p.set_defaults(handler=_check)


_NO_POLICY = (
    "no policy found (no --policy, no GOVSOCIAL_POLICY, no govsocial.yaml or .govsocial.yaml "
    "in the post's folder or above, no [tool.govsocial] policy in a pyproject.toml): only the "
    "networks' own rules were checked"
)


def _read_posts(name: str, limits: Limits) -> list[tuple[str, Any, SourceMap]]:
    """The posts of one file, each with its source name and its place in the file."""
    from govsocial.files import read_stdin
    from govsocial.locations import load_located, read_located
    from govsocial.model import post_items

    if name == "-":
        shown = "<stdin>"
        text = read_stdin(limits=limits)  # within max_file_bytes: `yes | govsocial check -` ends
        data, smap = load_located(text, source=shown, yaml=False, limits=limits)
    else:
        shown = name
        data, smap = read_located(name, limits=limits)
    items = post_items(data, source=shown, limits=limits)
    if not isinstance(data, list):
        return [(shown, data, smap)]
    maps = smap.item_maps(len(items))
    return [(name, item, maps[i]) for i, (name, item) in enumerate(items)]


def _files(args: argparse.Namespace, cwd: Path) -> list[str]:
    """The post files to check: the arguments (folders expanded) or those under `cwd`."""
    from govsocial.discover import FileSelection, find_policy, find_post_files

    def selection(start: Path) -> FileSelection:
        where = find_policy(start, explicit=args.policy)
        if where.path is None:
            return FileSelection.from_policy(where.root)
        files = _load(where.path).post_files
        return FileSelection.from_policy(where.root, files.include, files.exclude)

    if not args.posts:
        found = find_post_files(cwd, selection(cwd))
        return [os.path.relpath(f, cwd) for f in found]
    out: list[str] = []
    for name in args.posts:
        path = Path(name)
        if name != "-" and path.is_dir():
            out += [os.path.relpath(f, cwd) for f in find_post_files(path, selection(path))]
        elif args.force_exclude and name != "-":
            if selection(path).selects(path):
                out.append(name)
        else:
            out.append(name)
    return out


_POLICIES: dict[Path, Any] = {}


def _load(path: Path | None) -> Any:
    from govsocial.policy import load_policy

    key = path if path is not None else Path()
    if key not in _POLICIES:
        if path is None:
            _POLICIES[key] = load_policy({"version": 1})
        else:
            # named as the user would (relative to the current folder) in every message
            shown = os.path.relpath(path) if path.is_absolute() else str(path)
            _POLICIES[key] = load_policy(shown)
    return _POLICIES[key]


def _check(args: argparse.Namespace) -> int:
    from govsocial.check import check_stream
    from govsocial.discover import find_policy
    from govsocial.fetch import FetchOptions
    from govsocial.model import Post
    from govsocial.report_formats import render_github, render_gitlab
    from govsocial.rules.registry import all_rules, select_rules

    _POLICIES.clear()
    select, ignore = _codes(args.select), _codes(args.ignore)
    # validates the codes before any work
    rules = select_rules(select, ignore) if (select is not None or ignore is not None) else None
    fetch = None
    if args.fetch or args.allow_private_urls:
        fetch = FetchOptions(allow_private=args.allow_private_urls) if args.fetch else None
    cwd = Path.cwd()
    files = _files(args, cwd)
    notes: list[str] = []
    if not files:
        names = " ".join(args.posts) if args.posts else "the current folder"
        notes.append(f"no post files found in {names}")
        sys.stderr.write(f"govsocial: warning: {notes[-1]}\n")
    reports: list[Report] = []
    errors: list[str] = []
    without_policy = 0
    found: dict[Path, Any] = {}  # the policy of each folder, looked up once
    # Each readable file: its policy, the folder its relative media paths resolve
    # against, its name in the report, and its posts.
    readable: list[tuple[Policy, Path, str, list[tuple[str, Post, SourceMap]]]] = []
    for name in files:
        folder = cwd if name == "-" else Path(name).parent
        location = found.get(folder)
        if location is None:
            location = found[folder] = find_policy(folder, explicit=args.policy)
        policy = _load(location.path)
        without_policy += location.path is None
        # One unreadable or invalid file does not hide the others' reports: every valid
        # post is checked and reported, each bad file is one error line (exit code 2).
        try:
            located = _read_posts(name, policy.limits)
            posts = [(s, Post.from_dict(d, source=s), smap) for s, d, smap in located]
        except GovsocialError as exc:
            errors.append(str(exc))
            continue
        base = Path.cwd() if name == "-" else Path(name).parent
        readable.append((policy, base, "<stdin>" if name == "-" else name, posts))
    # The posts of consecutive files under one policy and folder (a file of many posts,
    # a folder of one-post files) are checked together, in check_many's batches (the
    # language rules judge a batch's texts in one pass); each report is check()'s.
    start = 0
    while start < len(readable):
        policy, base = readable[start][:2]
        end = start + 1
        while end < len(readable) and readable[end][0] is policy and readable[end][1] == base:
            end += 1
        group = readable[start:end]
        checked = check_stream(
            ((post, source) for _, _, _, posts in group for source, post, _ in posts),
            policy,
            rules,
            base=base,
            fetch=fetch,
        )
        for _, _, file, posts in group:
            for _, _, smap in posts:
                reports.append(attrs.evolve(next(checked).located(smap), file=file))
        start = end
    if without_policy:
        notes.append(_NO_POLICY)
        sys.stderr.write(f"govsocial: warning: {_NO_POLICY}\n")
    if args.format == "json":
        out = render_json(reports, notes=notes)
        if errors:
            doc = json.loads(out)
            doc["errors"] = errors
            out = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "sarif":
        out = render_sarif(reports, all_rules())
    elif args.format == "github":
        out = render_github(reports)
    elif args.format == "gitlab":
        out = render_gitlab(reports)
    else:
        out = render_text(reports)
    write_output(out, args.output)
    if errors:
        from govsocial.cli.main import report_error

        for message in errors:
            report_error(message)
        return 2
    if args.fail_on == "never":
        return 0
    level = Severity(args.fail_on)
    return 1 if any(r.at_least(level) for r in reports) else 0
