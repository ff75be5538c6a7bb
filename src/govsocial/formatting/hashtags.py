"""Hashtags over a network's cap (Instagram 5, Threads 1 topic tag per post)."""

from __future__ import annotations

from govsocial.findings import Severity
from govsocial.formatting.drafts import Draft
from govsocial.formatting.notes import note
from govsocial.formatting.rendition import Kind
from govsocial.formatting.strategies import split_tail
from govsocial.networks.spec import NetworkSpec
from govsocial.policy import Policy
from govsocial.text import analyse

__all__ = ["cap_hashtags"]


def cap_hashtags(items: list[Draft], spec: NetworkSpec, pol: Policy) -> list[Draft]:
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
        item.findings.append(note("GS503", severity, message, spec.id, item.langs[0]))
    if cap == 0 or not moved:
        return items
    kind: Kind = "reply" if spec.threads else "comment"
    tags = list(moved.values())
    overflow = [
        Draft([(chunk[0][0], " ".join(tag for _, tag in chunk))], kind, numbered=False)
        for chunk in (tags[i : i + cap] for i in range(0, len(tags), cap))
    ]
    return items + overflow
