"""Suppression in the post: nothing is dropped, only moved, and stale entries are reported."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govsocial
from govsocial.rules.registry import all_rules

# GS106's flagged post is over the text limit: only GS106 runs on it, so an ignore entry
# naming another rule cannot be judged there (tested on its own below).
FLAGGED = [r for r in all_rules() if r.code not in ("GS001", "GS106")]
CODES = sorted({r.code for r in all_rules()} | {r.code[:4] for r in all_rules()})


@given(
    rule=st.sampled_from(FLAGGED),
    ignored=st.lists(st.sampled_from(CODES), max_size=4, unique=True),
)
def test_ignoring_moves_findings_and_never_drops_them(
    rule: govsocial.Rule, ignored: list[str]
) -> None:
    """Every finding of the post without `ignore` is either still a finding or suppressed
    (with its reason), and every entry that moved nothing is one GS001 finding."""
    plain = govsocial.check(dict(rule.flagged), rule.policy)
    post = {
        **dict(rule.flagged),
        "ignore": [{"code": c, "reason": f"accepted: {c}"} for c in ignored],
    }
    report = govsocial.check(post, rule.policy)
    kept = [f for f in report.findings if f.code != "GS001"]
    assert sorted(f.sort_key() for f in kept + list(report.suppressed)) == sorted(
        f.sort_key() for f in plain.findings
    )
    for f in report.suppressed:
        entry = next(c for c in ignored if f.code.startswith(c))
        assert f.suppression == f"accepted: {entry}"
    for f in kept:
        assert not any(f.code.startswith(c) for c in ignored)
    # each finding goes to the first entry that names it
    used = {next(c for c in ignored if f.code.startswith(c)) for f in report.suppressed}
    unused = [c for c in ignored if c not in used]
    assert len([f for f in report.findings if f.code == "GS001"]) == len(unused)


def test_an_ignore_entry_needs_a_reason() -> None:
    post = {"networks": ["x"], "text": {"es": "Hola"}, "ignore": [{"code": "GS213"}]}
    with pytest.raises(govsocial.InputError, match="/ignore/0"):
        govsocial.check(post)
    post["ignore"] = [{"code": "GS213", "reason": "  "}]
    with pytest.raises(govsocial.InputError, match="blank"):
        govsocial.check(post)


def test_unused_entry_is_not_reported_when_its_rules_did_not_run() -> None:
    post = {
        "networks": ["x"],
        "text": {"es": "El lunes abre la nueva biblioteca del barrio del Carme."},
        "ignore": [{"code": "GS213", "reason": "on purpose"}],
    }
    assert [f.code for f in govsocial.check(post).findings] == ["GS001"]
    assert [f.code for f in govsocial.check(post, select=["GS2", "GS0"]).findings] == ["GS001"]
    assert govsocial.check(post, select=["GS2"]).findings == ()  # GS001 itself not selected
    assert govsocial.check(post, select=["GS1", "GS001"]).findings == ()
    assert govsocial.check(post, {"version": 1, "severity": {"GS001": "off"}}).findings == ()


def test_post_round_trips_with_its_ignore_list() -> None:
    data = {
        "networks": ["x"],
        "text": {"es": "Hola"},
        "ignore": [{"code": "GS2", "reason": "a campaign with its own rules"}],
    }
    post = govsocial.Post.from_dict(data)
    assert post.to_dict() == data
    assert govsocial.Post.from_dict(post.to_dict()) == post


def test_an_oversized_post_still_judges_its_ignore_list() -> None:
    """Only GS106 runs on a text over the limit; an entry for GS106 suppresses it, and an
    entry that names no rule at all is still reported (GS001)."""
    policy = {"version": 1, "limits": {"max_text_chars": 20}}
    post = {
        "networks": ["facebook"],
        "text": {"ca": "Obrim la biblioteca nova del barri."},
        "ignore": [
            {"code": "GS106", "reason": "an archive post"},
            {"code": "GS99", "reason": "a typo"},
        ],
    }
    report = govsocial.check(post, policy)
    assert [f.code for f in report.suppressed] == ["GS106"]
    assert [(f.code, f.path) for f in report.findings] == [("GS001", "/ignore/1")]
