"""GS4xx: legal guards — personal data that must not be published, electoral periods."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from importlib import resources

import regex

from govsocial.findings import Severity
from govsocial.policy import ElectoralPeriod
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
            yield Hit(
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
    yield Hit(
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
        yield Hit(
            "no scheduled_at: the electoral-period rules could not be applied", "/scheduled_at"
        )
