"""The results: each counted request, groups by account/network/language/day, the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

import attrs

__all__ = ["Group", "Request", "ResponsivenessReport"]


@attrs.frozen
class Request:
    """An inbound message the convention counts, and what happened to it."""

    conversation: str
    at: dt.datetime
    answered_at: dt.datetime | None
    response_time: dt.timedelta | None  # in the report's clock (calendar or business)
    answered: bool  # by the convention's rule (e.g. same day)
    account: str | None
    network: str | None
    lang: str | None
    line: int | None
    sla_breached: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "conversation": self.conversation,
            "at": self.at.isoformat(),
            "answered": self.answered,
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "response_seconds": (
                self.response_time.total_seconds() if self.response_time is not None else None
            ),
            "account": self.account,
            "network": self.network,
            "lang": self.lang,
            "line": self.line,
            "sla_breached": self.sla_breached,
        }


@attrs.frozen
class Group:
    """Rate and time for one account, network, language or day."""

    received: int
    answered: int
    response_rate: float | None
    response_time: dt.timedelta | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "answered": self.answered,
            "response_rate": self.response_rate,
            "response_seconds": (
                self.response_time.total_seconds() if self.response_time is not None else None
            ),
        }


@attrs.frozen
class ResponsivenessReport:
    convention: str
    clock: Literal["calendar", "business"]
    aggregator: str
    response_rate: float | None
    response_time: dt.timedelta | None
    received: int
    answered: int
    window: tuple[dt.datetime, dt.datetime] | None
    requests: tuple[Request, ...]
    skipped: Mapping[str, int]
    sla: dt.timedelta | None
    sla_breaches: tuple[Request, ...]
    very_responsive: bool | None
    by_account: Mapping[str, Group]
    by_network: Mapping[str, Group]
    by_lang: Mapping[str, Group]
    by_day: Mapping[str, Group]
    messages: int

    def to_dict(self) -> dict[str, Any]:
        def groups(g: Mapping[str, Group]) -> dict[str, Any]:
            return {k: v.to_dict() for k, v in g.items()}

        return {
            "convention": self.convention,
            "clock": self.clock,
            "aggregator": self.aggregator,
            "response_rate": self.response_rate,
            "response_seconds": (
                self.response_time.total_seconds() if self.response_time is not None else None
            ),
            "received": self.received,
            "answered": self.answered,
            "messages": self.messages,
            "window": [t.isoformat() for t in self.window] if self.window else None,
            "skipped": dict(self.skipped),
            "sla_seconds": self.sla.total_seconds() if self.sla is not None else None,
            "sla_breaches": [r.to_dict() for r in self.sla_breaches],
            "very_responsive": self.very_responsive,
            "by_account": groups(self.by_account),
            "by_network": groups(self.by_network),
            "by_lang": groups(self.by_lang),
            "by_day": groups(self.by_day),
            "requests": [r.to_dict() for r in self.requests],
        }
