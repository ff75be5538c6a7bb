"""Reports rendered for their readers: a terminal, JSON, SARIF 2.1.0, GitHub workflow
annotations and GitLab code quality.  Every rendering is sorted and stable: the same
reports give the same bytes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from govsocial.findings import DOCS_URL, Finding, Report, Severity, rule_url

__all__ = ["render_github", "render_gitlab", "render_json", "render_sarif", "render_text"]


def render_json(reports: Sequence[Report], *, notes: Sequence[str] = ()) -> str:
    """One JSON document: ``{"govsocial": version, "notes": [...], "reports": [...]}``.

    `notes` says what the run itself should tell (e.g. that no policy was found).
    Stable bytes for the same input.
    """
    from govsocial._version import __version__

    doc = {
        "govsocial": __version__,
        "notes": list(notes),
        "reports": [r.to_dict() for r in reports],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _file_of(report: Report) -> str:
    return report.file or report.source or report.post_id or "<post>"


def _where(report: Report, f: Finding) -> str:
    """``file:line:col`` when the finding is placed in its file, else ``file:/pointer``."""
    name = _file_of(report)
    if f.region is not None:
        return f"{name}:{f.region.start_line}:{f.region.start_column}"
    where = f.path
    if f.span is not None:
        where += f"[{f.span[0]}:{f.span[1]}]"
    return f"{report.source or name}:{where}"


def render_text(reports: Sequence[Report], *, show_fix: bool = True) -> str:
    """One line per finding, ``file:line:col: CODE message [severity network/lang]``.

    ``file:line:col`` is the convention editors and terminals turn into a link.
    Suppressed findings are counted in the last line.
    """
    lines: list[str] = []
    totals = {"error": 0, "warning": 0, "info": 0}
    suppressed = 0
    for report in reports:
        suppressed += len(report.suppressed)
        for f in report.findings:
            totals[f.severity.value] += 1
            tags = " ".join(
                t for t in (f.severity.value, "/".join(x for x in (f.network, f.lang) if x)) if t
            )
            lines.append(f"{_where(report, f)}: {f.code} {f.message} [{tags}]")
            if show_fix and f.fix:
                lines.append(f"    fix: {f.fix}")
    n = len(reports)
    tail = f", {suppressed} suppressed" if suppressed else ""
    lines.append(
        f"{n} post{'s' if n != 1 else ''} checked: {totals['error']} error(s), "
        f"{totals['warning']} warning(s), {totals['info']} info{tail}"
    )
    return "\n".join(lines) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[Report]) -> str:
    """GitHub Actions workflow commands, one annotation per finding.

    ``::error file=F,line=L,col=C,endLine=…,endColumn=…,title=GS201 too-long::message``;
    values escaped as the runner expects (``%``, CR, LF, and ``:`` ``,`` in properties).
    """
    lines: list[str] = []
    for report in reports:
        name = _file_of(report)
        for f in report.findings:
            props = [f"file={_gh_property(name)}"]
            if f.region is not None:
                r = f.region
                props += [
                    f"line={r.start_line}",
                    f"col={r.start_column}",
                    f"endLine={r.end_line}",
                    f"endColumn={r.end_column}",
                ]
            props.append(f"title={_gh_property(f'{f.code} {f.rule}'.strip())}")
            tags = "/".join(t for t in (f.network, f.lang) if t)
            message = f"{f.message} ({tags})" if tags else f.message
            if f.fix:
                message += f"\nfix: {f.fix}"
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_gh_data(message)}")
    return "".join(line + "\n" for line in lines)


_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render_gitlab(reports: Sequence[Report]) -> str:
    """GitLab's code quality report (a JSON array of Code Climate issues)."""
    issues: list[dict[str, Any]] = []
    prints = _fingerprints(reports)
    for ri, report in enumerate(reports):
        name = _file_of(report)
        for fi, f in enumerate(report.findings):
            location: dict[str, Any] = {"path": name}
            if f.region is not None:
                location["positions"] = {
                    "begin": {"line": f.region.start_line, "column": f.region.start_column},
                    "end": {"line": f.region.end_line, "column": f.region.end_column},
                }
            else:
                location["lines"] = {"begin": 1}
            tags = "/".join(t for t in (f.network, f.lang) if t)
            issues.append(
                {
                    "type": "issue",
                    "check_name": f.code,
                    "description": f"{f.code} {f.message}" + (f" ({tags})" if tags else ""),
                    "categories": ["Style"],
                    "severity": _GITLAB_SEVERITY[f.severity],
                    "fingerprint": prints[(ri, fi, False)],
                    "location": location,
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _fingerprints(reports: Sequence[Report]) -> dict[tuple[int, int, bool], str]:
    """A stable, unique fingerprint per finding: its file, :meth:`Finding.fingerprint`
    and, for findings that would share one, their order of occurrence."""
    out: dict[tuple[int, int, bool], str] = {}
    seen: dict[str, int] = {}
    for ri, report in enumerate(reports):
        name = _file_of(report)
        for suppressed, findings in ((False, report.findings), (True, report.suppressed)):
            for fi, f in enumerate(findings):
                base = f"{name}\x1f{report.source or ''}\x1f{f.fingerprint()}"
                n = seen.get(base, 0)
                seen[base] = n + 1
                out[(ri, fi, suppressed)] = hashlib.sha256(
                    f"{base}\x1f{n}".encode("utf-8", "surrogatepass")
                ).hexdigest()
    return out


def _uri(name: str) -> str:
    """A file name as a SARIF artifact URI: relative names stay relative (code scanning
    resolves them against the repository), percent-encoded; absolute ones become file URIs."""
    import pathlib
    import urllib.parse

    for flavour in (pathlib.PurePosixPath, pathlib.PureWindowsPath):
        path = flavour(name)
        if path.is_absolute():
            return path.as_uri()
    return urllib.parse.quote(name.replace("\\", "/"))


def render_sarif(reports: Sequence[Report], rules: Iterable[Any]) -> str:
    """SARIF 2.1.0: one run, every rule in the driver, one result per finding.

    Each result names the post file with the ``region`` of the finding (lines and
    columns counted in code points: the run's ``columnKind`` is ``unicodeCodePoints``)
    and the JSON pointer as a logical location; ``partialFingerprints`` keep an alert
    the same alert when lines move.  Suppressed findings are results with
    ``suppressions`` (kind ``inSource``, the post's reason as justification).
    """
    from govsocial._version import __version__

    rule_list = sorted(rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rule_list)}
    prints = _fingerprints(reports)
    results = []
    for ri, report in enumerate(reports):
        name = _file_of(report)
        for suppressed, findings in ((False, report.findings), (True, report.suppressed)):
            for fi, f in enumerate(findings):
                physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(name)}}
                if f.region is not None:
                    physical["region"] = {
                        "startLine": f.region.start_line,
                        "startColumn": f.region.start_column,
                        "endLine": f.region.end_line,
                        "endColumn": f.region.end_column,
                    }
                location: dict[str, Any] = {
                    "physicalLocation": physical,
                    "logicalLocations": [
                        {"fullyQualifiedName": f.path, "kind": "member", "name": f.path}
                    ],
                }
                result: dict[str, Any] = {
                    "ruleId": f.code,
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [location],
                    "partialFingerprints": {"govsocialFinding/v1": prints[(ri, fi, suppressed)]},
                    "properties": {
                        "path": f.path,
                        "network": f.network,
                        "lang": f.lang,
                        "span": list(f.span) if f.span else None,
                        "postId": report.post_id,
                        "source": report.source,
                    },
                }
                if f.code in index:
                    result["ruleIndex"] = index[f.code]
                if f.fix:
                    result["properties"]["fix"] = f.fix
                if suppressed:
                    result["suppressions"] = [
                        {"kind": "inSource", "justification": f.suppression or ""}
                    ]
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
                        "informationUri": DOCS_URL,
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.why},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                                "helpUri": rule_url(r.code),
                            }
                            for r in rule_list
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
