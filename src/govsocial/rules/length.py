"""GS2xx: length and characters, counted exactly as each network counts."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from govsocial.findings import Severity
from govsocial.networks.counting import count_at_most, count_for, count_utf8_bytes
from govsocial.networks.spec import NetworkSpec
from govsocial.rules.context import Context, pointer_escape
from govsocial.rules.registry import Hit, new_hit, rule

_UNIT_WORDS = {
    "x-weighted": "weighted characters",
    "graphemes": "characters (grapheme clusters)",
    "utf16": "UTF-16 units",
    "utf8-bytes": "bytes (UTF-8)",
    "codepoints": "code points",
}

_LONG_ES = "Obras en la calle Mayor. " * 12


def _count_with(spec: NetworkSpec, text: str) -> int:
    return count_for(text, spec)


def _first_over(text: str, limit: int, counter: Callable[[str], int], total: int) -> int:
    """Offset of the first character that takes the count of ``text`` over ``limit``.

    Interpolation search on prefix counts (counts grow almost linearly with the prefix),
    falling back to bisection: about three counts instead of log2(len) for a typical text.
    ``total`` is the count of the whole text (known to exceed ``limit``).
    """
    lo, f_lo = 0, 0
    hi, f_hi = len(text), total
    step = 0
    while hi - lo > 1:
        step += 1
        if step <= 3 and f_hi > f_lo:
            k = lo + -(-(limit + 1 - f_lo) * (hi - lo) // (f_hi - f_lo))
            k = min(max(k, lo + 1), hi - 1)
        else:
            k = (lo + hi) // 2
        f_k = counter(text[:k])
        if f_k > limit:
            hi, f_hi = k, f_k
        else:
            lo, f_lo = k, f_k
    return hi - 1


@rule(
    "GS201",
    "too-long",
    summary="The text is longer than the network allows, counted as that network counts.",
    severity=Severity.ERROR,
    why="Each network counts differently (X weighs URLs as 23 and most emoji and symbols such as "
    "€ as 2; Mastodon and Bluesky count grapheme clusters; TikTok UTF-16 units). A post over the "
    "limit is rejected or cut mid-word by the publishing tool.",
    flagged={"networks": ["x"], "text": {"es": _LONG_ES}},
    clean={"networks": ["x"], "text": {"es": "Obras en la calle Mayor hasta el viernes."}},
    fix="Shorten the text, or publish on this network a shorter version.",
)
def too_long(ctx: Context) -> Iterator[Hit]:
    for spec in ctx.specs:
        for r in ctx.renditions(spec):
            most = count_at_most(r.text, spec)
            if most is not None and most <= spec.limit:
                continue  # within the limit whatever the exact count
            n = count_for(r.text, spec)
            if n > spec.limit:
                span = None  # a combined post's offsets are not those of any variant
                if not r.combined:
                    counter = functools.partial(_count_with, spec)
                    span = (_first_over(r.text, spec.limit, counter, n), len(r.text))
                where = "the combined post" if r.combined else f"the {r.lang!r} text"
                yield new_hit(
                    f"{where} is {n} {_UNIT_WORDS[spec.unit]} on {spec.name}; the limit is "
                    f"{spec.limit} ({n - spec.limit} over)",
                    r.path,
                    network=spec.id,
                    lang=r.lang,
                    span=span,
                )


@rule(
    "GS202",
    "too-many-bytes",
    summary="The text is over the network's byte limit (Bluesky: 3,000 UTF-8 bytes).",
    severity=Severity.ERROR,
    why="Bluesky checks both 300 graphemes and 3,000 bytes; texts in scripts with many-byte "
    "characters or long emoji sequences can pass the first and fail the second.",
    flagged={"networks": ["bluesky"], "text": {"es": "👨‍👩‍👧‍👦" * 130}},
    clean={"networks": ["bluesky"], "text": {"es": "Fiesta en familia 👨‍👩‍👧‍👦"}},
)
def too_many_bytes(ctx: Context) -> Iterator[Hit]:
    for spec in ctx.specs:
        if spec.byte_limit is None or spec.unit == "utf8-bytes":
            continue
        for r in ctx.renditions(spec):
            n = count_utf8_bytes(r.text)
            if n > spec.byte_limit:
                yield new_hit(
                    f"the text is {n} UTF-8 bytes on {spec.name}; the limit is {spec.byte_limit}",
                    r.path,
                    network=spec.id,
                    lang=r.lang,
                )


@rule(
    "GS203",
    "title-too-long",
    summary="The title is longer than the network allows (YouTube: 100 characters).",
    severity=Severity.ERROR,
    why="YouTube rejects a video title over 100 characters.",
    flagged={
        "networks": ["youtube"],
        "text": {"es": "Pleno municipal."},
        "title": {"es": "Pleno " * 20},
    },
    clean={
        "networks": ["youtube"],
        "text": {"es": "Pleno municipal."},
        "title": {"es": "Pleno municipal de noviembre"},
    },
    title_only=True,
)
def title_too_long(ctx: Context) -> Iterator[Hit]:
    for spec in ctx.specs:
        if spec.title_limit is None:
            continue
        for lang, title in ctx.post.title.items():
            n = len(title)
            if n > spec.title_limit:
                yield new_hit(
                    f"the title is {n} characters; {spec.name} allows {spec.title_limit}",
                    f"/title/{pointer_escape(lang)}",
                    network=spec.id,
                    lang=lang,
                    span=(spec.title_limit, n),
                )


@rule(
    "GS204",
    "forbidden-characters",
    summary="The text holds characters the network rejects (YouTube: < and >).",
    severity=Severity.ERROR,
    why="YouTube's API refuses titles and descriptions containing angle brackets.",
    flagged={"networks": ["youtube"], "text": {"es": "Pleno <en directo>"}},
    clean={"networks": ["youtube"], "text": {"es": "Pleno en directo"}},
)
def forbidden_characters(ctx: Context) -> Iterator[Hit]:
    for spec in ctx.specs:
        if not spec.forbidden_characters:
            continue
        fields = [(p, lang, t) for p, lang, t in ctx.variants()]
        fields += [(f"/title/{pointer_escape(k)}", k, v) for k, v in ctx.post.title.items()]
        for path, lang, text in fields:
            for i, ch in enumerate(text):
                if ch in spec.forbidden_characters:
                    yield new_hit(
                        f"{spec.name} does not accept {ch!r}",
                        path,
                        network=spec.id,
                        lang=lang,
                        span=(i, i + 1),
                    )


@rule(
    "GS205",
    "linkedin-reserved-characters",
    summary="LinkedIn reserved characters must be escaped by the publishing tool.",
    severity=Severity.INFO,
    why="LinkedIn's little text format reserves \\ | { } @ [ ] ( ) < > # * _ ~; a publishing tool "
    "that does not escape them makes LinkedIn silently truncate the post at the first one.",
    flagged={"networks": ["linkedin"], "text": {"es": "Horario (de 9 a 14 h)"}},
    clean={"networks": ["linkedin"], "text": {"es": "Horario: de 9 a 14 h"}},
    fix="Make sure your publishing tool escapes them, or avoid them.",
)
def linkedin_reserved(ctx: Context) -> Iterator[Hit]:
    for spec in ctx.specs:
        if not spec.reserved_characters:
            continue
        for r in ctx.renditions(spec):
            info_spans: list[tuple[int, int]] = []
            if not r.combined:
                info = ctx.info(r.lang) if r.lang is not None else None
                if info is not None:
                    info_spans = [(h.start, h.start + 1) for h in info.hashtags]
                    info_spans += [(m.start, m.start + 1) for m in info.mentions]
            chars = sorted(
                {
                    ch
                    for i, ch in enumerate(r.text)
                    if ch in spec.reserved_characters and (i, i + 1) not in info_spans
                }
            )
            if chars:
                listed = ", ".join(repr(ch) for ch in chars)
                yield new_hit(
                    f"the text contains LinkedIn reserved characters {listed}; they must be "
                    "backslash-escaped when published",
                    r.path,
                    network=spec.id,
                    lang=r.lang,
                )


_INVALID_RUN = re.compile("[\ufffe\ufeff\uffff\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


@rule(
    "GS206",
    "invalid-characters",
    summary="The text holds characters no network accepts (U+FFFE, U+FEFF, U+FFFF, lone surrogates, control characters).",
    severity=Severity.ERROR,
    why="X rejects a post with U+FFFE, U+FEFF or U+FFFF; lone surrogates and C0 control characters "
    "come from broken copy-paste or encoding and are dropped or rejected by every API.",
    flagged={"networks": ["x"], "text": {"es": "Horario\ufeff de invierno"}},
    clean={"networks": ["x"], "text": {"es": "Horario de invierno"}},
    fix="Delete the invisible character.",
)
def invalid_characters(ctx: Context) -> Iterator[Hit]:
    for path, lang, text in ctx.variants():
        if text.isprintable():
            continue  # every character _INVALID_RUN finds is unprintable (Cc, Cf, Cs, Cn)
        for m in _INVALID_RUN.finditer(text):
            first = ord(m.group()[0])
            n = m.end() - m.start()
            what = (
                f"invalid character U+{first:04X}"
                if n == 1
                else f"{n} invalid characters from U+{first:04X}"
            )
            yield new_hit(
                f"{what} at position {m.start()}", path, lang=lang, span=(m.start(), m.end())
            )
