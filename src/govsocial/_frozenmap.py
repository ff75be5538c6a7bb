"""A read-only, hashable mapping for the maps held by frozen values (a post's texts).

``types.MappingProxyType`` is read-only but not hashable, and a ``dict`` is neither: a
frozen :class:`~govsocial.Post` whose ``text`` was a dict could be changed in place
(``post.text["ca"] = "x"``) and could not be hashed.  :class:`FrozenMap` keeps the
insertion order (the order of a post's languages is meaningful), compares equal to any
mapping with the same items, as a dict does, and hashes by its items regardless of order,
so that equal maps hash alike.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar, overload

from govsocial._frozen import assigning

__all__ = ["FrozenMap", "frozen_map_of"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class FrozenMap(Mapping[K, V]):
    """An immutable mapping with a stable order; hashable when its values are."""

    __slots__ = ("_data", "_hash")

    _data: dict[K, V]
    _hash: int | None

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        object.__setattr__(self, "_data", dict(items) if items else {})
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    # The dict's own views and lookups (read-only), not Mapping's generic ones, which
    # call __iter__ and __getitem__ in Python for every item: the rules read a post's
    # texts many times per check.
    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    @overload
    def get(self, key: K, /) -> V | None: ...

    @overload
    def get(self, key: K, /, default: V | T) -> V | T: ...

    def get(self, key: K, /, default: V | T | None = None) -> V | T | None:
        return self._data.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        assert self._hash is not None
        return self._hash

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))


# FrozenMap's twin with plain attribute assignment (see govsocial._frozen).
_AssigningFrozenMap = assigning(FrozenMap)


def frozen_map_of(items: dict[K, V]) -> FrozenMap[K, V]:
    """``FrozenMap(items)`` for a dict `items`, built without the class call: a copy of
    `items`, the same value (a test compares it with the class call), a few times cheaper
    to make (a post's texts, for every post checked from a dict)."""
    m: Any = object.__new__(_AssigningFrozenMap)
    m._data = dict(items)
    m._hash = None
    m.__class__ = FrozenMap
    out: FrozenMap[K, V] = m
    return out
