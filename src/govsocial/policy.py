"""Policies: an institution's style guide as data, validated once, up front.

A policy is a YAML or JSON file (or a mapping) following
``schemas/policy.schema.json``.  :func:`load_policy` validates all of it before
anything is checked; an invalid policy raises :class:`~govsocial.errors.PolicyError`
whose message names the key path, the line (for files) and what was expected.
Unknown keys are errors, and so are duplicate keys in YAML: a typo must never
silently switch a rule off.

Long on purpose: the policy's values and the building of each from validated data sit
side by side, so what a key means and how it is read are found in one place; the
``responsiveness`` and ``crisis`` sections are read by their own packages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

import attrs

from govsocial._schemas import json_pointer_token
from govsocial.errors import PolicyError
from govsocial.findings import Severity
from govsocial.limits import DEFAULT_LIMITS, Limits
from govsocial.networks.spec import NETWORK_IDS, NetworkSpec, network_specs
from govsocial.plan import AccountRegistry, PublishingPlan, accounts_from_mapping, plan_from_mapping
from govsocial.timezones import ZONE_EXAMPLE, zone_named

if TYPE_CHECKING:  # the sections' own packages sit above this layer and load lazily
    from govsocial.crisis import CrisisProtocol
    from govsocial.responsiveness import ResponsivenessPolicy

__all__ = [
    "AltTextPolicy",
    "BrandPolicy",
    "CapsPolicy",
    "EmojiPolicy",
    "FormattingPolicy",
    "HashtagPolicy",
    "ImagePolicy",
    "LanguagePolicy",
    "LinkPolicy",
    "PalettePolicy",
    "Policy",
    "Term",
    "load_policy",
    "shipped_policies",
]


def _tag(value: str) -> str:
    return value[1:] if value.startswith(("#", "＃")) else value


class RatedRule(Protocol):
    """What :meth:`Policy.plan` needs of a rule (``govsocial.rules.Rule`` has it)."""

    @property
    def code(self) -> str: ...

    @property
    def severity(self) -> Severity: ...


R = TypeVar("R", bound=RatedRule)


@attrs.frozen
class LanguagePolicy:
    """Which languages a post needs, in what order, and how their languages are checked."""

    required: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    allowed: tuple[str, ...] | None = None
    both_or_none: bool = False
    combined_networks: tuple[str, ...] = ()
    separator: str = "\n\n"
    others: str = "thread"
    shared_hashtags: str = "end"
    detection: bool = True
    detector: str = "auto"
    candidates: tuple[str, ...] | None = None
    detect_alt_text: bool = True


@attrs.frozen
class FormattingPolicy:
    """How :func:`govsocial.render` adapts a post to each network (docs/formatting.md)."""

    numbering: bool = True
    thread_hashtags: str = "last"
    truncate: tuple[str, ...] = ()
    unclickable_links: str = "bio"
    link_in_bio: Mapping[str, str] = attrs.field(factory=dict)
    link_in_comment: Mapping[str, str] = attrs.field(factory=dict)
    media: str = "split"
    short_links: int | None = 30


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
class PostFilesPolicy:
    """Which files ``govsocial check`` treats as posts (globs relative to the policy's folder).

    `include` None means the default (``posts/`` folders, ``*.post.json``/``.yaml``).
    """

    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()


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


@attrs.frozen(unsafe_hash=False)
class Policy:
    """A validated policy.  Build it with :func:`load_policy`; it is immutable and picklable.

    Two policies loaded from equal data compare equal.  A policy is deliberately *not*
    hashable (``hash(policy)`` raises TypeError): it is a large tree (terms, crisis
    levels, calendars) that nothing needs as a key, and hashing it would either walk all
    of it or tie equality to identity.  To remember something per policy, key it by the
    policy's file (:attr:`source`) or keep it beside the policy.
    """

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
    formatting: FormattingPolicy = FormattingPolicy()
    severity_overrides: Mapping[str, str] = attrs.field(factory=dict)
    responsiveness: ResponsivenessPolicy | None = None
    crisis: CrisisProtocol | None = None
    #: Bounds on what is read and analysed under this policy (its ``limits`` section).
    limits: Limits = DEFAULT_LIMITS
    #: The policy's ``files`` section: which files are posts when a folder is checked.
    post_files: PostFilesPolicy = PostFilesPolicy()
    #: The accounts registry and the communication plan, measured by ``govsocial audit``.
    accounts: AccountRegistry | None = None
    plan: PublishingPlan | None = None
    #: Every file the policy was read from, absolute: its own first, then its bases.
    files: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)
    _networks: Mapping[str, NetworkSpec] = attrs.field(
        factory=dict, eq=False, repr=False, alias="networks_"
    )
    _severity_cache: dict[tuple[str, Severity], Severity | None] = attrs.field(
        factory=dict, eq=False, repr=False, init=False
    )
    _plans: dict[tuple[str, ...], tuple[tuple[RatedRule, Severity], ...]] = attrs.field(
        factory=dict, eq=False, repr=False, init=False
    )
    # The rules tuple last planned for and its plan (check() passes all_rules() each time).
    _last_plan: dict[str, tuple[tuple[RatedRule, ...], tuple[tuple[RatedRule, Severity], ...]]] = (
        attrs.field(factory=dict, eq=False, repr=False, init=False)
    )

    def network(self, network: str) -> NetworkSpec:
        """The network's spec with this policy's overrides applied."""
        spec = self._networks.get(network)
        if spec is not None:
            return spec
        from govsocial.networks.spec import get_network

        return get_network(network)

    def rule_plan(self, rules: tuple[R, ...]) -> tuple[tuple[R, Severity], ...]:
        """The rules that run under this policy, each with its effective severity (cached)."""
        last = self._last_plan.get("plan")
        if last is not None and last[0] is rules:
            return cast("tuple[tuple[R, Severity], ...]", last[1])
        key = tuple(r.code for r in rules)
        cached = self._plans.get(key)
        if cached is None:
            cached = tuple(
                (r, sev)
                for r in rules
                if (sev := self.severity_for(r.code, r.severity)) is not None
            )
            self._plans[key] = cached
        self._last_plan["plan"] = (rules, cached)
        return cast("tuple[tuple[R, Severity], ...]", cached)

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


def load_policy(
    source: str | Path | Mapping[str, Any],
    *,
    base_dir: str | Path | None = None,
    limits: Limits | None = None,
) -> Policy:
    """Load and validate a policy from a YAML/JSON file path or a mapping.

    A policy may name a base with ``extends``: a file path (relative to the file that
    says it; for a mapping, relative to `base_dir`, or to the current directory when
    `base_dir` is None) or the name of a policy shipped with govsocial (see
    :func:`shipped_policies`).  The bases are merged under the policy: mappings merge
    key by key, a list or a scalar of the policy replaces the base's, and ``severity``
    overrides combine (the longest prefix still wins).

    Raises :class:`PolicyError` naming the file, line, key path and what was
    expected, for the first problem found (in document order); the file and line are
    those of the file (policy or base) where the offending value was written.

    Each file is read within `limits` (default :data:`~govsocial.limits.DEFAULT_LIMITS`):
    its size, its nesting and, in YAML, its aliases; the policy's own ``limits`` section
    applies to what is read under it.
    """
    if limits is None:
        limits = DEFAULT_LIMITS
    elif not isinstance(limits, Limits):
        from govsocial.errors import UsageError

        raise UsageError(f"load_policy() expected a govsocial.Limits, got limits={limits!r:.60}")
    if base_dir is not None and not isinstance(base_dir, (str, Path)):
        raise PolicyError(
            f"expected base_dir to be a directory path, got {type(base_dir).__name__}",
            source=None,
        )
    if isinstance(source, Mapping):
        from govsocial._io import nesting_depth

        if nesting_depth(_plain_shallow(source, limits)) > limits.max_depth:
            raise PolicyError(_too_deep(limits), source=None, where="/")
        top = _Layer(
            data=_plain(source),
            lines={},
            name=None,
            key=None,
            directory=Path(base_dir) if base_dir is not None else Path.cwd(),
        )
    elif isinstance(source, (str, Path)):
        top = _read_layer(Path(source), str(source), key=None, limits=limits)
    else:
        raise PolicyError(f"expected a path or a mapping, got {type(source).__name__}", source=None)
    layers = _chain(top, limits)
    for layer in layers:
        _validate_layer(layer, in_chain=len(layers) > 1)
    data, places = layers[-1].data, _places(layers[-1])
    for layer in reversed(layers[:-1]):
        data = _merge(data, layer.data, "", places, _places(layer))
    data.pop("extends", None)
    places.pop("/extends", None)
    files = tuple(layer.file for layer in layers if layer.file is not None)
    return _build(data, name=top.name, places=places, files=files)


_SHIPPED_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_DEPTH = 16


def shipped_policies() -> tuple[str, ...]:
    """The names of the base policies shipped with govsocial, for ``extends: NAME``."""
    folder = resources.files("govsocial").joinpath("data", "policies")
    return tuple(
        sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
    )


@attrs.frozen
class _Layer:
    """One file (or mapping) of an ``extends`` chain, parsed but not yet validated."""

    data: Any
    lines: Mapping[str, int]
    name: str | None  # as shown in messages
    key: str | None  # identity in the chain, for cycles: an absolute path or "govsocial:NAME"
    directory: Path  # what a relative ``extends`` in it is resolved against

    @property
    def file(self) -> str | None:
        """The file's absolute path, when it is a file on disk (for cache invalidation)."""
        if self.key is None or self.key.startswith("govsocial:"):
            return None
        return self.key


def _read_layer(
    path: Path, name: str, *, key: str | None, limits: Limits = DEFAULT_LIMITS
) -> _Layer:
    from govsocial._io import parse_json, read_text

    text = read_text(path, error=PolicyError, limits=limits)
    if key is None:
        key = str(path.resolve())
    if path.suffix.lower() == ".json":
        data = parse_json(text, source=name, error=PolicyError, limits=limits)
        lines: dict[str, int] = {}
    else:
        data, lines = _load_yaml(text, name, limits)
    return _Layer(_plain(data), lines, name, key, path.parent)


def _chain(top: _Layer, limits: Limits = DEFAULT_LIMITS) -> list[_Layer]:
    """The policy and its bases, the policy first; missing bases and cycles are errors."""
    layers = [top]
    while True:
        layer = layers[-1]
        data = layer.data
        if not isinstance(data, Mapping) or "extends" not in data:
            return layers
        value = data["extends"]

        def fail(message: str, layer: _Layer = layer) -> PolicyError:
            return PolicyError(
                message,
                source=layer.name,
                where="/extends",
                line=_line_for("/extends", layer.lines),
            )

        if not isinstance(value, str) or not value.strip():
            raise fail(
                f"{value!r} is not a base policy; expected a file path (relative to this "
                "file) or the name of a shipped policy, e.g. 'generalitat-ca-es'"
            )
        names = [_shown(x) for x in layers]
        if _SHIPPED_NAME.fullmatch(value):
            key = f"govsocial:{value}"
            shipped = shipped_policies()
            if value not in shipped:
                raise fail(
                    f"no policy named {value!r} is shipped with govsocial (shipped: "
                    f"{', '.join(shipped)}); a file is named with its extension, e.g. "
                    f"'{value}.yaml' (chain: {' -> '.join([*names, value])})"
                )
            target = resources.files("govsocial").joinpath("data", "policies", f"{value}.yaml")
            path, shown = Path(str(target)), key
        else:
            path = layer.directory / value
            shown = str(path)
            key = str(path.resolve())
            if not path.is_file():
                raise fail(
                    f"cannot find the base policy {value!r} (looked for {path.resolve()}); "
                    f"chain: {' -> '.join([*names, shown])}"
                )
        if any(x.key == key for x in layers):
            raise fail(
                f"extends cycle: {' -> '.join([*names, shown])}; a policy cannot extend itself"
            )
        if len(layers) > _MAX_DEPTH:
            raise fail(f"more than {_MAX_DEPTH} bases in the extends chain; expected fewer")
        layers.append(_read_layer(path, shown, key=key, limits=limits))


def _shown(layer: _Layer) -> str:
    return layer.name if layer.name is not None else "<mapping>"


def _places(layer: _Layer) -> dict[str, tuple[str | None, int | None]]:
    """Each JSON pointer of a layer with the file and line it was written at."""
    places: dict[str, tuple[str | None, int | None]] = {
        p: (layer.name, line) for p, line in layer.lines.items()
    }
    places.setdefault("/", (layer.name, None))
    return places


def _merge(
    base: Any,
    child: Any,
    pointer: str,
    places: dict[str, tuple[str | None, int | None]],
    child_places: Mapping[str, tuple[str | None, int | None]],
) -> Any:
    """The child merged over its base: mappings merge, anything else is replaced.

    `places` holds the base's places and is updated to say where each merged value
    was written (the child's place for a value it gave, the base's otherwise).
    """
    if isinstance(base, Mapping) and isinstance(child, Mapping):
        if (pointer or "/") in child_places:
            places[pointer or "/"] = child_places[pointer or "/"]
        out = dict(base)
        for key, value in child.items():
            at = f"{pointer}/{json_pointer_token(key)}"
            if key in out:
                out[key] = _merge(out[key], value, at, places, child_places)
            else:
                out[key] = value
                _copy_places(at, places, child_places)
        return out
    for p in [p for p in places if p == pointer or p.startswith(pointer + "/")]:
        del places[p]
    _copy_places(pointer, places, child_places)
    return child


def _copy_places(
    pointer: str,
    places: dict[str, tuple[str | None, int | None]],
    child_places: Mapping[str, tuple[str | None, int | None]],
) -> None:
    for p, place in child_places.items():
        if p == pointer or p.startswith(pointer + "/"):
            places[p] = place
    places.setdefault(pointer, (child_places.get("/", (None, None))[0], None))


def _validate_layer(layer: _Layer, *, in_chain: bool) -> None:
    """Check one file of a chain against the schema (a base may leave out required keys
    of a section that the policy completes; the merged policy is checked in full)."""
    from govsocial._schemas import describe_error, validator

    data = layer.data
    if not isinstance(data, Mapping):
        raise PolicyError(
            f"expected a mapping at the top level, got {type(data).__name__}",
            source=layer.name,
            where="/",
        )
    if not in_chain:
        return  # checked in full once built
    errors = [
        e
        for e in validator("policy").iter_errors(data)
        if not (e.validator == "required" and e.absolute_path)
    ]
    if errors:
        errors.sort(
            key=lambda e: (
                _line_for(_ptr(e.absolute_path), layer.lines) or 0,
                _ptr(e.absolute_path),
            )
        )
        where, message = describe_error(errors[0])
        raise PolicyError(
            message, source=layer.name, where=where, line=_line_for(where, layer.lines)
        )


def _load_yaml(text: str, name: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, dict[str, int]]:
    """Parse YAML keeping the line of every JSON pointer; duplicate keys are errors.

    One parse: the document is composed into nodes (their lines give the pointers' lines
    and reveal duplicate keys, which a plain load would silently merge) and the data is
    constructed from those nodes. libyaml's parser is used when PyYAML has it.

    Aliases are allowed (a list shared by two sections is ordinary YAML) within a small
    budget: at most ``max_yaml_aliases`` uses and ``max_yaml_nodes`` nodes counted with
    every alias expanded, checked on the nodes before any data is built, so a "billion
    laughs" file is refused in milliseconds instead of taking gigabytes.
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
        _walk(node, "", lines, name, _Budget(limits))
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


class _Budget:
    """What a policy file's nodes may still use of the YAML limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()

    def visit(self, node: Any, depth: int, name: str) -> None:
        limits = self.limits
        line = node.start_mark.line + 1
        self.nodes += 1
        if id(node) in self.seen and not _scalar(node):
            self.aliases += 1
            if self.aliases > limits.max_yaml_aliases:
                raise PolicyError(
                    _over("max_yaml_aliases", limits, "the file uses too many YAML aliases"),
                    source=name,
                    line=line,
                )
        self.seen.add(id(node))
        if self.nodes > limits.max_yaml_nodes:
            raise PolicyError(
                _over("max_yaml_nodes", limits, "the file expands to too many YAML nodes"),
                source=name,
                line=line,
            )
        if depth > limits.max_depth:
            raise PolicyError(_too_deep(limits), source=name, line=line)


def _scalar(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode)


def _over(limit: str, limits: Limits, what: str) -> str:
    from govsocial.limits import over_limit

    value: int = getattr(limits, limit)
    return over_limit(limit, value + 1, value, what)


def _too_deep(limits: Limits) -> str:
    return _over("max_depth", limits, "mappings and sequences are nested too deeply")


def _plain_shallow(value: Any, limits: Limits) -> Any:
    """`value` with mappings as dicts and sequences as lists, down to one level past the
    depth limit (enough to measure the depth without recursing without end)."""
    stack: list[tuple[Any, int]] = []
    root: list[Any] = [None]

    def convert(item: Any) -> Any:
        if isinstance(item, Mapping):
            return dict(item)
        if isinstance(item, (list, tuple)):
            return list(item)
        return item

    root[0] = convert(value)
    stack.append((root[0], 1))
    while stack:
        item, depth = stack.pop()
        if depth > limits.max_depth + 1:
            continue
        keys = (
            list(item)
            if isinstance(item, dict)
            else range(len(item))
            if isinstance(item, list)
            else ()
        )
        for k in keys:
            child = convert(item[k])
            item[k] = child
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return root[0]


def _walk(
    node: Any, pointer: str, lines: dict[str, int], name: str, budget: _Budget, depth: int = 1
) -> None:
    import yaml

    budget.visit(node, depth, name)
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
            child = f"{pointer}/{json_pointer_token(key)}"
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, name, budget, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{pointer}/{i}", lines, name, budget, depth + 1)


def _line_for(pointer: str, lines: Mapping[str, int]) -> int | None:
    while True:
        if pointer in lines:
            return lines[pointer]
        if pointer in ("", "/"):
            return None
        pointer = pointer.rsplit("/", 1)[0] or "/"


def _place_for(
    pointer: str, places: Mapping[str, tuple[str | None, int | None]]
) -> tuple[str | None, int | None]:
    """The file and line where the value at `pointer` (or its nearest parent) was written."""
    while True:
        place = places.get(pointer or "/")
        if place is not None:
            return place
        if pointer in ("", "/"):
            return (None, None)
        pointer = pointer.rsplit("/", 1)[0] or "/"


def _build(
    data: Any,
    *,
    name: str | None,
    places: Mapping[str, tuple[str | None, int | None]],
    files: tuple[str, ...],
) -> Policy:
    from govsocial._schemas import describe_error, validator

    def fail(message: str, where: str) -> PolicyError:
        source, line = _place_for(where, places)
        return PolicyError(message, source=source, where=where, line=line)

    def rank(error: Any) -> tuple[str, int, str]:
        where = _ptr(error.absolute_path)
        source, line = _place_for(where, places)
        # the policy's own file first, then its bases, each in document order
        return ("" if source == name else source or "", line or 0, where)

    errors = sorted(validator("policy").iter_errors(data), key=rank)
    if errors:
        where, message = describe_error(errors[0])
        raise fail(message, where)

    langs = data.get("languages", {})
    combined = langs.get("combined", {})
    detection = langs.get("detection", {})
    required = tuple(langs.get("required", ()))
    order = tuple(langs.get("order", ()))
    allowed = tuple(langs["allowed"]) if "allowed" in langs else None
    # Order names languages a post may hold: the allowed ones when the policy lists them
    # (optional variants have their place too), else the required ones when it lists
    # those; a policy with neither lets a post hold any language, so any may be ordered.
    orderable = allowed if allowed is not None else required
    for i, lang in enumerate(order):
        if orderable and lang not in orderable:
            key = "allowed" if allowed is not None else "required"
            raise fail(
                f"languages.order names {lang!r}, which is not in languages.{key} "
                f"{list(orderable)}; order only languages a post may hold"
                + ("" if allowed is not None else " (or list them in languages.allowed)"),
                f"/languages/order/{i}",
            )
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
        others=combined.get("others", "thread"),
        shared_hashtags=combined.get("shared_hashtags", "end"),
        detection=bool(detection.get("enabled", True)),
        detector=detection.get("detector", "auto"),
        candidates=tuple(detection["candidates"]) if "candidates" in detection else None,
        detect_alt_text=bool(detection.get("alt_text", True)),
    )
    from govsocial.language import detector_names

    names = detector_names()
    if language.detector not in names:
        expected = ", ".join(names[:-1]) + " or " + names[-1]
        raise fail(
            f"unknown detector {language.detector!r}; expected {expected} (a custom "
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
    if zone_named(tz) is None:
        raise fail(f"unknown time zone {tz!r}; expected {ZONE_EXAMPLE}", "/electoral/timezone")
    electoral = ElectoralPolicy(
        periods=tuple(periods),
        timezone=tz,
        allowed_kinds=frozenset(el.get("allowed_kinds", ())),
        phrases={k: tuple(v) for k, v in el.get("phrases", {}).items()},
    )
    fm = data.get("formatting", {})
    formatting = FormattingPolicy(
        numbering=bool(fm.get("numbering", True)),
        thread_hashtags=fm.get("thread_hashtags", "last"),
        truncate=tuple(fm.get("truncate", ())),
        unclickable_links=fm.get("unclickable_links", "bio"),
        link_in_bio=dict(fm.get("link_in_bio", {})),
        link_in_comment=dict(fm.get("link_in_comment", {})),
        media=fm.get("media", "split"),
        short_links=fm.get("short_links", 30),
    )
    overrides = {k: dict(v) for k, v in data.get("networks", {}).items()}
    specs = network_specs()
    networks = {
        net: (specs[net].evolve_from(overrides[net]) if net in overrides else specs[net])
        for net in NETWORK_IDS
    }
    limits = Limits.from_mapping(data.get("limits", {}))
    slots = data.get("crisis", {}).get("spikes", {}).get("slots")
    if isinstance(slots, int) and slots > limits.max_series_slots:
        raise fail(
            _over("max_series_slots", limits, f"crisis.spikes.slots is {slots:,}"),
            "/crisis/spikes/slots",
        )
    responsiveness = _section(data, "responsiveness", "govsocial.responsiveness", fail)
    crisis = _section(data, "crisis", "govsocial.crisis", fail)
    plan, accounts = _plan_and_accounts(data, places, electoral.timezone, fail)
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
        formatting=formatting,
        severity_overrides={
            k: ("off" if v is False else v) for k, v in data.get("severity", {}).items()
        },
        responsiveness=responsiveness,
        crisis=crisis,
        limits=limits,
        post_files=PostFilesPolicy(
            include=tuple(data["files"]["include"]) if "include" in data.get("files", {}) else None,
            exclude=tuple(data.get("files", {}).get("exclude", ())),
        ),
        accounts=accounts,
        plan=plan,
        files=files,
        networks_=networks,
    )


def _plan_and_accounts(
    data: Mapping[str, Any],
    places: Mapping[str, tuple[str | None, int | None]],
    timezone: str,
    fail: Any,
) -> tuple[PublishingPlan | None, AccountRegistry | None]:
    """The ``plan`` section, and the ``accounts`` registry in place or read from its file."""
    try:
        plan_data = data.get("plan")
        plan = plan_from_mapping(plan_data, timezone=timezone) if plan_data is not None else None
        accounts = data.get("accounts")
        if isinstance(accounts, str):
            source, _ = _place_for("/accounts", places)
            folder = Path(source).parent if source and not source.startswith("govsocial:") else None
            accounts = _read_accounts(Path(accounts) if folder is None else folder / accounts)
        registry = (
            accounts_from_mapping(accounts, base_plan=plan_data or {}, timezone=timezone)
            if accounts is not None
            else None
        )
    except PolicyError as exc:
        if exc.source is not None:
            raise
        raise fail(exc.message, exc.where or "/") from None
    return plan, registry


def _read_accounts(path: Path) -> Mapping[str, Any]:
    """An accounts registry in a file of its own, checked against its schema."""
    from govsocial._schemas import describe_error, validator

    layer = _read_layer(path, str(path), key=None)
    errors = sorted(
        validator("accounts").iter_errors(layer.data), key=lambda e: list(e.absolute_path)
    )
    if errors:
        where, message = describe_error(errors[0])
        raise PolicyError(
            message, source=str(path), where=where, line=_line_for(where, layer.lines)
        )
    data: Mapping[str, Any] = layer.data
    return data


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
