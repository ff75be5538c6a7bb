"""The rule registry: every rule's stable code, name, summary, docs and check.

Rules are small generators: given a :class:`~govsocial.rules.context.Context` they
yield :class:`Hit` values holding only local facts (message, where, span).  The
engine (:func:`govsocial.check`) adds the code, severity and rule name, applies
the policy's severity overrides and ``select``/``ignore``, and sorts.

Where rules come from, all running side by side:

- the built-in ones: every module of the :mod:`govsocial.rules` package, found by
  listing the package (a new module cannot be forgotten), imported on first use;
- an application's own, registered with the :func:`rule` decorator or
  :func:`register` at any time, before or after the first check;
- those an installed distribution declares in the ``govsocial.rules`` entry-point
  group (each entry point names a module that registers its rules when imported),
  loaded once, on first use.

A code registered twice is a :class:`~govsocial.errors.UsageError` naming both.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from govsocial._frozen import assigning
from govsocial.errors import UsageError
from govsocial.findings import Severity

if TYPE_CHECKING:
    from govsocial.rules.context import Context

__all__ = [
    "ENTRY_POINT_GROUP",
    "Hit",
    "Rule",
    "all_rules",
    "builtin_modules",
    "get_rule",
    "register",
    "rule",
    "select_rules",
]

ENTRY_POINT_GROUP = "govsocial.rules"


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


_HitBuild = assigning(Hit)


def new_hit(
    message: str,
    path: str,
    network: str | None = None,
    lang: str | None = None,
    span: tuple[int, int] | None = None,
    fix: str | None = None,
    severity: Severity | None = None,
) -> Hit:
    """``Hit(...)``, built without the class call: what the built-in rules yield (see
    :mod:`govsocial._frozen`; the same value, a few times cheaper to make)."""
    h: Any = object.__new__(_HitBuild)
    h.message = message
    h.path = path
    h.network = network
    h.lang = lang
    h.span = span
    h.fix = fix
    h.severity = severity
    h.__class__ = Hit
    out: Hit = h
    return out


CheckFn = Callable[["Context"], Iterable[Hit]]
PrefetchFn = Callable[[Sequence["Context"]], None]


@attrs.frozen
class Rule:
    """A rule: what it checks, why, and a flagged and a clean example.

    `policy` is the (partial) policy the examples are checked with; `flagged` and
    `clean` are post dicts.  The examples run as tests: the flagged one must yield
    this code, the clean one must not.  `check` is a generator function or an
    instance of a rule kind (:mod:`govsocial.rules.kinds`); `origin` says where the
    rule was registered (a module name, or an entry point). `media_only` says the rule
    looks at the post's media and nothing else, so it finds nothing in a post without
    media: the engine does not run it on one (a test holds every built-in rule so marked
    to it). `title_only` says the same of the post's title: the engine does not run the
    rule on a post without one.

    `prefetch`, when given, is the rule's work for many posts at once: when posts are
    checked together (:func:`govsocial.check_many`, the CLI, the audit), the engine
    calls it with the contexts of a batch of posts before running `check` on each, and
    it leaves in each context what `check` would otherwise compute on its own (the
    language rules score all the batch's texts in one detector pass). It must not change
    any result: `check` finds the same with or without it. Rules that share one prefetch
    function have it called once per batch.
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
    origin: str = attrs.field(default="", eq=False, repr=False)
    media_only: bool = False
    prefetch: PrefetchFn | None = attrs.field(default=None, eq=False, repr=False)
    title_only: bool = False


_CODE_CHARS = frozenset("0123456789")

_REGISTRY: dict[str, Rule] = {}
_LOCK = threading.RLock()
# Built-ins and entry points: "no" before, "loading" while (a module being imported
# registers through the decorator), "yes" after.
_state = {"builtins": "no", "entry_points": "no"}
# all_rules() is asked for on every check: its tuple is kept until the next registration.
_sorted: list[tuple[Rule, ...]] = []


def _check_code(code: Any, name: Any) -> str:
    if not isinstance(code, str) or not (
        len(code) == 5 and code.startswith("GS") and _CODE_CHARS.issuperset(code[2:])
    ):
        raise UsageError(
            f"expected a rule code such as 'GS901' (GS and 3 digits), got code={code!r}"
        )
    if not isinstance(name, str) or not name or name != name.strip():
        raise UsageError(f"expected a rule name such as 'no-exclamations', got name={name!r}")
    return code


def register(new: Rule) -> Rule:
    """Add `new` to the registry, beside the built-in rules; return it.

    A code already registered (built-in or not) raises :class:`UsageError` naming
    where each was registered.  Without an `origin`, the rule's is the name of the
    module that calls this function.
    """
    if not isinstance(new, Rule):
        raise UsageError(f"register() expected a Rule, got new={new!r:.60}")
    if not new.origin:
        new = attrs.evolve(new, origin=str(sys._getframe(1).f_globals.get("__name__", "")))
    _check_code(new.code, new.name)
    if not callable(new.check):
        raise UsageError(f"rule {new.code}: expected a callable check, got check={new.check!r:.60}")
    if new.prefetch is not None and not callable(new.prefetch):
        raise UsageError(
            f"rule {new.code}: expected a callable prefetch or None, got prefetch={new.prefetch!r:.60}"
        )
    for flag in ("media_only", "title_only"):
        if not isinstance(value := getattr(new, flag), bool):
            raise UsageError(
                f"rule {new.code}: expected {flag}=True or False, got {flag}={value!r:.60}"
            )
    with _LOCK:
        if _state["builtins"] == "no":
            _load_builtins()
        old = _REGISTRY.get(new.code)
        if old is not None:
            raise UsageError(
                f"duplicate rule code {new.code}: {new.name!r} from {new.origin or 'unknown'} "
                f"and {old.name!r} from {old.origin or 'unknown'}"
            )
        twin = next((r for r in _REGISTRY.values() if r.name == new.name), None)
        if twin is not None:
            raise UsageError(
                f"duplicate rule name {new.name!r}: {new.code} from {new.origin or 'unknown'} "
                f"and {twin.code} from {twin.origin or 'unknown'}"
            )
        _REGISTRY[new.code] = new
        _sorted.clear()
    return new


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
    media_only: bool = False,
    prefetch: PrefetchFn | None = None,
    title_only: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated generator as rule `code` (see :func:`register`)."""
    _check_code(code, name)
    if not isinstance(severity, Severity):
        raise UsageError(f"expected a govsocial.Severity, got severity={severity!r}")

    def decorate(fn: CheckFn) -> CheckFn:
        register(
            Rule(
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
                origin=getattr(fn, "__module__", None) or "",
                media_only=media_only,
                prefetch=prefetch,
                title_only=title_only,
            )
        )
        return fn

    return decorate


def builtin_modules() -> list[str]:
    """The modules of :mod:`govsocial.rules` that hold rules, sorted by name.

    Every module of the package is one, except the registry's machinery (this
    module, ``context`` and ``kinds``) and private ones (a leading underscore).
    """
    import govsocial.rules as package

    return sorted(
        f"{package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_") and info.name not in _MACHINERY
    )


_MACHINERY = frozenset({"registry", "context", "kinds"})


def _load_builtins() -> None:
    with _LOCK:
        if _state["builtins"] != "no":
            return
        _state["builtins"] = "loading"
        try:
            for name in builtin_modules():
                importlib.import_module(name)
        except BaseException:
            _state["builtins"] = "no"
            raise
        _state["builtins"] = "yes"


def _load_entry_points() -> None:
    with _LOCK:
        if _state["entry_points"] != "no":
            return
        _load_builtins()
        _state["entry_points"] = "loading"
        from importlib.metadata import entry_points

        ok = False
        try:
            for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
                try:
                    ep.load()
                except UsageError as exc:
                    raise UsageError(
                        f"rules of entry point {ep.name!r} ({ep.value}): {exc}"
                    ) from None
                except Exception as exc:
                    raise UsageError(
                        f"cannot load the rules of entry point {ep.name!r} ({ep.value}) in "
                        f"group {ENTRY_POINT_GROUP!r}: {exc.__class__.__name__}: {exc}"
                    ) from exc
            ok = True
        finally:
            # A broken entry point raises on every use, never passes silently.
            _state["entry_points"] = "yes" if ok else "no"


def _ready() -> None:
    if _state["entry_points"] != "yes":
        _load_entry_points()


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule (built-in, the application's, entry points'), sorted by code."""
    if _sorted:
        return _sorted[0]
    _ready()
    with _LOCK:
        if not _sorted:
            _sorted.append(tuple(_REGISTRY[c] for c in sorted(_REGISTRY)))
        return _sorted[0]


def get_rule(code: str) -> Rule:
    """The rule with `code` (case-insensitive); an unknown code raises UsageError."""
    if not isinstance(code, str):
        raise UsageError(f"expected a rule code such as 'GS201', got code={code!r}")
    _ready()
    key = code.upper()
    if key not in _REGISTRY:
        raise UsageError(f"unknown rule code {code!r}; `govsocial rules` lists them")
    return _REGISTRY[key]


def _check_selector(item: str, rules: tuple[Rule, ...]) -> str:
    key = item.strip().upper()
    if not key or not any(r.code.startswith(key) for r in rules):
        raise UsageError(
            f"{item!r} matches no rule code; expected a code or prefix such as GS2 or GS201"
        )
    return key


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> tuple[Rule, ...]:
    """Rules whose code starts with one of `select` (all if None) and none of `ignore`."""
    rules = all_rules()
    key = (tuple(select) if select is not None else None, tuple(ignore) if ignore else ())
    cached = _selected.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1]
    sel = [_check_selector(s, rules) for s in key[0]] if key[0] is not None else None
    ign = [_check_selector(s, rules) for s in key[1]]
    out = tuple(
        r
        for r in rules
        if (sel is None or any(r.code.startswith(p) for p in sel))
        and not any(r.code.startswith(p) for p in ign)
    )
    if len(_selected) >= 256:
        _selected.clear()
    _selected[key] = (rules, out)
    return out


# (select, ignore) -> (the all_rules() tuple it was computed from, the selection)
_selected: dict[
    tuple[tuple[str, ...] | None, tuple[str, ...]], tuple[tuple[Rule, ...], tuple[Rule, ...]]
] = {}
