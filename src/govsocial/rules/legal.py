"""GS4xx: legal guards — personal data that must not be published."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govsocial.findings import Severity
from govsocial.rules.context import Context
from govsocial.rules.registry import Hit, rule

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_SEVEN_DIGITS = re.compile(r"\d{7}")
_NINE_DIGITS = re.compile(r"[67](?:\D{0,3}\d){8}")
_ID = re.compile(r"(?<![\w])([XYZxyz]?)[ .-]?(\d{7,8})[ -]?([A-Za-z])(?![\w])")
_IBAN_ES = re.compile(r"(?<![\w])ES\d{2}(?:[ ]?\d{4}){5}(?![\w])")
_MOBILE = re.compile(r"(?<![\w+])(?:(?:\+34|0034)[ .-]?)?[67](?:[ .-]?\d){8}(?![\w])")


def _valid_id(prefix: str, digits: str, letter: str) -> bool:
    if prefix:
        if len(digits) != 7:
            return False
        number = int("XYZ".index(prefix.upper()).__str__() + digits)
    else:
        if len(digits) != 8:
            return False
        number = int(digits)
    return _DNI_LETTERS[number % 23] == letter.upper()


def _valid_iban(text: str) -> bool:
    s = text.replace(" ", "")
    rearranged = s[4:] + s[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


@rule(
    "GS401",
    "personal-id-number",
    summary="A full Spanish ID number (DNI/NIE with a valid check letter).",
    severity=Severity.ERROR,
    why="LOPDGDD (Ley Orgánica 3/2018), additional provision 7: administrations may identify a "
    "person by name plus four digits of the ID number, never by name and full number. A full "
    "DNI/NIE in a post is a personal-data breach.",
    flagged={"networks": ["x"], "text": {"es": "Adjudicado a Joan Garcia, DNI 12345678Z."}},
    clean={"networks": ["x"], "text": {"es": "Adjudicado a Joan Garcia, DNI ***4567**."}},
    fix="Publish at most the four digits the data-protection authority allows (e.g. ***4567**).",
)
def personal_id(ctx: Context) -> Iterator[Hit]:
    for path, lang, text in ctx.variants():
        if not _SEVEN_DIGITS.search(text):
            continue
        for m in _ID.finditer(text):
            if _valid_id(m.group(1), m.group(2), m.group(3)):
                kind = "NIE" if m.group(1) else "DNI"
                yield Hit(f"a full {kind} number", path, lang=lang, span=(m.start(), m.end()))


@rule(
    "GS402",
    "bank-account-number",
    summary="A Spanish IBAN (with a valid check) in the text.",
    severity=Severity.WARNING,
    why="An IBAN is personal data when it belongs to a person; an institution's own account for "
    "payments is fine but should be checked (and is a favourite of fraudsters imitating councils).",
    flagged={"networks": ["x"], "text": {"es": "Transferencia a ES91 2100 0418 4502 0005 1332"}},
    clean={"networks": ["x"], "text": {"es": "Pago en la sede electrónica."}},
)
def bank_account(ctx: Context) -> Iterator[Hit]:
    for path, lang, text in ctx.variants():
        if "ES" not in text:
            continue
        for m in _IBAN_ES.finditer(text):
            if _valid_iban(m.group()):
                yield Hit("an IBAN account number", path, lang=lang, span=(m.start(), m.end()))


@rule(
    "GS403",
    "personal-phone-number",
    summary="A Spanish mobile phone number in the text.",
    severity=Severity.WARNING,
    why="Institutions publish their service lines (010, 012, landlines); a mobile number is "
    "usually a person's and personal data under the GDPR.",
    flagged={"networks": ["x"], "text": {"es": "Más información: 612 345 678"}},
    clean={"networks": ["x"], "text": {"es": "Más información: 010"}},
)
def personal_phone(ctx: Context) -> Iterator[Hit]:
    for path, lang, text in ctx.variants():
        if not _NINE_DIGITS.search(text):
            continue
        for m in _MOBILE.finditer(text):
            yield Hit("a mobile phone number", path, lang=lang, span=(m.start(), m.end()))
