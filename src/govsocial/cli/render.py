"""`govsocial render`: a post adapted to each network, ready to publish."""

from __future__ import annotations

import argparse
import json
from typing import Any

from govsocial.cli._output import write_output
from govsocial.errors import InputError, UsageError

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        help="adapt a post to each network (threads, link in bio, facets)",
        description="Render a post (a JSON file) for each network: the items to publish, "
        "each checked as a post of its network. Exit 0: every item passes the check; 1: an "
        "item still has an error finding; 2: usage error, unreadable file or invalid policy.",
        epilog="examples:\n  govsocial render --policy examples/policies/ajuntament-ca-es.yaml "
        "--network x --network bluesky examples/render/festa-major.json\n"
        "  govsocial render --format json --network instagram post.json",
    )
    p.add_argument("post", metavar="POST.json", help="the post file ('-' reads standard input)")
    p.add_argument("--policy", "-p", metavar="POLICY", help="policy file (YAML or JSON)")
    p.add_argument(
        "--network",
        "-n",
        action="append",
        metavar="NETWORK",
        help="render for this network (repeatable; default: the post's networks)",
    )
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )
    p.set_defaults(handler=_render)


def _render(args: argparse.Namespace) -> int:
    import sys

    from govsocial.findings import Severity
    from govsocial.formatting import check_rendition, render
    from govsocial.model import load_posts
    from govsocial.networks.spec import NETWORK_IDS
    from govsocial.policy import load_policy

    policy = load_policy(args.policy) if args.policy else load_policy({"version": 1})
    for net in args.network or ():
        if net not in NETWORK_IDS:
            raise UsageError(f"unknown network {net!r}; expected one of: {', '.join(NETWORK_IDS)}")
    # read within the policy's limits, strictly (a key given twice is an error)
    if args.post == "-":
        posts = load_posts(sys.stdin, name="<stdin>", limits=policy.limits)
    else:
        posts = load_posts(args.post, limits=policy.limits)
    if len(posts) != 1:
        raise InputError(
            f"the file holds {len(posts)} posts; render takes one post",
            source="<stdin>" if args.post == "-" else args.post,
        )
    source, post = posts[0]
    networks = list(dict.fromkeys(args.network or post.networks))
    results: list[dict[str, Any]] = []
    failed = False
    for net in networks:
        renditions = render(post, net, policy)
        items = []
        for r in renditions:
            report = check_rendition(r, policy)
            errors = report.at_least(Severity.ERROR)
            failed = failed or bool(errors)
            items.append({**r.to_dict(), "check": [f.to_dict() for f in report.findings]})
        if not renditions:
            failed = True
        results.append({"network": net, "renditions": items})
    if args.format == "json":
        out = json.dumps({"source": source, "networks": results}, ensure_ascii=False, indent=2)
        write_output(out + "\n", args.output)
    else:
        write_output(_text(results), args.output)
    return 1 if failed else 0


def _text(results: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for entry in results:
        if not entry["renditions"]:
            lines.append(f"== {entry['network']}: nothing to publish (the post has no text)")
            lines.append("")
        for r in entry["renditions"]:
            head = (
                f"== {r['network']} · publication {r['thread'] + 1} · {r['kind']} "
                f"{r['part']}/{r['parts']} · {', '.join(r['langs'])}"
            )
            lines.append(head)
            lines.append(r["text"])
            for m in r["media"]:
                alt = "; ".join(f"{k}: {v}" for k, v in m.get("alt", {}).items()) or "no alt text"
                lines.append(f"  [{m['kind']}] {m.get('path', m.get('url'))} — {alt}")
            for f in r["facets"]:
                feat = f["features"][0]
                value = feat.get("uri", feat.get("tag"))
                lines.append(
                    f"  facet {feat['$type'].rsplit('#', 1)[1]} "
                    f"bytes {f['index']['byteStart']}-{f['index']['byteEnd']}: {value}"
                )
            for f in r["findings"]:
                lines.append(f"  note {f['code']} {f['severity']}: {f['message']}")
            for f in r["check"]:
                lines.append(f"  check {f['code']} {f['severity']}: {f['message']}")
            lines.append("")
    return "\n".join(lines)
