"""The audit's result: per account and network, against the plan; as a dict or as text.

:func:`build_report` turns merged :class:`~govsocial.audit.metrics.AuditState`
totals into an :class:`AuditReport`, whose :meth:`~AuditReport.to_dict` follows
``schemas/audit.schema.json``.  Everything is sorted: the same posts give the same
bytes whatever order or split they were read in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

import attrs

from govsocial.audit.assessment import (
    PLAN_CHECKS,
    Period,
    assess_account,
    periods_of,
    registry_issues,
)
from govsocial.audit.metrics import AuditState, Day, Sample
from govsocial.plan import PublishingPlan
from govsocial.policy import Policy

__all__ = ["AuditReport", "build_report", "render_text"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@attrs.frozen
class AuditReport:
    """The audit of many published posts against a policy's plan (see ``to_dict``)."""

    data: Mapping[str, Any]

    @property
    def issues(self) -> list[dict[str, Any]]:
        return [i for a in self.data["accounts"] for i in a["issues"]] + list(
            self.data["registry_issues"]
        )

    def at_least(self, severity: str) -> bool:
        """Whether any plan issue, pre-publish finding or unreadable line reaches `severity`."""
        limit = _SEVERITY_ORDER[severity]
        if any(_SEVERITY_ORDER[i["severity"]] <= limit for i in self.issues):
            return True
        return any(
            _SEVERITY_ORDER[r["severity"]] <= limit for r in self.data["findings"]["by_rule"]
        )

    def to_dict(self) -> dict[str, Any]:
        import copy

        return copy.deepcopy(dict(self.data))


def _period_row(p: Period, total: Day) -> dict[str, Any]:
    own = total.posts - total.reposts
    return {
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "days": p.days,
        "posts": total.posts,
        "posts_per_day": round(total.posts / p.days, 4),
        "reposts": total.reposts,
        "outside_hours": total.outside_hours,
        "electoral": total.electoral,
        "mismatched": total.mismatched,
        "language_share": {k: round(v / own, 4) for k, v in sorted(total.langs.items()) if own},
    }


def _sums(
    days: Mapping[int, list[int]], periods: list[Period], first: int, last: int
) -> tuple[list[int], list[list[int]], list[int]]:
    """One profile's rows from day `first` to `last` (ordinals): their sum, their sum in each
    period (the periods are in order) and the days that have one, sorted."""
    ordinals = sorted(o for o in days if first <= o <= last)
    sums: list[list[int]] = []
    lo = 0
    for p in periods:
        hi = bisect.bisect_right(ordinals, p.end.toordinal(), lo)
        sums.append(_column_sums([days[o] for o in ordinals[lo:hi]]))
        lo = hi
    rest = [days[o] for o in ordinals[lo:]]  # none when the periods cover the range
    return _column_sums([*sums, *rest]), sums, ordinals


def _column_sums(rows: list[list[int]]) -> list[int]:
    return [sum(column) for column in itertools.zip_longest(*rows, fillvalue=0)]


def _plan_row(plan: PublishingPlan | None, network: str) -> dict[str, Any] | None:
    """What the plan promises this profile, as the report (and its charts) show it."""
    if plan is None:
        return None
    freq = plan.frequency.get(network)
    return {
        "frequency": (
            {"per": freq.per, "min": freq.min, "max": freq.max} if freq is not None else None
        ),
        "languages": {
            lang: {"min": s.min, "max": s.max} for lang, s in sorted(plan.languages.items())
        },
        "max_silence_days": (
            plan.max_silence.total_seconds() / 86400 if plan.max_silence is not None else None
        ),
    }


def _sample(state: AuditState, s: Sample) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": s.source,
        "line": state.file_line(s),
        "code": s.code,
        "severity": s.severity,
        "message": s.message,
    }
    if s.code != "invalid":
        out.update(
            account=s.account,
            network=s.network,
            published_at=s.published_at,
            path=s.path,
            id=s.post_id or None,
            url=s.url or None,
        )
    return out


def build_report(
    state: AuditState,
    policy: Policy,
    *,
    period: str = "month",
    since: dt.date | None = None,
    until: dt.date | None = None,
    responsiveness: Mapping[str, Any] | None = None,
) -> AuditReport:
    """Assess merged totals against the policy's plan and registry."""
    lows = [min(days) for days in state.days.values() if days]
    highs = [max(days) for days in state.days.values() if days]
    first = since or (dt.date.fromordinal(min(lows)) if lows else None)
    last = until or (dt.date.fromordinal(max(highs)) if highs else None)
    periods = periods_of(first, last, period) if first and last and first <= last else []
    lo = first.toordinal() if first is not None else 0
    hi = last.toordinal() if last is not None else dt.date.max.toordinal()
    registry = policy.accounts
    columns = state.columns
    accounts: list[dict[str, Any]] = []
    for (account, network), days in sorted(state.days.items()):
        row, period_rows, ordinals = _sums(days, periods, lo, hi)
        total = Day.from_row(row, columns)
        period_totals = [Day.from_row(r, columns) for r in period_rows]
        found = registry.find(network, account) if registry is not None else None
        plan = (found.plan if found is not None and found.plan is not None else None) or policy.plan
        issues = (
            assess_account(
                account,
                network,
                total,
                [d.posts for d in period_totals],
                ordinals,
                plan,
                periods,
                first=first,
                last=last,
            )
            if first and last
            else []
        )
        own = total.posts - total.reposts
        dates = (
            [dt.date.fromordinal(ordinals[0]), dt.date.fromordinal(ordinals[-1])]
            if ordinals
            else []
        )
        worst = min((_SEVERITY_ORDER[PLAN_CHECKS[i.code][1]] for i in issues), default=3)
        status = (
            "abandoned"
            if any(i.code == "AU103" and "since" in i.message for i in issues)
            else ({0: "error", 1: "warning", 2: "info", 3: "ok"}[worst])
        )
        accounts.append(
            {
                "account": account,
                "network": network,
                "registered": found is not None if registry is not None else None,
                "name": found.name if found is not None else None,
                "unit": found.unit if found is not None else None,
                "handle": found.handles.get(network) if found is not None else None,
                "status": status,
                "posts": total.posts,
                "reposts": total.reposts,
                "first_post": dates[0].isoformat() if dates else None,
                "last_post": dates[-1].isoformat() if dates else None,
                "outside_hours": total.outside_hours,
                "electoral": total.electoral,
                "mismatched": total.mismatched,
                "language_share": {
                    k: round(v / own, 4) for k, v in sorted(total.langs.items()) if own
                },
                "lead_share": {k: round(v / own, 4) for k, v in sorted(total.lead.items()) if own},
                "engagement": dict(sorted(total.engagement.items())),
                "hours": list(state.hours.get((account, network), [0] * 24)),
                "plan": _plan_row(plan, network),
                "periods": [_period_row(p, t) for p, t in zip(periods, period_totals, strict=True)],
                "issues": [i.to_dict() for i in issues],
            }
        )
    reg_issues = registry_issues(registry, set(state.days))
    by_rule: dict[tuple[str, str], int] = {}
    by_account: dict[str, dict[str, int]] = {}
    for (account, code, severity), n in sorted(state.findings.items()):
        by_rule[(code, severity)] = by_rule.get((code, severity), 0) + n
        by_account.setdefault(account, {})
        by_account[account][code] = by_account[account].get(code, 0) + n
    data: dict[str, Any] = {
        "version": 1,
        "policy": policy.name or policy.source or "",
        "period": period,
        "range": {
            "from": first.isoformat() if first else None,
            "to": last.isoformat() if last else None,
        },
        "posts": state.posts,
        "checked": state.checked,
        "invalid_lines": state.invalid_count,
        "summary": {
            "accounts": len({a for a, _ in state.days}),
            "profiles": len(state.days),
            "with_errors": sum(1 for a in accounts if a["status"] in ("error", "abandoned")),
            "issues": dict(
                sorted(
                    _count(
                        [i["code"] for a in accounts for i in a["issues"]]
                        + [i.code for i in reg_issues]
                    ).items()
                )
            ),
        },
        "accounts": accounts,
        "registry_issues": [i.to_dict() for i in reg_issues],
        "findings": {
            "by_rule": [
                {"code": code, "severity": sev, "count": n}
                for (code, sev), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "by_account": {a: dict(sorted(c.items())) for a, c in sorted(by_account.items())},
            "worst": [_sample(state, s) for s in state.worst],
        },
        "invalid": [_sample(state, s) for s in state.invalid],
        "responsiveness": dict(responsiveness) if responsiveness is not None else None,
    }
    return AuditReport(data)


def _count(items: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


def _issue_line(i: Mapping[str, Any]) -> str:
    return f"  {i['code']} {i['severity']:<7} {i['account']} on {i['network']}: {i['message']}"


def render_text(report: AuditReport) -> str:
    """A terminal summary: the range, one line per profile, then every issue."""
    d = report.data
    lines = [
        f"Audit of {d['posts']} posts ({d['range']['from']} to {d['range']['to']}) against "
        f"{d['policy'] or 'the policy'}",
        "",
        f"{'account':<24} {'network':<10} {'status':<9} {'posts':>7} {'/day':>6}  languages",
    ]
    for a in d["accounts"]:
        days = sum(p["days"] for p in a["periods"]) or 1
        langs = " ".join(f"{k} {v:.0%}" for k, v in a["language_share"].items())
        lines.append(
            f"{a['account'][:24]:<24} {a['network']:<10} {a['status']:<9} {a['posts']:>7} "
            f"{a['posts'] / days:>6.2f}  {langs}"
        )
    issues = sorted(
        report.issues,
        key=lambda i: (_SEVERITY_ORDER[i["severity"]], i["account"], i["network"], i["code"]),
    )
    lines += ["", f"Plan issues: {len(issues)}"]
    lines += [_issue_line(i) for i in issues]
    by_rule = d["findings"]["by_rule"]
    if d["checked"]:
        lines += ["", "Pre-publish findings by rule:"]
        lines += [f"  {r['code']} {r['severity']:<7} {r['count']}" for r in by_rule] or ["  none"]
    if d["responsiveness"] is not None:
        r = d["responsiveness"]
        rate = r.get("response_rate")
        lines += [
            "",
            f"Responsiveness: {r.get('answered')} of {r.get('received')} answered"
            + (f" ({rate:.0%})" if rate is not None else ""),
        ]
    if d["invalid_lines"]:
        lines += ["", f"Unreadable lines: {d['invalid_lines']} (not counted)"]
        lines += [f"  {s['source']}:{s['line']}: {s['message']}" for s in d["invalid"]]
    return "\n".join(lines) + "\n"
