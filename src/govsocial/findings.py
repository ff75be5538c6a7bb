"""Findings and reports, and their text, JSON and SARIF renderings.

A :class:`Finding` is a value: what is wrong, where (a JSON pointer into the post,
the span in that text, the network and language it concerns) and, where one
exists, a suggested fix.  A :class:`Report` holds the findings of one post, sorted
so that the same input always gives the same bytes.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govsocial.errors import GovsocialError

__all__ = [
    "Finding",
    "FindingsError",
    "Report",
    "Severity",
    "render_json",
    "render_sarif",
    "render_text",
]


class Severity(enum.Enum):
    """How serious a finding is; ``error`` blocks publication by default."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@attrs.frozen
class Finding:
    """One problem found in a post."""

    code: str
    severity: Severity
    message: str
    path: str
    network: str | None = None
    lang: str | None = None
    span: tuple[int, int] | None = None
    fix: str | None = None
    rule: str = ""

    def sort_key(self) -> tuple[Any, ...]:
        span = self.span or (-1, -1)
        return (self.path, span, self.code, self.network or "", self.lang or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "network": self.network,
            "lang": self.lang,
            "span": list(self.span) if self.span is not None else None,
        }
        if self.fix is not None:
            out["fix"] = self.fix
        return out


class FindingsError(GovsocialError):
    """Raised by :meth:`Report.raise_for_findings`: the report has findings at or above a level."""

    def __init__(self, report: Report, level: Severity) -> None:
        self.report = report
        self.level = level
        worst = [f for f in report.findings if f.severity.rank >= level.rank]
        super().__init__(
            f"{len(worst)} finding(s) at or above {level.value}: "
            + "; ".join(f"{f.code} {f.path}: {f.message}" for f in worst[:5])
        )


def _sorted_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(set(findings), key=Finding.sort_key))


@attrs.frozen
class Report:
    """The findings of one post, sorted (path, span, code, network, language, message)."""

    findings: tuple[Finding, ...] = attrs.field(converter=_sorted_findings)
    post_id: str | None = None
    source: str | None = None
    networks: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No error-level finding."""
        return not self.at_least(Severity.ERROR)

    def at_least(self, level: Severity) -> tuple[Finding, ...]:
        """Findings at or above `level`."""
        return tuple(f for f in self.findings if f.severity.rank >= level.rank)

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def raise_for_findings(self, level: Severity = Severity.ERROR) -> None:
        """Raise :class:`FindingsError` if any finding is at or above `level` (opt-in)."""
        if self.at_least(level):
            raise FindingsError(self, level)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data following ``schemas/report.schema.json``."""
        return {
            "post_id": self.post_id,
            "source": self.source,
            "networks": list(self.networks),
            "summary": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }


def render_json(reports: Sequence[Report]) -> str:
    """One JSON document: ``{"govsocial": version, "reports": [...]}``; stable bytes."""
    from govsocial._version import __version__

    doc = {"govsocial": __version__, "reports": [r.to_dict() for r in reports]}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def render_text(reports: Sequence[Report], *, show_fix: bool = True) -> str:
    """Human-readable lines: ``file:/path [network/lang] CODE severity: message``."""
    lines: list[str] = []
    totals = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        name = report.source or report.post_id or "<post>"
        for f in report.findings:
            totals[f.severity.value] += 1
            where = f.path
            if f.span is not None:
                where += f"[{f.span[0]}:{f.span[1]}]"
            tags = "/".join(t for t in (f.network, f.lang) if t)
            tag = f" ({tags})" if tags else ""
            lines.append(f"{name}:{where}{tag}: {f.code} {f.severity.value}: {f.message}")
            if show_fix and f.fix:
                lines.append(f"    fix: {f.fix}")
    n = len(reports)
    lines.append(
        f"{n} post{'s' if n != 1 else ''} checked: {totals['error']} error(s), "
        f"{totals['warning']} warning(s), {totals['info']} info"
    )
    return "\n".join(lines) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(reports: Sequence[Report], rules: Iterable[Any]) -> str:
    """SARIF 2.1.0: one run, every rule in the driver, one result per finding.

    The artifact is the post file and the logical location the JSON pointer; the
    span (offsets into the text at that pointer, not into the file) is in the
    result's properties.
    """
    from govsocial._version import __version__

    rule_list = sorted(rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rule_list)}
    results = []
    for report in reports:
        for f in report.findings:
            location: dict[str, Any] = {
                "logicalLocations": [
                    {"fullyQualifiedName": f.path, "kind": "member", "name": f.path}
                ]
            }
            if report.source:
                location["physicalLocation"] = {
                    "artifactLocation": {"uri": report.source.split("[", 1)[0]}
                }
            result: dict[str, Any] = {
                "ruleId": f.code,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [location],
                "properties": {
                    "path": f.path,
                    "network": f.network,
                    "lang": f.lang,
                    "span": list(f.span) if f.span else None,
                    "postId": report.post_id,
                },
            }
            if f.code in index:
                result["ruleIndex"] = index[f.code]
            if f.fix:
                result["properties"]["fix"] = f.fix
            results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govsocial",
                        "version": __version__,
                        "informationUri": "https://github.com/govsocial/govsocial",
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.why},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                                "helpUri": f"https://govsocial.readthedocs.io/rules/#{r.code.lower()}",
                            }
                            for r in rule_list
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
