"""Policies: an institution's style guide as data, validated once, up front.

A policy is a YAML or JSON file (or a mapping) following
``schemas/policy.schema.json``.  :func:`load_policy` validates all of it before
anything is checked; an invalid policy raises :class:`~govsocial.errors.PolicyError`
whose message names the key path, the line (for files) and what was expected.
Unknown keys are errors, and so are duplicate keys in YAML: a typo must never
silently switch a rule off.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from govsocial.errors import PolicyError
from govsocial.findings import Severity
from govsocial.networks.spec import NETWORK_IDS, NetworkSpec, network_specs

__all__ = [
    "AltTextPolicy",
    "BrandPolicy",
    "CapsPolicy",
    "EmojiPolicy",
    "HashtagPolicy",
    "ImagePolicy",
    "LanguagePolicy",
    "LinkPolicy",
    "PalettePolicy",
    "Policy",
    "Term",
    "load_policy",
]


def _tag(value: str) -> str:
    return value[1:] if value.startswith(("#", "＃")) else value


@attrs.frozen
class LanguagePolicy:
    """Which languages a post needs, in what order, and how their languages are checked."""

    required: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    allowed: tuple[str, ...] | None = None
    both_or_none: bool = False
    combined_networks: tuple[str, ...] = ()
    separator: str = "\n\n"
    detection: bool = True
    detector: str = "auto"
    candidates: tuple[str, ...] | None = None
    detect_alt_text: bool = True


@attrs.frozen
class HashtagPolicy:
    max: int | None = None
    max_length: int | None = None
    camel_case: bool = False
    camel_case_min_length: int = 10
    position: str = "anywhere"
    required: tuple[Mapping[str, str], ...] = ()
    known: frozenset[str] = frozenset()


@attrs.frozen
class LinkPolicy:
    max: int | None = None
    https_only: bool = False
    allowed_domains: tuple[str, ...] | None = None
    forbid_shorteners: bool = False
    shorteners: frozenset[str] = frozenset()


@attrs.frozen
class EmojiPolicy:
    max: int | None = None
    max_repeats: int | None = None
    position: str = "anywhere"


@attrs.frozen
class CapsPolicy:
    enabled: bool = False
    min_words: int = 3
    allow: frozenset[str] = frozenset()


@attrs.frozen(cache_hash=True)
class Term:
    """A banned term (``use`` is None) or a preferred substitution."""

    find: tuple[str, ...]
    lang: str = "*"
    use: str | None = None
    note: str | None = None


@attrs.frozen
class AltTextPolicy:
    required: bool = False
    max_length: int | None = None
    forbid_prefixes: tuple[str, ...] = ()


@attrs.frozen
class ImagePolicy:
    """Caps for reading media files (``media.images``)."""

    max_pixels: int = 40_000_000
    max_bytes: int = 64 * 1024 * 1024


@attrs.frozen
class PalettePolicy:
    """Corporate colours (sRGB) and how far an image's dominant colours may stray (CIE76 ΔE)."""

    colors: tuple[tuple[int, int, int], ...]
    max_delta_e: float = 20.0
    min_share: float = 0.15


@attrs.frozen
class BrandPolicy:
    """The ``brand`` section: approved logos (resolved paths), where and how big they go.

    `required` is None (a logo is never required), or the networks that require it.
    """

    logos: tuple[Path, ...] = ()
    required: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    corners: tuple[str, ...] = ("top-left", "top-right", "bottom-left", "bottom-right")
    max_margin_percent: float = 5.0
    min_width_percent: float = 5.0
    min_width_px: int = 48
    palette: PalettePolicy | None = None

    def requires_logo(self, network: str, kind: str | None) -> bool:
        if self.required is None or not self.logos or network not in self.required:
            return False
        return self.kinds is None or kind in self.kinds


@attrs.frozen
class ElectoralPeriod:
    name: str
    start: dt.date
    end: dt.date


@attrs.frozen
class ElectoralPolicy:
    periods: tuple[ElectoralPeriod, ...] = ()
    timezone: str = "Europe/Madrid"
    allowed_kinds: frozenset[str] = frozenset()
    phrases: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


@attrs.frozen
class Policy:
    """A validated policy.  Build it with :func:`load_policy`; it is immutable and picklable."""

    name: str = ""
    source: str | None = None
    languages: LanguagePolicy = LanguagePolicy()
    hashtags: HashtagPolicy = HashtagPolicy()
    mentions_max: int | None = None
    links: LinkPolicy = LinkPolicy()
    emoji: EmojiPolicy = EmojiPolicy()
    caps: CapsPolicy = CapsPolicy()
    terms: tuple[Term, ...] = ()
    alt_text: AltTextPolicy = AltTextPolicy()
    images: ImagePolicy = ImagePolicy()
    brand: BrandPolicy = BrandPolicy()
    electoral: ElectoralPolicy = ElectoralPolicy()
    severity_overrides: Mapping[str, str] = attrs.field(factory=dict)
    network_overrides: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    responsiveness: Any = None
    crisis: Any = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    _networks: Mapping[str, NetworkSpec] = attrs.field(
        factory=dict, eq=False, repr=False, alias="networks_"
    )
    _severity_cache: dict[tuple[str, Severity], Severity | None] = attrs.field(
        factory=dict, eq=False, repr=False, init=False
    )
    _plans: dict[tuple[str, ...], tuple[tuple[Any, Severity], ...]] = attrs.field(
        factory=dict, eq=False, repr=False, init=False
    )
    # The rules tuple last planned for and its plan (check() passes all_rules() each time).
    _last_plan: dict[str, tuple[tuple[Any, ...], tuple[tuple[Any, Severity], ...]]] = attrs.field(
        factory=dict, eq=False, repr=False, init=False
    )

    def network(self, network: str) -> NetworkSpec:
        """The network's spec with this policy's overrides applied."""
        spec = self._networks.get(network)
        if spec is not None:
            return spec
        from govsocial.networks.spec import get_network

        return get_network(network)

    def plan(self, rules: tuple[Any, ...]) -> tuple[tuple[Any, Severity], ...]:
        """The rules that run under this policy, each with its effective severity (cached)."""
        last = self._last_plan.get("plan")
        if last is not None and last[0] is rules:
            return last[1]
        key = tuple(r.code for r in rules)
        plan = self._plans.get(key)
        if plan is None:
            plan = tuple(
                (r, sev)
                for r in rules
                if (sev := self.severity_for(r.code, r.severity)) is not None
            )
            self._plans[key] = plan
        self._last_plan["plan"] = (rules, plan)
        return plan

    def severity_for(self, code: str, default: Severity) -> Severity | None:
        """The severity of rule `code` under this policy (None: the rule is off)."""
        key = (code, default)
        if key not in self._severity_cache:
            self._severity_cache[key] = self._resolve_severity(code, default)
        return self._severity_cache[key]

    def _resolve_severity(self, code: str, default: Severity) -> Severity | None:
        best = ""
        for prefix in self.severity_overrides:
            if code.startswith(prefix) and len(prefix) > len(best):
                best = prefix
        if not best:
            return default
        value = self.severity_overrides[best]
        return None if value == "off" else Severity(value)


def load_policy(source: str | Path | Mapping[str, Any]) -> Policy:
    """Load and validate a policy from a YAML/JSON file path or a mapping.

    Raises :class:`PolicyError` naming the file, line, key path and what was
    expected, for the first problem found (in document order).
    """
    if isinstance(source, Mapping):
        return _build(source, name=None, lines={})
    if not isinstance(source, (str, Path)):
        raise PolicyError(f"expected a path or a mapping, got {type(source).__name__}", source=None)
    path = Path(source)
    from govsocial._io import read_text

    text = read_text(path, error=PolicyError)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PolicyError(
                f"invalid JSON: {exc.msg} (column {exc.colno})", source=str(path), line=exc.lineno
            ) from None
        return _build(data, name=str(path), lines={})
    data, lines = _load_yaml(text, str(path))
    return _build(data, name=str(path), lines=lines)


def _load_yaml(text: str, name: str) -> tuple[Any, dict[str, int]]:
    """Parse YAML keeping the line of every JSON pointer; duplicate keys are errors.

    One parse: the document is composed into nodes (their lines give the pointers' lines
    and reveal duplicate keys, which a plain load would silently merge) and the data is
    constructed from those nodes. libyaml's parser is used when PyYAML has it.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise PolicyError(
                "the file is empty; expected a mapping with at least `version: 1`", source=name
            )
        lines: dict[str, int] = {}
        _walk(node, "", lines, name)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise PolicyError(
            f"invalid YAML: {problem}", source=name, line=mark.line + 1 if mark else None
        ) from None
    finally:
        loader.dispose()
    return data, lines


def _walk(node: Any, pointer: str, lines: dict[str, int], name: str) -> None:
    import yaml

    lines.setdefault(pointer or "/", node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise PolicyError(
                    f"duplicate key {key!r} (first at line {seen[key]}); each key may appear once",
                    source=name,
                    line=key_node.start_mark.line + 1,
                    where=pointer or "/",
                )
            seen[key] = key_node.start_mark.line + 1
            child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, name)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{pointer}/{i}", lines, name)


def _line_for(pointer: str, lines: Mapping[str, int]) -> int | None:
    while True:
        if pointer in lines:
            return lines[pointer]
        if pointer in ("", "/"):
            return None
        pointer = pointer.rsplit("/", 1)[0] or "/"


def _build(data: Any, *, name: str | None, lines: Mapping[str, int]) -> Policy:
    from govsocial._schemas import describe_error, validator

    data = _plain(data)
    if not isinstance(data, Mapping):
        raise PolicyError(
            f"expected a mapping at the top level, got {type(data).__name__}",
            source=name,
            where="/",
        )
    errors = sorted(
        validator("policy").iter_errors(data),
        key=lambda e: (_line_for(_ptr(e.absolute_path), lines) or 0, _ptr(e.absolute_path)),
    )
    if errors:
        where, message = describe_error(errors[0])
        raise PolicyError(message, source=name, where=where, line=_line_for(where, lines))

    def fail(message: str, where: str) -> PolicyError:
        return PolicyError(message, source=name, where=where, line=_line_for(where, lines))

    langs = data.get("languages", {})
    combined = langs.get("combined", {})
    detection = langs.get("detection", {})
    required = tuple(langs.get("required", ()))
    order = tuple(langs.get("order", ()))
    allowed = tuple(langs["allowed"]) if "allowed" in langs else None
    if allowed is not None:
        for i, lang in enumerate(required):
            if lang not in allowed:
                raise fail(
                    f"required language {lang!r} is not in languages.allowed",
                    f"/languages/required/{i}",
                )
    language = LanguagePolicy(
        required=required,
        order=order or required,
        allowed=allowed,
        both_or_none=bool(langs.get("both_or_none", False)),
        combined_networks=tuple(combined.get("networks", ())),
        separator=combined.get("separator", "\n\n"),
        detection=bool(detection.get("enabled", True)),
        detector=detection.get("detector", "auto"),
        candidates=tuple(detection["candidates"]) if "candidates" in detection else None,
        detect_alt_text=bool(detection.get("alt_text", True)),
    )
    from govsocial.language._detectors import _names_phrase, detector_names

    if language.detector not in detector_names():
        raise fail(
            f"unknown detector {language.detector!r}; expected {_names_phrase()} (a custom "
            "detector is registered with govsocial.language.register_detector before the "
            "policy is loaded)",
            "/languages/detection/detector",
        )

    h = data.get("hashtags", {})
    required_tags: list[Mapping[str, str]] = []
    for item in h.get("required", ()):
        if isinstance(item, str):
            required_tags.append({"*": _tag(item)})
        else:
            required_tags.append({k: _tag(v) for k, v in item.items()})
    hashtags = HashtagPolicy(
        max=h.get("max"),
        max_length=h.get("max_length"),
        camel_case=bool(h.get("camel_case", False)),
        camel_case_min_length=h.get("camel_case_min_length", 10),
        position=h.get("position", "anywhere"),
        required=tuple(required_tags),
        known=frozenset(_tag(t).casefold() for t in h.get("known", ())),
    )
    lk = data.get("links", {})
    links = LinkPolicy(
        max=lk.get("max"),
        https_only=bool(lk.get("https_only", False)),
        allowed_domains=tuple(d.lower() for d in lk["allowed_domains"])
        if "allowed_domains" in lk
        else None,
        forbid_shorteners=bool(lk.get("forbid_shorteners", False)),
        shorteners=frozenset(d.lower() for d in lk.get("shorteners", ())),
    )
    em = data.get("emoji", {})
    emoji = EmojiPolicy(
        max=em.get("max"),
        max_repeats=em.get("max_repeats"),
        position=em.get("position", "anywhere"),
    )
    cp = data.get("caps", {})
    caps = CapsPolicy(
        enabled=bool(cp.get("enabled", bool(cp))),
        min_words=cp.get("min_words", 3),
        allow=frozenset(w.casefold() for w in cp.get("allow", ())),
    )
    terms: list[Term] = []
    tm = data.get("terms", {})
    for kind in ("banned", "preferred"):
        for entry in tm.get(kind, ()):
            finds = entry["find"]
            terms.append(
                Term(
                    find=(finds,) if isinstance(finds, str) else tuple(finds),
                    lang=entry.get("lang", "*"),
                    use=entry.get("use"),
                    note=entry.get("note"),
                )
            )
    at = data.get("media", {}).get("alt_text", {})
    alt_text = AltTextPolicy(
        required=bool(at.get("required", False)),
        max_length=at.get("max_length"),
        forbid_prefixes=tuple(at.get("forbid_prefixes", ())),
    )
    im = data.get("media", {}).get("images", {})
    images = ImagePolicy(**im)
    brand = _brand(data.get("brand"), name, fail)
    el = data.get("electoral", {})
    periods = []
    for i, p in enumerate(el.get("periods", ())):
        try:
            start, end = dt.date.fromisoformat(p["from"]), dt.date.fromisoformat(p["to"])
        except ValueError:
            raise fail(
                "expected a real calendar date YYYY-MM-DD", f"/electoral/periods/{i}"
            ) from None
        if end < start:
            raise fail(f"`to` ({end}) is before `from` ({start})", f"/electoral/periods/{i}/to")
        periods.append(ElectoralPeriod(p.get("name", f"period {i + 1}"), start, end))
    tz = el.get("timezone", "Europe/Madrid")
    try:
        import zoneinfo

        zoneinfo.ZoneInfo(tz)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise fail(
            f"unknown time zone {tz!r}; expected an IANA name such as Europe/Madrid",
            "/electoral/timezone",
        ) from None
    electoral = ElectoralPolicy(
        periods=tuple(periods),
        timezone=tz,
        allowed_kinds=frozenset(el.get("allowed_kinds", ())),
        phrases={k: tuple(v) for k, v in el.get("phrases", {}).items()},
    )
    overrides = {k: dict(v) for k, v in data.get("networks", {}).items()}
    specs = network_specs()
    networks = {
        net: (specs[net].evolve_from(overrides[net]) if net in overrides else specs[net])
        for net in NETWORK_IDS
    }
    responsiveness = _section(data, "responsiveness", "govsocial.responsiveness", fail)
    crisis = _section(data, "crisis", "govsocial.crisis", fail)
    return Policy(
        name=data.get("name", ""),
        source=name,
        languages=language,
        hashtags=hashtags,
        mentions_max=data.get("mentions", {}).get("max"),
        links=links,
        emoji=emoji,
        caps=caps,
        terms=tuple(terms),
        alt_text=alt_text,
        images=images,
        brand=brand,
        electoral=electoral,
        severity_overrides={
            k: ("off" if v is False else v) for k, v in data.get("severity", {}).items()
        },
        network_overrides=overrides,
        responsiveness=responsiveness,
        crisis=crisis,
        raw=data,
        networks_=networks,
    )


def _brand(section: Mapping[str, Any] | None, name: str | None, fail: Any) -> BrandPolicy:
    """The brand section; logo paths resolve against the policy file's folder.

    A logo file that does not exist is reported by the brand rules when a check needs it
    (GS290), not here: the policy stays usable for its other sections."""
    if not section:
        return BrandPolicy()
    folder = Path(name).parent if name else Path.cwd()
    logos = []
    for entry in section.get("logos", ()):
        path = Path(entry)
        logos.append(path if path.is_absolute() else folder / path)
    req = section.get("required", False)
    if req and not logos:
        raise fail("a logo is required but `brand.logos` names no logo file", "/brand/required")
    required = frozenset(NETWORK_IDS) if req is True else (frozenset(req) if req else None)
    pal = section.get("palette")
    palette = None
    if pal is not None:
        palette = PalettePolicy(
            colors=tuple(
                (int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)) for c in pal["colors"]
            ),
            max_delta_e=float(pal.get("max_delta_e", 20.0)),
            min_share=float(pal.get("min_share", 0.15)),
        )
    return BrandPolicy(
        logos=tuple(logos),
        required=required,
        kinds=frozenset(section["kinds"]) if "kinds" in section else None,
        corners=tuple(section.get("corners", BrandPolicy().corners)),
        max_margin_percent=float(section.get("max_margin_percent", 5.0)),
        min_width_percent=float(section.get("min_width_percent", 5.0)),
        min_width_px=int(section.get("min_width_px", 48)),
        palette=palette,
    )


def _section(data: Mapping[str, Any], key: str, module: str, fail: Any) -> Any:
    """Validate a capability's own section with that capability's ``from_mapping``."""
    if key not in data:
        return None
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError:
        mod = None
    from_mapping = getattr(mod, "policy_from_mapping", None)
    if from_mapping is None:
        # Never accept a section nothing validates: a typo in it would go unnoticed.
        raise fail(f"the {key!r} section is not supported by this version of govsocial", f"/{key}")
    try:
        return from_mapping(data[key], where=f"/{key}")
    except PolicyError as exc:
        raise fail(exc.message, exc.where or f"/{key}") from None


def _plain(value: Any) -> Any:
    """YAML turns ``2027-05-23`` into a date: bring dates back to ISO strings before validation."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _ptr(path: Sequence[Any]) -> str:
    from govsocial._schemas import pointer

    return pointer(path)
