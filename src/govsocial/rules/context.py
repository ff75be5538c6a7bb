"""What a rule sees: the post, the policy, and text analysis computed once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import attrs

from govsocial._frozen import assigning
from govsocial._schemas import json_pointer_token
from govsocial.fetch import FetchOptions
from govsocial.model import Post
from govsocial.networks.spec import NetworkSpec
from govsocial.policy import Policy
from govsocial.text import TextInfo, analyse

__all__ = ["Context", "Rendition"]


@attrs.frozen
class Rendition:
    """A text as it goes to a network: one variant, or all variants combined."""

    path: str
    lang: str | None
    text: str
    combined: bool = False


_RenditionBuild = assigning(Rendition)


def _rendition(path: str, lang: str | None, text: str, combined: bool) -> Rendition:
    """``Rendition(...)`` without the class call (see govsocial._frozen)."""
    r: Any = object.__new__(_RenditionBuild)
    r.path = path
    r.lang = lang
    r.text = text
    r.combined = combined
    r.__class__ = Rendition
    out: Rendition = r
    return out


_T = TypeVar("_T")


class _once(Generic[_T]):
    """A property computed on first use and then stored on the instance.

    functools.cached_property without its lock (Python < 3.12 takes one on every first
    use): a Context belongs to one check in one thread, and a post's check makes a
    dozen first uses, a measurable share of a fast check."""

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, cls: type | None = None) -> _once[_T]: ...

    @overload
    def __get__(self, obj: object, cls: type | None = None) -> _T: ...

    def __get__(self, obj: object | None, cls: type | None = None) -> _T | _once[_T]:
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


# The one JSON-pointer escaping (RFC 6901), under the name the rule modules use.
pointer_escape = json_pointer_token


class Context:
    """Per-check cache around one post and one policy (not shared between checks)."""

    __slots__ = ("__dict__", "base", "fetch", "policy", "post")

    def __init__(
        self,
        post: Post,
        policy: Policy,
        *,
        base: Path | None = None,
        fetch: FetchOptions | None = None,
    ) -> None:
        self.post = post
        self.policy = policy
        #: the folder relative media paths resolve against (None: the working directory)
        self.base = base
        #: how remote media is fetched (None: it is not)
        self.fetch = fetch

    def info(self, lang: str) -> TextInfo:
        """The analysis of the `lang` text (each text analysed once per check)."""
        infos = self._infos
        found = infos.get(lang)
        if found is None:
            found = infos[lang] = analyse(self.post.text[lang])
        return found

    @_once
    def _infos(self) -> dict[str, TextInfo]:
        return {}

    def casefolded(self, lang: str) -> str:
        """The `lang` text, case-folded (once per check: the term rules share it)."""
        folded = self._folded
        found = folded.get(lang)
        if found is None:
            found = folded[lang] = self.post.text[lang].casefold()
        return found

    @_once
    def _folded(self) -> dict[str, str]:
        return {}

    @_once
    def oversized(self) -> tuple[tuple[str, str, int], ...]:
        """``(JSON pointer, language, length)`` of every text longer than the policy's
        ``limits.max_text_chars``: the post text, the title and the alt texts (GS106; the
        engine runs nothing else on such a post)."""
        most = self.policy.limits.max_text_chars
        post = self.post
        if (
            not post.media
            and not post.title
            and max(map(len, post.text.values()), default=0) <= most
        ):
            return ()  # (the text alone is looked at, and none of its variants is over)
        fields: list[tuple[str, Mapping[str, str]]] = [("/text", post.text)]
        if post.title:
            fields.append(("/title", post.title))
        fields += [(f"/media/{i}/alt", m.alt) for i, m in enumerate(post.media) if m.alt]
        return tuple(
            (f"{base}/{pointer_escape(lang)}", lang, len(text))
            for base, values in fields
            for lang, text in values.items()
            if len(text) > most
        )

    def variants(self) -> tuple[tuple[str, str, str], ...]:
        """``(path, lang, text)`` for every non-empty text variant, in post order."""
        return self._variants

    @_once
    def _variants(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(
            (f"/text/{pointer_escape(lang)}", lang, text)
            for lang, text in self.post.text.items()
            if text.strip()
        )

    @_once
    def specs(self) -> tuple[NetworkSpec, ...]:
        return tuple(self.policy.network(n) for n in self.post.networks)

    @_once
    def _ordered(self) -> tuple[str, ...]:
        order = {lang: i for i, lang in enumerate(self.policy.languages.order)}
        langs = [lang for _, lang, _ in self._variants]
        return tuple(
            sorted(langs, key=lambda lang: (order.get(lang, len(order)), langs.index(lang)))
        )

    def ordered_langs(self) -> tuple[str, ...]:
        """Variant languages in the policy's order (others after, in post order)."""
        return self._ordered

    @_once
    def _combined(self) -> str:
        sep = self.policy.languages.separator
        return sep.join(self.post.text[lang] for lang in self._ordered)

    def combined_text(self) -> str:
        return self._combined

    def items(self, r: Rendition, kind: str) -> tuple[Any, ...]:
        """The hashtags/mentions/urls/emoji of a rendition (combined: all variants' items)."""
        if r.lang is not None:
            return tuple(getattr(self.info(r.lang), kind))
        out: list[Any] = []
        for lang in self._ordered:
            out.extend(getattr(self.info(lang), kind))
        return tuple(out)

    def renditions(self, spec: NetworkSpec) -> tuple[Rendition, ...]:
        """The texts that go to `spec`'s network: combined, or each variant."""
        combined = (
            spec.id in self.policy.languages.combined_networks and len(self.ordered_langs()) > 1
        )
        if combined:
            return self._combined_rendition
        return self._variant_renditions

    @_once
    def _combined_rendition(self) -> tuple[Rendition, ...]:
        return (_rendition("/text", None, self.combined_text(), True),)

    @_once
    def _variant_renditions(self) -> tuple[Rendition, ...]:
        return tuple(_rendition(path, lang, text, False) for path, lang, text in self.variants())
