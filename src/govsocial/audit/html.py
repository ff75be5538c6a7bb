"""The audit as one self-contained HTML page: a table of profiles, charts, the worst findings.

Charts are drawn by matplotlib as inline SVG (``govsocial[audit]``): the page makes no
request of any kind when opened (no script, font, style sheet or image from outside),
so it can be mailed, archived or opened offline.  Output is deterministic: SVG ids
are salted with a constant and the SVG carries no date.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from typing import Any

from govsocial.audit.report import AuditReport
from govsocial.errors import UsageError

__all__ = ["render_html"]

#: How many profiles get charts (the worst first); the table lists them all.
CHARTED_PROFILES = 24

_STATUS_ORDER = {"abandoned": 0, "error": 1, "warning": 2, "info": 3, "ok": 4}
_LANG_COLOURS = {
    "ca": "#c0392b",
    "es": "#e6a700",
    "eu": "#1e8449",
    "gl": "#2e86c1",
    "oc": "#8e44ad",
    "en": "#566573",
}
_OTHER_COLOURS = ["#16a085", "#d35400", "#7f8c8d", "#2c3e50", "#a04000"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c2833;background:#f4f6f7}
header{background:#1c2833;color:#fff;padding:1.2rem 2rem}
header h1{margin:0 0 .3rem;font-size:1.4rem}
main{padding:1rem 2rem;max-width:1300px}
section{background:#fff;border-radius:6px;padding:1rem 1.2rem;margin:1rem 0;box-shadow:0 1px 2px #0002}
h2{font-size:1.1rem;margin:.2rem 0 .8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e8e8;vertical-align:top}
th{background:#f8f9f9}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.8rem;color:#fff}
.ok{background:#1e8449}.info{background:#2e86c1}.warning{background:#b9770e}.error,.abandoned{background:#b03a2e}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{background:#fff;border-radius:6px;padding:.7rem 1rem;box-shadow:0 1px 2px #0002;min-width:9rem}
.card b{display:block;font-size:1.5rem}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}
svg{max-width:100%;height:auto}
ul.issues{margin:.3rem 0;padding-left:1.2rem}
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=72)


def _svg(fig: Any) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "govsocial", "font.size": 9}
    ):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _colour(lang: str, langs: Sequence[str]) -> str:
    if lang in _LANG_COLOURS:
        return _LANG_COLOURS[lang]
    return _OTHER_COLOURS[langs.index(lang) % len(_OTHER_COLOURS)]


def _frequency_chart(profile: Mapping[str, Any]) -> str:
    periods = profile["periods"]
    fig = _figure(5.2, 2.1)
    ax = fig.add_subplot()
    labels = [p["start"][:7] if len(periods) <= 14 else p["start"][5:10] for p in periods]
    values = [p["posts_per_day"] for p in periods]
    ax.bar(range(len(values)), values, color="#2e86c1")
    freq = (profile.get("plan") or {}).get("frequency")
    if freq is not None:
        per = 1 if freq["per"] == "day" else 7
        low = freq["min"] / per if freq["min"] is not None else 0.0
        high = freq["max"] / per if freq["max"] is not None else max([*values, low]) * 1.1
        ax.axhspan(low, high, color="#1e8449", alpha=0.12, label="plan")
        ax.legend(loc="upper right", fontsize=7, frameon=False)
        # the band may reach far above what was published: keep the bars readable
        ax.set_ylim(0, max([*values, low, 0.1]) * 1.5)
    ax.set_ylabel("posts a day")
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _language_chart(profile: Mapping[str, Any]) -> str:
    periods = profile["periods"]
    langs = sorted({lang for p in periods for lang in p["language_share"]})
    fig = _figure(5.2, 2.1)
    ax = fig.add_subplot()
    xs = range(len(periods))
    for n, lang in enumerate(langs):
        ax.plot(
            xs,
            # a period with no post of its own has no mix: a gap, not a fall to 0 %
            [
                p["language_share"].get(lang, 0.0) * 100 if p["language_share"] else float("nan")
                for p in periods
            ],
            marker="o",
            markersize=3,
            label=lang,
            color=_colour(lang, langs),
            linewidth=3.5 - 1.2 * min(n, 2),  # equal shares stay visible one over the other
            linestyle="-" if n == 0 else "--",
        )
    ax.set_ylim(0, 105)
    ax.set_ylabel("% of posts")
    ax.set_xticks(list(xs))
    labels = [p["start"][:7] if len(periods) <= 14 else p["start"][5:10] for p in periods]
    ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=7)
    if langs:
        ax.legend(loc="lower left", fontsize=7, frameon=False, ncol=len(langs))
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _bar_chart(labels: Sequence[str], values: Sequence[float], xlabel: str, colour: str) -> str:
    fig = _figure(6.5, max(1.6, 0.28 * len(labels) + 0.6))
    ax = fig.add_subplot()
    ax.barh(range(len(values)), values, color=colour)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _profiles_table(accounts: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for a in accounts:
        days = sum(p["days"] for p in a["periods"]) or 1
        langs = ", ".join(f"{k} {v:.0%}" for k, v in a["language_share"].items())
        issues = "".join(
            f"<li><b>{_esc(i['code'])}</b> {_esc(i['message'])}</li>" for i in a["issues"]
        )
        rows.append(
            "<tr>"
            f"<td>{_esc(a['account'])}</td><td>{_esc(a['network'])}</td>"
            f"<td>{_esc(a['unit'] or '')}</td>"
            f"<td><span class='badge {_esc(a['status'])}'>{_esc(a['status'])}</span></td>"
            f"<td class='num'>{a['posts']}</td><td class='num'>{a['posts'] / days:.2f}</td>"
            f"<td>{_esc(langs)}</td><td>{_esc(a['last_post'])}</td>"
            f"<td>{'<ul class=issues>' + issues + '</ul>' if issues else ''}</td>"
            "</tr>"
        )
    return (
        "<table><thead><tr><th>account</th><th>network</th><th>unit</th><th>status</th>"
        "<th>posts</th><th>a day</th><th>languages</th><th>last post</th><th>issues</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _worst_table(worst: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for w in worst:
        where = f"{w['source']}:{w['line']}"
        link = (
            f"<a href='{_esc(w['url'])}' rel='noopener noreferrer'>{_esc(w['id'] or where)}</a>"
            if (w.get("url") or "").startswith(("https://", "http://"))
            else _esc(w.get("id") or where)
        )
        rows.append(
            f"<tr><td><span class='badge {_esc(w['severity'])}'>{_esc(w['code'])}</span></td>"
            f"<td>{_esc(w['account'])} on {_esc(w['network'])}</td>"
            f"<td>{_esc(w['published_at'])}</td><td>{link}<br><small>{_esc(where)}</small></td>"
            f"<td>{_esc(w['message'])}</td></tr>"
        )
    return (
        "<table><thead><tr><th>rule</th><th>profile</th><th>published</th><th>post</th>"
        "<th>finding</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def render_html(report: AuditReport) -> str:
    """The report as one self-contained HTML page (needs ``pip install 'govsocial[audit]'``)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UsageError(
            "the HTML audit report draws its charts with matplotlib: pip install 'govsocial[audit]'"
        ) from None
    d = report.to_dict()
    accounts = d["accounts"]
    charted = sorted(
        accounts, key=lambda a: (_STATUS_ORDER[a["status"]], a["account"], a["network"])
    )
    charted = charted[:CHARTED_PROFILES]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        # No request of any kind leaves the page: nothing is loaded from anywhere.
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>Audit: {_esc(d['policy'])}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>Audit of {d['posts']:,} posts against {_esc(d['policy'])}</h1>",
        f"<div>{_esc(d['range']['from'])} to {_esc(d['range']['to'])} · by {_esc(d['period'])}"
        "</div></header><main>",
    ]
    summary = d["summary"]
    issues_total = sum(summary["issues"].values())
    cards = [
        ("profiles", summary["profiles"]),
        ("accounts", summary["accounts"]),
        ("with errors", summary["with_errors"]),
        ("plan issues", issues_total),
        ("unreadable lines", d["invalid_lines"]),
    ]
    if d["responsiveness"] is not None and d["responsiveness"].get("response_rate") is not None:
        cards.append(("response rate", f"{d['responsiveness']['response_rate']:.0%}"))
    parts.append(
        "<div class='cards'>"
        + "".join(f"<div class='card'><b>{_esc(v)}</b>{_esc(k)}</div>" for k, v in cards)
        + "</div>"
    )
    parts.append(
        f"<section><h2>Profiles against the plan</h2>{_profiles_table(accounts)}</section>"
    )
    if d["registry_issues"]:
        items = "".join(
            f"<li><b>{_esc(i['code'])}</b> {_esc(i['account'])} on {_esc(i['network'])}: "
            f"{_esc(i['message'])}</li>"
            for i in d["registry_issues"]
        )
        parts.append(f"<section><h2>Accounts registry</h2><ul class=issues>{items}</ul></section>")
    if charted and charted[0]["periods"]:
        figures = []
        for a in charted:
            title = f"{a['account']} on {a['network']}"
            figures.append(
                f"<figure><figcaption>{_esc(title)} · posts a day</figcaption>"
                f"{_frequency_chart(a)}</figure>"
                f"<figure><figcaption>{_esc(title)} · language mix</figcaption>"
                f"{_language_chart(a)}</figure>"
            )
        more = len(accounts) - len(charted)
        note = f"<p>{more} more profiles are in the table above.</p>" if more > 0 else ""
        parts.append(
            "<section><h2>Posting frequency and language mix over time</h2>"
            f"<div class='charts'>{''.join(figures)}</div>{note}</section>"
        )
    r = d["responsiveness"]
    if r is not None and r.get("by_account"):
        groups = sorted(r["by_account"].items())
        labels = [name for name, _ in groups]
        rates = [(g["response_rate"] or 0.0) * 100 for _, g in groups]
        parts.append(
            "<section><h2>Response rate by account</h2>"
            f"<figure>{_bar_chart(labels, rates, '% of messages answered', '#1e8449')}</figure>"
            "</section>"
        )
    by_rule = d["findings"]["by_rule"]
    if by_rule:
        top = by_rule[:20]
        chart = _bar_chart(
            [f"{x['code']} {x['severity']}" for x in top],
            [x["count"] for x in top],
            "findings",
            "#b9770e",
        )
        parts.append(f"<section><h2>Pre-publish findings by rule</h2><figure>{chart}</figure>")
        parts.append(f"<h2>The worst findings</h2>{_worst_table(d['findings']['worst'])}</section>")
    if d["invalid"]:
        items = "".join(
            f"<li>{_esc(s['source'])}:{s['line']}: {_esc(s['message'])}</li>" for s in d["invalid"]
        )
        parts.append(
            f"<section><h2>Unreadable lines ({d['invalid_lines']})</h2><ul>{items}</ul></section>"
        )
    parts.append("</main></body></html>\n")
    return "".join(parts)
