"""Invariants of the check: never crashes on any Unicode, deterministic, spans inside texts."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import example, given, settings
from hypothesis import strategies as st

import govsocial
from govsocial.rules.context import Context, pointer_escape
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


_TERM_WORDS = st.sampled_from(["Straße", "ponte", "PILAS", "ciutadans", "İl", "ǅemal", "ﬁns"])


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_TERM_WORDS, min_size=1, max_size=3),
    text=st.text(max_size=40),
    case=st.sampled_from([str.upper, str.lower, str.title, str.casefold, lambda s: s]),
    gap=st.sampled_from([" ", "  ", "\n", "\t ", "\u00a0", "\u2028", "\u3000", "\x85", "\r\n"]),
)
def test_term_prefilter_never_hides_a_match(
    words: list[str], text: str, case: object, gap: str
) -> None:
    """Texts are searched for banned terms only when their case-folded form holds a term's
    case-folded first word: GS251 must still report every match of the term's pattern
    (which folds case in full and takes any whitespace run between words)."""
    from govsocial.rules.style import _terms_for

    policy = govsocial.load_policy(
        {"version": 1, "terms": {"banned": [{"lang": "es", "find": " ".join(words)}]}}
    )
    pattern, _, _ = _terms_for(policy.terms, "es", False)
    assert pattern is not None
    found = case(gap.join(words))  # type: ignore[operator]
    for candidate in (text, text + gap + found + " " + text, found + text):
        post = {"networks": ["x"], "text": {"es": "x " + candidate}}
        report = govsocial.check(post, policy, select=["GS251"])
        assert len(report.findings) == len(list(pattern.finditer("x " + candidate)))


def test_every_emoji_hint_character_is_in_the_quick_class() -> None:
    """find_emoji searches for an emoji hint only from the first character of
    _MAY_BE_EMOJI on: right only if every hint character is one."""
    import sys

    from govsocial.text import _EMOJI_HINT, _MAY_BE_EMOJI

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    hints = "".join(m.group() for m in _EMOJI_HINT.finditer(every))
    assert len(hints) > 1000
    assert len(_MAY_BE_EMOJI.findall(hints)) == len(hints)


_EMOJI_PIECES = st.sampled_from(
    ["a", "é", " ", "1", "#", "*", "\ufe0f", "\u20e3", "\u200d", "©", "®", "‼", "™", "€", "’",
     "🇪", "🇸", "👩", "🏽", "🚒", "📚", "🎉", "❤", "\U000e0067", "\U000e007f", "🏴"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_EMOJI_PIECES, max_size=24).map("".join))
def test_find_emoji_starts_where_the_whole_text_search_would(text: str) -> None:
    """find_emoji skips the text before the first hint (less two characters, for a keycap):
    it finds exactly what a search of the whole text finds."""
    from govsocial.text import _EMOJI, _EMOJI_PRESENTATION, find_emoji

    whole = tuple(
        (m.start(), m.end(), m.group())
        for m in _EMOJI.finditer(text)
        if len(m.group()) > 1 or _EMOJI_PRESENTATION.match(m.group())
    )
    assert tuple((e.start, e.end, e.text) for e in find_emoji(text)) == whole


_HOST_PARTS = st.sampled_from(["", ".", "a", "bit", "ly", "bit.ly", "vilanova", "cat", "x.cat"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_HOST_PARTS, max_size=4).map("".join),
    st.lists(st.lists(_HOST_PARTS, max_size=3).map("".join), max_size=4),
)
def test_a_host_is_under_a_domain_as_its_suffix_after_a_dot(host: str, domains: list[str]) -> None:
    """GS232/GS233 look the host and its parts after each dot up in the domain set: the
    same answer as trying every domain (equal, or the host ends in "." + domain)."""
    from govsocial.rules.links import _under

    expected = any(host == d or host.endswith("." + d) for d in domains)
    assert _under(host, frozenset(domains)) == expected
    assert _under(host, tuple(domains)) == expected


_HASHTAG_PIECES = st.sampled_from(
    ["a", "É", "1", "_", " ", "#", "＃", "&", "/", "·", "・", "\u0301", "Carme", "2026", "\n",
     "l'", "🎉", "@"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_HASHTAG_PIECES, max_size=20).map("".join))
@example("＃Festa i #FMVilanova")
def test_find_hashtags_from_the_first_sign_as_over_the_whole_text(text: str) -> None:
    """find_hashtags searches from the first # (or ＃) on, its look-behind still reading the
    character before it: exactly the hashtags a search of the whole text finds."""
    from govsocial.text import _HASHTAG, find_hashtags

    whole = tuple((m.start(), m.end(), m.group(1)) for m in _HASHTAG.finditer(text))
    assert tuple((h.start, h.end, h.tag) for h in find_hashtags(text)) == whole


def _oversized_before(ctx: Context) -> tuple[tuple[str, str, int], ...]:
    """Context.oversized as it was computed before its shortcut (the reference)."""
    most = ctx.policy.limits.max_text_chars
    post = ctx.post
    fields: list[tuple[str, Mapping[str, str]]] = [("/text", post.text)]
    if post.title:
        fields.append(("/title", post.title))
    fields += [(f"/media/{i}/alt", m.alt) for i, m in enumerate(post.media) if m.alt]
    return tuple(
        (f"{base}/{pointer_escape(lang)}", lang, len(text))
        for base, values in fields
        for lang, text in values.items()
        if len(text) > most
    )


@given(
    posts(languages=("ca", "es"), texts=st.text(max_size=6)),
    st.dictionaries(st.sampled_from(["ca", "es"]), st.text(max_size=6), max_size=2),
    st.integers(1, 4),
)
@example({"networks": ["x"], "text": {"ca": "abcd", "es": "ab"}}, {}, 3)
@example({"networks": ["x"], "text": {"ca": "abc"}}, {}, 3)
@example({"networks": ["x"], "text": {"ca": "ab"}}, {"es": "abcd"}, 3)
def test_oversized_shortcut_is_the_full_listing(
    data: dict[str, object], title: dict[str, str], most: int
) -> None:
    if title:
        data = {**data, "title": title}
    post = govsocial.Post.from_dict(data)
    policy = govsocial.load_policy({"version": 1, "limits": {"max_text_chars": most}})
    assert Context(post, policy).oversized == _oversized_before(Context(post, policy))


def test_banned_and_preferred_terms_each_read_their_own_variant() -> None:
    """GS251 and GS252 share each variant's case-folded text within a check: each rule
    still searches the variant it is judging (the Spanish term only in the Spanish text,
    the Catalan one only in the Catalan text), in either order of the variants."""
    policy = govsocial.load_policy(
        {
            "version": 1,
            "terms": {
                "banned": [{"lang": "ca", "find": "xulo"}],
                "preferred": [{"lang": "es", "find": "los ciudadanos", "use": "la ciudadanía"}],
            },
        }
    )
    ca, es = "Un concert molt Xulo per als veïns.", "Un concierto para LOS ciudadanos."
    for text in ({"ca": ca, "es": es}, {"es": es, "ca": ca}):
        report = govsocial.check({"networks": ["x"], "text": text}, policy, select=["GS25"])
        assert [(f.code, f.path) for f in report.findings] == [
            ("GS251", "/text/ca"),
            ("GS252", "/text/es"),
        ]
    # the same texts in the other slots: nothing applies there
    swapped = {"networks": ["x"], "text": {"ca": es, "es": ca}}
    assert govsocial.check(swapped, policy, select=["GS25"]).findings == ()


@given(
    st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\u2028\u2029a📅", max_size=12) | st.text(max_size=12)
)
def test_line_starts_are_the_ends_of_line_start_matches(text: str) -> None:
    """GS242's line starts (after spaces and tabs) without the regular expression: the
    ends of _LINE_START's matches, whose ``^`` follows a line feed and nothing else."""
    from govsocial.rules.style import _LINE_START, _line_starts

    assert _line_starts(text) == {m.end() for m in _LINE_START.finditer(text)}
