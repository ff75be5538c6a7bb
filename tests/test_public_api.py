"""The public API: one sorted __all__, light import, picklable values."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

import govsocial

from .conftest import ROOT


def test_all_is_sorted_and_complete() -> None:
    assert list(govsocial.__all__) == sorted(govsocial.__all__)
    for name in govsocial.__all__:
        assert hasattr(govsocial, name), name


def test_import_is_light() -> None:
    code = (
        "import sys, govsocial\n"
        "heavy = {'PIL', 'httpx', 'langdetect', 'py3langid', 'numpy', 'holidays', 'jsonschema'}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(','.join(loaded))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == ""


def test_report_and_findings_pickle() -> None:
    report = govsocial.check({"networks": ["x"], "text": {"ca": ""}})
    again = pickle.loads(pickle.dumps(report))
    assert again == report and again.findings[0].code == "GS101"


def test_raise_for_findings_is_opt_in() -> None:
    report = govsocial.check({"networks": ["x"], "text": {"ca": ""}})
    assert not report.ok
    with pytest.raises(govsocial.FindingsError, match="GS101"):
        report.raise_for_findings()
    report.raise_for_findings(govsocial.Severity.ERROR) if report.ok else None


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
