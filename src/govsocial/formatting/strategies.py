"""Bilingual strategies: which languages go together, and how a combined post is written.

Per network the policy's ``languages.combined`` section decides (docs/formatting.md):

* ``combined`` (the network is in ``combined.networks``): every variant in one post, in
  the policy's order, joined by ``combined.separator``; hashtags closing every variant
  are written once, at the end (``combined.shared_hashtags: end``). A combined post
  that does not fit becomes a thread where the network has threads, and separate posts
  where it has none.
* ``thread`` (``combined.others: thread``, the default): one thread, the primary
  language first, on networks with threads; separate posts elsewhere.
* ``separate``: one post (or thread) per language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

from govsocial.model import Post
from govsocial.networks.spec import NetworkSpec
from govsocial.policy import Policy
from govsocial.text import analyse

__all__ = ["Strategy", "Tail", "compose", "ordered_variants", "split_tail", "strategy_for"]

Strategy = Literal["combined", "thread", "separate"]


def ordered_variants(post: Post, policy: Policy) -> list[tuple[str, str]]:
    """Non-empty variants as ``(lang, text)``, in the policy's order (others after, in
    post order), each stripped of surrounding white space."""
    order = policy.languages.order
    given = [
        (lang, text.strip()) for lang, text in post.text.items() if text and not text.isspace()
    ]
    if len(given) < 2 or tuple(lang for lang, _ in given) == order[: len(given)]:
        return given
    rank = {lang: i for i, lang in enumerate(order)}
    index = {lang: i for i, (lang, _) in enumerate(given)}
    return sorted(given, key=lambda v: (rank.get(v[0], len(rank)), index[v[0]]))


def strategy_for(spec: NetworkSpec, policy: Policy, n_langs: int) -> Strategy:
    """The policy's strategy for `spec`'s network (a single language is always "combined")."""
    lp = policy.languages
    if n_langs <= 1 or spec.id in lp.combined_networks:
        return "combined"
    if lp.others == "thread" and spec.threads:
        return "thread"
    return "separate"


@attrs.frozen
class Tail:
    """The hashtags closing a text: `body` is the text before them."""

    body: str
    tags: tuple[str, ...]


def split_tail(text: str) -> Tail:
    """Split the block of hashtags (separated only by white space) that ends `text`."""
    tags = analyse(text).hashtags
    end = len(text)
    found: list[str] = []
    for h in reversed(tags):
        between = text[h.end : end]
        if between.strip():
            break
        found.append(text[h.start : h.end])
        end = h.start
    if not found or not text[:end].strip():
        return Tail(text, ())
    return Tail(text[:end].rstrip(), tuple(reversed(found)))


def compose(
    variants: Sequence[tuple[str, str]], separator: str, share: bool
) -> tuple[tuple[str, str], ...]:
    """The segments of a combined post: ``(lang, text)`` in order; joined by `separator`
    they give the post. With `share`, hashtags closing every variant are taken out of each
    and written once after the last segment, spelt as in the first."""
    if not share or len(variants) < 2:
        return tuple(variants)
    tails = [split_tail(text) for _, text in variants]
    if any(not t.tags for t in tails):
        return tuple(variants)
    common = set.intersection(*({tag.casefold() for tag in t.tags} for t in tails))
    if not common:
        return tuple(variants)
    shared = [tag for tag in tails[0].tags if tag.casefold() in common]
    shared = list(dict.fromkeys(shared))
    segments: list[tuple[str, str]] = []
    for (lang, _), tail in zip(variants, tails, strict=True):
        own = [tag for tag in tail.tags if tag.casefold() not in common]
        segments.append((lang, " ".join([tail.body, *own])))
    lang, last = segments[-1]
    segments[-1] = (lang, last + "\n\n" + " ".join(shared))
    return tuple(segments)
