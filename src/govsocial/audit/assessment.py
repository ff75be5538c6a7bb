"""The plan's promises checked against an account's totals: stable codes, one issue each.

Each :class:`PlanIssue` has a code (``AU1xx``), a severity and a message that says
what was measured against what the plan promised.  The codes are listed in
:data:`PLAN_CHECKS` (and in docs/audit.md): they are as stable as the rule codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from govsocial.audit.metrics import Day
from govsocial.plan import AccountRegistry, PublishingPlan

__all__ = ["PLAN_CHECKS", "PlanIssue", "Period", "assess_account", "periods_of"]

#: code -> (name, severity, what it checks)
PLAN_CHECKS: Mapping[str, tuple[str, str, str]] = {
    "AU101": ("too-few-posts", "warning", "Posts per day or week below the plan's minimum."),
    "AU102": ("too-many-posts", "warning", "Posts per day or week above the plan's maximum."),
    "AU103": ("silence", "error", "A gap without posts longer than the plan's max_silence."),
    "AU104": ("language-share", "warning", "A language's share of posts outside the plan."),
    "AU105": (
        "first-language",
        "warning",
        "Multilingual posts that lead with another language than the plan's first_language.",
    ),
    "AU106": ("repost-share", "warning", "The share of reposts outside the plan."),
    "AU107": ("outside-hours", "info", "Posts published outside the plan's publishing hours."),
    "AU108": (
        "electoral-period",
        "warning",
        "Posts published inside an electoral period (LOREG art. 50), other than allowed kinds.",
    ),
    "AU109": ("unregistered-account", "warning", "An account that is not in the registry."),
    "AU110": (
        "no-posts",
        "error",
        "A registry account with a handle on a network and no post there.",
    ),
    "AU111": ("handle-rule", "warning", "A handle that breaks the registry's handle rules."),
    "AU112": (
        "language-mismatch",
        "warning",
        "Posts whose text is not in the language it claims (pre-publish rule GS301).",
    ),
}


@attrs.frozen
class PlanIssue:
    """One promise of the plan not kept by one account on one network."""

    code: str
    account: str
    network: str
    message: str

    @property
    def name(self) -> str:
        return PLAN_CHECKS[self.code][0]

    @property
    def severity(self) -> str:
        return PLAN_CHECKS[self.code][1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "account": self.account,
            "network": self.network,
            "message": self.message,
        }


@attrs.frozen
class Period:
    """One reporting period (a calendar month or an ISO week), clipped to the audit's range."""

    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return self.start.isoformat()


def periods_of(first: dt.date, last: dt.date, unit: str) -> list[Period]:
    """The months (or ISO weeks) from `first` to `last`, each clipped to that range."""
    out: list[Period] = []
    day = first
    while day <= last:
        if unit == "week":
            end = day + dt.timedelta(days=6 - day.weekday())
        else:
            nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            end = nxt - dt.timedelta(days=1)
        end = min(end, last)
        out.append(Period(day, end))
        day = end + dt.timedelta(days=1)
    return out


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def assess_account(
    account: str,
    network: str,
    total: Day,
    period_posts: list[int],
    ordinals: list[int],
    plan: PublishingPlan | None,
    periods: list[Period],
    *,
    first: dt.date,
    last: dt.date,
) -> list[PlanIssue]:
    """The issues of one account on one network over the audit's range.

    `total` sums its counts over the range, `period_posts` counts its posts in each of
    `periods`, and `ordinals` are the days it published on (``date.toordinal()``), sorted.
    """
    issues: list[PlanIssue] = []

    def issue(code: str, message: str) -> None:
        issues.append(PlanIssue(code, account, network, message))

    own = total.posts - total.reposts
    if plan is not None:
        freq = plan.frequency.get(network)
        if freq is not None:
            low: list[str] = []
            high: list[str] = []
            for p, posts in zip(periods, period_posts, strict=True):
                rate = posts / p.days * freq.days
                if freq.min is not None and rate < freq.min:
                    low.append(f"{p.label} {rate:.1f}")
                if freq.max is not None and rate > freq.max:
                    high.append(f"{p.label} {rate:.1f}")
            if low:
                issue(
                    "AU101",
                    f"{len(low)} of {len(periods)} periods below the plan's {freq.describe()} "
                    f"(posts a {freq.per}: {', '.join(low[:6])}{' …' if len(low) > 6 else ''})",
                )
            if high:
                issue(
                    "AU102",
                    f"{len(high)} of {len(periods)} periods above the plan's {freq.describe()} "
                    f"(posts a {freq.per}: {', '.join(high[:6])}{' …' if len(high) > 6 else ''})",
                )
        if plan.max_silence is not None:
            limit = plan.max_silence.total_seconds() / 86400
            gaps = []
            previous = first.toordinal() - 1
            for ordinal in [*ordinals, last.toordinal() + 1]:
                gap = ordinal - previous - 1
                if gap > limit:
                    gaps.append(
                        (dt.date.fromordinal(previous + 1), dt.date.fromordinal(ordinal - 1), gap)
                    )
                previous = ordinal
            if gaps:
                longest = max(gaps, key=lambda g: g[2])
                trailing = gaps[-1][1] == last
                issue(
                    "AU103",
                    f"{len(gaps)} silence(s) longer than {limit:g} days; the longest "
                    f"{longest[2]} days ({longest[0]} to {longest[1]})"
                    + (f"; nothing published since {gaps[-1][0]}" if trailing else ""),
                )
        if own:
            for lang, share_range in sorted(plan.languages.items()):
                share = _share(total.langs.get(lang, 0), own)
                if not share_range.contains(share):
                    issue(
                        "AU104",
                        f"{share:.0%} of posts carry {lang!r}; the plan expects "
                        f"{share_range.describe()}",
                    )
            if plan.first_language is not None:
                other = sum(n for lang, n in total.lead.items() if lang != plan.first_language)
                if other:
                    issue(
                        "AU105",
                        f"{other} of {own} posts lead with another language than "
                        f"{plan.first_language!r}",
                    )
        if plan.reposts is not None and total.posts:
            share = _share(total.reposts, total.posts)
            if not plan.reposts.contains(share):
                issue(
                    "AU106",
                    f"reposts are {share:.0%} of posts; the plan expects {plan.reposts.describe()}",
                )
        if total.outside_hours and plan.hours is not None:
            start, end = plan.hours
            issue(
                "AU107",
                f"{total.outside_hours} of {total.posts} posts outside the publishing hours "
                f"{start:%H:%M}-{end:%H:%M}",
            )
    if total.electoral:
        issue("AU108", f"{total.electoral} posts published inside an electoral period")
    if total.mismatched:
        issue(
            "AU112",
            f"{total.mismatched} posts with a text that is not in the language it claims (GS301)",
        )
    return issues


def registry_issues(
    registry: AccountRegistry | None, seen: set[tuple[str, str]]
) -> list[PlanIssue]:
    """Accounts not in the registry, registry accounts with no posts, handle-rule breaches.

    `seen` holds the (account, network) pairs that published, accounts named as the
    posts name them (registry id or handle).
    """
    if registry is None:
        return []
    issues: list[PlanIssue] = []
    known: set[tuple[str, str]] = set()
    for account, network in sorted(seen):
        found = registry.find(network, account)
        if found is None:
            issues.append(
                PlanIssue("AU109", account, network, f"{account!r} is not in the accounts registry")
            )
        else:
            known.add((found.id, network))
    for acc in registry.accounts:
        for network, handle in sorted(acc.handles.items()):
            if (acc.id, network) not in known:
                issues.append(
                    PlanIssue(
                        "AU110",
                        acc.id,
                        network,
                        f"no post from @{handle} on {network} in the audited range",
                    )
                )
            for breach in registry.handle_rules.breaches(handle):
                issues.append(PlanIssue("AU111", acc.id, network, f"handle @{handle} {breach}"))
    return issues
