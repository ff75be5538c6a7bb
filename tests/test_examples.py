"""The shipped examples behave as their names say."""

from __future__ import annotations

from pathlib import Path

import pytest

import govsocial

from .conftest import EXAMPLES

POLICY_FOR = {
    "": "ajuntament-ca-es.yaml",
    "eu-es": "udala-eu-es.yaml",
    "gl-es": "concello-gl-es.yaml",
    "va-es": "ajuntament-va-es.yaml",
    "oc-ca-es": "conselh-oc-ca-es.yaml",
    "en": "council-en.yaml",
}
# Failing examples whose point is one rule: that rule must be among the findings.
EXPECTED = {
    "ca-es-fail-wrong-language.json": "GS301",
    "ca-es-fail-mixed-language.json": "GS303",
    "ca-es-fail-logo.json": "GS291",
    "ca-es-fail-image-format.json": "GS272",
    "udala-fail-copied-variant.json": "GS302",
    "udala-fail-alt-text-language.json": "GS304",
    "concello-fail-wrong-language.json": "GS301",
    "ajuntament-fail-wrong-language.json": "GS301",
    "ajuntament-fail-order.json": "GS104",
    "conselh-fail-wrong-language.json": "GS301",
}
POSTS = sorted(p for p in (EXAMPLES / "posts").rglob("*.json"))


def _policy(post: Path) -> govsocial.Policy:
    sub = post.parent.relative_to(EXAMPLES / "posts").as_posix()
    sub = "" if sub == "." else sub
    return govsocial.load_policy(EXAMPLES / "policies" / POLICY_FOR[sub])


@pytest.mark.parametrize("path", POSTS, ids=lambda p: p.relative_to(EXAMPLES / "posts").as_posix())
def test_example_post(path: Path) -> None:
    import json

    report = govsocial.check(
        json.loads(path.read_text("utf-8")), _policy(path), source=str(path), base=path.parent
    )
    if "-pass-" in path.name:
        assert report.at_least(govsocial.Severity.WARNING) == (), report.findings
    else:
        assert "-fail-" in path.name
        assert report.at_least(govsocial.Severity.WARNING), f"{path.name} should fail"
        if path.name in EXPECTED:
            assert EXPECTED[path.name] in {f.code for f in report.findings}, report.findings
