"""`govsocial audit`: published posts from every account against the communication plan."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from govsocial.cli._output import write_output
from govsocial.errors import UsageError

__all__ = ["register"]

_EXAMPLE = (
    "examples:\n"
    "  govsocial audit --policy examples/audit/plan.yaml examples/audit/year.jsonl.gz\n"
    "  govsocial audit --policy examples/audit/plan.yaml --format html -o audit.html "
    "--jobs 2 examples/audit/year.jsonl.gz\n"
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "audit",
        help="audit published posts against the communication plan (accounts, frequency, languages)",
        description="Audit published or scheduled posts (JSON Lines, .gz too, '-' for standard "
        "input) against the policy's accounts registry and plan: posts per day, silences, "
        "language mix, reposts, publishing hours, electoral periods, handles, and the "
        "pre-publish check over every post. Exit 0: nothing at or above --fail-on; 1: plan "
        "issues or findings at or above it; 2: usage error, invalid policy or unreadable "
        "lines (the report still lists everything that could be read).",
        epilog=_EXAMPLE,
    )
    p.add_argument("posts", nargs="+", metavar="POSTS.jsonl", help="published posts, one per line")
    p.add_argument(
        "--policy", "-p", required=True, metavar="POLICY", help="policy file (YAML or JSON)"
    )
    p.add_argument(
        "--messages", "-m", metavar="LOG.jsonl", help="messages log: add response rate and time"
    )
    p.add_argument("--format", "-f", choices=("text", "json", "html"), default="text")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    p.add_argument("--period", choices=("month", "week"), default="month", help="reporting period")
    p.add_argument(
        "--since", metavar="YYYY-MM-DD", help="first day audited (default: the first post's)"
    )
    p.add_argument(
        "--until", metavar="YYYY-MM-DD", help="last day audited (default: the last post's)"
    )
    p.add_argument(
        "--no-check", action="store_true", help="plan metrics only: skip the pre-publish check"
    )
    p.add_argument("--jobs", "-j", type=int, default=1, help="processes reading the input")
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask distributed scheduler (tcp://host:8786) whose workers see the same files; "
        "needs govsocial[dask]",
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="lowest severity of a plan issue or finding that makes the exit code 1",
    )
    p.set_defaults(handler=_audit)


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not a date such as 2026-01-31") from None


def _audit(args: argparse.Namespace) -> int:
    from govsocial.audit import audit_files, render_text

    if args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: expected a positive number of processes")
    from govsocial.responsiveness import read_messages

    messages = None
    if args.messages:
        from govsocial.cli._input import close_input, open_input

        # bytes decoded line by line, as `govsocial responsiveness` reads them: a bad byte
        # or an overlong line names the file and its line
        stream, source = open_input(args.messages)
        try:
            messages = list(read_messages(stream, source=source))
        finally:
            close_input(stream, source)
    report = audit_files(
        args.posts,
        args.policy,
        check=not args.no_check,
        period=args.period,
        since=_date(args.since, "--since"),
        until=_date(args.until, "--until"),
        jobs=args.jobs,
        scheduler=args.scheduler,
        messages=messages,
        progress=True,
    )
    if args.format == "json":
        out = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        from govsocial.audit.html import render_html

        out = render_html(report)
    else:
        out = render_text(report)
    write_output(out, args.output)
    invalid = report.data["invalid_lines"]
    if invalid:
        sys.stderr.write(
            f"govsocial: error: {invalid} unreadable line(s) not audited; the report lists them\n"
        )
        return 2
    if args.fail_on == "never":
        return 0
    return 1 if report.at_least(args.fail_on) else 0
