"""Links on networks where they are not clickable (Instagram, TikTok): "link in bio".

Each link of a variant is replaced by the policy's wording in that variant's language
(``formatting.link_in_bio``), or, when the policy moves links to a first comment
(``formatting.unclickable_links: comment``), by the ``link_in_comment`` wording, and the
links are gathered for that comment. This is the one place where rendering removes
something a variant holds, and every removal is reported (GS502).
"""

from __future__ import annotations

from collections.abc import Mapping

from govsocial.text import analyse

__all__ = ["LINK_IN_BIO", "LINK_IN_COMMENT", "replace_links", "wording"]

# Shipped wordings, for the languages govsocial ships examples in; a policy adds or
# replaces them under `formatting`.
LINK_IN_BIO: Mapping[str, str] = {
    "ca": "enllaç a la bio",
    "es": "enlace en la bio",
    "eu": "esteka biografian",
    "gl": "ligazón na bio",
    "oc": "ligam dins la bio",
    "en": "link in bio",
}
LINK_IN_COMMENT: Mapping[str, str] = {
    "ca": "enllaç al primer comentari",
    "es": "enlace en el primer comentario",
    "eu": "esteka lehen iruzkinean",
    "gl": "ligazón no primeiro comentario",
    "oc": "ligam dins lo primièr comentari",
    "en": "link in the first comment",
}


def wording(lang: str, policy_words: Mapping[str, str], shipped: Mapping[str, str]) -> str | None:
    """The wording for `lang` (or its base language): the policy's, else the shipped one."""
    base = lang.split("-")[0]
    for table in (policy_words, shipped):
        for key in (lang, base):
            if key in table:
                return table[key]
    return None


def replace_links(text: str, words: str) -> tuple[str, tuple[str, ...]]:
    """`text` with each link replaced by `words`; and the links, in order."""
    urls = analyse(text).urls
    if not urls:
        return text, ()
    pieces: list[str] = []
    last = 0
    for u in urls:
        pieces.append(text[last : u.start])
        pieces.append(words)
        last = u.end
    pieces.append(text[last:])
    return "".join(pieces), tuple(u.text for u in urls)
