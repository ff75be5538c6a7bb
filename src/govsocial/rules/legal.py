"""GS4xx: legal guards — personal data that must not be published, electoral periods."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import regex

from govsocial.findings import Severity
from govsocial.policy import ElectoralPeriod
from govsocial.rules.context import Context
from govsocial.rules.registry import Hit, new_hit, rule

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_SEVEN_DIGITS = re.compile(r"\d{7}")
# `re` tests \d (any Unicode decimal digit) with a database lookup per character, twenty
# times slower than a class of ranges. Only the ASCII digits and characters of
# _MAY_BE_DIGIT are \d: every character from U+0660 on but General Punctuation to
# Miscellaneous Symbols and Arrows, the variation selectors and the emoji blocks, where
# Unicode has no digits (a test checks every \d character against it). _DIGITS_HINT finds,
# in one scan led by that class, seven ASCII digits or the first such character.
_MAY_BE_DIGIT_RANGES = "\u0660-\u1fff\u2c00-\ufdff\ufe10-\U0001efff\U0001fbf0-\U0010ffff"
_MAY_BE_DIGIT = re.compile(f"[{_MAY_BE_DIGIT_RANGES}]")
_DIGITS_HINT = re.compile(f"[0-9{_MAY_BE_DIGIT_RANGES}](?:(?<=[0-9])[0-9]{{6}}|(?<![0-9]))")


def _seven_digits(text: str) -> bool:
    """Whether `text` holds seven decimal digits in a row (as ``\\d{7}`` finds them)."""
    hint = _DIGITS_HINT.search(text)
    if hint is None:
        return False
    return hint.end() - hint.start() == 7 or bool(_SEVEN_DIGITS.search(text))


# Cheap prefilter for GS403: a Spanish mobile's nine digits starting with 6 or 7, or an
# international number (+NN, 00NN). Only a text it finds goes to phonenumbers. Three
# patterns, not one alternation: a pattern that starts with a character class is searched
# by scanning for that class, an alternation tries every branch at every position (60
# times slower on a post without numbers); the two rarer ones run only on a text holding
# "+" or "00".
_NINE_DIGITS = re.compile(r"[67](?:\D{0,3}\d){8}")
_PLUS_NUMBER = re.compile(r"\+[ (]?[1-9]")
_DOUBLE_ZERO = re.compile(r"(?<!\d)00[1-9]")


def _phone_candidate(text: str) -> bool:
    """Whether `text` may hold a mobile number (a Spanish one, or one with +NN or 00NN)."""
    return bool(
        _NINE_DIGITS.search(text)
        or ("+" in text and _PLUS_NUMBER.search(text))
        or ("00" in text and _DOUBLE_ZERO.search(text))
    )


# A number written as an amount, or after a year and a slash (an expedient number such
# as 2026/612345678), is not a phone number.
_AMOUNT_AFTER = re.compile(r"(?:,\d+)?\s?(?:€|eur\w*)", re.IGNORECASE)  # euros, euroko (eu)
_REFERENCE_BEFORE = re.compile(r"(?<!\d)\d{4}[/-]$")
_ID = re.compile(r"(?<![\w])([XYZxyz]?)[ .-]?(\d{7,8})[ -]?([A-Za-z])(?![\w])")
_IBAN_ES = re.compile(r"(?<![\w])ES\d{2}(?:[ ]?\d{4}){5}(?![\w])")


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
        if not _seven_digits(text):
            continue
        for m in _ID.finditer(text):
            if _valid_id(m.group(1), m.group(2), m.group(3)):
                kind = "NIE" if m.group(1) else "DNI"
                yield new_hit(f"a full {kind} number", path, lang=lang, span=(m.start(), m.end()))


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
                yield new_hit("an IBAN account number", path, lang=lang, span=(m.start(), m.end()))


# A run of digit groups joined by one space, dot or hyphen, the first one possibly an
# international prefix (+33, (+34), 0044); not inside a word or a longer number.
_DIGIT_RUN = re.compile(r"(?<![\w+])(?:\(?\+\d+\)?|\d+)(?:[ .-]\d+)*(?!\w)")
_GROUP = re.compile(r"\+?\d+")
_NATIONAL_DIGITS = 9  # every Spanish number (ITU-T E.164 national significant number)
_MAX_DIGITS = 15  # E.164's longest number, country code included


def _numbers_in_run(run: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, digits)`` of the numbers a run of digit groups may hold, left to
    right: an international one ("+" and up to 15 digits, the longest valid reading) or a
    Spanish one (exactly nine digits); a group that starts none is skipped.  A valid
    number of any type is consumed, so "93 123 45 67 612 345 678" is a landline and then
    a mobile, never "67 612 345 6"."""
    import phonenumbers

    groups = [(m.start(), m.end(), m.group()) for m in _GROUP.finditer(run)]
    i = 0
    while i < len(groups):
        first = groups[i][2]
        international = first.startswith("+") or (i == 0 and first.startswith("00"))
        found: tuple[int, str] | None = None
        digits = ""
        for j in range(i, len(groups)):
            digits += groups[j][2].lstrip("+")
            if international:
                e164 = "+" + (digits[2:] if digits.startswith("00") else digits)
                if len(e164) - 1 > _MAX_DIGITS:
                    break
                if _valid(phonenumbers, e164, None):
                    found = (j, e164)  # keep going: the longest valid reading wins
            else:
                if len(digits) > _NATIONAL_DIGITS:
                    break
                if len(digits) == _NATIONAL_DIGITS and _valid(phonenumbers, digits, "ES"):
                    found = (j, digits)
        if found is None:
            i += 1
            continue
        j, number = found
        yield groups[i][0], groups[j][1], number
        i = j + 1


def _valid(phonenumbers: Any, number: str, region: str | None) -> bool:
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(number, region)))
    except phonenumbers.NumberParseException:
        return False


def _mobile_numbers(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, country calling code)`` of each mobile number in `text`.

    Numbers are typed with the phonenumbers metadata (Google's libphonenumber, kept
    up to date with each country's numbering plan): a number without a country code
    is read as Spanish, one with a code (+33, 0044) as that country's.  Only numbers
    whose type is MOBILE count: Spanish landlines (8xx, 9xx), service numbers (010,
    012), the personal-numbering 70x range and unassigned 7xx ranges do not.  A number
    written as an amount (followed by €, euros) or after a year and a slash (an
    expedient, 2026/612345678) is not a phone number.
    """
    import phonenumbers

    mobile = phonenumbers.PhoneNumberType.MOBILE
    for run in _DIGIT_RUN.finditer(text):
        for start, end, number in _numbers_in_run(run.group()):
            start, end = run.start() + start, run.start() + end
            if text[start - 1 : start] == "(" and text[start : start + 1] == "+":
                start -= 1
            parsed = phonenumbers.parse(number, "ES")
            if phonenumbers.number_type(parsed) != mobile:
                continue
            if _AMOUNT_AFTER.match(text, end) or _REFERENCE_BEFORE.search(text, 0, start):
                continue
            yield start, end, int(parsed.country_code or 0)


@rule(
    "GS403",
    "personal-phone-number",
    summary="A mobile phone number in the text (Spanish, or foreign with its country code).",
    severity=Severity.WARNING,
    why="Institutions publish their service lines (010, 012, landlines); a mobile number is "
    "usually a person's and personal data under the GDPR. Numbers are read with the "
    "phonenumbers metadata (Google's libphonenumber): a French +33 6 number is a French "
    "mobile, a Spanish 93 or 981 number a landline.",
    flagged={"networks": ["x"], "text": {"es": "Más información: 612 345 678"}},
    clean={"networks": ["x"], "text": {"es": "Más información: 010"}},
)
def personal_phone(ctx: Context) -> Iterator[Hit]:
    for path, lang, text in ctx.variants():
        if not _phone_candidate(text):
            continue
        for start, end, country in _mobile_numbers(text):
            where = "" if country == 34 else f" (+{country})"
            yield new_hit(f"a mobile phone number{where}", path, lang=lang, span=(start, end))


_ELECTORAL_POLICY = {
    "version": 1,
    "electoral": {
        "periods": [
            {"name": "Eleccions municipals 2027", "from": "2027-03-30", "to": "2027-05-23"}
        ],
        "allowed_kinds": ["emergency", "vote-information"],
    },
}


@functools.cache
def _shipped_phrases() -> Mapping[str, tuple[str, ...]]:
    import yaml

    text = (
        resources.files("govsocial").joinpath("data", "legal", "electoral.yaml").read_text("utf-8")
    )
    raw = yaml.safe_load(text)["phrases"]
    return {lang: tuple(v) for lang, v in raw.items()}


@functools.lru_cache(maxsize=128)
def _phrase_pattern(phrases: tuple[str, ...]) -> regex.Pattern[str]:
    alts = "|".join(
        r"\s+".join(regex.escape(w) for w in p.split())
        for p in sorted(set(phrases), key=len, reverse=True)
    )
    return regex.compile(
        r"(?<![\p{L}\p{M}\p{N}_])(?:" + alts + r")(?![\p{L}\p{M}\p{N}_])", regex.IGNORECASE
    )


def _period(ctx: Context) -> ElectoralPeriod | None:
    """The electoral period the post is scheduled in (local date in the policy's zone)."""
    el = ctx.policy.electoral
    when = ctx.post.scheduled_at
    if not el.periods or when is None:
        return None
    import zoneinfo

    try:
        day = when.astimezone(zoneinfo.ZoneInfo(el.timezone)).date()
    except OverflowError:
        # The local date is before year 1 or after 9999: outside every period, which
        # are real calendar dates.
        return None
    for p in el.periods:
        if p.start <= day <= p.end:
            return p
    return None


@rule(
    "GS410",
    "electoral-achievements",
    summary="During an electoral period, a post alludes to achievements or announces an inauguration.",
    severity=Severity.ERROR,
    why="LOREG art. 50.2 forbids public administrations, from the convocation to polling day, any "
    "act alluding to their achievements, and art. 50.3 any inauguration; electoral boards have "
    "ordered councils to delete such social posts (Baeza, Tomares, 2019). The phrase list flags "
    "posts for review: add yours under `electoral.phrases`.",
    flagged={
        "networks": ["x"],
        "text": {"ca": "Inaugurem la nova piscina municipal: hem aconseguit el que vam prometre."},
        "scheduled_at": "2027-05-10T10:00:00+02:00",
    },
    clean={
        "networks": ["x"],
        "text": {"ca": "La piscina municipal obre dilluns de 8 a 21 h."},
        "scheduled_at": "2027-06-10T10:00:00+02:00",
    },
    policy=_ELECTORAL_POLICY,
)
def electoral_achievements(ctx: Context) -> Iterator[Hit]:
    period = _period(ctx)
    if period is None or (ctx.post.kind or "") in ctx.policy.electoral.allowed_kinds:
        return
    shipped = _shipped_phrases()
    extra = ctx.policy.electoral.phrases
    for path, lang, text in ctx.variants():
        base = lang.split("-")[0]
        phrases = (
            shipped.get(base, ())
            + tuple(extra.get(lang, ()))
            + tuple(extra.get(base, ()) if base != lang else ())
        )
        if not phrases:
            continue
        for m in _phrase_pattern(phrases).finditer(text):
            yield new_hit(
                f"{m.group()!r} during {period.name} ({period.start} to {period.end}): "
                "no allusions to achievements or inaugurations (LOREG art. 50)",
                path,
                lang=lang,
                span=(m.start(), m.end()),
            )


@rule(
    "GS411",
    "electoral-period-post",
    summary="A post scheduled during an electoral period is not of a kind the policy allows then.",
    severity=Severity.WARNING,
    why="From the convocation to polling day institutional communication is limited to what is "
    "essential for public services and to information on the vote (Ley 29/2005, art. 10): each "
    "post needs a second look. Declare the post's `kind` and list the allowed ones under "
    "`electoral.allowed_kinds`.",
    flagged={
        "networks": ["x"],
        "text": {"ca": "Nou cicle de concerts al parc."},
        "kind": "event",
        "scheduled_at": "2027-05-10T10:00:00+02:00",
    },
    clean={
        "networks": ["x"],
        "text": {"ca": "Talls de trànsit per la cursa de diumenge."},
        "kind": "emergency",
        "scheduled_at": "2027-05-10T10:00:00+02:00",
    },
    policy=_ELECTORAL_POLICY,
)
def electoral_period_post(ctx: Context) -> Iterator[Hit]:
    period = _period(ctx)
    if period is None:
        return
    kind = ctx.post.kind
    if kind in ctx.policy.electoral.allowed_kinds:
        return
    allowed = ", ".join(sorted(ctx.policy.electoral.allowed_kinds)) or "none"
    yield new_hit(
        f"scheduled during {period.name} ({period.start} to {period.end}) with kind "
        f"{kind!r}; allowed kinds then: {allowed}",
        "/scheduled_at",
    )


@rule(
    "GS412",
    "electoral-period-unknown-date",
    summary="The policy has electoral periods but the post has no `scheduled_at` to check them.",
    severity=Severity.INFO,
    why="The electoral guard needs the publication date; without it the check cannot say "
    "whether the post falls in a period, and says so instead of passing silently.",
    flagged={"networks": ["x"], "text": {"ca": "Nou cicle de concerts al parc."}},
    clean={
        "networks": ["x"],
        "text": {"ca": "Nou cicle de concerts al parc."},
        "scheduled_at": "2027-06-10T10:00:00+02:00",
    },
    policy=_ELECTORAL_POLICY,
)
def electoral_unknown_date(ctx: Context) -> Iterator[Hit]:
    if ctx.policy.electoral.periods and ctx.post.scheduled_at is None:
        yield new_hit(
            "no scheduled_at: the electoral-period rules could not be applied", "/scheduled_at"
        )
