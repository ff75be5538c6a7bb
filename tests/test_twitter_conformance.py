"""The official twitter-text conformance suite, run as data (tests/data/twitter-text/).

Every length and validity case of `validate.yml` must pass: the v1 `tweets` section
(140 characters, validity only), the v2 weighted section, the v3 weighted-with-emoji
section and the directional-marker section (v3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from govsocial.networks.twitter import V1, V2, V3, TwitterConfig, parse_tweet, weighted_length
from govsocial.networks.twitter import config as tw_config
from govsocial.networks.twitter import urls as tw_urls
from govsocial.networks.twitter import weights as tw_weights

SUITE = yaml.safe_load(
    (Path(__file__).parent / "data" / "twitter-text" / "validate.yml").read_text("utf-8")
)["tests"]

SECTIONS: dict[str, TwitterConfig] = {
    "WeightedTweetsCounterTest": V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": V3,
    "UnicodeDirectionalMarkerCounterTest": V3,
}
CASES = [
    pytest.param(case, SECTIONS[name], id=f"{name}: {case['description']}")
    for name in SECTIONS
    for case in SUITE[name]
]


def test_suite_has_the_expected_size() -> None:
    assert len(SUITE["tweets"]) == 8
    assert [len(SUITE[n]) for n in SECTIONS] == [20, 22, 2]


@pytest.mark.parametrize(("case", "config"), CASES)
def test_weighted_counting(case: dict[str, Any], config: TwitterConfig) -> None:
    got = parse_tweet(case["text"], config=config)
    exp = case["expected"]
    assert got.weighted_length == exp["weightedLength"]
    assert got.valid == exp["valid"]
    assert got.permillage == exp["permillage"]
    assert (got.display_range_start, got.display_range_end) == (
        exp["displayRangeStart"],
        exp["displayRangeEnd"],
    )
    assert (got.valid_range_start, got.valid_range_end) == (
        exp["validRangeStart"],
        exp["validRangeEnd"],
    )
    if config is V3:
        assert weighted_length(case["text"]) == exp["weightedLength"]


@pytest.mark.parametrize("case", SUITE["tweets"], ids=[c["description"] for c in SUITE["tweets"]])
def test_v1_validity(case: dict[str, Any]) -> None:
    assert parse_tweet(case["text"], config=V1).valid == case["expected"]


# Emoji pieces (ZWJ, variation selector, skin tones, regional indicators, keycaps, tags),
# whole emoji, URL pieces and any character: the length-only path must count what
# parse_tweet counts.
_PIECES = [
    "\u200d",
    "\ufe0f",
    "\u20e3",
    "#",
    "1",
    "\U0001f3fb",
    "\U0001f3ff",
    "\U0001f1ea",
    "\U0001f1f8",
    "\U000e0067",
    "\U000e007f",
    "\U0001f3f4",
    "\U0001f469",
    "\U0001f91d",
    "\u2764",
    "\u00a9",
    "\u2013",
    " ",
    ".",
    "/",
    "x.com",
    "https://",
    "t.co/",
    ".cat",
]
_EMOJI = ["👨‍👩‍👧‍👦", "🏳️‍⚧️", "👩🏽", "🇪🇸", "1️⃣", "❤️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "😀"]
_MIXED = st.lists(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from(_PIECES), st.sampled_from(_EMOJI)),
    max_size=60,
).map("".join)


@given(_MIXED)
def test_weighted_length_is_what_parse_tweet_counts(text: str) -> None:
    assert weighted_length(text) == parse_tweet(text).weighted_length


# A configuration in which some emoji of one code point weigh other than their character.
_HEAVY = TwitterConfig(
    version="test",
    max_weighted_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    emoji_parsing_enabled=True,
    ranges=((0, 4351, 100), (0x1F3FB, 0x1F3FC, 300), (0x2764, 0x2764, 50)),
)


@given(_MIXED)
def test_length_only_path_matches_the_entity_path(text: str) -> None:
    normal = tw_config._normalize(text)
    for config in (V3, _HEAVY):
        assert (
            tw_weights._weighted_total(normal, config)
            == tw_weights._scaled_total(normal, config)[0]
        )


# A configuration whose light class ends inside Latin-1 (up to U+00E0): a Latin-1 text is
# then not wholly in it.
_NARROW = TwitterConfig(
    version="test",
    max_weighted_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    emoji_parsing_enabled=True,
    ranges=((0, 0xE0, 100), (0x2000, 0x200D, 100)),
)


@given(
    st.lists(
        st.one_of(
            st.characters(codec="utf-8"),
            st.characters(max_codepoint=0xFF),
            st.sampled_from(["é", "ñ", "\xe0", "\xe1", "\xff", "\u0100", "’", "€", "😀"]),
        ),
        max_size=60,
    ).map("".join)
)
def test_plain_weight_is_the_sum_of_each_code_point_weight(text: str) -> None:
    """The class test skipped for ASCII and Latin-1 texts gives what weighing each code
    point gives, for classes that hold all of Latin-1 and for one that does not."""
    for config in (V1, V2, V3, _HEAVY, _NARROW):
        expected = sum(tw_weights._weight_at(c, config) for c in text)
        assert tw_config._plain_weight(text, config) == expected


_DOMAIN_PIECES = st.sampled_from(
    ["a", "x", "K", "S", "I", "0", "-", "_", "é", "ſ", "ı", "İ", "ж", "日", "xn--", "\x7f"]
)
_TLD_PIECES = st.sampled_from(["com", "CAT", "co", "uk", "xn--p1ai", "xn--ab-1", "pizza", "es"])


@given(
    st.lists(st.lists(_DOMAIN_PIECES, min_size=1, max_size=5).map("".join), min_size=1),
    _TLD_PIECES,
    st.sampled_from(["", " ", "/x", ":80", "?q", "-", "+", "@", "é", "ſ", "a", "1", "."]),
)
def test_an_ascii_looking_grammar_domain_is_one_ascii_domain(
    labels: list[str], tld: str, after: str
) -> None:
    # The shortcut in _extract_urls: no ASCII-domain search for such domains.
    g = tw_urls._grammar()
    text = tw_config._normalize(" " + ".".join(labels) + "." + tld + after)
    for m in g.matches(text):
        domain = m.group(3)
        if g.ascii_domain_chars.fullmatch(domain):
            assert [a.span() for a in g.ascii_domain.finditer(domain)] == [(0, len(domain))]


@pytest.mark.parametrize(("case", "config"), CASES)
def test_linear_url_matcher_on_the_conformance_suite(
    case: dict[str, Any], config: TwitterConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every token through the linear matcher (used above 256 characters): the same parse."""
    want = parse_tweet(case["text"], config=config)
    tw_urls._extract_urls.cache_clear()
    monkeypatch.setattr(tw_urls, "_GUARD_ABOVE", 0)
    assert parse_tweet(case["text"], config=config) == want
    tw_urls._extract_urls.cache_clear()
