"""The CLI: exit codes, formats, selection, bad input never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from govsocial.cli import main

from .conftest import EXAMPLES, ROOT

POLICY = str(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")
PASS = str(EXAMPLES / "posts" / "ca-es-pass-obres.json")
FAIL_LINKS = str(EXAMPLES / "posts" / "ca-es-fail-links.json")
FAIL_STYLE = str(EXAMPLES / "posts" / "ca-es-fail-style.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_post_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--policy", POLICY, PASS)
    assert code == 0
    assert "0 error(s)" in out


def test_failing_post_exits_1_and_names_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--policy", POLICY, FAIL_LINKS)
    assert code == 1
    assert re.search(r"ca-es-fail-links\.json:\d+:\d+: GS231 .* \[error ca\]", out)
    assert re.search(r"ca-es-fail-links\.json:\d+:\d+: GS233 ", out)


def test_fail_on_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    # GS230 (warning) only: exit 0 at the default threshold, 1 with --fail-on warning.
    assert run(capsys, "check", "--policy", POLICY, "--select", "GS230", FAIL_LINKS)[0] == 0
    assert (
        run(
            capsys,
            "check",
            "--policy",
            POLICY,
            "--select",
            "GS230",
            "--fail-on",
            "warning",
            FAIL_LINKS,
        )[0]
        == 1
    )
    assert run(capsys, "check", "--policy", POLICY, "--fail-on", "never", FAIL_LINKS)[0] == 0


def test_select_and_ignore_by_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "check",
        "--policy",
        POLICY,
        "--format",
        "json",
        "--select",
        "GS23",
        "--ignore",
        "GS233,GS234",
        FAIL_LINKS,
    )
    codes = {f["code"] for r in json.loads(out)["reports"] for f in r["findings"]}
    assert codes == {"GS230", "GS231", "GS232"}


def test_unknown_rule_selector_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--policy", POLICY, "--select", "GS9", PASS)
    assert code == 2 and "GS9" in err and "Traceback" not in err


def test_json_report_follows_its_schema_and_is_deterministic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out1, _ = run(
        capsys, "check", "--policy", POLICY, "--format", "json", FAIL_STYLE, FAIL_LINKS
    )
    _, out2, _ = run(
        capsys, "check", "--policy", POLICY, "--format", "json", FAIL_STYLE, FAIL_LINKS
    )
    assert out1 == out2
    doc = json.loads(out1)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(doc, schema)
    findings = doc["reports"][0]["findings"]
    keys = [(f["path"], f["span"] or [-1, -1], f["code"]) for f in findings]
    assert keys == sorted(keys)


def test_sarif_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--policy", POLICY, "--format", "sarif", FAIL_LINKS)
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    run0 = doc["runs"][0]
    rule_ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(rule_ids)
    for res in run0["results"]:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        assert res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith(
            ("/text", "/scheduled_at")
        )


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "invalid JSON"),
        ('{"networks": ["myspace"], "text": {"ca": "x"}}', "/networks/0"),
        ('{"networks": ["x"]}', "text"),
        ("[1, 2]", "[0]"),
    ],
)
def test_bad_post_files_exit_2_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str
) -> None:
    p = tmp_path / "post.json"
    p.write_text(content)
    code, _, err = run(capsys, "check", "--policy", POLICY, str(p))
    assert code == 2
    assert needle in err and "post.json" in err and "Traceback" not in err


def test_missing_file_and_invalid_policy_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", "--policy", POLICY, str(tmp_path / "nope.json"))
    assert code == 2 and "nope.json" in err
    bad = tmp_path / "policy.yaml"
    bad.write_text("version: 1\nhashtag:\n  max: 2\n")
    code, _, err = run(capsys, "check", "--policy", str(bad), PASS)
    assert code == 2 and "policy.yaml:2" in err and "/hashtag" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml", PASS])
    assert info.value.code == 2
    assert main([]) == 2


def test_rules_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "GS201" in out and "too-long" in out
    code, out, _ = run(capsys, "rule", "gs201")
    assert code == 0
    assert "Why:" in out and "Flagged:" in out and "Clean:" in out and "-> GS201" in out
    code, _, err = run(capsys, "rule", "GS999")
    assert code == 2 and "GS999" in err
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert {"code", "name", "severity", "summary"} <= set(json.loads(out)[0])


def test_count_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "count", "Festa 🎉", "-n", "x", "-n", "mastodon")
    assert code == 0
    assert out.splitlines()[0].split()[:2] == ["x", "8/280"]
    assert out.splitlines()[1].split()[:2] == ["mastodon", "7/500"]


def test_language_command_detects_among_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "language", "Xa comezaron as obras do paseo marítimo da praia", "-c", "es,gl"
    )
    assert code == 0 and out.split()[0] == "gl"
    code, out, _ = run(capsys, "language", "Bon dia", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["judgeable"] is False and doc["words"] == 2


def test_language_command_slot_verdict_sets_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    spanish = "El lunes abre la nueva biblioteca del barrio del Carme, con sala de estudio"
    code, out, _ = run(capsys, "language", spanish, "--slot", "ca")
    assert code == 1 and out.startswith("mismatch") and "'es'" in out
    code, out, _ = run(capsys, "language", spanish, "--slot", "es", "-f", "json")
    assert code == 0 and json.loads(out)["status"] == "ok"
    code, out, _ = run(capsys, "language", "Bon dia", "--slot", "ca")
    assert code == 0 and out.startswith("undetermined")


def test_language_command_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    text = "El lunes abre la nueva biblioteca del barrio del Carme, con sala de estudio\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, _ = run(capsys, "language", "-", "--slot", "ca", "--format", "json")
    assert code == 1 and json.loads(out)["lang"] == "es"


def test_language_command_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "language", "hola que tal", "--detector", "nope")
    assert code == 2 and "unknown language detector 'nope'" in err
    code, _, err = run(capsys, "language", "hola", "-c", ",")
    assert code == 2 and "--candidates" in err
    code, out, err = run(capsys, "language", "hola que tal estás hoy amigo", "-c", "es,xx")
    assert code == 0 and "no model for 'xx'" in err and out.split()[0] == "es"
    code, out, err = run(capsys, "language", "Dilluns obrim la nova biblioteca", "-c", "ca-ES,es")
    assert code == 0 and err == "" and out.split()[0] == "ca"


def test_stdin_and_array_of_posts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    posts = [json.loads(Path(PASS).read_text()), json.loads(Path(FAIL_LINKS).read_text())]
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(posts)))
    code, out, _ = run(capsys, "check", "--policy", POLICY, "--format", "json", "-")
    doc = json.loads(out)
    assert code == 1
    assert [r["source"] for r in doc["reports"]] == ["<stdin>[0]", "<stdin>[1]"]


def test_subprocess_entry_point() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "govsocial.cli", "check", "--policy", POLICY, FAIL_LINKS],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "GS233" in proc.stdout


def test_lone_surrogates_survive_json_output(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    p = tmp_path / "post.json"
    p.write_text('{"networks": ["x"], "text": {"ca": "Hola #Fe\\ud800sta \\ufeff"}}')
    code = main(["check", "--format", "json", str(p)])
    out = capfdbinary.readouterr().out
    assert code == 1  # GS206 invalid characters
    doc = json.loads(out.decode("utf-8"))
    assert any(f["code"] == "GS206" for f in doc["reports"][0]["findings"])


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.sarif"
    code, printed, _ = run(
        capsys, "check", "--policy", POLICY, "--format", "sarif", "-o", str(out), FAIL_LINKS
    )
    assert code == 1 and printed == ""
    assert json.loads(out.read_text("utf-8"))["version"] == "2.1.0"


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    from govsocial.cli import build_parser

    out = []
    todo = [("govsocial", build_parser())]
    while todo:
        name, parser = todo.pop()
        out.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {k}", v) for k, v in action.choices.items()]
    return sorted(out, key=lambda item: item[0])


@pytest.mark.parametrize(("name", "parser"), _parsers(), ids=[n for n, _ in _parsers()])
def test_every_help_shows_an_example_and_the_defaults(
    name: str, parser: argparse.ArgumentParser
) -> None:
    text = parser.format_help()
    assert "examples:\n  govsocial" in text, f"{name} --help has no example"
    for action in parser._actions:
        if action.option_strings and action.default not in (None, False, argparse.SUPPRESS):
            shown = parser._get_formatter()._get_help_string(action) or ""
            assert "default" in shown, f"{name} {action.option_strings[0]} hides its default"
            assert f"(default: {action.default})" in " ".join(text.split()) or "default" in (
                action.help or ""
            )


@pytest.mark.parametrize("name", ["post", "policy", "report", "message", "mention"])
def test_schema_command_prints_the_shipped_schema(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, _ = run(capsys, "schema", name)
    assert code == 0
    doc = json.loads(out)
    assert doc == json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    assert doc["$id"] == f"https://govsocial.readthedocs.io/schemas/{name}.schema.json"


def test_schema_command_unknown_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["schema", "accounts"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_files_checked_together_report_as_each_file_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Consecutive files under one policy and folder are checked in one batch (a folder
    of one-post files, an array of posts, an unreadable file among them): every file's
    report is the one it gets alone, and a bad file is still an error of its own."""
    texts = [
        ("Dilluns obre la biblioteca del Carme.", "El lunes abre la biblioteca del Carme."),
        ("El lunes abre la biblioteca del Carme.", "El lunes abre la biblioteca del Carme."),
        ("Recordeu que demà és festiu.", "Recordad que mañana es festivo y la OAC cerrará."),
    ]
    names = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for i, (ca, es) in enumerate(texts):
            post = {"networks": ["x", "instagram"], "text": {"ca": ca, "es": es}}
            if i == 2:
                post = [post, {"networks": ["x"], "text": {"ca": es, "es": ca}}]
            path = tmp_path / folder / f"{i}.json"
            path.write_text(json.dumps(post, ensure_ascii=False, indent=1), encoding="utf-8")
            names.append(str(path))
    bad = tmp_path / "a" / "9-bad.json"
    bad.write_text('{"networks": ["x"], "text": ', encoding="utf-8")
    names.insert(2, str(bad))
    code, out, _ = run(capsys, "check", "--format", "json", "--policy", POLICY, *names)
    together = json.loads(out)
    assert code == 2 and len(together["errors"]) == 1 and "9-bad.json" in together["errors"][0]
    alone = []
    for name in names:
        if name != str(bad):
            _, out, _ = run(capsys, "check", "--format", "json", "--policy", POLICY, name)
            alone += json.loads(out)["reports"]
    assert together["reports"] == alone
    assert any(f["code"] == "GS301" for r in alone for f in r["findings"])
