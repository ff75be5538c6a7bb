"""Counting as each network counts: units, URL weight, mention domains, limits."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govsocial
from govsocial.networks.counting import (
    count_at_most,
    count_for,
    count_graphemes,
    count_utf8_bytes,
    count_utf16,
)
from govsocial.networks.spec import network_specs

FAMILY = "👨‍👩‍👧‍👦"  # one grapheme, 7 code points, 11 UTF-16 units, 25 bytes


def test_units_on_one_zwj_sequence() -> None:
    assert count_graphemes(FAMILY) == 1
    assert count_utf16(FAMILY) == 11
    assert count_utf8_bytes(FAMILY) == 25


def test_crlf_is_one_grapheme() -> None:
    assert count_graphemes("a\r\nb") == 3
    assert count_graphemes("à\r\nb") == 3


def test_mastodon_counts_graphemes_urls_23_and_local_part_of_mentions() -> None:
    assert govsocial.count("Bon dia 👩🏽‍🚒", "mastodon") == 9
    url = "https://www.vilanovadelcami.cat/agenda/2026/festa-major-programa-complet"
    assert govsocial.count(url, "mastodon") == 23
    assert govsocial.count("hola @ajuntament@mastodon.social", "mastodon") == len(
        "hola @ajuntament"
    )
    # scheme-less domains are not links on Mastodon: counted as written
    assert govsocial.count("vilanovadelcami.cat", "mastodon") == len("vilanovadelcami.cat")


def test_bluesky_and_threads_graphemes_tiktok_utf16_youtube_bytes() -> None:
    assert govsocial.count(FAMILY * 3, "bluesky") == 3
    assert govsocial.count(FAMILY * 3, "threads") == 3
    assert govsocial.count(FAMILY, "tiktok") == 11
    assert govsocial.count("àéí", "youtube") == 6


def test_x_weighs_urls_and_emoji() -> None:
    assert (
        govsocial.count("Hola https://www.vilanovadelcami.cat/agenda-de-la-festa-major", "x") == 28
    )
    assert govsocial.count("Festa 🎉", "x") == 8
    assert govsocial.count("500 €", "x") == 6  # € is outside the weight-1 ranges


def test_unknown_network_and_bad_text() -> None:
    with pytest.raises(govsocial.UsageError, match="myspace"):
        govsocial.count("hola", "myspace")
    with pytest.raises(govsocial.UsageError, match="str"):
        govsocial.count(b"hola", "x")  # type: ignore[arg-type]


def test_policy_override_of_unit() -> None:
    policy = govsocial.load_policy({"version": 1, "networks": {"facebook": {"unit": "graphemes"}}})
    assert govsocial.count(FAMILY, "facebook", policy=policy) == 1
    assert govsocial.count(FAMILY, "facebook") == 11


any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)


@given(any_text)
def test_counters_never_crash_and_are_non_negative(text: str) -> None:
    for net in govsocial.NETWORK_IDS:
        assert govsocial.count(text, net) >= 0


@given(any_text, any_text)
def test_utf16_and_bytes_are_additive(a: str, b: str) -> None:
    assert count_utf16(a + b) == count_utf16(a) + count_utf16(b)
    assert count_utf8_bytes(a + b) == count_utf8_bytes(a) + count_utf8_bytes(b)


@given(any_text, any_text)
def test_graphemes_are_subadditive(a: str, b: str) -> None:
    # Joining can merge clusters at the seam (combining marks, ZWJ), never split them.
    assert count_graphemes(a + b) <= count_graphemes(a) + count_graphemes(b)
    assert count_graphemes(a) <= len(a)


@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=200), any_text))
def test_fast_paths_match_the_general_grapheme_count(text: str) -> None:
    import regex

    assert count_graphemes(text) == len(regex.findall(r"\X", text))


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"abc é€👍🏽 .", "https://vilanova.cat/x ", "🧑‍🤝‍🧑"]),
        min_size=1,
        max_size=120,
    ).map("".join),
    limit=st.integers(0, 150),
    network=st.sampled_from(["x", "mastodon", "bluesky", "tiktok"]),
)
def test_overflow_point_is_where_the_count_crosses_the_limit(
    text: str, limit: int, network: str
) -> None:
    from govsocial.rules.length import _first_over

    total = govsocial.count(text, network)
    if total <= limit:
        return
    cut = _first_over(text, limit, lambda t: govsocial.count(t, network), total)
    assert 0 <= cut < len(text)
    assert govsocial.count(text[: cut + 1], network) > limit
    assert govsocial.count(text[:cut], network) <= limit


_TRICKY = (
    "a\r\n\u00e0\u0301\u200d\u00a9\u00ae\U0001f469\U0001f3fd\u2695\ufe0f\U0001f1ea\U0001f1f8"
    "\U0001f1e8\u1100\u1161\u11a8\uac00\u0600\u0915\u094d\u0937\u0e33\u20e3#1 "
)


@given(st.text(alphabet=st.one_of(st.sampled_from(_TRICKY), st.characters()), max_size=60))
@settings(max_examples=1500, deadline=None)
def test_grapheme_count_equals_uax29_on_the_whole_text(text):
    """The run-by-run count agrees with UAX #29 applied to the whole text."""
    import regex

    assert count_graphemes(text) == len(regex.findall(r"\X", text))


# Weighted lengths from the official JavaScript twitter-text 3.1.0 (parseTweet), run by
# hand on 2026-12-02: cases where Python's regex semantics differ from JavaScript's.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Unicode case folding: JavaScript's /i never matches "ſ", "K" (Kelvin) or "İ"
        # with an ASCII letter, so these are not URLs.
        ("see example.e\u017f now", 18),
        ("example.\u0130t x", 12),
        ("a example.\u212az b", 27),
        ("httpſ://x.com", 13),
        # An emoji's high surrogate can precede a URL whose domain starts with its low one.
        ("google.com?x=1\U0001f40c-x.com", 52),
        ("x.\u0420\u0424 y", 25),  # upper-case Cyrillic TLD: still a URL
        ("HTTPS://X.COM", 23),
    ],
)
def test_x_follows_javascript_regex_semantics(text: str, expected: int) -> None:
    assert govsocial.count(text, "x") == expected


def test_gs206_characters_are_all_unprintable() -> None:
    """GS206 skips a printable text without searching it: right only if every character
    it reports (all in the Basic Multilingual Plane) is unprintable."""
    from govsocial.rules.length import _INVALID_RUN

    reported = [chr(c) for c in range(0x10000) if _INVALID_RUN.match(chr(c))]
    assert len(reported) > 2048  # the surrogates, at least
    assert not any(ch.isprintable() for ch in reported)
    assert not any(_INVALID_RUN.match(chr(c)) for c in range(0x10000, 0x110000, 97))


_URLISH = st.sampled_from(
    [
        "https://www.vilanova.cat/agenda",
        "vilanova.cat",
        "a.co",
        "http://t.co/x",
        "x.com/a?b=c.d",
        "@agenda@mastodon.social",
        "...",
        ".",
        "\r\n",
        "👩🏽‍🚒",
        "\ud800",
        "e\u0301",
    ]
)
_PIECES = st.lists(_URLISH | st.text(st.characters(codec=None), max_size=12), max_size=30)


@settings(max_examples=400)
@given(_PIECES, st.sampled_from([None, 1, 23, 100]))
def test_the_bound_is_never_below_the_count(pieces: list[str], url_weight: int | None) -> None:
    """``count_at_most`` (which lets GS201 skip counting a text far within a limit) is an
    upper bound of the exact count on every network, with any URL weight a policy sets."""
    text = " ".join(pieces)
    for spec in network_specs().values():
        for s in (spec, attrs.evolve(spec, url_weight=url_weight)):
            most = count_at_most(text, s)
            if most is not None:
                assert count_for(text, s) <= most
