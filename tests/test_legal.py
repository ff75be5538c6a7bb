"""Personal data and electoral-period guards."""

from __future__ import annotations

import pytest

import govsocial

from .conftest import EXAMPLES

POLICY = govsocial.load_policy(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")


def codes(text: str, **extra: object) -> list[str]:
    post = {"networks": ["facebook"], "text": {"es": text}, **extra}
    return [f.code for f in govsocial.check(post, POLICY, select=["GS4"]).findings]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("DNI 12345678Z", True),
        ("DNI 12345678A", False),  # wrong check letter: not a DNI
        ("NIE X1234567L", True),
        ("NIE X1234567A", False),
        ("dni 12.345.678-z", False),  # dotted form is not matched (digits split)
        ("expediente 2026/12345678", False),
    ],
)
def test_dni_nie_need_a_valid_check_letter(text: str, flagged: bool) -> None:
    assert ("GS401" in codes(text)) is flagged


def test_iban_and_mobile() -> None:
    assert "GS402" in codes("Cuenta ES91 2100 0418 4502 0005 1332")
    assert "GS402" not in codes("Cuenta ES91 2100 0418 4502 0005 1333")  # bad check digits
    assert "GS403" in codes("Llama al +34 612 345 678")
    assert "GS403" not in codes("Llama al 010 o al 93 123 45 67")


def test_electoral_period_uses_local_dates() -> None:
    text = "Inauguramos la nueva piscina municipal."
    # 23 May 2027 23:30 in Madrid is polling day: inside; 24 May 00:30 local is outside.
    assert "GS410" in codes(text, scheduled_at="2027-05-23T21:30:00+00:00")
    assert "GS410" not in codes(text, scheduled_at="2027-05-23T22:30:00+00:00")
    assert "GS410" not in codes(text, scheduled_at="2027-05-10T10:00:00+02:00", kind="emergency")
    assert codes(text) == ["GS412"]


def test_policy_phrases_extend_the_shipped_ones() -> None:
    found = codes(
        "Estrenamos el nuevo parque.", scheduled_at="2027-05-10T10:00:00+02:00", kind="news"
    )
    assert "GS410" in found and "GS411" in found


def test_bad_electoral_policy() -> None:
    with pytest.raises(govsocial.PolicyError, match="/electoral/periods/0/to"):
        govsocial.load_policy(
            {"version": 1, "electoral": {"periods": [{"from": "2027-05-23", "to": "2027-03-30"}]}}
        )
    with pytest.raises(govsocial.PolicyError, match="/electoral/timezone"):
        govsocial.load_policy({"version": 1, "electoral": {"timezone": "Europe/Vilanova"}})
    with pytest.raises(govsocial.PolicyError, match="/electoral/periods/0"):
        govsocial.load_policy(
            {"version": 1, "electoral": {"periods": [{"from": "2027-02-30", "to": "2027-03-30"}]}}
        )
