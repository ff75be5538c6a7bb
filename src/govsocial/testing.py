"""Hypothesis strategies for applications that embed govsocial.

Needs the ``testing`` extra (``pip install govsocial[testing]``)::

    from hypothesis import given
    from govsocial.testing import posts

    @given(posts(languages=["ca", "es"]))
    def test_my_scheduler_accepts_what_govsocial_checks(data): ...

Everything generated is valid input (posts pass ``Post.from_dict``); the texts
include what breaks naive code: ZWJ emoji sequences, combining marks, RTL marks,
CRLF, URLs with and without scheme, hashtags, mentions and lone surrogates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from govsocial.networks.spec import NETWORK_IDS

__all__ = ["post_texts", "posts"]

_PIECES = (
    "👨‍👩‍👧‍👦",
    "🏳️‍⚧️",
    "👍🏽",
    "🇪🇸",
    "1️⃣",
    "\u200d",
    "\u0301",
    "\u200f",
    "\r\n",
    " #FestaMajor",
    " @ajuntament",
    " @user@mastodon.social",
    " https://www.vilanovadelcami.cat/agenda",
    " vilanovadelcami.cat",
    " l'Ajuntament",
    " 500 €",
    "·",
)


def post_texts(*, max_pieces: int = 60, surrogates: bool = True) -> st.SearchStrategy[str]:
    """Texts mixing ordinary characters with the pieces that break naive counting."""
    chars = st.characters(codec=None) if surrogates else st.characters(codec="utf-8")
    return st.lists(st.one_of(chars, st.sampled_from(_PIECES)), max_size=max_pieces).map("".join)


def posts(
    *,
    languages: Sequence[str] = ("ca", "es", "eu", "gl", "oc", "en"),
    networks: Sequence[str] = NETWORK_IDS,
    texts: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Post dicts following ``schemas/post.schema.json``."""
    text = texts if texts is not None else post_texts()
    media = st.fixed_dictionaries(
        {
            "path": st.sampled_from(["a.jpg", "b.png", "c.gif"]),
            "kind": st.sampled_from(["image", "gif", "video"]),
        },
        optional={
            "alt": st.dictionaries(st.sampled_from(list(languages)), text, max_size=len(languages))
        },
    )
    return st.fixed_dictionaries(
        {
            "networks": st.lists(st.sampled_from(list(networks)), unique=True, min_size=1),
            "text": st.dictionaries(
                st.sampled_from(list(languages)), text, max_size=len(languages)
            ),
        },
        optional={
            "id": st.text(max_size=12),
            "media": st.lists(media, max_size=5),
            "kind": st.sampled_from(["announcement", "news", "event", "deadline", "emergency"]),
            "scheduled_at": st.sampled_from(
                [
                    "2026-11-23T09:30:00+01:00",
                    "2027-05-23T21:30:00+00:00",
                    "2027-03-28T01:59:59+01:00",
                ]
            ),
            "ignore": st.lists(
                st.fixed_dictionaries(
                    {
                        "code": st.sampled_from(["GS2", "GS213", "GS301", "GS9", "GS"]),
                        "reason": st.sampled_from(["on purpose", "campanya aprovada"]),
                    }
                ),
                max_size=3,
            ),
        },
    )
