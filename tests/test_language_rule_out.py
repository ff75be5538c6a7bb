"""Issue 15, the Aranese and Galician slots: a Catalan reading of an Aranese text ruled
out by words no Catalan list holds (language/lexicons.py), and Spanish function words
counted against Galician (markers.yaml, "lacks")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsocial.language import check_slot, lexicons
from govsocial.language.lexicons import _known, _section, ruled_out

# Aranese that the letter model reads as Catalan: every word a Catalan reader knows but
# two or more (escometec: Catalan escometé; idia: idea; boni: bons; trèt: tret).
ARANESE_READ_AS_CATALAN = [
    "De pic l’escometec era idia d’insultar",
    "De boni talents l’auria trèt",
]
# Catalan pasted in the Aranese slot, rarer words and Valencian forms included
# (fatxada, huitanta, contribuïx: outside the 50,000 most frequent words).
CATALAN = [
    "L'Ajuntament obrirà dilluns la nova biblioteca del barri",
    "Demà la biblioteca municipal romandrà tancada per vacances",
    "Els veïns poden presentar al·legacions fins al divendres",
    "La regidoria ha ajornat la reunió per manca de quòrum",
    "La fatxada de l'edifici contribuïx a les huitanta places del barri",
]


@pytest.mark.parametrize("text", ARANESE_READ_AS_CATALAN)
def test_aranese_with_words_catalan_lacks_is_not_called_catalan(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    v = check_slot(text, "oc")
    assert v.status == "ok", v
    assert v.guess.lang == "oc"
    assert v.reason.endswith("are not 'ca'")
    monkeypatch.setattr(lexicons, "RULE_OUT_WORDS", 10**9)
    assert check_slot(text, "oc").status == "mismatch"  # what it was before


def test_the_reason_names_the_words() -> None:
    v = check_slot("De pic l’escometec era idia d’insultar", "oc")
    assert v.reason == "escometec, idia are not 'ca'"


@pytest.mark.parametrize("text", CATALAN)
def test_catalan_in_the_aranese_slot_stays_a_mismatch(text: str) -> None:
    v = check_slot(text, "oc")
    assert v.status == "mismatch", v
    assert v.guess.lang == "ca"


def test_spanish_words_outside_catalan_lists_do_not_rule_catalan_out() -> None:
    """A word Catalan lacks that is Spanish is evidence for Spanish, not for the slot."""
    tokens = ["la", "fiesta", "mayor", "del", "barrio"]
    assert ruled_out("oc", "ca", " ".join(tokens), tokens, ("ca", "es", "oc")) is None
    assert ruled_out("oc", "ca", " ".join(tokens), tokens, ("ca", "oc")) == [
        "fiesta",
        "mayor",
        "barrio",
    ]


def test_one_word_outside_is_not_enough_and_names_are_no_evidence() -> None:
    cands = ("ca", "es", "oc")
    one = ["la", "idia", "de", "la", "festa"]
    assert ruled_out("oc", "ca", " ".join(one), one, cands) is None
    named = "la Idia de la Escometec"
    assert ruled_out("oc", "ca", named, named.lower().split(), cands) is None


def test_slots_with_a_lexicon_and_languages_without_a_broad_one_are_not_ruled_out() -> None:
    tokens = ["escometec", "idia", "aué", "dempús"]
    text = " ".join(tokens)
    assert ruled_out("ca", "es", text, tokens, ("ca", "es")) is None  # the veto's job
    assert ruled_out("oc", "es", text, tokens, ("ca", "es", "oc")) is None  # no broad es
    assert ruled_out("gl", "ca", text, tokens, ("ca", "es", "gl")) == tokens


def test_the_broad_catalan_list_holds_the_rare_words_of_genuine_text() -> None:
    known = _known("ca")
    assert known is not None
    assert {"fatxada", "huitanta", "contribuïx", "festa", "l", "d"} <= known
    assert {"escometec", "idia", "aué", "dempús", "mañana"}.isdisjoint(known)
    words = _section("words ca")
    assert words is not None and words < known


# Words to build texts from: Catalan, Aranese, Spanish, and strings no list holds.
VOCABULARY = [
    *["la", "el", "de", "que", "i", "a", "per", "amb", "festa", "major", "biblioteca", "dilluns"],
    *[
        "era",
        "eth",
        "dera",
        "deth",
        "ua",
        "aué",
        "idia",
        "escometec",
        "dempús",
        "trèt",
        "boni",
        "hèsta",
    ],
    *["y", "fiesta", "mañana", "calle"],
    "xkcdq",
    "zzyzx",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12),
    st.sampled_from(["oc", "gl", "eu"]),
)
def test_the_rule_out_never_flags_what_was_not_flagged(tokens: list[str], slot: str) -> None:
    """With the rule-out a text is a mismatch only if it was one without it, and a
    too-short or undetermined text stays what it was."""
    text = " ".join(tokens)
    with_it = check_slot(text, slot)
    shipped = lexicons.RULE_OUT_WORDS
    try:
        lexicons.RULE_OUT_WORDS = 10**9
        without = check_slot(text, slot)
    finally:
        lexicons.RULE_OUT_WORDS = shipped
    if with_it.status == "mismatch":
        assert without.status == "mismatch"
    if without.status != "mismatch":
        assert with_it == without


@pytest.mark.parametrize(
    "text",
    [
        "La combinación de datos de",
        "Y la gente del barrio lo sabe",
        "Hoy ya no hay clases en la escuela",
    ],
)
def test_spanish_function_words_count_against_galician(text: str) -> None:
    v = check_slot(text, "gl")
    assert v.status == "mismatch", v
    assert v.guess.lang == "es"


@pytest.mark.parametrize(
    "text",
    [
        # The second form of the article after a hyphen (older spelling) is Galician.
        "Agora vai cruza-lo Uruguai.",
        "Agora quérese pórlle-las cousas máis difíciles ás forzas militares",
        "Xa comezaron as obras do paseo marítimo da praia",
        "O concello abrirá o luns a nova biblioteca do barrio",
    ],
)
def test_galician_with_or_without_a_hyphened_article_stays_ok(text: str) -> None:
    assert check_slot(text, "gl").status == "ok"
