"""MkDocs hooks: the pages that mirror code are generated at build time, never committed.

- ``rules/GSnnn.md``: one page per rule, listed in ``reference/rules.md`` of the registry (what, why, flagged and clean
  example with the findings they give, options), the pages SARIF's ``helpUri`` names;
- ``reference/policy.md``: every key of ``schemas/policy.schema.json``;
- ``reference/cli.md``: every command's ``--help``, from the argparse parser;
- ``schemas/*.schema.json``: the shipped schemas, at the URLs their ``$id`` give.

Generating them in the build (instead of committing copies) means a new rule, policy key
or option gets its page with no step to forget, and no copy can drift. The navigation is
built here too: the fixed sections first, then every other ``docs/*.md`` page, so a page
added later appears without editing ``mkdocs.yml``.

The functions that write pages are plain (``rule_page``, ``policy_reference``,
``cli_reference``) so tests call them directly.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # the build works from a checkout without install too
    sys.path.insert(0, str(ROOT / "src"))

# The hand-written pages, in reading order; every other page follows them.
_FIRST = ["index.md", "getting-started.md", "concepts.md"]
_SCHEMAS = ("post", "policy", "report", "message", "mention")


# --- generated pages ----------------------------------------------------------------


def rule_page(code: str) -> str:
    """The page of rule `code`: what, why, options, a flagged and a clean example."""
    import yaml

    import govsocial
    from govsocial.rules.registry import get_rule

    r = get_rule(code)
    flagged = govsocial.check(r.flagged, r.policy, select=[r.code])
    clean = govsocial.check(r.clean, r.policy, select=[r.code])
    policy = yaml.safe_dump(dict(r.policy), allow_unicode=True, sort_keys=False).rstrip()
    out = [
        f"# {r.code} {r.name}",
        "",
        f"**Default severity:** {r.severity.value} · **Family:** {r.code[:4]}x",
        "",
        "## What it checks",
        "",
        r.summary,
        "",
        "## Why",
        "",
        r.why,
        "",
    ]
    if r.fix:
        out += ["## Use instead", "", r.fix, ""]
    out += [
        "## Options",
        "",
        "The examples below are checked with this policy (the keys that switch the rule on "
        "or set its limits; see the [policy reference](../reference/policy.md)):",
        "",
        "```yaml",
        policy,
        "```",
        "",
        "Change its severity, or switch it off, in the policy's `severity` table (by code or "
        "prefix), or for one run with `--select` / `--ignore`; accept it in one post with an "
        "`ignore` entry:",
        "",
        "```yaml",
        f"severity:\n  {r.code}: warning   # or error, info, off",
        "```",
        "",
        "```json",
        json.dumps({"ignore": [{"code": r.code, "reason": "why this post is fine"}]}),
        "```",
        "",
        "## Flagged",
        "",
        "```json",
        json.dumps(dict(r.flagged), ensure_ascii=False, indent=2),
        "```",
        "",
    ]
    out += [f"- `{f.code}` {f.severity.value} at `{f.path}`: {f.message}" for f in flagged.findings]
    out += [
        "",
        "## Clean",
        "",
        "```json",
        json.dumps(dict(r.clean), ensure_ascii=False, indent=2),
        "```",
        "",
        f"No {r.code} finding." if not clean.findings else "",
        "",
        f"`govsocial rule {r.code}` prints this page in the terminal.",
        "",
    ]
    return "\n".join(out)


def rules_index() -> str:
    from govsocial.rules.registry import all_rules

    out = [
        "# Rule pages",
        "",
        "One page per rule, generated from the rule registry at build time. "
        "[All rules on one page](../rules.md).",
        "",
        "| code | name | default | summary |",
        "|---|---|---|---|",
    ]
    for r in all_rules():
        out.append(
            f"| [{r.code}](../rules/{r.code}.md) | {r.name} | {r.severity.value} | {r.summary} |"
        )
    return "\n".join(out) + "\n"


def policy_reference() -> str:
    """Every key of the policy schema: type, default, allowed values, description."""
    from govsocial._schemas import load_schema

    schema = load_schema("policy")
    out = [
        "# Policy reference",
        "",
        "Generated from [`policy.schema.json`](../schemas/policy.schema.json) "
        "(`govsocial schema policy` prints it). "
        "[Writing a policy](../policy.md) explains how the keys work together.",
        "",
        schema.get("description", ""),
        "",
    ]
    _schema_keys(schema, schema, "", out, depth=0)
    return "\n".join(out) + "\n"


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in node and str(node["$ref"]).startswith("#/") and seen < 8:
        target: Any = root
        for part in str(node["$ref"])[2:].split("/"):
            target = target[part]
        extra = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **extra}
        seen += 1
    return node


def _type_of(node: dict[str, Any], root: dict[str, Any]) -> str:
    node = _resolve(node, root)
    if "enum" in node:
        return "one of " + ", ".join(f"`{json.dumps(v)}`" for v in node["enum"])
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    for key in ("oneOf", "anyOf"):
        if key in node:
            return " or ".join(_type_of(n, root) for n in node[key])
    t = node.get("type")
    if isinstance(t, list):
        return " or ".join(t)
    if t == "array" and isinstance(node.get("items"), dict):
        return f"list of {_type_of(node['items'], root)}"
    if t == "object" and isinstance(node.get("additionalProperties"), dict):
        return f"mapping to {_type_of(node['additionalProperties'], root)}"
    return str(t or "any")


def _schema_keys(
    node: dict[str, Any], root: dict[str, Any], prefix: str, out: list[str], depth: int
) -> None:
    node = _resolve(node, root)
    for name, child in node.get("properties", {}).items():
        child = _resolve(child, root)
        key = f"{prefix}{name}"
        out += [f"{'#' * min(depth + 2, 6)} `{key}`", ""]
        facts = [f"**Type:** {_type_of(child, root)}"]
        if name in node.get("required", ()):
            facts.append("**required**")
        if "default" in child:
            facts.append(f"**Default:** `{json.dumps(child['default'], ensure_ascii=False)}`")
        for limit in ("minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength"):
            if limit in child:
                facts.append(f"**{limit}:** {child[limit]}")
        out += [" · ".join(facts), ""]
        if child.get("description"):
            out += [child["description"], ""]
        if "properties" in child:
            _schema_keys(child, root, key + ".", out, depth + 1)
        items = child.get("items")
        if isinstance(items, dict) and "properties" in _resolve(items, root):
            out += ["Each item:", ""]
            _schema_keys(items, root, key + "[].", out, depth + 1)
        values = child.get("additionalProperties")
        if isinstance(values, dict) and "properties" in _resolve(values, root):
            out += ["Each value:", ""]
            _schema_keys(values, root, key + ".<name>.", out, depth + 1)


def cli_reference() -> str:
    """Every command's ``--help`` (formatted 90 columns wide, whatever the terminal)."""
    from govsocial.cli.main import build_parser

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "90"
    try:
        parsers = _parsers(build_parser(), "govsocial")
        out = [
            "# Command line",
            "",
            "Generated from the argument parser at build time: the same text as "
            "`govsocial COMMAND --help`. Exit codes, for every command: 0 success (nothing "
            "at or above the failure threshold), 1 findings or alerts at or above it, "
            "2 usage error, unreadable file or invalid policy.",
            "",
        ]
        for name, parser in parsers:
            out += [f"## `{name}`", "", "```text", parser.format_help().rstrip(), "```", ""]
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old
    return "\n".join(out)


def _parsers(parser: Any, name: str) -> list[tuple[str, Any]]:
    import argparse

    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in sorted(action.choices.items()):
                found += _parsers(sub, f"{name} {sub_name}")
    return found


def generated_pages() -> dict[str, str | bytes]:
    """Every generated file of the site: its path under docs/ and its content."""
    from govsocial.rules.registry import all_rules

    pages: dict[str, str | bytes] = {
        "reference/policy.md": policy_reference(),
        "reference/cli.md": cli_reference(),
        "reference/rules.md": rules_index(),
    }
    for r in all_rules():
        pages[f"rules/{r.code}.md"] = rule_page(r.code)
    for name in _SCHEMAS:
        pages[f"schemas/{name}.schema.json"] = (
            ROOT / "schemas" / f"{name}.schema.json"
        ).read_bytes()
    return pages


# --- MkDocs hooks -------------------------------------------------------------------


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for path, content in generated_pages().items():
        files.append(File.generated(config, path, content=content))
    config["nav"] = _nav(files)
    return files


def _nav(files: Any) -> list[Any]:
    pages = sorted(f.src_uri for f in files if f.src_uri.endswith(".md"))
    how_to = [p for p in pages if p.startswith("how-to/")]
    rules = [p for p in pages if p.startswith("rules/GS")]
    reference = ["reference/cli.md", "reference/policy.md", "rules.md", "networks.md"]
    listed = set(_FIRST) | set(how_to) | set(rules) | set(reference)
    topics = [p for p in pages if "/" not in p and p not in listed]
    return [
        *[p for p in _FIRST if p in pages],
        {"How-to guides": how_to},
        {"Topics": topics},
        {
            "Reference": [
                *[p for p in reference if p in pages],
                {"Rule pages": ["reference/rules.md", *rules]},
            ]
        },
    ]
