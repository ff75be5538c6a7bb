"""Findings and reports (their renderings as text, JSON, SARIF, GitHub and GitLab are in
:mod:`govsocial.report_formats`).

A :class:`Finding` is a value: what is wrong, where (a JSON pointer into the post,
the span in that text, the network and language it concerns) and, where one
exists, a suggested fix.  A :class:`Report` holds the findings of one post, sorted
so that the same input always gives the same bytes.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from govsocial._frozen import assigning
from govsocial.errors import GovsocialError
from govsocial.locations import Region

if TYPE_CHECKING:
    from govsocial.locations import SourceMap

__all__ = [
    "DOCS_URL",
    "Finding",
    "FindingsError",
    "Region",
    "Report",
    "Severity",
    "rule_url",
]

#: Where the documentation site is published; rule pages and schemas live under it.
DOCS_URL = "https://govsocial.readthedocs.io/"


def rule_url(code: str) -> str:
    """The documentation page of rule `code` (the site build produces one per rule)."""
    return f"{DOCS_URL}rules/{code}/"


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
    region: Region | None = None
    suppression: str | None = None

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
        if self.region is not None:
            out["region"] = self.region.to_dict()
        if self.suppression is not None:
            out["suppression"] = self.suppression
        return out

    def fingerprint(self) -> str:
        """A hash that survives edits elsewhere in the file: code, pointer, network,
        language and the rule's message, not the line (SARIF ``partialFingerprints``)."""
        key = "\x1f".join((self.code, self.path, self.network or "", self.lang or "", self.message))
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


_FindingBuild = assigning(Finding)


def new_finding(
    code: str,
    severity: Severity,
    message: str,
    path: str,
    network: str | None,
    lang: str | None,
    span: tuple[int, int] | None,
    fix: str | None,
    rule: str,
    region: Region | None = None,
    suppression: str | None = None,
) -> Finding:
    """``Finding(...)`` with every field given, built without the class call (the
    engine's own values; see :mod:`govsocial._frozen`)."""
    f: Any = object.__new__(_FindingBuild)
    f.code = code
    f.severity = severity
    f.message = message
    f.path = path
    f.network = network
    f.lang = lang
    f.span = span
    f.fix = fix
    f.rule = rule
    f.region = region
    f.suppression = suppression
    f.__class__ = Finding
    out: Finding = f
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
    found = list(findings)
    keys = [f.sort_key() for f in found]
    if len(set(keys)) == len(keys):
        # No two keys alike (the usual case), so no two findings alike either (a key is
        # made of fields): the same order as below, without hashing every finding
        # (attrs' __hash__ and the Severity's own, both in Python).
        return tuple([found[i] for i in sorted(range(len(keys)), key=keys.__getitem__)])
    return tuple(sorted(set(found), key=Finding.sort_key))


@attrs.frozen
class Report:
    """The findings of one post, sorted (path, span, code, network, language, message).

    `suppressed` holds the findings the post's own ``ignore`` list accepted, each with
    its reason: they count for nothing but are always reported.  `file` is the file the
    post came from (`source` adds ``[index]`` for a post inside an array) and `policy`
    the policy file it was checked with.
    """

    findings: tuple[Finding, ...] = attrs.field(converter=_sorted_findings)
    post_id: str | None = None
    source: str | None = None
    networks: tuple[str, ...] = ()
    suppressed: tuple[Finding, ...] = attrs.field(default=(), converter=_sorted_findings)
    file: str | None = None
    policy: str | None = None

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

    def located(self, source_map: SourceMap) -> Report:
        """This report with the file region of every finding (and suppressed finding)."""

        def place(f: Finding) -> Finding:
            return attrs.evolve(f, region=source_map.region(f.path, f.span))

        return attrs.evolve(
            self,
            findings=tuple(place(f) for f in self.findings),
            suppressed=tuple(place(f) for f in self.suppressed),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data following ``schemas/report.schema.json``."""
        return {
            "post_id": self.post_id,
            "source": self.source,
            "file": self.file,
            "policy": self.policy,
            "networks": list(self.networks),
            "summary": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [f.to_dict() for f in self.suppressed],
        }


_ReportBuild = assigning(Report)


def new_report(
    findings: list[Finding],
    post_id: str | None,
    source: str | None,
    networks: tuple[str, ...],
    suppressed: list[Finding],
    file: str | None,
    policy: str | None,
) -> Report:
    """``Report(findings, ...)`` with every field given, built without the class call
    (see :mod:`govsocial._frozen`); the findings are sorted as the class's converter
    sorts them."""
    r: Any = object.__new__(_ReportBuild)
    r.findings = _sorted_findings(findings) if len(findings) > 1 else tuple(findings)
    r.post_id = post_id
    r.source = source
    r.networks = networks
    r.suppressed = _sorted_findings(suppressed) if suppressed else ()
    r.file = file
    r.policy = policy
    r.__class__ = Report
    out: Report = r
    return out
