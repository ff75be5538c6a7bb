"""Each output format against its consumer's schema or syntax: SARIF 2.1.0 (the OASIS
schema), GitHub workflow annotations, GitLab code quality, and file:line:col text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from govsocial.cli import main

from .conftest import EXAMPLES, ROOT

POLICY = str(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")
POSTS = sorted(str(p) for p in (EXAMPLES / "posts").glob("*.json"))

SUPPRESSING_POST = {
    "networks": ["x"],
    "text": {
        "ca": "Avui obrim la #biblioteca del barri de Sant Jordi",
        "es": "Hoy abrimos la #biblioteca del barrio de Sant Jordi",
    },
    "ignore": [
        {"code": "GS213", "reason": "the hashtag is part of the sentence on purpose"},
        {"code": "GS251", "reason": "stale"},
    ],
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def posts(tmp_path: Path) -> list[str]:
    p = tmp_path / "suppressing.json"
    p.write_text(json.dumps(SUPPRESSING_POST, ensure_ascii=False, indent=2), "utf-8")
    return [*POSTS, str(p)]


def test_sarif_validates_against_the_oasis_schema(
    capsys: pytest.CaptureFixture[str], posts: list[str]
) -> None:
    schema = json.loads((ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text())
    code, out, _ = _run(capsys, "check", "--policy", POLICY, "--format", "sarif", *posts)
    assert code == 1
    doc = json.loads(out)
    jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    ).validate(doc)
    results = doc["runs"][0]["results"]
    assert results
    for res in results:
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (
            region["startLine"],
            region["startColumn"],
        )
        assert len(res["partialFingerprints"]["govsocialFinding/v1"]) == 64
    prints = [r["partialFingerprints"]["govsocialFinding/v1"] for r in results]
    assert len(prints) == len(set(prints))
    suppressed = [r for r in results if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"][0]["kind"]) for r in suppressed] == [
        ("GS213", "inSource")
    ] * 2  # the ca and the es variant
    assert "on purpose" in suppressed[0]["suppressions"][0]["justification"]
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["helpUri"] == f"https://govsocial.readthedocs.io/rules/{rule['id']}/"


def test_sarif_fingerprints_survive_moving_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "p.json"
    p.write_text(json.dumps(SUPPRESSING_POST, indent=2), "utf-8")
    _run(capsys, "check", "-p", POLICY, "-f", "sarif", "-o", str(tmp_path / "a.sarif"), str(p))
    p.write_text("\n\n\n" + json.dumps(SUPPRESSING_POST, indent=4), "utf-8")
    _run(capsys, "check", "-p", POLICY, "-f", "sarif", "-o", str(tmp_path / "b.sarif"), str(p))

    def prints(name: str) -> list[tuple[str, int]]:
        doc = json.loads((tmp_path / name).read_text("utf-8"))
        return [
            (
                r["partialFingerprints"]["govsocialFinding/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in doc["runs"][0]["results"]
        ]

    before, after = prints("a.sarif"), prints("b.sarif")
    assert [f for f, _ in before] == [f for f, _ in after]
    assert [line for _, line in before] != [line for _, line in after]


# https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
# (read 2026-12-06): ::LEVEL file=,line=,col=,endLine=,endColumn=,title=::MESSAGE; in values
# % CR LF are escaped as %25 %0D %0A, and in properties also : and , as %3A %2C.
_PROPERTY = r"(file|line|col|endLine|endColumn|title)=[^,:\r\n]*"
_ANNOTATION = re.compile(rf"::(error|warning|notice) {_PROPERTY}(,{_PROPERTY})*::[^\r\n]*")


def test_github_annotations_follow_the_workflow_command_syntax(
    capsys: pytest.CaptureFixture[str], posts: list[str]
) -> None:
    code, out, _ = _run(capsys, "check", "--policy", POLICY, "--format", "github", *posts)
    assert code == 1
    lines = out.splitlines()
    assert lines
    for line in lines:
        assert _ANNOTATION.fullmatch(line), line
        props = dict(p.split("=", 1) for p in line.split("::")[1].split(" ", 1)[1].split(","))
        assert Path(props["file"]).exists()
        assert int(props["line"]) >= 1 and int(props["col"]) >= 1
        assert props["title"].startswith("GS")
    mine = [line for line in lines if "suppressing.json" in line]
    assert mine and not any("GS213" in line for line in mine)  # suppressed in the post


def test_github_escapes_newlines_and_separators() -> None:
    from govsocial.findings import Finding, Report, Severity
    from govsocial.report_formats import render_github

    f = Finding("GS201", Severity.ERROR, "100% over,\nreally: yes", "/text/ca", rule="too-long")
    out = render_github([Report([f], file="a,b:c.json")])
    assert out == ("::error file=a%2Cb%3Ac.json,title=GS201 too-long::100%25 over,%0Areally: yes\n")


# The documented shape of GitLab's code quality report (a subset of the Code Climate
# spec): docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format (read 2026-12-06).
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                    "positions": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {
                                "type": "object",
                                "required": ["line"],
                                "properties": {"line": {"type": "integer", "minimum": 1}},
                            }
                        },
                    },
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}


def test_gitlab_code_quality_follows_the_documented_shape(
    capsys: pytest.CaptureFixture[str], posts: list[str]
) -> None:
    code, out, _ = _run(capsys, "check", "--policy", POLICY, "--format", "gitlab", *posts)
    assert code == 1
    issues = json.loads(out)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert issues
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints))
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}


def test_text_lines_are_file_line_col(capsys: pytest.CaptureFixture[str], posts: list[str]) -> None:
    code, out, _ = _run(capsys, "check", "--policy", POLICY, *posts)
    assert code == 1
    findings = [line for line in out.splitlines() if line and not line.startswith(("    ", " "))]
    *findings, summary = findings
    for line in findings:
        assert re.fullmatch(r"[^:]+\.json:\d+:\d+: GS\d{3} .+ \[(error|warning|info)[^\]]*\]", line)
    assert summary.endswith(", 2 suppressed")


def test_json_lists_suppressed_findings_with_their_reason(
    capsys: pytest.CaptureFixture[str], posts: list[str]
) -> None:
    from govsocial._schemas import validator

    code, out, _ = _run(capsys, "check", "--policy", POLICY, "--format", "json", posts[-1])
    doc = json.loads(out)
    validator("report").validate(doc)
    (report,) = doc["reports"]
    assert [(f["code"], f["lang"], f["suppression"]) for f in report["suppressed"]] == [
        ("GS213", lang, "the hashtag is part of the sentence on purpose") for lang in ("ca", "es")
    ]
    assert "GS213" not in [f["code"] for f in report["findings"]]
    unused = [f for f in report["findings"] if f["code"] == "GS001"]
    assert [f["path"] for f in unused] == ["/ignore/1"]
    assert unused[0]["region"]["start_line"] > 1
    assert code == 1 or report["summary"]["error"] == 0


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("posts/a.json", "posts/a.json"),
        ("posts/festa major.json", "posts/festa%20major.json"),
        ("posts\\b.json", "posts/b.json"),
        ("/srv/posts/a b.json", "file:///srv/posts/a%20b.json"),
        ("<stdin>", "%3Cstdin%3E"),
    ],
)
def test_sarif_artifact_uris_are_uris(name: str, uri: str) -> None:
    from govsocial.findings import Finding, Report, Severity
    from govsocial.report_formats import render_sarif

    f = Finding("GS201", Severity.ERROR, "m", "/text/ca", rule="too-long")
    doc = json.loads(render_sarif([Report([f], file=name)], []))
    location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == uri
