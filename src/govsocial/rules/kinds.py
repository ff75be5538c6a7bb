"""Rule kinds: one check written once, instantiated by several rules as a line of data.

A kind is a small frozen value with a readable repr, called with a
:class:`~govsocial.rules.context.Context` like any rule's check (as Vale's
``occurrence`` or jsonschema's keyword functions are filled in by data)::

    register(Rule(code="GS210", name="too-many-hashtags",
                  check=PolicyMaximum("hashtags", "hashtags", "hashtags.max"), ...))

- :class:`PolicyMaximum`: more items (hashtags, mentions, links, emoji) in a text
  variant than a policy setting allows (GS210, GS220, GS230, GS240).
- :class:`NetworkCap`: more items in what goes to a network than the network
  accepts (GS215, GS221, GS235).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any, Literal

import attrs

from govsocial.rules.context import Context
from govsocial.rules.registry import Hit, new_hit

__all__ = ["ITEMS", "NetworkCap", "PolicyMaximum"]

Items = Literal["hashtags", "mentions", "urls", "emoji"]
# What a text's analysis lists (govsocial.text.TextInfo), each item with .start and .end,
# and the attribute that tells two items apart.
_KEYS = {"hashtags": "tag", "mentions": "user", "urls": "text", "emoji": "text"}
ITEMS: tuple[str, ...] = tuple(_KEYS)


def _items(value: str) -> str:
    if value not in ITEMS:
        raise ValueError(f"expected one of {', '.join(ITEMS)}, got items={value!r}")
    return value


@attrs.frozen
class PolicyMaximum:
    """More `items` in a text variant than the policy's `setting` allows.

    `setting` is the dotted attribute path of the limit on the
    :class:`~govsocial.policy.Policy` (``"hashtags.max"``); ``None`` there turns the
    rule off.  The message reads "3 hashtags; the policy allows 2" (`noun` names the
    items), and the span runs from the first item over the limit to the last item.
    """

    items: Items = attrs.field(converter=_items)
    noun: str
    setting: str
    _limit: Callable[[Any], int | None] = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda self: operator.attrgetter(self.setting), takes_self=True),
    )

    def __call__(self, ctx: Context) -> Iterator[Hit]:
        limit = self._limit(ctx.policy)
        if limit is None:
            return
        for path, lang, _ in ctx.variants():
            found = getattr(ctx.info(lang), self.items)
            if len(found) > limit:
                yield new_hit(
                    f"{len(found)} {self.noun}; the policy allows {limit}",
                    path,
                    lang=lang,
                    span=(found[limit].start, found[-1].end),
                )


@attrs.frozen
class NetworkCap:
    """More `items` in what goes to a network than its spec's `cap` attribute accepts.

    Counted on each rendition (a combined post counts the items of every variant);
    `unique` counts distinct items (Threads counts unique links).  A network
    whose cap is ``None`` has none.  The message reads "6 hashtags; Instagram
    accepts 5".
    """

    items: Items = attrs.field(converter=_items)
    noun: str
    cap: str
    unique: bool = False

    def __call__(self, ctx: Context) -> Iterator[Hit]:
        for spec in ctx.specs:
            cap = getattr(spec, self.cap)
            if cap is None:
                continue
            for r in ctx.renditions(spec):
                found = ctx.items(r, self.items)
                n = (
                    len({getattr(x, _KEYS[self.items]) for x in found})
                    if self.unique
                    else len(found)
                )
                if n > cap:
                    yield new_hit(
                        f"{n} {self.noun}; {spec.name} accepts {cap}",
                        r.path,
                        network=spec.id,
                        lang=r.lang,
                    )
