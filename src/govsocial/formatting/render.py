"""``render(post, network, policy)``: one canonical post, adapted to one network.

The steps, in order: each variant is adapted to the network (characters it refuses,
links it cannot click, LinkedIn's reserved characters, Bluesky's long links); the
policy's bilingual strategy groups the variants into publications; a text over the
limit is split into a thread where the network has threads, and otherwise truncated
only where the policy allows it; hashtags over the network's cap move to a comment;
media are shared out under the network's cap; Bluesky facets are computed last, on the
final text. Every change that is more than layout is reported as a GS5xx finding on the
rendition it concerns.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from govsocial.errors import UsageError
from govsocial.findings import Finding, Report, Severity
from govsocial.formatting import links as _links
from govsocial.formatting.escaping import escape_reserved
from govsocial.formatting.facets import bluesky_facets, shorten_links
from govsocial.formatting.media import distribute, for_langs
from govsocial.formatting.rendition import Facet, Kind, Rendition
from govsocial.formatting.splitting import Fits, split_text, truncate_text
from govsocial.formatting.strategies import compose, ordered_variants, split_tail, strategy_for
from govsocial.model import Media, Post
from govsocial.networks.counting import count_for, count_utf8_bytes
from govsocial.networks.spec import NETWORK_IDS, NetworkSpec
from govsocial.policy import Policy
from govsocial.text import analyse

__all__ = ["RENDER_CODES", "check_rendition", "render"]

# What rendering reports about its own changes (not rules of the check).
RENDER_CODES: Mapping[str, tuple[str, str]] = {
    "GS501": ("truncated", "The text was cut to the network's limit, as the policy allows."),
    "GS502": ("link-replaced", "Links were replaced by the policy's link-in-bio wording."),
    "GS503": ("hashtags-moved", "Hashtags over the network's cap were moved to a comment."),
    "GS504": ("media-left-out", "Images over the network's cap were left out."),
    "GS505": ("characters-replaced", "Characters the network refuses were replaced."),
    "GS506": ("no-wording", "No link-in-bio wording in the variant's language."),
}

# Replacements for characters a network refuses (YouTube: < and >).
_REPLACEMENTS = {"<": "‹", ">": "›"}

# Rules that judge a post as a whole across its languages (every required language
# present, alt text in all of them, two variants not copies). A rendition holds some
# of the languages by design: these rules are checked on the source post.
WHOLE_POST_RULES = ("GS102", "GS105", "GS261", "GS302")


def _finding(
    code: str, severity: Severity, message: str, network: str, lang: str | None
) -> Finding:
    name, _ = RENDER_CODES[code]
    return Finding(
        code=code,
        rule=name,
        severity=severity,
        message=message,
        path="/text" if lang is None else f"/text/{lang}",
        network=network,
        lang=lang,
    )


@functools.cache
def _default_policy() -> Policy:
    from govsocial.policy import load_policy

    return load_policy({"version": 1})


def _policy(policy: Policy | str | Path | Mapping[str, Any] | None) -> Policy:
    if policy is None:
        return _default_policy()
    if isinstance(policy, Policy):
        return policy
    if isinstance(policy, (str, Path, Mapping)):
        from govsocial.check import resolve_policy

        return resolve_policy(policy)
    raise UsageError(
        f"render() expected a Policy, a path or a mapping, got policy={type(policy).__name__}"
    )


def _fits_for(spec: NetworkSpec) -> Fits:
    """Whether a text fits one post of `spec`'s network: its limit as the network counts,
    its byte limit, and its caps on links and mentions."""

    def fits(text: str) -> bool:
        return count_for(text, spec) <= spec.limit and _within_caps(text, spec, 0)

    return fits


def _within_caps(text: str, spec: NetworkSpec, extra_bytes: int) -> bool:
    """The byte limit (with `extra_bytes` more) and the caps on links and mentions."""
    if spec.byte_limit is not None and count_utf8_bytes(text) + extra_bytes > spec.byte_limit:
        return False
    max_links, max_mentions = spec.max_links, spec.max_mentions
    if (max_links is not None and text.count(".") > max_links) or (
        max_mentions is not None and text.count("@") > max_mentions
    ):
        info = analyse(text)
        if max_links is not None and len({u.text for u in info.urls}) > max_links:
            return False
        if max_mentions is not None and len(info.mentions) > max_mentions:
            return False
    return True


def _fits_prefixed(fits: Fits, spec: NetworkSpec, prefix: str, text: str) -> bool:
    """``fits(prefix + text)``, decided without building the string when the two counts
    add up within the limits (a prefix of digits, a slash and a space joins nothing: the
    count of the whole is at most the sum)."""
    if not prefix:
        return fits(text)
    if count_for(text, spec) + count_for(prefix, spec) <= spec.limit:
        return _within_caps(text, spec, len(prefix))
    return fits(prefix + text)


@attrs.define
class _Item:
    """A rendition being built: its segments, kind and findings."""

    segments: list[tuple[str, str]]
    kind: Kind = "post"
    numbered: bool = True
    findings: list[Finding] = attrs.field(factory=list)
    prefix: str = ""

    @property
    def langs(self) -> tuple[str, ...]:
        segments = self.segments
        if len(segments) == 1:
            return (segments[0][0],)
        return tuple(dict.fromkeys(lang for lang, _ in segments))


def render(
    post: Post | Mapping[str, Any],
    network: str,
    policy: Policy | str | Path | Mapping[str, Any] | None = None,
) -> list[Rendition]:
    """The items to publish for `post` on `network` under `policy` (as :func:`check` takes
    them), in publication order.

    >>> post = {"networks": ["x"], "text": {"ca": "Bon dia!", "es": "¡Buenos días!"}}
    >>> [(r.thread, r.part, r.langs, r.text) for r in render(post, "x")]
    [(0, 1, ('ca',), '1/2 Bon dia!'), (0, 2, ('es',), '2/2 ¡Buenos días!')]
    """
    if not isinstance(post, Post):
        if not isinstance(post, Mapping):
            raise UsageError(f"render() expected a Post or a mapping, got post={post!r:.60}")
        post = Post.from_dict(post)
    if not isinstance(network, str) or network not in NETWORK_IDS:
        raise UsageError(
            f"render() expected network to be one of {', '.join(NETWORK_IDS)}, got network={network!r}"
        )
    pol = _policy(policy)
    spec = pol.network(network)
    fits = _fits_for(spec)
    notes: dict[str | None, list[Finding]] = {}
    comment_links: dict[str, tuple[str, ...]] = {}
    shown: dict[str, str] = {}
    variants = []
    for lang, text in ordered_variants(post, pol):
        text = _adapt(text, lang, spec, pol, notes, comment_links, shown)
        variants.append((lang, text))
    if not variants:
        return []

    strategy = strategy_for(spec, pol, len(variants))
    publications: list[list[_Item]] = []
    if strategy == "combined":
        segments = compose(
            variants, pol.languages.separator, pol.languages.shared_hashtags == "end"
        )
        joined = pol.languages.separator.join(t for _, t in segments)
        if fits(joined):
            publications = [[_Item(list(segments))]]
        else:
            strategy = "thread" if spec.threads else "separate"
    if not publications:
        if strategy == "thread":
            publications = [_thread(variants, spec, pol, fits)]
        else:
            publications = [_thread([v], spec, pol, fits) for v in variants]

    out: list[Rendition] = []
    for index, items in enumerate(publications):
        if any(notes.values()):
            held = {x for item in items for x in item.langs}
            for note_lang, found in notes.items():
                if note_lang is None or note_lang in held:
                    items[0].findings.extend(found)
        items = _number(items, pol)
        items = _cap_hashtags(items, spec, pol)
        if comment_links:
            items = _link_comment(items, comment_links)
        out.extend(_finish(index, items, post, spec, pol, shown))
    return out


def _adapt(
    text: str,
    lang: str,
    spec: NetworkSpec,
    pol: Policy,
    notes: dict[str | None, list[Finding]],
    comment_links: dict[str, tuple[str, ...]],
    shown: dict[str, str],
) -> str:
    """One variant adapted to the network, before any strategy."""
    found = notes.setdefault(lang, [])
    if spec.forbidden_characters and not set(spec.forbidden_characters).isdisjoint(text):
        chars = sorted({ch for ch in text if ch in spec.forbidden_characters})
        text = _replace_forbidden(text, spec)
        found.append(
            _finding(
                "GS505",
                Severity.INFO,
                f"{spec.name} refuses {' '.join(chars)}: replaced by "
                + " ".join(_REPLACEMENTS.get(ch, "a space") for ch in chars),
                spec.id,
                lang,
            )
        )
    if not spec.links_clickable and "." in text and analyse(text).urls:
        fm = pol.formatting
        to_comment = fm.unclickable_links == "comment"
        words = _links.wording(
            lang,
            fm.link_in_comment if to_comment else fm.link_in_bio,
            _links.LINK_IN_COMMENT if to_comment else _links.LINK_IN_BIO,
        )
        if words is None:
            words = (_links.LINK_IN_COMMENT if to_comment else _links.LINK_IN_BIO)["en"]
            found.append(
                _finding(
                    "GS506",
                    Severity.WARNING,
                    f"no wording for links in {lang!r}: the English {words!r} was used; add it "
                    "under formatting.link_in_bio / link_in_comment",
                    spec.id,
                    lang,
                )
            )
        text, urls = _links.replace_links(text, words)
        where = "moved to the first comment" if to_comment else f"to be put in the bio ({words!r})"
        found.append(
            _finding(
                "GS502",
                Severity.INFO,
                f"links are not clickable on {spec.name}: {' '.join(urls)} {where}",
                spec.id,
                lang,
            )
        )
        if to_comment:
            comment_links[lang] = urls
    if spec.reserved_characters:
        text = escape_reserved(text, spec.reserved_characters)
    if spec.id == "bluesky":
        text, _ = shorten_links(text, pol.formatting.short_links, shown)
    return text


def _replace_forbidden(text: str, spec: NetworkSpec) -> str:
    for ch in spec.forbidden_characters:
        if ch in text:
            text = text.replace(ch, _REPLACEMENTS.get(ch, " "))
    return text


def _prefix_width(n: int) -> str:
    """A numbering prefix as wide as the widest ``k/n `` (all digits count alike)."""
    return f"{'9' * len(str(n))}/{'9' * len(str(n))} "


def _thread(
    variants: Sequence[tuple[str, str]], spec: NetworkSpec, pol: Policy, fits: Fits
) -> list[_Item]:
    """One publication holding `variants` one after the other: each text whole when it
    fits, split where the network has threads, else truncated if the policy allows."""
    numbering = pol.formatting.numbering and spec.threads
    guess = 1
    while True:
        prefix = _prefix_width(guess) if numbering else ""
        items: list[_Item] = []
        for lang, text in variants:
            items.extend(_split_variant(lang, text, spec, pol, fits, prefix))
        total = len(items)
        if not numbering or total == 1 or len(str(total)) <= len(str(guess)):
            return items
        guess = total


def _split_variant(
    lang: str, text: str, spec: NetworkSpec, pol: Policy, fits: Fits, prefix: str
) -> list[_Item]:
    if _fits_prefixed(fits, spec, prefix, text):
        return [_Item([(lang, text)])]
    if not spec.threads:
        if spec.id in pol.formatting.truncate:
            short, cut = truncate_text(text, fits)
            note = _finding(
                "GS501",
                Severity.WARNING,
                f"the {lang!r} text was cut to fit {spec.name}'s {spec.limit}; left out: {cut!r}",
                spec.id,
                lang,
            )
            return [_Item([(lang, short)], findings=[note])]
        return [_Item([(lang, text)])]  # never cut silently: the check reports it
    tail = split_tail(text)
    body, tags = (tail.body, " ".join(tail.tags)) if tail.tags else (text, "")
    if tags and pol.formatting.thread_hashtags == "repeat":
        parts = split_text(body, lambda p: fits(prefix + p + " " + tags))
        return [_Item([(lang, p + " " + tags)]) for p in parts]
    parts = split_text(body, lambda p: fits(prefix + p))
    if tags:
        if fits(prefix + parts[-1] + " " + tags):
            parts[-1] = parts[-1] + " " + tags
        else:
            parts.extend(split_text(tags, lambda p: fits(prefix + p)))
    return [_Item([(lang, p)]) for p in parts]


def _number(items: list[_Item], pol: Policy) -> list[_Item]:
    numbered = [i for i in items if i.numbered]
    if not pol.formatting.numbering or len(numbered) < 2:
        return items
    for k, item in enumerate(numbered, 1):
        item.prefix = f"{k}/{len(numbered)} "
    return items


def _cap_hashtags(items: list[_Item], spec: NetworkSpec, pol: Policy) -> list[_Item]:
    """Hashtags over the network's cap: the extra ones written without their sign where
    they are inside a sentence and taken out where they close the text, then published
    once each, after the publication, in comments (replies where the network has threads)
    of at most `cap` hashtags. A network that takes none keeps them all as words."""
    cap = spec.max_hashtags
    if cap is None:
        return items
    moved: dict[str, tuple[str, str]] = {}  # casefolded tag -> (language, tag as written)
    for item in items:
        if sum(len(analyse(t).hashtags) for _, t in item.segments if "#" in t) <= cap:
            continue
        here: list[str] = []
        new_segments: list[tuple[str, str]] = []
        seen = 0
        for lang, seg in item.segments:
            seg_tags = analyse(seg).hashtags
            keep_n = max(cap - seen, 0)
            seen += len(seg_tags)
            extra = seg_tags[keep_n:]
            if not extra:
                new_segments.append((lang, seg))
                continue
            tail = split_tail(seg)
            tail_start = len(tail.body) if tail.tags and cap > 0 else len(seg)
            pieces: list[str] = []
            last = 0
            for h in extra:
                tag = seg[h.start : h.end]
                here.append(tag)
                moved.setdefault(tag.casefold(), (lang, tag))
                if h.start < tail_start:
                    pieces.append(seg[last : h.start])
                    pieces.append(seg[h.start + 1 : h.end])  # the word stays where it was
                else:
                    pieces.append(seg[last : h.start].rstrip(" \t"))
                last = h.end
            pieces.append(seg[last:])
            new_segments.append((lang, "".join(pieces).rstrip()))
        item.segments = new_segments
        if cap == 0:
            message = f"{spec.name} takes no hashtags: {' '.join(here)} written as words"
            severity = Severity.WARNING
        else:
            where = "replies" if spec.threads else "comments"
            message = (
                f"{spec.name} accepts {cap} hashtag(s) per post: {' '.join(here)} moved to "
                f"{where} at the end"
            )
            severity = Severity.INFO
        item.findings.append(_finding("GS503", severity, message, spec.id, item.langs[0]))
    if cap == 0 or not moved:
        return items
    kind: Kind = "reply" if spec.threads else "comment"
    tags = list(moved.values())
    overflow = [
        _Item([(chunk[0][0], " ".join(tag for _, tag in chunk))], kind, numbered=False)
        for chunk in (tags[i : i + cap] for i in range(0, len(tags), cap))
    ]
    return items + overflow


def _link_comment(items: list[_Item], links: Mapping[str, tuple[str, ...]]) -> list[_Item]:
    langs = [lang for item in items for lang in item.langs if lang in links]
    langs = list(dict.fromkeys(langs))
    if not langs:
        return items
    urls = list(dict.fromkeys(u for lang in langs for u in links[lang]))
    comment = _Item([(langs[0], " ".join(urls))], "comment", numbered=False)
    return [items[0], comment, *items[1:]]


def _finish(
    thread: int,
    items: list[_Item],
    post: Post,
    spec: NetworkSpec,
    pol: Policy,
    shown: Mapping[str, str],
) -> list[Rendition]:
    media = post.media
    per_item: dict[int, list[Media]] = {}
    left: list[Media] = []
    if media:
        carriers = [i for i, item in enumerate(items) if item.kind != "comment"]
        split = pol.formatting.media == "split"
        slots, left = distribute(media, len(carriers), spec.max_images, split)
        per_item = {i: slots[k] for k, i in enumerate(carriers)}
    if left:
        items[0].findings.append(
            _finding(
                "GS504",
                Severity.WARNING,
                f"{spec.name} takes {spec.max_images} image(s) per post: "
                + ", ".join(m.location for m in left)
                + " left out",
                spec.id,
                None,
            )
        )
    sep = pol.languages.separator
    # Media serve the whole publication: their alt text in each of its languages.
    thread_langs: tuple[str, ...] = ()
    if media or post.title:
        thread_langs = tuple(dict.fromkeys(lang for item in items for lang in item.langs))
    title: dict[str, str] = {}
    if spec.title_limit is not None and post.title:
        title = {
            k: _replace_forbidden(post.title[k], spec) for k in thread_langs if k in post.title
        }
        for k, v in title.items():
            if v != post.title[k]:
                items[0].findings.append(
                    _finding(
                        "GS505",
                        Severity.INFO,
                        f"{spec.name} refuses < and > in titles: the {k!r} title reads {v!r}",
                        spec.id,
                        k,
                    )
                )
    out = []
    for i, item in enumerate(items):
        segments = item.segments
        if item.prefix:
            segments = [(segments[0][0], item.prefix + segments[0][1]), *segments[1:]]
        text = sep.join(t for _, t in segments)
        langs = item.langs
        facets: tuple[Facet, ...] = ()
        if spec.id == "bluesky":
            facets = bluesky_facets(_pieces(item, sep), shown)
        out.append(
            Rendition(
                network=spec.id,
                text=text,
                langs=langs,
                segments=tuple(segments),
                thread=thread,
                part=i + 1,
                parts=len(items),
                kind="post" if i == 0 else ("comment" if item.kind == "comment" else "reply"),
                media=for_langs(per_item[i], thread_langs) if per_item.get(i) else (),
                facets=facets,
                findings=tuple(sorted(set(item.findings), key=Finding.sort_key))
                if item.findings
                else (),
                escaped=bool(spec.reserved_characters),
                title=title if i == 0 else {},
                source=post,
            )
        )
    return out


def _pieces(item: _Item, sep: str) -> list[tuple[int, str]]:
    """The texts an item is made of (its prefix aside), each with its UTF-8 byte offset in
    the item's text: facets are found in each (whose analysis is usually cached)."""
    out = []
    offset = len(item.prefix.encode("utf-8"))
    sep_bytes = len(sep.encode("utf-8", "surrogatepass"))
    for _, seg in item.segments:
        out.append((offset, seg))
        offset += len(seg.encode("utf-8", "surrogatepass")) + sep_bytes
    return out


# The policy as a rendition is checked with: its combined networks are those the
# rendition was combined for. Kept per source policy so the check's plan cache is reused.
_RENDERED: dict[tuple[int, tuple[str, ...]], tuple[Policy, Policy]] = {}


def _as_rendered(pol: Policy, combined: tuple[str, ...]) -> Policy:
    if pol.languages.combined_networks == combined:
        return pol
    hit = _RENDERED.get((id(pol), combined))
    if hit is not None and hit[0] is pol:
        return hit[1]
    if len(_RENDERED) >= 64:
        _RENDERED.clear()
    evolved = attrs.evolve(pol, languages=attrs.evolve(pol.languages, combined_networks=combined))
    _RENDERED[(id(pol), combined)] = (pol, evolved)
    return evolved


def check_rendition(
    rendition: Rendition, policy: Policy | str | Path | Mapping[str, Any] | None = None
) -> Report:
    """Check one rendition as a post of its network.

    Rules that judge a whole post across its languages (GS102, GS105, GS261, GS302)
    are left to the check of the source post; an escaped LinkedIn rendition is not
    reported for GS205; a required hashtag of a combined rendition may be written once
    for all its languages (GS214 is judged on the whole text).
    """
    if not isinstance(rendition, Rendition):
        raise UsageError(f"check_rendition() expected a Rendition, got rendition={rendition!r:.60}")
    from govsocial.check import check

    pol = _policy(policy)
    pol = _as_rendered(pol, (rendition.network,) if rendition.combined else ())
    ignore = list(WHOLE_POST_RULES)
    if rendition.escaped:
        ignore.append("GS205")
    if rendition.combined:
        ignore.append("GS214")
    report = check(rendition.to_post(), pol, ignore=ignore)
    extra: list[Finding] = []
    if rendition.combined and pol.hashtags.required and pol.severity_for("GS214", Severity.ERROR):
        have = {h.tag.casefold() for h in analyse(rendition.text).hashtags}
        for entry in pol.hashtags.required:
            for lang in rendition.langs:
                tag = entry.get(lang, entry.get(lang.split("-")[0], entry.get("*")))
                if tag is not None and tag.casefold() not in have:
                    sev = pol.severity_for("GS214", Severity.ERROR)
                    assert sev is not None
                    extra.append(
                        Finding(
                            code="GS214",
                            rule="missing-required-hashtag",
                            severity=sev,
                            message=f"the required hashtag #{tag} is missing",
                            path="/text",
                            lang=lang,
                            fix=f"add #{tag}",
                        )
                    )
    if extra:
        return Report((*report.findings, *extra), post_id=report.post_id, networks=report.networks)
    return report
