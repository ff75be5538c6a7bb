"""Generate docs/rules.md and docs/networks.md from the rule registry and the network data.

Usage: python scripts/gen_docs.py [--check]
With --check, exit 1 if the files on disk differ from what would be generated
(a test runs this so the docs never drift from the code).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def rules_md() -> str:
    import yaml

    import govsocial
    from govsocial.rules.registry import all_rules, builtin_modules

    out = [
        "# Rules",
        "",
        "Generated from the rule registry by `scripts/gen_docs.py`; `govsocial rule CODE` prints",
        "the same text. Codes are stable: select or ignore them by code or prefix (`--select GS2`).",
        "Each rule's flagged and clean examples run as tests.",
        "",
        "| code | name | default | summary |",
        "|---|---|---|---|",
    ]
    shipped = set(builtin_modules())  # not the rules of an installed plugin
    rules = [r for r in all_rules() if r.origin in shipped]
    for r in rules:
        out.append(
            f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {r.summary} |"
        )
    for r in rules:
        flagged = govsocial.check(r.flagged, r.policy, select=[r.code], base=ROOT / "examples" / "media")
        out += [
            "",
            f"## {r.code}",
            "",
            f"**{r.name}** — default severity *{r.severity.value}*.",
            "",
            r.summary,
            "",
        ]
        out += [f"*Why.* {r.why}", ""]
        if r.fix:
            out += [f"*Use instead.* {r.fix}", ""]
        out += [
            "Policy used by the examples:",
            "",
            "```yaml",
            yaml.safe_dump(dict(r.policy), allow_unicode=True, sort_keys=False).rstrip(),
            "```",
            "",
        ]
        out += [
            "Flagged:",
            "",
            "```json",
            json.dumps(dict(r.flagged), ensure_ascii=False, indent=2),
            "```",
            "",
        ]
        for f in flagged.findings:
            out.append(f"- `{f.code}` {f.severity.value} at `{f.path}`: {f.message}")
        out += [
            "",
            "Clean:",
            "",
            "```json",
            json.dumps(dict(r.clean), ensure_ascii=False, indent=2),
            "```",
        ]
    return "\n".join(out) + "\n"


def networks_md() -> str:
    from govsocial.networks.spec import NETWORK_IDS, OVERRIDABLE_FIELDS, get_network

    out = [
        "# Networks",
        "",
        "Generated from `src/govsocial/data/networks.yaml` by `scripts/gen_docs.py`. Every fact",
        "carries its source and the date it was read; *unconfirmed* marks a figure no primary",
        "source confirmed. Override any field in a policy under `networks:`.",
        "",
        "| network | limit | unit | URL weight | hashtags | mentions | links clickable | images | alt text |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for net in NETWORK_IDS:
        s = get_network(net)

        def v(x: object) -> str:
            return "—" if x is None else str(x)

        limit = f"{s.limit}" + (f" + {s.byte_limit} bytes" if s.byte_limit else "")
        out.append(
            f"| {net} | {limit} | {s.unit} | {v(s.url_weight)} | {v(s.max_hashtags)} | {v(s.max_mentions)} "
            f"| {'yes' if s.links_clickable else 'no'} | {v(s.max_images)} | {v(s.alt_text_limit)} |"
        )
    for net in NETWORK_IDS:
        s = get_network(net)
        out += ["", f"## {net}: {s.name}", ""]
        for field in OVERRIDABLE_FIELDS:
            if field not in s.facts:
                continue
            fact = s.facts[field]
            value = getattr(s, field)
            conf = " *(unconfirmed)*" if fact.confidence == "unconfirmed" else ""
            note = f" — {fact.note}" if fact.note else ""
            out.append(f"- `{field}`: {value!r}{conf}{note} ({fact.source}, read {fact.read})")
    return "\n".join(out) + "\n"


def main() -> int:
    targets = {ROOT / "docs" / "rules.md": rules_md(), ROOT / "docs" / "networks.md": networks_md()}
    if "--check" in sys.argv:
        stale = [p for p, text in targets.items() if not p.exists() or p.read_text("utf-8") != text]
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run python scripts/gen_docs.py")
        return 1 if stale else 0
    for p, text in targets.items():
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
