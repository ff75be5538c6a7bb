"""The documentation site: built with `mkdocs build --strict`, a page per rule, the pages that
SARIF's helpUri and the schemas' $id name, and the pages' commands run as written."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

import govsocial
from govsocial.findings import DOCS_URL, rule_url

from .conftest import ROOT

BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: scripts/test.sh builds it (GOVSOCIAL_SITE), else it is built here."""
    given = os.environ.get("GOVSOCIAL_SITE")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def _page(site: Path, url: str) -> Path:
    assert url.startswith(DOCS_URL), url
    rel = url[len(DOCS_URL) :]
    return site / rel / "index.html" if rel.endswith("/") or not rel else site / rel


@pytest.mark.parametrize("rule", govsocial.all_rules(), ids=lambda r: r.code)
def test_every_rule_has_its_page(site: Path, rule: govsocial.Rule) -> None:
    """A rule without its page (what, why, options, flagged and clean examples) fails."""
    page = _page(site, rule_url(rule.code))
    assert page.is_file(), f"no page for {rule.code} at {page}"
    text = page.read_text("utf-8")
    for heading in ("What it checks", "Why", "Options", "Flagged", "Clean"):
        assert f">{heading}<" in text or f">{heading}" in text, (rule.code, heading)
    assert rule.name in text


@pytest.mark.parametrize("name", ["post", "policy", "report", "message", "mention"])
def test_schema_ids_point_at_files_the_build_produces(site: Path, name: str) -> None:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    built = _page(site, schema["$id"])
    assert json.loads(built.read_text("utf-8")) == schema


def test_every_docs_page_is_built_and_in_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text("utf-8")
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
        target = "" if rel == "index" else rel + "/"
        assert (site / target / "index.html").is_file(), rel
        if rel != "index":
            assert f'href="{target}"' in home or f'href="./{target}"' in home, rel


def test_references_cover_every_command_and_policy_key(site: Path) -> None:
    cli = (site / "reference" / "cli" / "index.html").read_text("utf-8")
    for command in ("check", "count", "crisis assess", "crisis spikes", "rule", "rules", "schema"):
        assert f"govsocial {command}</code>" in cli, command
    policy = (site / "reference" / "policy" / "index.html").read_text("utf-8")
    schema = json.loads((ROOT / "schemas" / "policy.schema.json").read_text("utf-8"))
    for key in schema["properties"]:
        assert f"<code>{key}</code>" in policy, key
    assert "<code>files.exclude</code>" in policy


# --- pages whose commands and code run as written --------------------------------------

_BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.S | re.M)


def _blocks(page: str) -> list[tuple[str, str, str]]:
    text = (ROOT / "docs" / page).read_text("utf-8")
    return [(m[1], m[2], m[3]) for m in _BLOCK.finditer(text)]


def _shell(cwd: Path, command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GOVSOCIAL_POLICY", None)
    env["COLUMNS"] = "100"
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def test_getting_started_runs_line_by_line(tmp_path: Path) -> None:
    """Files are saved where the page says, each command prints what the page shows."""
    ran = 0
    for lang, info, body in _blocks("getting-started.md"):
        title = re.search(r'title="([^"]+)"', info)
        if title and lang in ("json", "yaml"):
            target = tmp_path / title[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, "utf-8")
        elif lang == "console":
            command, *expected = body.rstrip("\n").split("\n")
            assert command.startswith("$ ")
            if command.startswith("$ python -m pip install"):
                continue  # the test environment has govsocial installed
            proc = _shell(tmp_path, command[2:])
            assert proc.stdout.rstrip("\n").split("\n") == (expected or [""]), proc.stdout
            ran += 1
    assert ran >= 3


@pytest.mark.parametrize("page", ["how-to/response-rate.md", "how-to/crisis-monitor.md"])
def test_how_to_commands_run(page: str) -> None:
    for lang, _, body in _blocks(page):
        if lang != "console":
            continue
        command, *expected = body.rstrip("\n").split("\n")
        proc = _shell(ROOT, command[2:])
        assert proc.returncode in (0, 1), proc.stdout
        if expected:
            assert proc.stdout.rstrip("\n").split("\n") == expected


def test_web_app_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    (code,) = [body for lang, _, body in _blocks("how-to/web-app.md") if lang == "python"]
    exec(compile(code, "web-app.md", "exec"), {})


def test_bilingual_council_policy_is_valid() -> None:
    (policy,) = [
        body for lang, info, body in _blocks("how-to/bilingual-council.md") if "title" in info
    ]
    assert govsocial.load_policy(yaml.safe_load(policy)).name


def _ci_steps() -> list[tuple[str, str]]:
    steps = []
    for lang, _, body in _blocks("how-to/ci.md"):
        if lang != "yaml":
            continue
        doc = yaml.safe_load(body)
        if "jobs" in doc:
            for job in doc["jobs"].values():
                steps += [("github", s["run"]) for s in job["steps"] if "run" in s]
        else:
            for job in doc.values():
                steps += [("gitlab", line) for line in job["script"]]
    return [(kind, run) for kind, run in steps if run.startswith("govsocial ")]


@pytest.mark.parametrize(("kind", "command"), _ci_steps())
def test_ci_recipes_command_lines(tmp_path: Path, kind: str, command: str) -> None:
    """The check step of each CI recipe, run in a repository with a bad post."""
    from .test_output_formats import _ANNOTATION, GITLAB_SCHEMA

    shutil.copytree(ROOT / "examples" / "posts" / "gl-es", tmp_path / "posts")
    shutil.copy(ROOT / "examples" / "policies" / "concello-gl-es.yaml", tmp_path / "govsocial.yaml")
    proc = _shell(tmp_path, command)
    assert proc.returncode == 1, proc.stdout
    args = shlex.split(command)
    if "sarif" in args:
        schema = json.loads(
            (ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text()
        )
        doc = json.loads((tmp_path / args[args.index("--output") + 1]).read_text("utf-8"))
        jsonschema.Draft4Validator(schema).validate(doc)
        assert doc["runs"][0]["results"]
    elif "gitlab" in args:
        issues = json.loads((tmp_path / args[args.index("--output") + 1]).read_text("utf-8"))
        jsonschema.validate(issues, GITLAB_SCHEMA)
        assert issues
    else:
        lines = [line for line in proc.stdout.splitlines() if line]
        assert lines and all(_ANNOTATION.fullmatch(line) for line in lines), proc.stdout
