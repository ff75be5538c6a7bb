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

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from govsocial.errors import UsageError
from govsocial.findings import Finding, Severity
from govsocial.formatting import links as _links
from govsocial.formatting.checking import resolve
from govsocial.formatting.drafts import Draft
from govsocial.formatting.escaping import escape_reserved
from govsocial.formatting.facets import bluesky_facets, shorten_links
from govsocial.formatting.hashtags import cap_hashtags
from govsocial.formatting.media import distribute, for_langs
from govsocial.formatting.notes import note
from govsocial.formatting.rendition import Facet, Rendition
from govsocial.formatting.splitting import Fits, split_text, truncate_text
from govsocial.formatting.strategies import compose, ordered_variants, split_tail, strategy_for
from govsocial.model import Media, Post
from govsocial.networks.counting import count_for, count_utf8_bytes
from govsocial.networks.spec import NETWORK_IDS, NetworkSpec
from govsocial.policy import Policy
from govsocial.text import analyse

__all__ = ["render"]

# Replacements for characters a network refuses (YouTube: < and >).
_REPLACEMENTS = {"<": "‹", ">": "›"}


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
    pol = resolve(policy)
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
    publications: list[list[Draft]] = []
    if strategy == "combined":
        segments = compose(
            variants, pol.languages.separator, pol.languages.shared_hashtags == "end"
        )
        joined = pol.languages.separator.join(t for _, t in segments)
        if fits(joined):
            publications = [[Draft(list(segments))]]
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
        items = cap_hashtags(items, spec, pol)
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
            note(
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
                note(
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
            note(
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
) -> list[Draft]:
    """One publication holding `variants` one after the other: each text whole when it
    fits, split where the network has threads, else truncated if the policy allows."""
    numbering = pol.formatting.numbering and spec.threads
    guess = 1
    while True:
        prefix = _prefix_width(guess) if numbering else ""
        items: list[Draft] = []
        for lang, text in variants:
            items.extend(_split_variant(lang, text, spec, pol, fits, prefix))
        total = len(items)
        if not numbering or total == 1 or len(str(total)) <= len(str(guess)):
            return items
        guess = total


def _split_variant(
    lang: str, text: str, spec: NetworkSpec, pol: Policy, fits: Fits, prefix: str
) -> list[Draft]:
    if _fits_prefixed(fits, spec, prefix, text):
        return [Draft([(lang, text)])]
    if not spec.threads:
        if spec.id in pol.formatting.truncate:
            short, cut = truncate_text(text, fits)
            cut_note = note(
                "GS501",
                Severity.WARNING,
                f"the {lang!r} text was cut to fit {spec.name}'s {spec.limit}; left out: {cut!r}",
                spec.id,
                lang,
            )
            return [Draft([(lang, short)], findings=[cut_note])]
        return [Draft([(lang, text)])]  # never cut silently: the check reports it
    tail = split_tail(text)
    body, tags = (tail.body, " ".join(tail.tags)) if tail.tags else (text, "")
    if tags and pol.formatting.thread_hashtags == "repeat":
        parts = split_text(body, lambda p: fits(prefix + p + " " + tags))
        return [Draft([(lang, p + " " + tags)]) for p in parts]
    parts = split_text(body, lambda p: fits(prefix + p))
    if tags:
        if fits(prefix + parts[-1] + " " + tags):
            parts[-1] = parts[-1] + " " + tags
        else:
            parts.extend(split_text(tags, lambda p: fits(prefix + p)))
    return [Draft([(lang, p)]) for p in parts]


def _number(items: list[Draft], pol: Policy) -> list[Draft]:
    numbered = [i for i in items if i.numbered]
    if not pol.formatting.numbering or len(numbered) < 2:
        return items
    for k, item in enumerate(numbered, 1):
        item.prefix = f"{k}/{len(numbered)} "
    return items


def _link_comment(items: list[Draft], links: Mapping[str, tuple[str, ...]]) -> list[Draft]:
    langs = [lang for item in items for lang in item.langs if lang in links]
    langs = list(dict.fromkeys(langs))
    if not langs:
        return items
    urls = list(dict.fromkeys(u for lang in langs for u in links[lang]))
    comment = Draft([(langs[0], " ".join(urls))], "comment", numbered=False)
    return [items[0], comment, *items[1:]]


def _finish(
    thread: int,
    items: list[Draft],
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
            note(
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
                    note(
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


def _pieces(item: Draft, sep: str) -> list[tuple[int, str]]:
    """The texts an item is made of (its prefix aside), each with its UTF-8 byte offset in
    the item's text: facets are found in each (whose analysis is usually cached)."""
    out = []
    offset = len(item.prefix.encode("utf-8"))
    sep_bytes = len(sep.encode("utf-8", "surrogatepass"))
    for _, seg in item.segments:
        out.append((offset, seg))
        offset += len(seg.encode("utf-8", "surrogatepass")) + sep_bytes
    return out
