"""The public API: one sorted __all__, light import, picklable values."""

from __future__ import annotations

import pickle

import pytest

import govsocial


def test_all_is_sorted_and_complete() -> None:
    assert list(govsocial.__all__) == sorted(govsocial.__all__)
    for name in govsocial.__all__:
        assert hasattr(govsocial, name), name


def test_report_and_findings_pickle() -> None:
    report = govsocial.check({"networks": ["x"], "text": {"ca": ""}})
    again = pickle.loads(pickle.dumps(report))
    assert again == report and again.findings[0].code == "GS101"


def test_raise_for_findings_is_opt_in() -> None:
    report = govsocial.check({"networks": ["x"], "text": {"ca": ""}})
    assert not report.ok
    with pytest.raises(govsocial.FindingsError, match="GS101"):
        report.raise_for_findings()

    # A warning-only report passes the default (error) threshold and fails a lower one.
    warned = govsocial.check(
        {"networks": ["x"], "text": {"ca": "Festa! 🎉🎊🎈🥳"}}, {"version": 1, "emoji": {"max": 1}}
    )
    assert warned.ok and {f.severity for f in warned.findings} == {govsocial.Severity.WARNING}
    warned.raise_for_findings()
    with pytest.raises(govsocial.FindingsError, match="GS240"):
        warned.raise_for_findings(govsocial.Severity.WARNING)


def test_language_entry_points_are_top_level() -> None:
    # The issue names govsocial.detect_language(text, candidates=None) -> LanguageGuess.
    guess = govsocial.detect_language(
        "Xa comezaron as obras do paseo marítimo da praia de Riazor", ["es", "gl"]
    )
    assert isinstance(guess, govsocial.LanguageGuess)
    assert (guess.lang, guess.judgeable) == ("gl", True)
    short = govsocial.detect_language("Bon dia")
    assert not short.judgeable
    verdict = govsocial.check_slot("El lunes abre la nueva biblioteca del barrio del Carme", "ca")
    assert isinstance(verdict, govsocial.SlotVerdict) and verdict.status == "mismatch"
