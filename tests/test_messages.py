"""Finding and CLI messages read as English: articles, plurals, listed characters, and
one finding per fact."""

from __future__ import annotations

import pytest

import govsocial
from govsocial.cli import main

BILINGUAL = {"version": 1, "languages": {"required": ["ca", "es"]}}


def test_a_missing_language_reads_as_a_text_in_it() -> None:
    report = govsocial.check({"networks": ["x"], "text": {"ca": "Obrim la biblioteca."}}, BILINGUAL)
    assert [(f.code, f.message) for f in report.findings if f.code.startswith("GS1")] == [
        ("GS102", "the policy requires a text in 'es' and the post has none")
    ]


@pytest.mark.parametrize("blank", ["", "  ", "\n"])
def test_a_blank_variant_is_one_finding_not_two(blank: str) -> None:
    """An empty `es` is GS101 (empty-text); the post does have an `es` key, so GS102
    (missing-language, "the post has none") does not also report it."""
    post = {"networks": ["x"], "text": {"ca": "Obrim la biblioteca.", "es": blank}}
    report = govsocial.check(post, BILINGUAL, select=["GS1"])
    assert [(f.code, f.path) for f in report.findings] == [("GS101", "/text/es")]


def test_a_blank_regional_variant_counts_as_given_for_its_base_language() -> None:
    post = {"networks": ["x"], "text": {"ca-ES-valencia": " ", "es": "Abrimos la biblioteca."}}
    report = govsocial.check(post, BILINGUAL, select=["GS1"])
    assert [f.code for f in report.findings] == ["GS101"]


def test_linkedin_reserved_characters_are_quoted() -> None:
    report = govsocial.check(
        {"networks": ["linkedin"], "text": {"es": "Horario (de 9 a 14 h) *nuevo*"}},
        select=["GS205"],
    )
    (f,) = report.findings
    assert f.message == (
        "the text contains LinkedIn reserved characters '(', ')', '*'; they must be "
        "backslash-escaped when published"
    )


def test_one_word_is_singular(capsys: pytest.CaptureFixture[str]) -> None:
    assert govsocial.check_slot("Hola", "ca").reason == "1 word: too short to judge"
    assert govsocial.check_slot("Hola amics", "ca").reason == "2 words: too short to judge"
    main(["language", "Hola", "--candidates", "es,ca"])
    out = capsys.readouterr().out
    assert " 1 word (too-short)" in out and "1 words" not in out
