"""GS23x: links — how many, secure, official, not shortened, clickable where they go."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources

from govsocial.findings import Severity
from govsocial.rules.context import Context
from govsocial.rules.kinds import NetworkCap, PolicyMaximum
from govsocial.rules.registry import Hit, Rule, new_hit, register, rule


@functools.cache
def shipped_shorteners() -> frozenset[str]:
    """Link-shortener domains shipped in ``data/link_shorteners.txt``."""
    text = resources.files("govsocial").joinpath("data", "link_shorteners.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _under(host: str, domains: frozenset[str] | tuple[str, ...]) -> bool:
    """Whether `host` is one of `domains` or under one (``host.endswith("." + d)``):
    the host and each part of it after a dot, looked up (not every domain tried)."""
    if host in domains:
        return True
    i = host.find(".")
    while i >= 0:
        if host[i + 1 :] in domains:
            return True
        i = host.find(".", i + 1)
    return False


register(
    Rule(
        code="GS230",
        name="too-many-links",
        check=PolicyMaximum("urls", "links", "links.max"),
        summary="More links than the policy allows.",
        severity=Severity.WARNING,
        why="One clear link per post (GCS guidance): several links compete for the reader and cost "
        "characters.",
        flagged={
            "networks": ["x"],
            "text": {"ca": "Info: https://vilanova.cat/a i https://vilanova.cat/b"},
        },
        clean={"networks": ["x"], "text": {"ca": "Info: https://vilanova.cat/a"}},
        policy={"version": 1, "links": {"max": 1}},
    )
)


@rule(
    "GS231",
    "insecure-link",
    summary="A link uses http:// instead of https://.",
    severity=Severity.ERROR,
    why="Institutional links must be secure: browsers flag http:// pages as not secure and the "
    "link can be tampered with on the way.",
    flagged={"networks": ["x"], "text": {"ca": "Inscripcions: http://vilanova.cat/casal"}},
    clean={"networks": ["x"], "text": {"ca": "Inscripcions: https://vilanova.cat/casal"}},
    policy={"version": 1, "links": {"https_only": True}},
    fix="Use https://.",
)
def insecure_link(ctx: Context) -> Iterator[Hit]:
    if not ctx.policy.links.https_only:
        return
    for path, lang, _ in ctx.variants():
        for u in ctx.info(lang).urls:
            if u.scheme is not None and u.scheme != "https":
                yield new_hit(
                    f"{u.text} is not https",
                    path,
                    lang=lang,
                    span=(u.start, u.end),
                    fix="https://" + u.text.split("://", 1)[1],
                )


@rule(
    "GS232",
    "link-not-official",
    summary="A link goes to a domain outside the policy's allowlist.",
    severity=Severity.ERROR,
    why="Institutional posts link to the institution's own sites (the Generalitat's guide: "
    "gencat.cat; the Xunta: .gal): it is where citizens can trust the information.",
    flagged={"networks": ["x"], "text": {"ca": "Més info: https://example.com/festa"}},
    clean={"networks": ["x"], "text": {"ca": "Més info: https://www.vilanova.cat/festa"}},
    policy={"version": 1, "links": {"allowed_domains": ["vilanova.cat"]}},
)
def link_not_official(ctx: Context) -> Iterator[Hit]:
    allowed = ctx.policy.links.allowed_domains
    if allowed is None:
        return
    for path, lang, _ in ctx.variants():
        for u in ctx.info(lang).urls:
            if not _under(u.host, allowed):
                yield new_hit(
                    f"{u.host} is not an official domain; allowed: {', '.join(allowed)}",
                    path,
                    lang=lang,
                    span=(u.start, u.end),
                )


@rule(
    "GS233",
    "link-shortener",
    summary="A link goes through a link shortener.",
    severity=Severity.ERROR,
    why="A shortened link hides its destination: citizens cannot see it is an official site, "
    "and it breaks when the shortening service does.",
    flagged={"networks": ["x"], "text": {"ca": "Més info: https://bit.ly/3xYz"}},
    clean={"networks": ["x"], "text": {"ca": "Més info: https://vilanova.cat/festa"}},
    policy={"version": 1, "links": {"forbid_shorteners": True}},
    fix="Use the full official URL.",
)
def link_shortener(ctx: Context) -> Iterator[Hit]:
    lp = ctx.policy.links
    if not lp.forbid_shorteners:
        return
    shorteners: frozenset[str] | None = None
    for path, lang, _ in ctx.variants():
        for u in ctx.info(lang).urls:
            if shorteners is None:
                shorteners = shipped_shorteners() | lp.shorteners
            if _under(u.host, shorteners):
                yield new_hit(
                    f"{u.host} is a link shortener", path, lang=lang, span=(u.start, u.end)
                )


@rule(
    "GS234",
    "link-not-clickable",
    summary="A link in the text of a network where links are not clickable (Instagram, TikTok).",
    severity=Severity.WARNING,
    why="Instagram captions do not make links clickable; a URL there is dead text that costs "
    'characters. Say where to find the link instead ("enllaç a la bio").',
    flagged={
        "networks": ["instagram"],
        "text": {"ca": "Inscripcions a https://vilanova.cat/casal"},
    },
    clean={"networks": ["instagram"], "text": {"ca": "Inscripcions: enllaç a la bio"}},
)
def link_not_clickable(ctx: Context) -> Iterator[Hit]:
    for spec in ctx.specs:
        if spec.links_clickable:
            continue
        for r in ctx.renditions(spec):
            urls = ctx.items(r, "urls")
            if urls:
                u = urls[0]
                more = f" (and {len(urls) - 1} more)" if len(urls) > 1 else ""
                yield new_hit(
                    f"links are not clickable on {spec.name}: {u.text}{more}",
                    r.path,
                    network=spec.id,
                    lang=r.lang,
                    span=None if r.combined else (u.start, urls[-1].end),
                )


register(
    Rule(
        code="GS235",
        name="network-link-cap",
        check=NetworkCap("urls", "links", "max_links", unique=True),
        summary="More links than the network accepts (Threads: 5).",
        severity=Severity.ERROR,
        why="Threads refuses posts with more than five unique links (THREADS_API__LINK_LIMIT_EXCEEDED).",
        flagged={
            "networks": ["threads"],
            "text": {"ca": " ".join(f"https://vilanova.cat/{i}" for i in range(6))},
        },
        clean={"networks": ["threads"], "text": {"ca": "https://vilanova.cat/agenda"}},
    )
)
