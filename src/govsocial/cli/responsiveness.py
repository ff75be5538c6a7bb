"""`govsocial responsiveness`: response rate and time from a JSON Lines message log."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from govsocial.cli.main import EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser(
        "responsiveness",
        help="response rate and time from messages (JSON Lines), as the platforms define them",
        description="Response rate and response time from a message log "
        "(schemas/message.schema.json), under a platform's convention.",
        epilog="examples:\n  govsocial responsiveness examples/messages/ajuntament.jsonl\n"
        "  govsocial responsiveness messages.jsonl --calendar ES-CT --hours 09:00-14:00 "
        "--sla 2h --format json",
    )
    p.add_argument("messages", help="JSON Lines file of messages ('-' for standard input)")
    p.add_argument("--policy", help="policy file: its responsiveness section sets the defaults")
    p.add_argument("--convention", help="meta (default), meta-2016 or calendar")
    p.add_argument("--calendar", metavar="HOLIDAYS", help="public holidays, e.g. ES or ES-CT")
    p.add_argument("--hours", metavar="HH:MM-HH:MM", help="office hours: business-time clock")
    p.add_argument("--days", default="mon-fri", help="office days (default mon-fri)")
    p.add_argument(
        "--tz", default="Europe/Madrid", help="time zone of the office (default Europe/Madrid)"
    )
    p.add_argument(
        "--aggregator", help="mean, median, p90 or fastest90-mean (default: the convention's)"
    )
    p.add_argument("--sla", help="deadline, e.g. 2h or '2 working days'; lists the breaches")
    p.add_argument("--as-of", help="end of the window (RFC 3339); default: the last message")
    p.add_argument(
        "--stream",
        action="store_true",
        help="input is in time order: stream it with bounded memory",
    )
    p.add_argument(
        "--skip-orphan-replies",
        action="store_true",
        help="count replies with no inbound message as skipped instead of failing",
    )
    p.add_argument(
        "--off-hours-replies",
        choices=("business-time", "zero", "untimed"),
        help="a reply sent while the office is closed: timed in office hours (default), as zero, or left out of the time",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=_run)


def _run(args: Any) -> int:
    from govsocial.responsiveness import (
        BusinessCalendar,
        Calculator,
        parse_time,
        read_messages,
        responsiveness,
    )

    policy = None
    if args.policy:
        from govsocial.policy import load_policy

        policy = load_policy(args.policy).responsiveness
    calendar = policy.calendar if policy is not None else None
    if args.hours or args.calendar:
        calendar = BusinessCalendar.build(
            args.tz, args.hours or "09:00-17:00", days=args.days, holidays=args.calendar
        )
    as_of = None
    if args.as_of:
        from govsocial.errors import UsageError

        try:
            as_of = parse_time(args.as_of, "--as-of")
        except ValueError as e:
            raise UsageError(str(e)) from None
    convention = args.convention or (policy.convention if policy is not None else "meta")
    options: dict[str, Any] = {
        "calendar": calendar,
        "aggregator": args.aggregator or (policy.aggregator if policy is not None else None),
        "sla": args.sla or (policy.sla if policy is not None else None),
        "no_reply_phrases": policy.no_reply_phrases if policy is not None else (),
        "off_hours_replies": args.off_hours_replies
        or (policy.off_hours_replies if policy is not None else "business-time"),
        "as_of": as_of,
        "orphan_replies": "skip" if args.skip_orphan_replies else "error",
        "tz": args.tz,
    }
    from govsocial.cli._input import close_input, open_input

    # Bytes, decoded line by line: a non-UTF-8 byte or an overlong line names its line.
    stream, source = open_input(args.messages)
    try:
        msgs = read_messages(stream, source=source)
        if args.stream:
            report = Calculator(convention, **options).add_all(msgs).report()
        else:
            report = responsiveness(msgs, convention, **options)
    finally:
        close_input(stream, source)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    sys.stdout.write(_text(report))
    return EXIT_OK


def _fmt(t: dt.timedelta | None) -> str:
    if t is None:
        return "-"
    s = round(t.total_seconds())
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{sec:02d}s"


def _text(r: Any) -> str:
    rate = "-" if r.response_rate is None else f"{r.response_rate:.1%}"
    lines = [
        f"convention {r.convention} ({r.clock} time, {r.aggregator})",
        f"response rate {rate} ({r.answered} of {r.received} counted messages)",
        f"response time {_fmt(r.response_time)}",
    ]
    if r.window:
        lines.append(f"window {r.window[0].isoformat()} .. {r.window[1].isoformat()}")
    if r.very_responsive is not None:
        lines.append(f"very responsive badge: {'yes' if r.very_responsive else 'no'}")
    lines.append(f"messages read {r.messages}")
    for reason, n in r.skipped.items():
        lines.append(f"skipped {n}: {reason}")
    if r.sla is not None:
        lines.append(f"SLA {_fmt(r.sla)}: {len(r.sla_breaches)} breach(es)")
        for q in r.sla_breaches:
            where = f"line {q.line}" if q.line else q.conversation
            late = (
                f"answered after {_fmt(q.response_time)}"
                if q.response_time is not None
                else "not answered"
            )
            lines.append(f"  {where}: {q.at.isoformat()} {late}")
    for title, groups in (
        ("account", r.by_account),
        ("network", r.by_network),
        ("lang", r.by_lang),
    ):
        if len(groups) > 1 or (groups and "-" not in groups):
            for k, g in groups.items():
                gr = "-" if g.response_rate is None else f"{g.response_rate:.1%}"
                lines.append(f"  {title} {k}: {gr} of {g.received}, {_fmt(g.response_time)}")
    return "\n".join(lines) + "\n"
