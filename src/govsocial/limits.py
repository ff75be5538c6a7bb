"""Limits on what govsocial reads: bounded time and memory whatever a file holds.

Every limit has a default well above any genuine use and can be changed in a
policy's ``limits`` section or by passing a :class:`Limits` to the functions that
read files.  Going over a limit raises :class:`~govsocial.errors.InputError` (or
:class:`~govsocial.errors.PolicyError` for a policy file) whose message names the
limit and says how to change it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits", "over_limit"]


def _positive(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    from govsocial.errors import UsageError

    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"Limits: expected a positive integer, got {attribute.name}={value!r}")


@attrs.frozen
class Limits:
    """The bounds applied when reading and analysing input (all positive integers)."""

    #: Bytes of a file read whole (a post file, a policy file).
    max_file_bytes: int = attrs.field(default=20_000_000, validator=_positive)
    #: Bytes of one line of a JSON Lines or CSV stream (messages, mentions, series).
    max_line_bytes: int = attrs.field(default=1_000_000, validator=_positive)
    #: Nesting of arrays and objects (JSON) or sequences and mappings (YAML).
    max_depth: int = attrs.field(default=64, validator=_positive)
    #: Posts in one file (an array of posts).
    max_posts_per_file: int = attrs.field(default=10_000, validator=_positive)
    #: Characters of one text (post text, title, alt text); a longer one is finding GS106
    #: and the post is not analysed further.
    max_text_chars: int = attrs.field(default=100_000, validator=_positive)
    #: YAML alias uses (``*name``) in a policy file.
    max_yaml_aliases: int = attrs.field(default=100, validator=_positive)
    #: YAML nodes in a policy file, counted with every alias expanded.
    max_yaml_nodes: int = attrs.field(default=100_000, validator=_positive)
    #: Slots of a spike detector's seasonal profile (``crisis.spikes.slots``, ``--slots``).
    max_series_slots: int = attrs.field(default=10_080, validator=_positive)
    #: Intervals a crisis assessment walks, from the first mention to the assessed time in
    #: ``crisis.bucket`` steps (a 1-second bucket over years of history would never end).
    max_series_buckets: int = attrs.field(default=1_000_000, validator=_positive)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Limits:
        """Limits with the keys of `data` changed (a policy's ``limits`` section)."""
        return attrs.evolve(DEFAULT_LIMITS, **dict(data))


DEFAULT_LIMITS = Limits()


def over_limit(name: str, value: int, limit: int, what: str) -> str:
    """The message for `what` (``"the file has 25,000,000 bytes"``) over limit `name`."""
    return (
        f"{what}, over the limit {name} = {limit:,}; expected at most {limit:,} "
        f"(raise it with `limits: {{{name}: N}}` in the policy, or govsocial.Limits({name}=N))"
    )
