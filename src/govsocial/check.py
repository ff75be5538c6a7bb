"""The pre-publish check: a post and a policy in, a sorted report out.

Pure: no files, no network, no clock.  The same post and policy give the same
report, byte for byte, on every run.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from govsocial.errors import UsageError
from govsocial.fetch import FetchOptions
from govsocial.findings import Finding, Report
from govsocial.model import Post
from govsocial.policy import Policy, load_policy
from govsocial.rules.context import Context
from govsocial.rules.registry import Rule, select_rules

__all__ = ["check", "check_many"]

_DEFAULT_POLICY: Policy | None = None


def _default_policy() -> Policy:
    global _DEFAULT_POLICY
    if _DEFAULT_POLICY is None:
        _DEFAULT_POLICY = load_policy({"version": 1})
    return _DEFAULT_POLICY


# Policies given to check() as a path or a mapping, already validated: a loop calling
# check(post, "policy.yaml") must not parse and validate the file for every post. A path
# is keyed by its absolute name, inode, size and modification and change times (an
# edited or replaced file is read again); a mapping by its identity, and used only while
# it still equals the snapshot taken when it was validated (a mapping changed in place
# is validated again).
_LOADED: dict[tuple[Any, ...], tuple[Any, Policy]] = {}
_LOADED_MAX = 16


def _policy_of(policy: str | Path | Mapping[str, Any]) -> Policy:
    if isinstance(policy, Mapping):
        key: tuple[Any, ...] = ("mapping", id(policy))
        hit = _LOADED.get(key)
        if hit is not None and hit[0] == policy:
            return hit[1]
        loaded = load_policy(policy)
        _remember(key, (copy.deepcopy(dict(policy)), loaded))
        return loaded
    try:
        path = os.path.abspath(os.fspath(policy))
        st = os.stat(path)
    except (OSError, TypeError, ValueError):
        return load_policy(policy)  # raises PolicyError naming what is wrong
    key = ("path", path, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    hit = _LOADED.get(key)
    if hit is not None:
        return hit[1]
    loaded = load_policy(policy)
    _remember(key, (None, loaded))
    return loaded


def _remember(key: tuple[Any, ...], value: tuple[Any, Policy]) -> None:
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
    if not isinstance(post, Post):
        if not isinstance(post, Mapping):
            raise UsageError(f"check() expected a Post or a mapping, got post={post!r:.60}")
        post = Post.from_dict(post, source=source)
    if policy is None:
        policy = _default_policy()
    elif not isinstance(policy, Policy):
        policy = _policy_of(policy)
    rules = select_rules(select, ignore) if (select is not None or ignore is not None) else None
    if base is not None and not isinstance(base, (str, Path)):
        raise UsageError(f"expected a folder path, got base={base!r:.60}")
    options = None
    if fetch or allow_private:
        from govsocial.fetch import FetchOptions

        options = FetchOptions(allow_private=allow_private) if fetch else None
    return _run(
        post, policy, rules, source, base=Path(base) if base is not None else None, fetch=options
    )


def _run(
    post: Post,
    policy: Policy,
    rules: tuple[Rule, ...] | None,
    source: str | None,
    *,
    base: Path | None = None,
    fetch: FetchOptions | None = None,
) -> Report:
    from govsocial.rules.registry import all_rules

    ctx = Context(post, policy, base=base, fetch=fetch)
    findings: list[Finding] = []
    for r, severity in policy.plan(rules if rules is not None else all_rules()):
        for hit in r.check(ctx):
            sev = hit.severity if hit.severity is not None else severity
            if hit.severity is not None and severity.rank < r.severity.rank:
                sev = severity  # a policy that lowers a rule also lowers its sub-cases
            findings.append(
                Finding(
                    code=r.code,
                    rule=r.name,
                    severity=sev,
                    message=hit.message,
                    path=hit.path,
                    network=hit.network,
                    lang=hit.lang,
                    span=hit.span,
                    fix=hit.fix,
                )
            )
    return Report(findings, post_id=post.id, source=source, networks=post.networks)


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
    """Check several posts against one policy (validated once); options as :func:`check`."""
    if policy is not None and not isinstance(policy, Policy):
        policy = _policy_of(policy)
    sel = list(select) if select is not None else None
    ign = list(ignore) if ignore is not None else None
    return [
        check(
            p, policy, select=sel, ignore=ign, base=base, fetch=fetch, allow_private=allow_private
        )
        for p in posts
    ]
