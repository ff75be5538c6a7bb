"""The pre-publish check: a post and a policy in, a sorted report out.

Pure: no files, no network, no clock.  The same post and policy give the same
report, byte for byte, on every run.

Long on purpose: resolving the policy, planning which rules run on which post, running
them one post at a time or in batches are one engine, with caches that each part keeps.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from govsocial.errors import PolicyError, UsageError
from govsocial.fetch import FetchOptions
from govsocial.findings import Finding, Report, Severity, new_finding, new_report
from govsocial.model import Post
from govsocial.policy import Policy, load_policy
from govsocial.rules.context import Context
from govsocial.rules.registry import (
    CheckFn,
    PrefetchFn,
    Rule,
    all_rules,
    get_rule,
    select_rules,
)

__all__ = ["check", "check_many", "resolve_policy"]

_DEFAULT_POLICY: Policy | None = None


def _default_policy() -> Policy:
    global _DEFAULT_POLICY
    if _DEFAULT_POLICY is None:
        _DEFAULT_POLICY = load_policy({"version": 1})
    return _DEFAULT_POLICY


# Policies given to check() as a path or a mapping, already validated: a loop calling
# check(post, "policy.yaml") must not parse and validate the file for every post. A path
# is keyed by its absolute name, a mapping by its identity; an entry is used while every
# file the policy was read from (its own and the bases it extends) keeps its inode, size
# and modification and change times (an edited or replaced file, or base, is read again),
# and for a mapping while it still equals the snapshot taken when it was validated (a
# mapping changed in place is validated again) and, if it extends a file, while the
# current directory its relative paths resolved against is the same.
_LOADED: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...], Policy]] = {}
_LOADED_MAX = 16


def _stamps(files: tuple[str, ...]) -> tuple[Any, ...] | None:
    stamps = []
    try:
        for f in files:
            st = os.stat(f)
            stamps.append((st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    except OSError:
        return None
    return tuple(stamps)


def _policy_of(policy: str | Path | Mapping[str, Any]) -> Policy:
    if isinstance(policy, Mapping):
        key: tuple[Any, ...] = ("mapping", id(policy))
        hit = _LOADED.get(key)
        if hit is not None and hit[0][0] == policy:
            files = hit[2].files
            if not files or (hit[0][1] == os.getcwd() and _stamps(files) == hit[1]):
                return hit[2]
        loaded = load_policy(policy)
        snapshot = (copy.deepcopy(dict(policy)), os.getcwd() if loaded.files else None)
        _remember(key, (snapshot, _stamps(loaded.files) or (), loaded))
        return loaded
    try:
        key = ("path", os.path.abspath(os.fspath(policy)))
    except (TypeError, ValueError):
        return load_policy(policy)  # raises PolicyError naming what is wrong
    hit = _LOADED.get(key)
    if hit is not None and _stamps(hit[2].files) == hit[1]:
        return hit[2]
    before = _stamps((key[1],))
    loaded = load_policy(policy)
    stamps = _stamps(loaded.files)
    # a file changed while it was read is not remembered (the next call reads it again)
    if before and stamps and before[0] == stamps[0]:
        _remember(key, (None, stamps, loaded))
    return loaded


def resolve_policy(policy: str | Path | Mapping[str, Any]) -> Policy:
    """A policy path or mapping, validated once, as :func:`check` resolves it."""
    return _policy_of(policy)


def _remember(key: tuple[Any, ...], value: tuple[Any, tuple[Any, ...], Policy]) -> None:
    if len(_LOADED) >= _LOADED_MAX:
        # the oldest; another thread may have removed it first
        with contextlib.suppress(KeyError, StopIteration, RuntimeError):
            del _LOADED[next(iter(_LOADED))]
    _LOADED[key] = value


def check(
    post: Post | Mapping[str, Any],
    policy: Policy | str | Path | Mapping[str, Any] | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    source: str | None = None,
    base: str | Path | None = None,
    fetch: bool = False,
    allow_private: bool = False,
) -> Report:
    """Check `post` against `policy` (the networks' own rules only, if None).

    Media paths that are relative resolve against `base` (default: the working
    directory). Media given by URL is downloaded and inspected only with ``fetch=True``
    (loopback and private addresses refused unless ``allow_private=True``).

    `post` may be a :class:`Post` or its dict form; `policy` a :class:`Policy`, a path
    to a policy file or a mapping (validated once: while the file is unchanged, or the
    mapping equal, later calls reuse the validated policy).  `select`/`ignore` take rule
    codes or prefixes (``GS2``).
    """
    post = _as_post(post, source)
    if (
        isinstance(policy, Policy)
        and select is None
        and ignore is None
        and base is None
        and not fetch
        and not allow_private
    ):
        return _run(post, policy, None, source)  # the usual call: nothing to resolve
    policy, rules, base_path, options = _options(policy, select, ignore, base, fetch, allow_private)
    return _run(post, policy, rules, source, base=base_path, fetch=options)


def _as_post(post: Post | Mapping[str, Any], source: str | None) -> Post:
    if not isinstance(post, Post):
        if not isinstance(post, Mapping):
            raise UsageError(f"check() expected a Post or a mapping, got post={post!r:.60}")
        post = Post.from_dict(post, source=source)
    return post


def _options(
    policy: Policy | str | Path | Mapping[str, Any] | None,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    base: str | Path | None,
    fetch: bool,
    allow_private: bool,
) -> tuple[Policy, tuple[Rule, ...] | None, Path | None, FetchOptions | None]:
    """check()'s arguments after validation: the policy, the rules, the base, the fetching."""
    if policy is None:
        policy = _default_policy()
    elif not isinstance(policy, Policy):
        policy = _policy_of(policy)
    rules = select_rules(select, ignore) if (select is not None or ignore is not None) else None
    if base is not None and not isinstance(base, (str, Path)):
        raise UsageError(f"expected a folder path, got base={base!r:.60}")
    options = None
    if fetch or allow_private:
        options = FetchOptions(allow_private=allow_private) if fetch else None
    return policy, rules, Path(base) if base is not None else None, options


class _Plans(NamedTuple):
    """What runs under one policy and one rule selection, worked out once."""

    #: every rule that runs, with its effective severity
    full: tuple[tuple[Rule, Severity], ...]
    #: the same without the rules that look only at media (for a post without any)
    textual: tuple[tuple[Rule, Severity], ...]
    #: on a post with a text over limits.max_text_chars: GS106 alone, and GS001
    guarded: tuple[tuple[Rule, Severity], ...]
    #: the prefetch functions of `full`'s rules and of `textual`'s, each once
    prefetch_full: tuple[PrefetchFn, ...]
    prefetch_textual: tuple[PrefetchFn, ...]
    #: what is run on a post that is not oversized: `full` and `textual` without the
    #: rules that find nothing there (GS001's check, which the engine does itself, and
    #: GS106, which reports oversized texts), and `textual` also without the rules that
    #: look only at the title (for a post without one)
    run_full: tuple[tuple[Rule, Severity], ...]
    run_textual: tuple[tuple[Rule, Severity], ...]
    run_untitled: tuple[tuple[Rule, Severity], ...]


# The plans of the policies and selections checked lately, by the identity of both (the
# key objects are kept in the value, so an id is not reused while its entry is here).
_PLANS: dict[tuple[int, int], tuple[Policy, tuple[Rule, ...], _Plans]] = {}
_PLANS_MAX = 64


def _plans(policy: Policy, rules: tuple[Rule, ...]) -> _Plans:
    key = (id(policy), id(rules))
    hit = _PLANS.get(key)
    if hit is not None and hit[0] is policy and hit[1] is rules:
        return hit[2]
    _check_severity_codes(policy)
    full = policy.rule_plan(rules)
    # Reported even when GS106 is deselected or switched off: an empty report would read
    # as clean. The post's own ignore list is still judged (GS001) as far as what ran allows.
    guard = get_rule("GS106")
    guarded = ((guard, policy.severity_for(guard.code, guard.severity) or guard.severity),)
    textual = tuple(item for item in full if not item[0].media_only)
    run_full = tuple(item for item in full if item[0].code not in _IDLE_UNLESS_OVERSIZED)
    run_textual = tuple(item for item in run_full if not item[0].media_only)
    plans = _Plans(
        full=full,
        textual=textual,
        guarded=guarded + tuple(item for item in full if item[0].code == "GS001"),
        prefetch_full=_prefetches(full),
        prefetch_textual=_prefetches(textual),
        run_full=run_full,
        run_textual=run_textual,
        run_untitled=tuple(item for item in run_textual if not item[0].title_only),
    )
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[key] = (policy, rules, plans)
    return plans


# Rules that find nothing on a post that is not oversized: GS001's check (the engine
# reports unused ignore entries itself) and GS106 (it lists the oversized texts).
_IDLE_UNLESS_OVERSIZED = frozenset({"GS001", "GS106"})


def _idle_checks() -> tuple[tuple[CheckFn, ...], tuple[CheckFn, ...]]:
    """The checks the plans leave out of a post that is not oversized, and those they
    leave out of a post without a title (rules marked ``title_only``): a test holds each
    to finding nothing there."""
    return (
        tuple(get_rule(code).check for code in sorted(_IDLE_UNLESS_OVERSIZED)),
        tuple(r.check for r in all_rules() if r.title_only),
    )


def _prefetches(plan: tuple[tuple[Rule, Severity], ...]) -> tuple[PrefetchFn, ...]:
    found: dict[int, PrefetchFn] = {}
    for r, _ in plan:
        if r.prefetch is not None:
            found.setdefault(id(r.prefetch), r.prefetch)
    return tuple(found.values())


def _run(
    post: Post,
    policy: Policy,
    rules: tuple[Rule, ...] | None,
    source: str | None,
    *,
    base: Path | None = None,
    fetch: FetchOptions | None = None,
) -> Report:
    plans = _plans(policy, rules if rules is not None else all_rules())
    return _report(Context(post, policy, base=base, fetch=fetch), plans, source)


def _report(ctx: Context, plans: _Plans, source: str | None) -> Report:
    """Run the plan's rules on `ctx`'s post: its report."""
    post, policy = ctx.post, ctx.policy
    if ctx.oversized:
        # A text over limits.max_text_chars is reported (GS106) and nothing else is run:
        # the time a check takes stays bounded whatever the post holds.
        plan = ran = plans.guarded
    else:
        # A rule that looks only at media finds nothing in a post without any, one that
        # looks only at the title nothing in a post without one: not run, but they count
        # as run for the post's ignore list (GS001).
        ran = plans.full
        if post.media:
            plan = plans.run_full
        else:
            plan = plans.run_textual if post.title else plans.run_untitled
    findings: list[Finding] = []
    for r, severity in plan:
        for hit in r.check(ctx):
            sev = hit.severity if hit.severity is not None else severity
            if hit.severity is not None and severity.rank < r.severity.rank:
                sev = severity  # a policy that lowers a rule also lowers its sub-cases
            findings.append(
                new_finding(
                    r.code,
                    sev,
                    hit.message,
                    hit.path,
                    hit.network,
                    hit.lang,
                    hit.span,
                    hit.fix,
                    r.name,
                )
            )
    suppressed: list[Finding] = []
    if post.ignore:
        findings, suppressed = _apply_ignores(post, findings, ran)
    return new_report(findings, post.id, source, post.networks, suppressed, None, policy.source)


def _apply_ignores(
    post: Post, findings: list[Finding], plan: tuple[tuple[Rule, Any], ...]
) -> tuple[list[Finding], list[Finding]]:
    """Move the findings the post's ``ignore`` list names to `suppressed` (with the
    reason) and report each entry that suppressed nothing (GS001) when it could have:
    a rule it names ran, or it names no rule at all."""
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    used = [False] * len(post.ignore)
    for f in findings:
        for i, entry in enumerate(post.ignore):
            if f.code.startswith(entry.code):
                used[i] = True
                suppressed.append(attrs.evolve(f, suppression=entry.reason))
                break
        else:
            kept.append(f)
    ran = {r.code: (r, sev) for r, sev in plan}
    if "GS001" in ran:
        rule, severity = ran["GS001"]
        # GS001 itself is never suppressed: an entry naming only it can match nothing.
        known = [r.code for r in all_rules() if r.code != "GS001"]
        for i, entry in enumerate(post.ignore):
            if used[i]:
                continue
            names_rule = any(c.startswith(entry.code) for c in known)
            if names_rule and not any(c.startswith(entry.code) for c in ran if c != "GS001"):
                continue  # none of its rules ran (--select, or off in the policy)
            why = "no finding" if names_rule or "GS001".startswith(entry.code) else "no rule code"
            kept.append(
                Finding(
                    code=rule.code,
                    rule=rule.name,
                    severity=severity,
                    message=f"ignore entry {entry.code!r} matches {why}; remove it or correct "
                    "its code",
                    path=f"/ignore/{i}",
                    fix="Remove the entry.",
                )
            )
    return kept, suppressed


def _check_severity_codes(policy: Policy) -> None:
    """A policy's `severity` keys must each match a rule: a typo (GS999, GS2O1) would
    otherwise change nothing, silently. Checked here, where the rules are known (the
    policy sits below the rules in the layers), once per policy and rule selection."""
    codes = [r.code for r in all_rules()]
    for prefix in policy.severity_overrides:
        if not any(code.startswith(prefix) for code in codes):
            raise PolicyError(
                f"{prefix!r} matches no rule code; expected a code or prefix such as GS2 or "
                "GS201 (`govsocial rules` lists them)",
                source=policy.source,
                where=f"/severity/{prefix}",
            )


def check_many(
    posts: Iterable[Post | Mapping[str, Any]],
    policy: Policy | str | Path | Mapping[str, Any] | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    base: str | Path | None = None,
    fetch: bool = False,
    allow_private: bool = False,
) -> list[Report]:
    """Check several posts against one policy (validated once); options as :func:`check`.

    The reports are those :func:`check` gives each post, in order. Posts are checked in
    batches, and the rules that can (the language rules) do their work for a whole batch
    at once: faster than checking the posts one by one."""
    policy, rules, base_path, options = _options(policy, select, ignore, base, fetch, allow_private)
    return list(check_stream(_numbered(posts), policy, rules, base=base_path, fetch=options))


def _numbered(posts: Iterable[Post | Mapping[str, Any]]) -> Iterator[tuple[Post, None]]:
    """check_many's posts as Posts; a bad one is an error naming its index."""
    for i, p in enumerate(posts):
        if not isinstance(p, (Post, Mapping)):
            raise UsageError(f"check_many() expected Posts or mappings, got posts[{i}]={p!r:.60}")
        yield _as_post(p, f"posts[{i}]"), None


#: Posts whose rules' prefetch runs at once: enough to spread the language detector's
#: fixed cost per call, few enough that a batch's analyses stay small.
BATCH_POSTS = 64
#: A batch also closes once its posts' texts reach this many characters, so that long
#: texts (up to limits.max_text_chars each) never make a batch's work arrays large.
BATCH_CHARS = 100_000


def check_stream(
    items: Iterable[tuple[Post, str | None]],
    policy: Policy,
    rules: tuple[Rule, ...] | None = None,
    *,
    base: Path | None = None,
    fetch: FetchOptions | None = None,
) -> Iterator[Report]:
    """The report of each ``(post, source)`` of `items` in order, as :func:`check` gives
    it, with the rules' prefetch run over batches of :data:`BATCH_POSTS` posts (fewer when
    their texts reach :data:`BATCH_CHARS` characters). Reads
    `items` a batch at a time (for the CLI and the audit; arguments already validated)."""
    plans = _plans(policy, rules if rules is not None else all_rules())
    batch: list[tuple[Context, str | None]] = []
    chars = 0
    for post, source in items:
        batch.append((Context(post, policy, base=base, fetch=fetch), source))
        chars += sum(map(len, post.text.values()))
        if len(batch) >= BATCH_POSTS or chars >= BATCH_CHARS:
            yield from _batch_reports(batch, plans)
            batch = []
            chars = 0
    if batch:
        yield from _batch_reports(batch, plans)


def _batch_reports(batch: list[tuple[Context, str | None]], plans: _Plans) -> Iterator[Report]:
    if plans.prefetch_full:
        contexts: dict[int, tuple[PrefetchFn, list[Context]]] = {}
        for ctx, _ in batch:
            if not ctx.oversized:
                for fn in plans.prefetch_full if ctx.post.media else plans.prefetch_textual:
                    contexts.setdefault(id(fn), (fn, []))[1].append(ctx)
        for fn, ctxs in contexts.values():
            fn(ctxs)
    for ctx, source in batch:
        yield _report(ctx, plans, source)
