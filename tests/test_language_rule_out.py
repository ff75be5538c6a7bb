"""Issue 15, the Aranese and Galician slots: a Catalan reading of an Aranese text ruled
out by words no Catalan list holds (language/lexicons.py), and Spanish function words
counted against Galician (markers.yaml, "lacks")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsocial.language import check_slot, clean_text, lexicons, verdicts
from govsocial.language._clean import words
from govsocial.language.lexicons import _known, _section, ruled_out

# Aranese that the letter model reads as Catalan: every word a Catalan reader knows but
# two or more (escometec: Catalan escometé; idia: idea).
ARANESE_READ_AS_CATALAN = [
    "De pic l’escometec era idia d’insultar",
    "#8M De pic l’escometec era idia d’insultar @premsa https://t.co/AAbb11",
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
def test_the_rule_out_only_turns_mismatches_into_ok(tokens: list[str], slot: str) -> None:
    """With or without the rule-out, the same verdict, except a mismatch of five words or
    more that becomes "ok": a text read as its own language, or too short, is never flagged by it, and a
    mismatch it does not clear keeps the language and confidence the model gave."""
    text = " ".join(tokens)
    with_it = check_slot(text, slot)
    shipped = lexicons.RULE_OUT_WORDS
    try:
        lexicons.RULE_OUT_WORDS = 10**9
        without = check_slot(text, slot)
    finally:
        lexicons.RULE_OUT_WORDS = shipped
    if with_it != without:
        assert without.status == "mismatch" and with_it.status == "ok"
        assert with_it.guess.lang == slot and with_it.guess.words >= 5


def test_a_mismatch_the_rule_out_does_not_clear_stays_as_the_model_said() -> None:
    """Aranese in the English slot: Catalan is ruled out, but the text does not read as
    English among the rest, so the sure Catalan mismatch stays an error."""
    text = "De pic l’escometec era idia d’insultar e se n’anèc"
    tokens = words(clean_text(text))
    assert ruled_out("en", "ca", clean_text(text), tokens, ("ca", "en", "es", "gl"))
    v = check_slot(text, "en", ["es", "ca", "gl"])
    assert v.status == "mismatch" and v.reason == ""
    assert v.guess.lang == "ca" and v.guess.confidence >= verdicts.CERTAIN_CONFIDENCE


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
