"""The engine skips rules that provably find nothing on a post (govsocial.check._plans):
the reports are those of running every rule."""

from __future__ import annotations

import importlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import govsocial
from govsocial.rules.context import Context
from govsocial.rules.registry import all_rules
from govsocial.testing import posts

from .conftest import EXAMPLES

engine = importlib.import_module("govsocial.check")

POLICIES = [
    govsocial.load_policy(EXAMPLES / "policies" / "ajuntament-ca-es.yaml"),
    govsocial.load_policy({"version": 1, "limits": {"max_text_chars": 20}}),
]

titled_posts = st.tuples(
    posts(languages=("ca", "es"), texts=st.text(max_size=30)),
    st.dictionaries(st.sampled_from(["ca", "es"]), st.text(max_size=120), max_size=2),
    st.lists(st.sampled_from(["GS001", "GS106", "GS203", "GS305", "GS2", "GS9"]), max_size=3),
    st.sampled_from(POLICIES),
)


def _post(data: dict[str, Any], title: dict[str, str], ignore: list[str]) -> govsocial.Post:
    data = {**data, "media": []}  # no files to open: media-only rules are not the point
    if title:
        data["title"] = title
    if ignore:
        data["ignore"] = [{"code": c, "reason": "test"} for c in ignore]
    return govsocial.Post.from_dict(data)


@settings(max_examples=60, deadline=None)
@given(titled_posts)
def test_skipping_idle_rules_changes_no_report(case: Any) -> None:
    data, title, ignore, policy = case
    post = _post(data, title, ignore)
    plans = engine._plans(policy, all_rules())
    everything = plans._replace(
        run_full=plans.full, run_textual=plans.textual, run_untitled=plans.textual
    )
    skipped = engine._report(Context(post, policy), plans, None)
    assert skipped == engine._report(Context(post, policy), everything, None)


@settings(max_examples=60, deadline=None)
@given(titled_posts)
def test_the_idle_checks_find_nothing_where_they_are_skipped(case: Any) -> None:
    data, title, ignore, policy = case
    ctx = Context(_post(data, title, ignore), policy)
    idle, title_only = engine._idle_checks()
    if not ctx.oversized:
        for check in idle:
            assert list(check(ctx)) == []
        if not ctx.post.title:
            for check in title_only:
                assert list(check(ctx)) == []


def test_the_plans_skip_only_those_checks() -> None:
    plans = engine._plans(POLICIES[0], all_rules())
    idle, title_only = engine._idle_checks()
    left = {r.code for r, _ in plans.textual} - {r.code for r, _ in plans.run_untitled}
    assert left == {"GS001", "GS106", "GS203", "GS305"}
    assert len(idle) + len(title_only) == 4
