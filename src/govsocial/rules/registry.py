"""The rule registry: every rule's stable code, name, summary, docs and check.

Rules are small generators: given a :class:`~govsocial.rules.context.Context` they
yield :class:`Hit` values holding only local facts (message, where, span).  The
engine (:func:`govsocial.check`) adds the code, severity and rule name, applies
the policy's severity overrides and ``select``/``ignore``, and sorts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from govsocial.errors import UsageError
from govsocial.findings import Severity

if TYPE_CHECKING:
    from govsocial.rules.context import Context

__all__ = ["Hit", "Rule", "all_rules", "get_rule", "rule", "select_rules"]


@attrs.frozen
class Hit:
    """What a rule found: the engine turns it into a :class:`~govsocial.findings.Finding`."""

    message: str
    path: str
    network: str | None = None
    lang: str | None = None
    span: tuple[int, int] | None = None
    fix: str | None = None
    severity: Severity | None = None


CheckFn = Callable[["Context"], Iterable[Hit]]


@attrs.frozen
class Rule:
    """A rule kind: what it checks, why, and a flagged and a clean example.

    `policy` is the (partial) policy the examples are checked with; `flagged` and
    `clean` are post dicts.  The examples run as tests: the flagged one must yield
    this code, the clean one must not.
    """

    code: str
    name: str
    summary: str
    severity: Severity
    why: str
    flagged: Mapping[str, Any]
    clean: Mapping[str, Any]
    check: CheckFn = attrs.field(eq=False, repr=False)
    policy: Mapping[str, Any] = attrs.field(factory=lambda: {"version": 1})
    fix: str | None = None
    needs: frozenset[str] = frozenset()

    @property
    def family(self) -> str:
        return self.code[:4]


_REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    *,
    summary: str,
    severity: Severity,
    why: str,
    flagged: Mapping[str, Any],
    clean: Mapping[str, Any],
    policy: Mapping[str, Any] | None = None,
    fix: str | None = None,
    needs: Iterable[str] = (),
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated generator as rule `code`."""

    def register(fn: CheckFn) -> CheckFn:
        if code in _REGISTRY:  # pragma: no cover - programming error
            raise RuntimeError(f"duplicate rule code {code}")
        _REGISTRY[code] = Rule(
            code=code,
            name=name,
            summary=summary,
            severity=severity,
            why=why,
            flagged=flagged,
            clean=clean,
            check=fn,
            policy=policy if policy is not None else {"version": 1},
            fix=fix,
            needs=frozenset(needs),
        )
        return fn

    return register


def _load() -> None:
    if _REGISTRY:
        return
    from govsocial.rules import (  # noqa: F401
        brand,
        entities,
        images,
        language,
        legal,
        length,
        links,
        media,
        structure,
        style,
    )


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, sorted by code."""
    _load()
    return tuple(_REGISTRY[c] for c in sorted(_REGISTRY))


def get_rule(code: str) -> Rule:
    """The rule with `code` (case-insensitive); an unknown code raises UsageError."""
    _load()
    key = code.upper()
    if key not in _REGISTRY:
        raise UsageError(f"unknown rule code {code!r}; `govsocial rules` lists them")
    return _REGISTRY[key]


def _check_selector(item: str) -> str:
    key = item.strip().upper()
    _load()
    if not key or not any(c.startswith(key) for c in _REGISTRY):
        raise UsageError(
            f"{item!r} matches no rule code; expected a code or prefix such as GS2 or GS201"
        )
    return key


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> tuple[Rule, ...]:
    """Rules whose code starts with one of `select` (all if None) and none of `ignore`."""
    return _select(
        tuple(select) if select is not None else None, tuple(ignore) if ignore is not None else ()
    )


@functools.lru_cache(maxsize=256)
def _select(select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    sel = [_check_selector(s) for s in select] if select is not None else None
    ign = [_check_selector(s) for s in ignore]
    out = []
    for r in all_rules():
        if sel is not None and not any(r.code.startswith(p) for p in sel):
            continue
        if any(r.code.startswith(p) for p in ign):
            continue
        out.append(r)
    return tuple(out)


def iter_hits(rules: Iterable[Rule], ctx: Context) -> Iterator[tuple[Rule, Hit]]:
    for r in rules:
        for hit in r.check(ctx):
            yield r, hit
