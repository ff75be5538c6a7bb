"""Invariants of the check: never crashes on any Unicode, deterministic, spans inside texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import govsocial
from govsocial.testing import posts

from .conftest import EXAMPLES

POLICY = govsocial.load_policy(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")
# Language detection is exercised by its own property tests; here the text rules.
NO_LANG = ["GS3"]

wild = st.lists(
    st.one_of(
        st.characters(codec=None),  # includes lone surrogates
        st.sampled_from(
            [
                "👨‍👩‍👧‍👦",
                "🏳️‍⚧️",
                "\u200d",
                "\u0301",
                "\u202e",
                "#",
                "@",
                "https://",
                ".cat",
                "\r\n",
                "ß",
                "İ",
            ]
        ),
    ),
    max_size=120,
).map("".join)


@given(st.dictionaries(st.sampled_from(["ca", "es", "en"]), wild, max_size=3))
def test_check_never_crashes_and_spans_are_inside_the_text(texts: dict[str, str]) -> None:
    post = {"networks": list(govsocial.NETWORK_IDS), "text": texts}
    report = govsocial.check(post, POLICY, ignore=NO_LANG)
    for f in report.findings:
        if f.span is not None and f.path.startswith("/text/"):
            text = texts[f.path.split("/")[2]]
            assert 0 <= f.span[0] <= f.span[1] <= len(text)
    assert govsocial.check(post, POLICY, ignore=NO_LANG) == report


@settings(max_examples=5)
@given(st.sampled_from(["a", "é", "👩🏽‍🚒", "#Festa ", "https://vilanovadelcami.cat ", "\ud800"]))
def test_huge_texts_do_not_crash(piece: str) -> None:
    text = piece * (100_000 // len(piece))
    post = {"networks": list(govsocial.NETWORK_IDS), "text": {"ca": text}}
    report = govsocial.check(post, POLICY, ignore=NO_LANG)
    assert any(f.code == "GS201" for f in report.findings)
    for net in govsocial.NETWORK_IDS:
        assert govsocial.count(text, net) > 0


@given(posts())
def test_any_generated_post_checks_without_error(data: dict[str, object]) -> None:
    report = govsocial.check(data, POLICY, ignore=NO_LANG)
    assert report == govsocial.check(govsocial.Post.from_dict(data), POLICY, ignore=NO_LANG)
    assert all(f.path.startswith("/") for f in report.findings)
