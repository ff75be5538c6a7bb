"""Network specifications: each network's facts, loaded from ``data/networks.yaml``.

A :class:`NetworkSpec` is plain data: limits, the counting unit, URL weight, caps.
The shipped facts carry their source and date (:attr:`NetworkSpec.facts`); a policy
may override any field (a Mastodon server with 1,000 characters) with
:meth:`NetworkSpec.evolve_from`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any, Literal

import attrs

from govsocial.errors import UsageError

__all__ = [
    "NETWORK_IDS",
    "OVERRIDABLE_FIELDS",
    "UNITS",
    "Fact",
    "NetworkSpec",
    "get_network",
    "network_specs",
]

Unit = Literal["x-weighted", "graphemes", "utf16", "utf8-bytes", "codepoints"]
UNITS: tuple[str, ...] = ("x-weighted", "graphemes", "utf16", "utf8-bytes", "codepoints")

NETWORK_IDS: tuple[str, ...] = (
    "x",
    "facebook",
    "instagram",
    "threads",
    "linkedin",
    "mastodon",
    "bluesky",
    "youtube",
    "tiktok",
)


@attrs.frozen
class Fact:
    """Where a network fact comes from."""

    source: str
    read: str
    confidence: str = "confirmed"
    note: str | None = None


def _opt_tuple(value: Any) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _sizes(value: Any) -> tuple[tuple[int, int], ...]:
    return tuple((int(w), int(h)) for w, h in (value or ()))


@attrs.frozen
class NetworkSpec:
    """What one network accepts, and how it counts text against its limit."""

    id: str
    name: str
    limit: int
    unit: Unit
    byte_limit: int | None = None
    title_limit: int | None = None
    url_weight: int | None = None
    url_scheme_required: bool = False
    mention_domain_free: bool = False
    max_hashtags: int | None = None
    max_mentions: int | None = None
    max_links: int | None = None
    links_clickable: bool = True
    max_images: int | None = None
    alt_text_limit: int | None = None
    threads: bool = False
    reserved_characters: str = ""
    forbidden_characters: str = ""
    # Media (issue 18). None: not known, not checked.
    media_required: bool = False
    media_kinds: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    mixed_media: bool | None = None
    max_gifs: int | None = None
    max_videos: int | None = None
    image_formats: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    image_max_bytes: int | None = None
    gif_max_bytes: int | None = None
    image_aspect_min: float | None = None
    image_aspect_max: float | None = None
    image_min_side: int | None = None
    image_max_side: int | None = None
    image_max_pixels: int | None = None
    animated_images: bool | None = None
    recommended_sizes: tuple[tuple[int, int], ...] = attrs.field(default=(), converter=_sizes)
    video_formats: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    video_max_bytes: int | None = None
    video_min_seconds: float | None = None
    video_max_seconds: float | None = None
    video_aspect_min: float | None = None
    video_aspect_max: float | None = None
    video_min_side: int | None = None
    video_max_side: int | None = None
    video_index_first: bool | None = None
    facts: Mapping[str, Fact] = attrs.field(factory=dict, eq=False, repr=False)

    def evolve_from(self, overrides: Mapping[str, Any]) -> NetworkSpec:
        """Return a copy with `overrides` applied (facts of overridden fields say "policy")."""
        facts = dict(self.facts)
        for key in overrides:
            facts[key] = Fact(source="policy", read="", confidence="policy")
        return attrs.evolve(self, facts=facts, **overrides)


OVERRIDABLE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(NetworkSpec) if f.name not in {"id", "facts"}
)


@functools.cache
def network_specs() -> Mapping[str, NetworkSpec]:
    """The shipped specs, by network id (loaded once from the data file)."""
    import yaml

    text = resources.files("govsocial").joinpath("data", "networks.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    sources: Mapping[str, str] = raw["sources"]
    specs: dict[str, NetworkSpec] = {}
    for net_id, entry in raw["networks"].items():
        values: dict[str, Any] = {"id": net_id, "name": entry["name"]}
        facts: dict[str, Fact] = {}
        for key, fact in entry.items():
            if key == "name":
                continue
            values[key] = fact["value"] if fact["value"] is not None else None
            facts[key] = Fact(
                source=sources[fact["source"]],
                read=str(fact["read"]),
                confidence=fact.get("confidence", "confirmed"),
                note=fact.get("note"),
            )
        values = {k: v for k, v in values.items() if v is not None}
        specs[net_id] = NetworkSpec(facts=facts, **values)
    return specs


def get_network(network: str) -> NetworkSpec:
    """Return the shipped spec of `network`; an unknown id raises UsageError listing the known ones."""
    try:
        return network_specs()[network]
    except KeyError:
        raise UsageError(
            f"unknown network {network!r}; expected one of: {', '.join(NETWORK_IDS)}"
        ) from None
