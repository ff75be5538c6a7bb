"""`govsocial count`: a text's length as each network counts it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govsocial.errors import UsageError

__all__ = ["register"]


def register(sub: Any) -> None:
    c = sub.add_parser(
        "count",
        help="count a text as each network counts it",
        description="Count TEXT as each network counts it (X's weighted count, graphemes, "
        "UTF-16 units or bytes) and compare it with the network's limit.",
        epilog='examples:\n  govsocial count "Bon dia! 👋 https://vilanovadelcami.cat"\n'
        "  govsocial count --network x --network bluesky - < post.txt",
    )
    c.add_argument("text", help="the text ('-' reads standard input)")
    c.add_argument("--network", "-n", action="append", help="only these networks (repeatable)")
    c.add_argument("--policy", "-p", metavar="POLICY", help="apply this policy's network overrides")
    c.set_defaults(handler=_count)


def _count(args: argparse.Namespace) -> int:
    from govsocial.cli._input import text_argument
    from govsocial.files import read_stdin
    from govsocial.networks.counting import count_for, count_utf8_bytes
    from govsocial.networks.spec import NETWORK_IDS
    from govsocial.policy import load_policy

    policy = load_policy(args.policy) if args.policy else load_policy({"version": 1})
    # standard input within max_file_bytes: `yes | govsocial count -` ends with an error
    text = read_stdin(limits=policy.limits) if args.text == "-" else text_argument(args.text)
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
