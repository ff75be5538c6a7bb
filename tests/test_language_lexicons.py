"""The lexicon veto: a short text in its slot's language is not called another language
when no word of it is evidence for that language (language/lexicons.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govsocial
from govsocial.cli import main
from govsocial.language import check_slot, verdicts
from govsocial.language.lexicons import _section, veto

from .conftest import EXAMPLES

# Alt texts and captions a Catalan council writes, which read as Spanish to the letter
# model (confidence 0.58-0.76) before the veto: every word is Catalan, festa, major,
# marató and fira are not Spanish, and Sant Jordi, Santa Llúcia are names.
CATALAN_SHORT = [
    "Foto de la festa major",
    "Vídeo de la festa major",
    "Foto de la festa de Sant Jordi",
    "Foto de la marató de Sant Joan",
    "Foto de la fira de Santa Llúcia",
    "Foto de la cavalcada de Reis",
    # The festival's name is all there is to read: the rest is shared.
    "Foto de la Festa Major",
    "Vídeo de la Festa Major",
]
# Spanish in the Catalan slot: each has a word that is not Catalan, and stays flagged.
SPANISH_IN_CATALAN_SLOT = [
    "Recordad que mañana es festivo y la OAC estará cerrada.",
    "El lunes abre la nueva biblioteca del barrio",
    "Foto de la fiesta mayor",
    "Vídeo de la fiesta mayor del barrio",
    "Cartel del concierto de San Juan",
    "Gracias por la información",
    "Foto de la Plaza Mayor",
]


@pytest.mark.parametrize("text", CATALAN_SHORT)
@pytest.mark.parametrize("slot", ["ca", "ca-ES-valencia"])
def test_catalan_short_texts_are_ok_in_the_catalan_slot(text: str, slot: str) -> None:
    v = check_slot(text, slot)
    assert v.status == "ok", v
    assert v.guess.lang == "ca"
    assert "every word is 'ca'" in v.reason and "not 'es'" in v.reason


def test_the_reason_names_the_words_spanish_lacks() -> None:
    v = check_slot("Foto de la festa major", "ca")
    assert v.reason == "every word is 'ca' (names aside) and festa, major are not 'es'"


@pytest.mark.parametrize("text", SPANISH_IN_CATALAN_SLOT)
def test_spanish_in_the_catalan_slot_stays_a_mismatch(text: str) -> None:
    v = check_slot(text, "ca")
    assert v.status == "mismatch", v
    assert v.guess.lang == "es"


def test_a_sure_mismatch_stays_an_error() -> None:
    v = check_slot("Recordad que mañana es festivo y la OAC estará cerrada.", "ca")
    assert v.status == "mismatch"
    assert v.guess.confidence >= verdicts.CERTAIN_CONFIDENCE


def _language_findings(post: dict[str, object], policy_file: str) -> list[str]:
    policy = govsocial.load_policy(EXAMPLES / "policies" / policy_file)
    report = govsocial.check(post, policy)
    return sorted(f.code for f in report.findings if f.code.startswith("GS30"))


@pytest.mark.parametrize("text", CATALAN_SHORT)
def test_check_gives_no_language_finding_on_catalan_alt_texts(text: str) -> None:
    post = {
        "networks": ["mastodon"],
        "text": {"ca": "L'Ajuntament obre dilluns la nova biblioteca del barri."},
        "media": [
            {
                "path": str(EXAMPLES / "media" / "photo-1200x675.jpg"),
                "kind": "image",
                "alt": {"ca": text},
            }
        ],
    }
    assert _language_findings(post, "ajuntament-ca-es.yaml") == []


def test_check_still_flags_a_spanish_alt_text_in_the_catalan_slot() -> None:
    post = {
        "networks": ["mastodon"],
        "text": {"ca": "L'Ajuntament obre dilluns la nova biblioteca del barri."},
        "media": [
            {
                "path": str(EXAMPLES / "media" / "photo-1200x675.jpg"),
                "kind": "image",
                "alt": {"ca": "Foto de la fiesta mayor"},
            }
        ],
    }
    assert _language_findings(post, "ajuntament-ca-es.yaml") == ["GS304"]


def test_the_cli_says_ok_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["language", "Foto de la festa major", "--slot", "ca", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["status"] == "ok" and out["lang"] == "ca"
    assert "festa, major" in out["reason"]


def test_the_veto_is_asked_only_on_the_mismatch_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text read as its own language never reaches the veto: it costs nothing there."""

    def refuse(*args: object) -> str | None:
        raise AssertionError("the veto was asked on a text that is no mismatch")

    monkeypatch.setattr(verdicts, "veto", refuse)
    for text, slot in [
        ("L'Ajuntament obre dilluns la nova biblioteca del barri.", "ca"),
        ("El ayuntamiento abre el lunes la nueva biblioteca del barrio.", "es"),
        ("Xa comezaron as obras do paseo marítimo da praia", "gl"),
        ("Bon dia", "ca"),
    ]:
        assert check_slot(text, slot).status != "mismatch"


def test_no_lexicon_no_veto() -> None:
    """Slots and languages the lexicons do not cover keep the model's verdict."""
    assert (
        veto(
            "eu",
            "es",
            "Foto de la festa major",
            ["foto", "de", "la", "festa", "major"],
            ("ca", "es", "eu"),
        )
        is None
    )
    assert (
        veto(
            "ca",
            "oc",
            "Foto de la festa major",
            ["foto", "de", "la", "festa", "major"],
            ("ca", "es", "oc"),
        )
        is None
    )


def _words(section: str) -> frozenset[str]:
    words = _section(section)
    assert words is not None, section
    return words


CA = sorted(_words("words ca"))
CA_SHARED = sorted(_words("words ca") - _words("lacking ca es"))
CA_NOT_ES = sorted(_words("lacking ca es"))
NOT_CA = ["y", "mañana", "fiesta", "mayor", "ciudad", "gracias", "xkcdq"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(CA_SHARED), min_size=1, max_size=8))
def test_words_both_languages_have_never_veto(tokens: list[str]) -> None:
    """No word Spanish lacks: nothing speaks against Spanish, the model decides."""
    assert veto("ca", "es", " ".join(tokens), tokens, ("ca", "es")) is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(CA), min_size=0, max_size=6),
    st.sampled_from(NOT_CA),
    st.lists(st.sampled_from(CA_NOT_ES), min_size=1, max_size=3),
)
def test_one_word_that_is_not_catalan_stops_the_veto(
    before: list[str], foreign: str, catalan: list[str]
) -> None:
    """However many Catalan words Spanish lacks, a word Catalan lacks keeps the verdict."""
    tokens = [*before, foreign, *catalan]
    assert veto("ca", "es", " ".join(tokens), tokens, ("ca", "es")) is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(CA_SHARED), min_size=0, max_size=6),
    st.lists(st.sampled_from(CA_NOT_ES), min_size=1, max_size=3),
)
def test_catalan_words_with_one_spanish_lacks_veto(shared: list[str], catalan: list[str]) -> None:
    """Every word Catalan, one at least not Spanish: the text is not called Spanish."""
    tokens = [*shared, *catalan]
    why = veto("ca", "es", " ".join(tokens), tokens, ("ca", "es"))
    assert why is not None and why.startswith("every word is 'ca'")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(CA_SHARED), min_size=1, max_size=6),
    # Not function words: a function word capitalised is not a name (markers.yaml).
    st.sampled_from(["fiesta", "mayor", "concierto", "plaza", "xkcdq"]),
    st.sampled_from(CA_NOT_ES),
)
def test_a_name_never_stops_the_veto_and_counts_only_as_a_word_of_the_slot(
    shared: list[str], foreign: str, catalan: str
) -> None:
    """Names (capitalised inside the text) are no evidence against the slot's language:
    a name Catalan lacks neither stops the veto nor makes it; a name that is a Catalan
    word Spanish lacks counts for Catalan."""
    foreign_name = ["Foto", *shared, foreign.capitalize()]
    text = " ".join(foreign_name)
    assert veto("ca", "es", text, [t.lower() for t in foreign_name], ("ca", "es")) is None
    with_catalan = [*foreign_name, catalan]
    text = " ".join(with_catalan)
    assert veto("ca", "es", text, [t.lower() for t in with_catalan], ("ca", "es")) is not None
    catalan_name = ["Foto", *shared, catalan.capitalize()]
    text = " ".join(catalan_name)
    assert veto("ca", "es", text, [t.lower() for t in catalan_name], ("ca", "es")) is not None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(CA_SHARED + CA_NOT_ES[:500] + NOT_CA), min_size=1, max_size=9))
def test_the_veto_only_turns_mismatches_into_ok(
    tokens: list[str],
) -> None:
    """With or without the veto, the same verdict, except a mismatch that becomes "ok"."""
    text = " ".join(tokens)
    with_veto = check_slot(text, "ca")
    shipped = verdicts.veto
    try:
        verdicts.veto = lambda *args: None  # type: ignore[assignment]
        without = check_slot(text, "ca")
    finally:
        verdicts.veto = shipped  # type: ignore[assignment]
    if with_veto != without:
        assert without.status == "mismatch" and with_veto.status in ("ok", "undetermined")


def test_the_lexicons_hold_what_the_veto_needs() -> None:
    """Each list of words a language lacks is part of the slot language's words, and the
    words that decided the alt texts are where they should be."""
    for section in ("lacking ca es", "lacking es ca", "lacking es gl"):
        assert _words(section) <= _words("words " + section.split()[1])
    assert {"festa", "major", "l", "d"} <= _words("words ca")
    assert {"festa", "major"} <= _words("lacking ca es")
    assert {"foto", "de", "la", "vídeo"}.isdisjoint(_words("lacking ca es"))
    assert {"y", "mañana", "fiesta", "mayor"}.isdisjoint(_words("words ca"))
    assert _section("words eu") is None and _section("lacking ca oc") is None


def test_the_lexicons_say_where_they_come_from() -> None:
    text = (Path(govsocial.__file__).parent / "data" / "languages" / "lexicons.txt").read_text(
        "utf-8"
    )
    header = text[: text.index("@words")]
    for needed in ("wordfreq 3.1.1", "CC BY-SA 4.0", "simplemma 2.0.0", "hunspell-ca", "MPL"):
        assert needed in header
