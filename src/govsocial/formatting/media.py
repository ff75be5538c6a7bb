"""Media on renditions: alt text in the rendition's languages, the network's image cap."""

from __future__ import annotations

from collections.abc import Sequence

from govsocial.model import Media

__all__ = ["for_langs", "distribute"]

_CAPPED = ("image", "gif")


def for_langs(media: Sequence[Media], langs: Sequence[str]) -> tuple[Media, ...]:
    """Each medium with its alt text and captions in `langs` only, in that order."""
    out = []
    for m in media:
        alt = {lang: m.alt[lang] for lang in langs if lang in m.alt}
        captions = {lang: m.captions[lang] for lang in langs if lang in m.captions}
        out.append(Media(path=m.path, url=m.url, kind=m.kind, alt=alt, captions=captions))
    return tuple(out)


def distribute(
    media: Sequence[Media], items: int, cap: int | None, split: bool
) -> tuple[list[list[Media]], list[Media]]:
    """Media for each of `items` items of one publication, and the images left out.

    Videos go with the first item. Images and GIFs fill the first item up to `cap`,
    then, with `split`, the next items; the rest are left out.
    """
    slots: list[list[Media]] = [[] for _ in range(max(items, 1))]
    left: list[Media] = []
    if not media:
        return slots, left
    images = [m for m in media if m.kind in _CAPPED]
    slots[0].extend(m for m in media if m.kind not in _CAPPED)
    if cap is None:
        slots[0].extend(images)
        return slots, left
    k = 0
    for m in images:
        while k < len(slots) and sum(x.kind in _CAPPED for x in slots[k]) >= cap:
            k += 1
        if k >= len(slots) or (k > 0 and not split):
            left.append(m)
        else:
            slots[k].append(m)
    return slots, left
