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

from govsocial.networks.twitter import V1, V2, V3, TwitterConfig, parse_tweet, weighted_length

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
