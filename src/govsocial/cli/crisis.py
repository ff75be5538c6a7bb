"""`govsocial crisis`: spike alerts on a count series, and a policy's crisis assessment."""

from __future__ import annotations

import collections
import datetime as dt
import json
import sys
from typing import IO, Any

from govsocial.cli._input import close_input, open_input
from govsocial.cli.main import EXIT_FINDINGS, EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser(
        "crisis",
        help="crisis signals: volume spikes in a series, assessment of mentions against a protocol",
        description="Crisis-classification primitives (docs/crisis.md).",
        epilog="examples:\n  govsocial crisis spikes examples/series/mentions-5min.csv\n"
        "  govsocial crisis assess mentions.jsonl --policy govsocial.yaml",
    )
    crisis_sub = p.add_subparsers(dest="crisis_command", metavar="SUBCOMMAND")
    crisis_sub.required = True

    s = crisis_sub.add_parser(
        "spikes",
        help="online spike alerts on a timestamp,value CSV",
        description="Read a series (CSV with a header naming 'timestamp' and 'value') and "
        "write timestamp,value,anomaly_score,alert in the same row order. Online: each row is "
        "scored with past rows only; a row whose time is not after every earlier row's "
        "(a repeated DST hour, a row out of order) is scored but not learnt, and said on "
        "stderr. Any finite value is read (the metric model; --model count for counts "
        "only). "
        "Exit 1 when any alert fired.",
        epilog="examples:\n  govsocial crisis spikes mentions-per-hour.csv -o scored.csv\n"
        "  govsocial crisis spikes --period 1w --slots 168 - < series.csv",
    )
    s.add_argument("series", help="CSV file ('-' for standard input)")
    s.add_argument("-o", "--output", help="write the CSV here instead of standard output")
    s.add_argument(
        "--model",
        choices=("auto", "count", "metric"),
        help="metric (default: any number), count (whole numbers >= 0) or auto (count "
        "until a negative or fractional value, then metric)",
    )
    s.add_argument("--threshold", type=float, help="evidence needed to alert (default 20)")
    s.add_argument(
        "--novelty",
        help="alert on a value beyond the whole range seen so far by more than this fraction "
        "of it (default 0.05; 'off' to turn the novelty check off)",
    )
    s.add_argument(
        "--fatigue",
        type=float,
        help="how much each alert (a novelty alert adds none) raises the next alert level, "
        "decaying by half every 3 days (default 1: doubled just after an alert; 0 = off)",
    )
    s.add_argument(
        "--memory",
        type=float,
        help="fraction of earlier rises' evidence a new rise must exceed (default 0.5; 0 = off)",
    )
    s.add_argument("--cooldown", help="quiet time after an alert (default 1h)")
    s.add_argument("--warmup", help="learning time before the first alert (default 1d)")
    s.add_argument("--period", help="seasonal period (default 1d; 1w for weekly)")
    s.add_argument("--slots", type=int, help="seasonal slots per period (default 24)")
    s.add_argument(
        "--tz",
        help="time zone of timestamps written without a UTC offset (e.g. Europe/Madrid); "
        "such timestamps are read as UTC otherwise (a series' zone only relabels its daily slots)",
    )
    s.set_defaults(handler=_spikes)

    a = crisis_sub.add_parser(
        "assess",
        help="the crisis level of a mention stream under a policy's protocol",
        description="Assess mentions (JSON Lines, schemas/mention.schema.json) against the "
        "'crisis' section of a policy: level, every reason that raised it, roles to alert and "
        "the playbook. Exit 1 when the level is at or above --fail-level.",
        epilog="examples:\n  govsocial crisis assess examples/mentions/gos-enverinat.jsonl "
        "--policy examples/policies/ajuntament-ca-es.yaml\n"
        "  govsocial crisis assess mentions.jsonl --policy govsocial.yaml --format json",
    )
    a.add_argument("mentions", help="JSON Lines file of mentions ('-' for standard input)")
    a.add_argument("--policy", required=True, help="policy file with a 'crisis' section")
    a.add_argument(
        "--at", help="assess at this time (RFC 3339, with its offset); default: the last mention"
    )
    a.add_argument("--format", choices=("text", "json"), default="text")
    a.add_argument(
        "--fail-level", type=int, default=1, help="exit 1 at or above this level (default 1)"
    )
    a.set_defaults(handler=_assess)


def _open(path: str) -> tuple[IO[bytes], str]:
    return open_input(path)


def _zone(name: str | None) -> dt.tzinfo | None:
    if name is None:
        return None
    from govsocial.errors import UsageError
    from govsocial.timezones import ZONE_EXAMPLE, zone_named

    zone = zone_named(name)
    if zone is None:
        raise UsageError(f"--tz {name!r}: unknown time zone; expected {ZONE_EXAMPLE} or UTC")
    return zone


def _spikes(args: Any) -> int:
    from govsocial.crisis.series import parse_duration, read_series, score_series
    from govsocial.crisis.spikes import SpikeDetector
    from govsocial.errors import UsageError

    kwargs: dict[str, Any] = {}
    for name in ("model", "threshold", "memory", "slots", "fatigue"):
        if getattr(args, name) is not None:
            kwargs[name] = getattr(args, name)
    if args.novelty is not None:
        if args.novelty.strip().lower() == "off":
            kwargs["novelty"] = None
        else:
            try:
                kwargs["novelty"] = float(args.novelty)
            except ValueError:
                raise UsageError(
                    f"--novelty {args.novelty!r}: expected a number >= 0 (such as 0.05) or 'off'"
                ) from None
    for name in ("cooldown", "warmup", "period"):
        if getattr(args, name) is not None:
            kwargs[name] = parse_duration(getattr(args, name), where=f"--{name}")
    from govsocial.limits import DEFAULT_LIMITS

    most = DEFAULT_LIMITS.max_series_slots
    if args.slots is not None and args.slots > most:
        # the command line has no policy to raise it in: say what can be done instead
        raise UsageError(
            f"--slots {args.slots:,}: over the limit max_series_slots = {most:,}; expected at "
            f"most {most:,} (a finer profile needs a coarser --period, e.g. 1w with 168 "
            "slots; in Python, SpikeDetector(slots=N) takes any number)"
        )
    try:
        detector = SpikeDetector(**kwargs)
    except ValueError as e:
        raise UsageError(str(e)) from None
    tz = _zone(args.tz)
    stream, source = _open(args.series)
    out_lines: list[str] = ["timestamp,value,anomaly_score,alert"]
    alerts = 0
    steps: collections.Counter[float] = collections.Counter()
    gaps = 0
    late = 0
    late_lines: list[int] = []  # the first few, for the note
    switched = 0
    previous = None
    try:
        points = read_series(stream, source=source, tz=tz)
        for p, u in score_series(points, detector, source=source):
            if p.late:
                late += 1
                if len(late_lines) < 5:
                    late_lines.append(p.line)
            elif previous is not None:
                step = p.seconds - previous
                if len(steps) < 8 or step in steps:
                    steps[step] += 1
                usual = steps.most_common(1)[0][0]
                gaps += step > 2 * usual
            if not p.late:
                previous = p.seconds
            if not switched and detector.model == "auto" and detector.active_model == "metric":
                switched = p.line
            alerts += u.alert
            ts = p.timestamp if "," not in p.timestamp else f'"{p.timestamp}"'
            out_lines.append(f"{ts},{p.value.strip()},{u.score:.6f},{int(u.alert)}")
    finally:
        close_input(stream, source)
    text = "\n".join(out_lines) + "\n"
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        except OSError as e:
            raise UsageError(f"cannot write {args.output}: {e.strerror or e}") from None
    else:
        sys.stdout.write(text)
    rows = len(out_lines) - 1
    sys.stderr.write(f"{source}: {rows} rows, {alerts} alert(s)")
    if gaps:
        usual = steps.most_common(1)[0][0]
        sys.stderr.write(
            f"; {gaps} gap(s) longer than twice the usual {usual:g}s step (not imputed)"
        )
    if switched:
        sys.stderr.write(
            f"; metric model from line {switched} (negative or fractional value; "
            "--model count refuses them)"
        )
    if late:
        shown = ", ".join(map(str, late_lines)) + (", ..." if late > len(late_lines) else "")
        sys.stderr.write(
            f"; {late} row(s) not after an earlier row's time (repeated or out of "
            f"order: line {shown}) scored but not learnt"
        )
    sys.stderr.write("\n")
    return EXIT_FINDINGS if alerts else EXIT_OK


def _assess(args: Any) -> int:
    from govsocial.crisis import assess, read_mentions
    from govsocial.crisis.series import parse_timestamp
    from govsocial.errors import UsageError
    from govsocial.policy import load_policy

    policy = load_policy(args.policy)
    protocol = policy.crisis
    if protocol is None:
        raise UsageError(f"{args.policy}: the policy has no 'crisis' section")
    at = None
    if args.at:
        try:
            at = parse_timestamp(args.at)
        except ValueError:
            raise UsageError(
                f"--at {args.at!r}: expected an RFC 3339 time with its UTC offset, "
                "e.g. 2026-11-20T09:00:00+01:00"
            ) from None
    stream, source = _open(args.mentions)
    try:
        mentions = list(read_mentions(stream, source=source))
    finally:
        close_input(stream, source)
    result = assess(mentions, protocol, at=at, limits=policy.limits)
    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(result.render())
    return EXIT_FINDINGS if result.level >= args.fail_level else EXIT_OK
