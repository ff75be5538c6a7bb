"""Every rule's documented examples run: the flagged one is flagged, the clean one is not."""

from __future__ import annotations

from pathlib import Path

import pytest

import govsocial
from govsocial.rules.registry import all_rules

RULES = all_rules()
# Rule examples name their images relative to examples/media/ (GS27x-GS29x).
MEDIA = Path(__file__).resolve().parents[1] / "examples" / "media"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_flagged_example_is_flagged(rule: govsocial.Rule) -> None:
    report = govsocial.check(rule.flagged, rule.policy, select=[rule.code], base=MEDIA)
    assert [f.code for f in report.findings], f"{rule.code} did not flag its own example"
    assert {f.code for f in report.findings} == {rule.code}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_clean_example_is_clean(rule: govsocial.Rule) -> None:
    report = govsocial.check(rule.clean, rule.policy, select=[rule.code], base=MEDIA)
    assert report.findings == ()


def test_codes_are_unique_stable_and_documented() -> None:
    codes = [r.code for r in RULES]
    assert codes == sorted(set(codes))
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for r in RULES:
        assert r.code.startswith("GS") and len(r.code) == 5
        assert r.summary.endswith(".") and r.why


def test_get_rule_unknown_code_is_a_usage_error() -> None:
    with pytest.raises(govsocial.UsageError, match="GS999"):
        govsocial.get_rule("GS999")
