"""The rule registry: built-in modules found by listing the package, rule kinds, and an
application's own rules (decorator or entry point) running beside the built-ins."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govsocial
from govsocial.rules import kinds
from govsocial.rules.context import Context
from govsocial.rules.registry import all_rules, builtin_modules
from govsocial.testing import posts

from .conftest import EXAMPLES, ROOT

RULES_DIR = ROOT / "src" / "govsocial" / "rules"


def codes_in_source(path: Path) -> set[str]:
    """Codes a module's source registers: ``@rule("GSnnn", ...)`` and ``Rule(code="GSnnn")``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        if node.func.id == "rule" and node.args and isinstance(node.args[0], ast.Constant):
            found.add(node.args[0].value)
        if node.func.id == "Rule":
            for kw in node.keywords:
                if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                    found.add(kw.value.value)
    return found


def test_every_module_under_rules_registers_its_rules() -> None:
    """Each module's registered rules are exactly the codes its source declares, and
    the modules found by listing the package are exactly those that declare rules."""
    declared = {
        f"govsocial.rules.{p.stem}": codes_in_source(p)
        for p in sorted(RULES_DIR.glob("*.py"))
        if codes_in_source(p)
    }
    assert len(declared) >= 8 and sum(map(len, declared.values())) >= 45
    assert sorted(declared) == builtin_modules()
    by_origin: dict[str, set[str]] = {}
    for r in all_rules():
        by_origin.setdefault(r.origin, set()).add(r.code)
    assert by_origin == declared


def test_discovery_is_by_listing_the_package() -> None:
    """A new module under rules/ is found without editing any list."""
    on_disk = {p.stem for p in RULES_DIR.glob("*.py") if not p.stem.startswith("_")}
    assert {m.rsplit(".", 1)[1] for m in builtin_modules()} == on_disk - {
        "registry",
        "context",
        "kinds",
    }


def test_rule_kinds_are_data() -> None:
    """GS210/GS220/GS230/GS240 are one kind, GS215/GS221/GS235 another."""
    by_code = {r.code: r.check for r in all_rules()}
    assert {c for c, k in by_code.items() if isinstance(k, kinds.PolicyMaximum)} == {
        "GS210",
        "GS220",
        "GS230",
        "GS240",
    }
    assert {c for c, k in by_code.items() if isinstance(k, kinds.NetworkCap)} == {
        "GS215",
        "GS221",
        "GS235",
    }
    assert repr(by_code["GS235"]) == (
        "NetworkCap(items='urls', noun='links', cap='max_links', unique=True)"
    )
    with pytest.raises(ValueError, match="items='tags'"):
        kinds.PolicyMaximum("tags", "tags", "hashtags.max")  # type: ignore[arg-type]


def test_policy_maximum_reports_the_span_past_the_limit() -> None:
    report = govsocial.check(
        {"networks": ["x"], "text": {"ca": "Gràcies @a @b @c @d!"}},
        {"version": 1, "mentions": {"max": 2}},
        select=["GS2"],
    )
    (f,) = report.findings
    assert (f.code, f.message, f.span) == ("GS220", "4 mentions; the policy allows 2", (14, 19))


def test_network_cap_counts_unique_links_on_threads() -> None:
    same = " ".join(["https://vilanova.cat/a"] * 7)
    assert not govsocial.check(
        {"networks": ["threads"], "text": {"ca": same}}, select=["GS235"]
    ).findings
    six = " ".join(f"https://vilanova.cat/{i}" for i in range(6))
    (f,) = govsocial.check(
        {"networks": ["threads"], "text": {"ca": six}}, select=["GS235"]
    ).findings
    assert f.message == "6 links; Threads accepts 5"


# -- an application's own rules, each in a fresh interpreter (registrations are global) --

OWN_RULE = """
from collections.abc import Iterator
import govsocial
from govsocial.rules import Hit, rule

@rule(
    "GS901",
    "no-shouting-marks",
    summary="More than one exclamation mark in a row.",
    severity=govsocial.Severity.WARNING,
    why="Our style guide: one exclamation mark at most.",
    flagged={"networks": ["x"], "text": {"ca": "Festa!!!"}},
    clean={"networks": ["x"], "text": {"ca": "Festa!"}},
)
def no_shouting_marks(ctx) -> Iterator[Hit]:
    for path, lang, text in ctx.variants():
        i = text.find("!!")
        if i >= 0:
            yield Hit("repeated exclamation marks", path, lang=lang, span=(i, i + 2))
"""

# Checked without the language rules: loading the language model would only slow the test.
NO_LANG = '{"version": 1, "languages": {"detection": {"enabled": False}}}'
POST = '{"networks": ["x"], "text": {"ca": ""}}, ' + NO_LANG
SHOUT = '{"networks": ["x"], "text": {"ca": "Festa!!"}}, ' + NO_LANG


def run_python(code: str, *, path: Path | None = None) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(path or ""), str(ROOT / "src")])),
    }
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_rule_registered_before_the_first_check_runs_beside_the_built_ins() -> None:
    out = run_python(
        OWN_RULE
        + f"""
print(sorted({{f.code for f in govsocial.check({POST}).findings}}))
print(sorted({{f.code for f in govsocial.check({SHOUT}).findings}}))
print(len(govsocial.all_rules()))
"""
    )
    assert out.splitlines() == ["['GS101']", "['GS901']", str(len(all_rules()) + 1)]


def test_a_rule_registered_after_the_first_check_runs_too() -> None:
    out = run_python(
        f"""
import govsocial
before = govsocial.check({SHOUT})
n = len(govsocial.all_rules())
"""
        + OWN_RULE
        + f"""
print(before.findings, n + 1 == len(govsocial.all_rules()))
print([f.code for f in govsocial.check({SHOUT}).findings])
print([f.code for f in govsocial.check({SHOUT}, select=["GS9"]).findings])
print(govsocial.get_rule("gs901").origin)
"""
    )
    assert out.splitlines() == ["() True", "['GS901']", "['GS901']", "__main__"]


def test_a_duplicate_code_is_a_clear_error() -> None:
    out = run_python(
        """
import govsocial
from govsocial.rules import rule
try:
    @rule("GS201", "my-too-long", summary=".", severity=govsocial.Severity.INFO, why=".",
          flagged={}, clean={})
    def mine(ctx):
        yield from ()
except govsocial.UsageError as exc:
    print(exc)
print(govsocial.get_rule("GS201").name)
"""
    )
    assert out.splitlines() == [
        "duplicate rule code GS201: 'my-too-long' from __main__ and 'too-long' from "
        "govsocial.rules.length",
        "too-long",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("GS1", "x"), "code='GS1'"),
        (("gs901", "x"), "code='gs901'"),
        (("GS901", ""), "name=''"),
    ],
)
def test_a_bad_code_or_name_is_refused_early(args: tuple[str, str], message: str) -> None:
    from govsocial.rules import rule

    with pytest.raises(govsocial.UsageError, match=message):
        rule(*args, summary=".", severity=govsocial.Severity.INFO, why=".", flagged={}, clean={})


def make_distribution(where: Path, *, module_body: str = OWN_RULE) -> None:
    """A tiny installed distribution: a module and its dist-info declaring the entry point."""
    (where / "council_rules.py").write_text(module_body, "utf-8")
    info = where / "council_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: council-rules\nVersion: 1.0\n", "utf-8"
    )
    (info / "entry_points.txt").write_text("[govsocial.rules]\ncouncil = council_rules\n", "utf-8")


def test_rules_declared_by_an_installed_distribution_run_and_are_listed(tmp_path: Path) -> None:
    make_distribution(tmp_path)
    out = run_python(
        f"""
import contextlib, io, json
import govsocial
from govsocial.cli import main
print([f.code for f in govsocial.check({SHOUT}).findings])
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    main(["rules", "--format", "json"])
print(json.dumps([r for r in json.loads(buf.getvalue()) if r["code"] == "GS901"]))
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    main(["rules"])
print(buf.getvalue().splitlines()[-1])
print(govsocial.get_rule("GS901").origin)
""",
        path=tmp_path,
    )
    lines = out.splitlines()
    assert lines[0] == "['GS901']"
    assert json.loads(lines[1]) == [
        {
            "code": "GS901",
            "name": "no-shouting-marks",
            "severity": "warning",
            "summary": "More than one exclamation mark in a row.",
        }
    ]
    assert lines[2].startswith("GS901  no-shouting-marks")
    assert lines[3] == "council_rules"


def test_a_broken_entry_point_is_an_error_naming_it_every_time(tmp_path: Path) -> None:
    make_distribution(tmp_path, module_body="raise ImportError('no module named x')\n")
    out = run_python(
        f"""
import govsocial
for _ in range(2):
    try:
        govsocial.check({POST})
    except govsocial.UsageError as exc:
        print(exc)
""",
        path=tmp_path,
    )
    assert (
        out.splitlines()
        == [
            "cannot load the rules of entry point 'council' (council_rules) in group "
            "'govsocial.rules': ImportError: no module named x"
        ]
        * 2
    )


def test_every_rule_module_can_be_the_first_one_imported() -> None:
    # A rule module's @rule loads every built-in module; one that imports a helper from
    # another rule module must find it defined whichever module Python imports first.
    import subprocess
    import sys

    from govsocial.rules.registry import builtin_modules

    code = "import importlib, sys; importlib.import_module(sys.argv[1])"
    for name in builtin_modules():
        out = subprocess.run(
            [sys.executable, "-c", code, name], capture_output=True, text=True, check=False
        )
        assert out.returncode == 0, f"{name}: {out.stderr[-500:]}"


MEDIA_ONLY = [r for r in all_rules() if r.media_only]
EXAMPLE_POLICIES = [
    govsocial.load_policy(p) for p in sorted((EXAMPLES / "policies").glob("*.yaml"))
]


def _without_media(post: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in post.items() if k != "media"}


def test_rules_marked_media_only_find_nothing_in_their_examples_without_media() -> None:
    """The engine skips a media-only rule on a post without media: each such rule's
    own examples, their media taken away, give it nothing to find under its policy."""
    assert len(MEDIA_ONLY) >= 20  # the alt-text, image and brand families
    for r in MEDIA_ONLY:
        policy = govsocial.load_policy(r.policy)
        for example in (r.flagged, r.clean):
            post = govsocial.Post.from_dict(_without_media(dict(example)))
            assert list(r.check(Context(post, policy))) == [], r.code


@given(
    posts(),
    st.dictionaries(st.sampled_from(["ca", "es", "eu"]), st.text(max_size=30), max_size=2),
    st.sampled_from(range(len(EXAMPLE_POLICIES))),
)
def test_rules_marked_media_only_find_nothing_in_a_post_without_media(
    data: dict[str, object], title: dict[str, str], which: int
) -> None:
    """Whatever a post without media holds (texts, title, kind, schedule, ignore list),
    under every example policy, no rule marked media-only finds anything in it."""
    post = govsocial.Post.from_dict({**_without_media(data), "title": title})
    ctx = Context(post, EXAMPLE_POLICIES[which])
    for r in MEDIA_ONLY:
        assert list(r.check(ctx)) == [], r.code
