"""The communication plan: the accounts an institution runs and what it promises for them.

A style guide's plan says which accounts exist, who owns each and what it is for, and
for every network how often to publish, at what hours, in what mix of official
languages, how long a profile may stay silent and how many reposts are acceptable.
:func:`plan_from_mapping` and :func:`accounts_from_mapping` build these values from a
policy's ``plan`` and ``accounts`` sections (already checked against the JSON Schema);
they add only what a schema cannot say (a range whose minimum exceeds its maximum, a
handle used by two accounts, an unknown time zone).  ``govsocial audit`` measures
published posts against them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from govsocial.errors import PolicyError, UsageError
from govsocial.timezones import ZONE_EXAMPLE, zone_named

__all__ = [
    "Account",
    "AccountRegistry",
    "Frequency",
    "HandleRules",
    "PublishingPlan",
    "Share",
    "accounts_from_mapping",
    "plan_from_mapping",
]


@attrs.frozen
class Share:
    """A share of posts between 0 and 1, bounded below and/or above (inclusive)."""

    min: float | None = None
    max: float | None = None

    def contains(self, value: float) -> bool:
        return not (
            (self.min is not None and value < self.min)
            or (self.max is not None and value > self.max)
        )

    def describe(self) -> str:
        if self.min is not None and self.max is not None:
            return f"{self.min:.0%}–{self.max:.0%}"
        if self.min is not None:
            return f"at least {self.min:.0%}"
        return f"at most {self.max:.0%}"


@attrs.frozen
class Frequency:
    """Posts per day or per week on one network, bounded below and/or above."""

    per: Literal["day", "week"]
    min: float | None = None
    max: float | None = None

    @property
    def days(self) -> int:
        return 1 if self.per == "day" else 7

    def describe(self) -> str:
        unit = f"a {self.per}"
        if self.min is not None and self.max is not None:
            return f"{self.min:g}–{self.max:g} {unit}"
        if self.min is not None:
            return f"at least {self.min:g} {unit}"
        return f"at most {self.max:g} {unit}"


@attrs.frozen
class PublishingPlan:
    """What the plan promises for an account (the policy's ``plan``, or an account's own)."""

    timezone: str = "Europe/Madrid"
    frequency: Mapping[str, Frequency] = attrs.field(factory=dict)
    hours: tuple[dt.time, dt.time] | None = None
    languages: Mapping[str, Share] = attrs.field(factory=dict)
    first_language: str | None = None
    max_silence: dt.timedelta | None = None
    reposts: Share | None = None

    def within_hours(self, t: dt.time) -> bool:
        """Whether a local time falls inside the publishing hours (always, when none are set)."""
        if self.hours is None:
            return True
        start, end = self.hours
        if start <= end:
            return start <= t < end
        return t >= start or t < end  # hours across midnight, e.g. 20:00-02:00


@attrs.frozen
class HandleRules:
    """The naming convention every handle follows."""

    max_length: int | None = None
    suffix: str | None = None
    prefix: str | None = None
    pattern: str | None = None

    def breaches(self, handle: str) -> list[str]:
        """What is wrong with ``handle`` under these rules, in words (empty when nothing)."""
        name = handle.split("@", 1)[0]  # a Mastodon handle's server is not part of the name
        out: list[str] = []
        if self.max_length is not None and len(name) > self.max_length:
            out.append(f"is {len(name)} characters long, more than {self.max_length}")
        if self.suffix is not None and not name.casefold().endswith(self.suffix.casefold()):
            out.append(f"does not end with {self.suffix!r}")
        if self.prefix is not None and not name.casefold().startswith(self.prefix.casefold()):
            out.append(f"does not start with {self.prefix!r}")
        if self.pattern is not None and re.fullmatch(self.pattern, name) is None:
            out.append(f"does not match {self.pattern!r}")
        return out


@attrs.frozen
class Account:
    """One account of the registry: its handle per network, owner and purpose."""

    id: str
    handles: Mapping[str, str]
    name: str | None = None
    unit: str | None = None
    objectives: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    #: The plan for this account: its own ``plan`` merged over the policy's, when it has one.
    plan: PublishingPlan | None = None


@attrs.frozen
class AccountRegistry:
    """The accounts of the plan, found by id or by their handle on a network."""

    accounts: tuple[Account, ...] = ()
    handle_rules: HandleRules = HandleRules()

    def find(self, network: str, account: str) -> Account | None:
        """The account a post names, by the registry id or by its handle on ``network``."""
        return _index(self).get((network, _key(account))) or _index(self).get(("", _key(account)))


def _key(handle: str) -> str:
    return handle.removeprefix("@").casefold()


_INDEXES: dict[int, tuple[AccountRegistry, dict[tuple[str, str], Account]]] = {}


def _index(registry: AccountRegistry) -> dict[tuple[str, str], Account]:
    hit = _INDEXES.get(id(registry))
    if hit is not None and hit[0] is registry:
        return hit[1]
    index: dict[tuple[str, str], Account] = {}
    for account in registry.accounts:
        index[("", _key(account.id))] = account
        for network, handle in account.handles.items():
            index[(network, _key(handle))] = account
    if len(_INDEXES) > 64:
        _INDEXES.clear()
    _INDEXES[id(registry)] = (registry, index)
    return index


def _share(data: Mapping[str, Any] | None, where: str) -> Share | None:
    if data is None:
        return None
    share = Share(min=data.get("min"), max=data.get("max"))
    if share.min is not None and share.max is not None and share.min > share.max:
        raise PolicyError(f"min {share.min:g} is more than max {share.max:g}", where=where)
    return share


def _hours(text: str, where: str) -> tuple[dt.time, dt.time]:
    start, _, end = text.partition("-")
    a, b = dt.time.fromisoformat(start), dt.time.fromisoformat(end)
    if a == b:
        raise PolicyError(
            f"{text!r} is an empty span of hours; expected e.g. '08:00-21:00'", where=where
        )
    return a, b


def _timezone(name: str, where: str) -> str:
    if zone_named(name) is None:
        raise PolicyError(
            f"{name!r} is not an IANA time zone; expected {ZONE_EXAMPLE}", where=where
        )
    return name


def plan_from_mapping(
    data: Mapping[str, Any], *, where: str = "/plan", timezone: str = "Europe/Madrid"
) -> PublishingPlan:
    """Build a :class:`PublishingPlan` from a schema-valid ``plan`` mapping.

    Raises :class:`~govsocial.errors.PolicyError` naming the place for what the schema
    cannot say: a minimum above its maximum, an empty span of hours, an unknown zone.
    """
    from govsocial._durations import parse_duration

    frequency: dict[str, Frequency] = {}
    for network, spec in data.get("frequency", {}).items():
        f = Frequency(per=spec["per"], min=spec.get("min"), max=spec.get("max"))
        if f.min is not None and f.max is not None and f.min > f.max:
            raise PolicyError(
                f"min {f.min:g} is more than max {f.max:g}", where=f"{where}/frequency/{network}"
            )
        frequency[network] = f
    silence = data.get("max_silence")
    seconds = None
    if silence is not None:
        try:
            seconds = parse_duration(silence, where=f"{where}/max_silence")
        except (UsageError, ValueError):
            raise PolicyError(
                f"{silence!r} is not a duration; expected e.g. 14d, 2w or 36h",
                where=f"{where}/max_silence",
            ) from None
    return PublishingPlan(
        timezone=_timezone(data.get("timezone", timezone), f"{where}/timezone"),
        frequency=frequency,
        hours=_hours(data["hours"], f"{where}/hours") if "hours" in data else None,
        languages={
            lang: share
            for lang, spec in data.get("languages", {}).items()
            if (share := _share(spec, f"{where}/languages/{lang}")) is not None
        },
        first_language=data.get("first_language"),
        max_silence=dt.timedelta(seconds=seconds) if seconds is not None else None,
        reposts=_share(data.get("reposts"), f"{where}/reposts"),
    )


def accounts_from_mapping(
    data: Mapping[str, Any],
    *,
    where: str = "/accounts",
    base_plan: Mapping[str, Any] | None = None,
    timezone: str = "Europe/Madrid",
) -> AccountRegistry:
    """Build an :class:`AccountRegistry` from a schema-valid ``accounts`` mapping.

    An account's own ``plan`` is merged over `base_plan` (the policy's ``plan``
    section): mappings merge, anything else is replaced.  Two accounts with the same
    id, or the same handle on one network, are an error naming both places: a post
    could not be told apart.
    """
    rules = data.get("handle_rules", {})
    if "pattern" in rules:
        try:
            re.compile(rules["pattern"])
        except re.error as exc:
            raise PolicyError(
                f"{rules['pattern']!r} is not a regular expression: {exc}",
                where=f"{where}/handle_rules/pattern",
            ) from None
    accounts: list[Account] = []
    seen: dict[tuple[str, str], str] = {}
    for i, item in enumerate(data["accounts"]):
        here = f"{where}/accounts/{i}"
        keys = [("", _key(item["id"]))] + [(n, _key(h)) for n, h in item["handles"].items()]
        for key in keys:
            if key in seen:
                what = f"handle {key[1]!r} on {key[0]}" if key[0] else f"id {key[1]!r}"
                raise PolicyError(f"{what} is already used by {seen[key]}", where=here)
            seen[key] = here
        accounts.append(
            Account(
                id=item["id"],
                handles=dict(item["handles"]),
                name=item.get("name"),
                unit=item.get("unit"),
                objectives=tuple(item.get("objectives", ())),
                audience=tuple(item.get("audience", ())),
                plan=(
                    plan_from_mapping(
                        _merged(base_plan or {}, item["plan"]),
                        where=f"{here}/plan",
                        timezone=timezone,
                    )
                    if "plan" in item
                    else None
                ),
            )
        )
    return AccountRegistry(
        accounts=tuple(accounts),
        handle_rules=HandleRules(
            max_length=rules.get("max_length"),
            suffix=rules.get("suffix"),
            prefix=rules.get("prefix"),
            pattern=rules.get("pattern"),
        ),
    )


def _merged(base: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in child.items():
        old = out.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            out[key] = _merged(old, value)
        else:
            out[key] = value
    return out
