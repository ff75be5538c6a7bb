"""benchmarks/language_cv.py, the slot check's evaluation protocol, run on a small slice
written here (the dev set is not in the repository) so that it cannot rot."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# (lang, source, sentence): two Spanish sources, so that leaving one out leaves the other.
SLICE = [
    ("es", "A", "El ayuntamiento abrirá el lunes la nueva biblioteca del barrio."),
    ("es", "A", "Las obras de la plaza terminarán antes del verano, según el alcalde."),
    ("es", "B", "Recordad que mañana es festivo y la oficina estará cerrada todo el día."),
    ("es", "B", "Estas ventas suponen un éxito para los comercios del centro de la ciudad."),
    ("ca", "C", "L'Ajuntament obrirà dilluns la nova biblioteca del barri amb sala d'estudi."),
    ("eu", "D", "Udalak astelehenean irekiko du auzoko liburutegi berria guztientzat."),
    ("gl", "E", "O concello abrirá o luns a nova biblioteca do barrio cunha sala de estudo."),
    ("gl", "E", "As obras da praza rematarán antes do verán, segundo a alcaldesa."),
    ("oc", "F", "Eth Conselh Generau obrirà deluns era naua bibliotèca deth barri."),
    ("oc", "F", "Es òbres dera plaça acabaràn abans der estiu, segon eth sindic."),
]


def _load_protocol() -> object:
    spec = importlib.util.spec_from_file_location(
        "language_cv", ROOT / "benchmarks" / "language_cv.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_protocol_prints_every_fold_and_both_schemes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govsocial.language import evidence, lexicons, verdicts

    data = tmp_path / "slice.jsonl"
    with data.open("w", encoding="utf-8") as f:
        for i, (lang, source, text) in enumerate(SLICE):
            for bucket, cut in (("sentence", text), ("w5-10", " ".join(text.split()[:7]))):
                record = {"lang": lang, "text": cut, "source": source, "bucket": bucket}
                f.write(json.dumps({**record, "id": f"t-{i}"}) + "\n")
    protocol = _load_protocol()
    before = (evidence._unlike_words, evidence._markers, evidence._unlike)
    name_bar = verdicts.NAME_CONFIDENCE
    rule_out = lexicons.RULE_OUT_WORDS
    monkeypatch.setattr(sys, "argv", ["language_cv.py", "--data", str(data), "--folds", "2"])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert protocol.main() == 0  # type: ignore[attr-defined]
    text = out.getvalue()
    assert "sentence fold 0" in text and "sentence fold 1" in text
    # One fold per source: the two Spanish ones and one for each other language.
    assert sum(line.startswith("  source ") for line in text.splitlines()) == 6
    assert "CROSS-VALIDATED by sentence   by source" in text and "in-sample" in text
    table = [line.split() for line in text.splitlines() if line[:3] in ("gl ", "oc ")]
    assert len(table) == 4  # sentences and 5-10 words for each
    # The slice is easy: every Spanish sentence is caught in the Galician slot, held out.
    gl_sentences = next(row for row in table if row[:2] == ["gl", "sentence"])
    assert gl_sentences[2:5] == ["0.0", "/", "0.0"]
    # The benchmark leaves the evidence and the name bar as it found them.
    assert (evidence._unlike_words, evidence._markers, evidence._unlike) == before
    assert name_bar == verdicts.NAME_CONFIDENCE
    assert rule_out == lexicons.RULE_OUT_WORDS
    # The rule-out and the function words are choices the protocol makes and prints.
    assert "rule-out at 2 words" in text and "function words on" in text
    # So are the Spanish words written without their accents (round 29).
    assert "unaccented words on" in text or "unaccented words off" in text
    assert "unaccented on" in text and "unaccented off" in text


def test_the_protocol_scores_each_variant_with_its_own_evidence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A variant's word lists and weight reach the marker bonus: the protocol forgets
    the bonus plan cached for a candidate set (from 0fd482f every variant was scored
    with the first one's lists)."""
    from govsocial.language import evidence

    protocol = _load_protocol()
    cands = ("ca", "es", "gl")
    tokens = ["la", "fiesta", "del", "pueblo"]
    shipped = evidence._marker_bonus(tokens, cands)
    lists, _ = evidence._unlike_words()
    monkeypatch.setattr(evidence, "_unlike_words", lambda: (lists, 0.0))
    protocol._clear_caches()  # type: ignore[attr-defined]
    without = evidence._marker_bonus(tokens, cands)
    assert without.get("gl", 0.0) > shipped.get("gl", 0.0)  # "la" no longer counted
    monkeypatch.undo()
    protocol._clear_caches()  # type: ignore[attr-defined]
    assert evidence._marker_bonus(tokens, cands) == shipped
