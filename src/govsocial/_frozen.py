"""Building frozen attrs values fast, from values the library itself has checked.

Calling a frozen attrs class costs far more than the value it makes: the class call packs
its arguments into a tuple and a dict, and the generated ``__init__`` sets every field
through ``object.__setattr__`` (a bound method-wrapper call each). A check makes a few
dozen such values per post (hits, findings, a report, renditions, text items), a
measurable share of its instructions.

:func:`assigning` gives the subclass through which such a value is built instead: the
same slots and nothing else (no ``__dict__``), with plain attribute assignment, which
the interpreter does in a few instructions. A builder makes an instance of it, assigns
every field, and then gives the instance its real class, which makes it frozen::

    _HitBuild = assigning(Hit)

    def new_hit(message, path, ...) -> Hit:
        h: Any = object.__new__(_HitBuild)
        h.message = message
        ...
        h.__class__ = Hit
        return h

The value is then exactly the one the class call makes (its class, fields, equality,
hash, repr, pickling and immutability): no validator or converter runs, so a builder is
only for values that need none (tests compare every builder with its class call).
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["assigning"]

T = TypeVar("T")


def assigning(cls: type[T]) -> type[T]:
    """A subclass of the frozen slotted class `cls` whose fields can be assigned.

    It adds no slot, so CPython lets an instance's ``__class__`` be set to `cls`
    (the layouts are the same). Both ``__setattr__`` and ``__delattr__`` are object's,
    so that the type's attribute setting is the generic one, which the interpreter
    specialises for slots."""
    if "__slots__" not in cls.__dict__:
        raise TypeError(f"expected a slotted class, got {cls.__qualname__}")
    return type(
        f"_Assigning{cls.__name__}",
        (cls,),
        {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": cls.__module__,
        },
    )
