"""Personal data and electoral-period guards."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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


# -- GS403: mobile numbers, read with the phonenumbers metadata ---------------------------


def phones(text: str, lang: str = "es") -> list[tuple[str, tuple[int, int] | None]]:
    post = {"networks": ["x"], "text": {lang: text}}
    report = govsocial.check(post, select=["GS403"])
    return [(f.message, f.span) for f in report.findings]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Más información: 612 345 678", [("a mobile phone number", (17, 28))]),
        ("Llama al +34 612 345 678", [("a mobile phone number", (9, 24))]),
        ("Truca al 0034 612345678", [("a mobile phone number", (9, 23))]),
        ("Bizum al 612 34 56 78", [("a mobile phone number", (9, 21))]),
        (
            "Tel. 612-345-678 o 612.345.678",
            [("a mobile phone number", (5, 16))] * 1 + [("a mobile phone number", (19, 30))],
        ),
        ("Telefonoa: 688 123 456", [("a mobile phone number", (11, 22))]),
        ("Contacte: 712 345 678", [("a mobile phone number", (10, 21))]),  # 71x-74x: mobile
        # A French mobile is a French one, span and all (it was a Spanish 6 12 34 56 78).
        ("Info: +33 6 12 34 56 78", [("a mobile phone number (+33)", (6, 23))]),
        ("Call +44 7911 123456", [("a mobile phone number (+44)", (5, 20))]),
        ("Truqueu al +34612345678.", [("a mobile phone number", (11, 23))]),
        ("Llamad al (+34) 612 345 678", [("a mobile phone number", (10, 27))]),
        ("Ring 0044 7911 123456", [("a mobile phone number (+44)", (5, 21))]),
        # A landline then a mobile: never "67 612 345 6" across the two.
        ("Tel. 93 123 45 67 612 345 678", [("a mobile phone number", (18, 29))]),
        (
            "Tlf: 612345678/612345679",
            [("a mobile phone number", (5, 14))] * 1 + [("a mobile phone number", (15, 24))],
        ),
    ],
)
def test_mobile_numbers_are_found_with_their_country(
    text: str, found: list[tuple[str, tuple[int, int]]]
) -> None:
    assert phones(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Llamad al 010 o al 93 123 45 67",  # a service line and a Barcelona landline
        "Chamade ao 981 123 456",  # A Coruña landline
        "Contacte: 702 345 678",  # 70x: personal numbering, not a mobile range
        "Contacte: 752 345 678",  # 75x: not assigned
        "Contacte: 772 345 678",
        "Call +1 415 555 2671",  # US: fixed line or mobile, cannot tell
    ],
)
def test_landlines_service_lines_and_unassigned_ranges_are_not_mobiles(text: str) -> None:
    assert phones(text) == []


# Ordinary announcements: dates, times, prices, postcodes, expedient numbers, years,
# counts, in the languages councils publish in. None holds a mobile number.
ORDINARY = {
    "es": [
        "El pleno del 12/06/2026 a las 19:30 h aprobó el presupuesto de 612.345.678 €.",
        "Inversión de 712.345.678 euros en 2026-2027 para 6 a 12 barrios.",
        "Expediente 2026/612345678: licitación de obras en la calle Mayor, 28001 Madrid.",
        "Abierto de 9:00 a 14:00 y de 16:30 a 20:00; entrada 6,50 €, menores de 12 años gratis.",
        "Del 6 al 12 de julio de 2026, 678 plazas; +18 años. Inscripciones hasta el 30/06.",
        "Ref. 7.123.456.789 · matrícula 6123 ABC · CP 46001 · BOE núm. 312, de 27/12/2025.",
        "Población a 1/1/2026: 61.234 habitantes; 7.890 más que en 2016.",
    ],
    "ca": [
        "Ple del 12-06-2026 a les 19.30 h: pressupost de 61.234.567,89 € per al 2027.",
        "Exp. 2026/712345678 · Codi postal 08800 · Obert de 8 a 21 h, dissabtes de 9 a 14 h.",
        "Entre el 6 i el 12 de juny, 612 places per a majors de +65 anys; preu 7,00 EUR.",
        "Any 1714, any 2014, any 2026: 312 anys de memòria. Sessió 6/2026, punt 12.",
    ],
    "eu": [
        "2026ko ekainaren 12an, 19:30ean, udalbatzak 612.345.678 euroko aurrekontua onartu du.",
        "Espedientea 2026/612345678 · Posta kodea 20001 · 6 eta 12 urte bitarteko haurrak.",
        "Ordutegia: 9:00-14:00; sarrera 6,50 €; 2026-2027 ikasturtea.",
    ],
    "gl": [
        "O pleno do 12/06/2026 ás 19:30 h aprobou un orzamento de 612.345.678 €.",
        "Expediente 2026/712345678 · Código postal 15001 · do 6 ao 12 de xullo, 678 prazas.",
        "Horario: de 9:00 a 14:00; entrada 6,50 euros; +18 anos; ano 2026.",
    ],
}


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, t) for lang, texts in ORDINARY.items() for t in texts]
)
def test_ordinary_announcements_hold_no_mobile(lang: str, text: str) -> None:
    assert phones(text, lang) == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="6789", min_size=1, max_size=1),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(["", " ", ".", "-"]),
    st.sampled_from(["", "+34 ", "0034 ", "+34"]),
    st.sampled_from(ORDINARY["ca"] + ORDINARY["gl"]),
)
def test_a_spanish_mobile_is_found_whole_among_ordinary_words(
    first: str, rest: str, sep: str, prefix: str, around: str
) -> None:
    """Wherever a Spanish mobile (by the metadata) sits in an ordinary announcement, in
    any usual grouping, it is found with exactly its span."""
    import phonenumbers

    digits = first + rest
    parsed = phonenumbers.parse(digits, "ES")
    assume(phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE)
    number = prefix + sep.join([digits[:3], digits[3:6], digits[6:]])
    words = "".join(c if not c.isdigit() else "x" for c in around)  # no digits of its own
    text = f"{words} Telèfon: {number}. {words}"
    start = text.index(number)
    assert phones(text, "ca") == [("a mobile phone number", (start, start + len(number)))]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .-+()/€ ,abc\n")), max_size=60))
def test_gs403_never_crashes_and_spans_stay_in_the_text(text: str) -> None:
    for _, span in phones(text):
        assert span is not None and 0 <= span[0] < span[1] <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0016789 .-+()/a\n")), max_size=40))
def test_the_phone_prefilter_is_the_one_pattern_it_splits(text: str) -> None:
    """GS403's prefilter, three patterns tried one after another for speed, accepts
    exactly the texts its single-alternation form accepts."""
    import re

    from govsocial.rules.legal import _phone_candidate

    one = re.compile(r"[67](?:\D{0,3}\d){8}|\+[ (]?[1-9]|(?<!\d)00[1-9]")
    assert _phone_candidate(text) == bool(one.search(text))


def test_every_decimal_digit_beyond_ascii_is_in_the_digit_prefilter_class() -> None:
    """GS401's quick test skips the slow \\d scan on texts without a character of
    _MAY_BE_DIGIT: that is right only if every non-ASCII decimal digit is one."""
    import sys

    from govsocial.rules.legal import _MAY_BE_DIGIT

    missing = [
        hex(c)
        for c in range(0x80, sys.maxunicode + 1)
        if chr(c).isdecimal() and not _MAY_BE_DIGIT.match(chr(c))
    ]
    assert missing == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 a.é€📚\ufe0f٣۴߁१")), max_size=30))
def test_the_seven_digit_prefilter_finds_what_its_pattern_finds(text: str) -> None:
    import re

    from govsocial.rules.legal import _seven_digits

    assert _seven_digits(text) == bool(re.search(r"\d{7}", text))
