"""The fast builders of frozen values (govsocial._frozen) make exactly what the class call
makes: the same class, fields, equality, hash, repr, pickling and immutability."""

from __future__ import annotations

import copy
import pickle
import weakref
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsocial import text as text_module
from govsocial._frozen import assigning
from govsocial.findings import Finding, Region, Report, Severity, new_finding, new_report
from govsocial.language import verdicts
from govsocial.rules import context as context_module
from govsocial.rules.registry import Hit, new_hit
from govsocial.text import Emoji, Hashtag, Mention, TextInfo, Url

opt_text = st.none() | st.text(max_size=8)
span = st.none() | st.tuples(st.integers(0, 99), st.integers(0, 99))
severity = st.sampled_from(list(Severity))
region = st.none() | st.builds(
    Region, st.integers(1, 9), st.integers(1, 9), st.integers(1, 9), st.integers(1, 9)
)


def same_value(built: Any, called: Any) -> None:
    """`built` is in every observable way the value `called` (made by the class call)."""
    cls = type(called)
    assert type(built) is cls
    for a in attrs.fields(cls):
        assert getattr(built, a.name) is getattr(called, a.name), a.name
    assert built == called
    assert (built != called) is False
    assert hash(built) == hash(called)
    assert repr(built) == repr(called)
    assert attrs.asdict(built, recurse=False) == attrs.asdict(called, recurse=False)
    again = pickle.loads(pickle.dumps(built))
    assert type(again) is cls and again == called
    assert copy.copy(built) == called and copy.deepcopy(built) == called
    assert attrs.evolve(built) == called
    assert weakref.ref(built)() is built
    assert not hasattr(built, "__dict__")
    name = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(built, name, getattr(called, name))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        delattr(built, name)


@given(
    code=st.text(max_size=5),
    sev=severity,
    message=st.text(max_size=8),
    path=st.text(max_size=8),
    network=opt_text,
    lang=opt_text,
    where=span,
    fix=opt_text,
    rule=st.text(max_size=8),
    place=region,
    suppression=opt_text,
)
def test_new_finding_is_the_class_call(
    code: str,
    sev: Severity,
    message: str,
    path: str,
    network: str | None,
    lang: str | None,
    where: tuple[int, int] | None,
    fix: str | None,
    rule: str,
    place: Region | None,
    suppression: str | None,
) -> None:
    args = (code, sev, message, path, network, lang, where, fix, rule, place, suppression)
    same_value(new_finding(*args), Finding(*args))
    # the engine's call, without region and suppression
    same_value(new_finding(*args[:9]), Finding(*args[:9]))


@given(
    message=st.text(max_size=8),
    path=st.text(max_size=8),
    network=opt_text,
    lang=opt_text,
    where=span,
    fix=opt_text,
    sev=st.none() | severity,
)
def test_new_hit_is_the_class_call(
    message: str,
    path: str,
    network: str | None,
    lang: str | None,
    where: tuple[int, int] | None,
    fix: str | None,
    sev: Severity | None,
) -> None:
    same_value(
        new_hit(message, path, network, lang, where, fix, sev),
        Hit(message, path, network, lang, where, fix, sev),
    )
    # keywords and defaults, as the rules call it
    same_value(new_hit(message, path, lang=lang), Hit(message, path, lang=lang))
    same_value(
        new_hit(message, path, network=network, span=where),
        Hit(message, path, network=network, span=where),
    )


findings = st.lists(
    st.builds(
        Finding,
        code=st.sampled_from(["GS201", "GS210", "GS301"]),
        severity=severity,
        message=st.sampled_from(["a", "b"]),
        path=st.sampled_from(["/text/ca", "/text/es", "/text"]),
        network=st.none() | st.sampled_from(["x", "mastodon"]),
        lang=st.none() | st.just("ca"),
        span=st.none() | st.tuples(st.integers(0, 3), st.integers(0, 3)),
    ),
    max_size=6,
)


@given(
    found=findings,
    suppressed=findings,
    post_id=opt_text,
    source=opt_text,
    networks=st.lists(st.sampled_from(["x", "facebook"]), max_size=3).map(tuple),
    file=opt_text,
    policy=opt_text,
)
def test_new_report_is_the_class_call(
    found: list[Finding],
    suppressed: list[Finding],
    post_id: str | None,
    source: str | None,
    networks: tuple[str, ...],
    file: str | None,
    policy: str | None,
) -> None:
    built = new_report(list(found), post_id, source, networks, list(suppressed), file, policy)
    called = Report(
        found,
        post_id=post_id,
        source=source,
        networks=networks,
        suppressed=tuple(suppressed),
        file=file,
        policy=policy,
    )
    # findings equal (and sorted the same way): compared by value, not identity
    assert type(built) is Report
    assert built == called and hash(built) == hash(called) and repr(built) == repr(called)
    assert built.findings == called.findings and built.suppressed == called.suppressed
    assert pickle.loads(pickle.dumps(built)) == called
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.post_id = None  # type: ignore[misc]


ints = st.integers(0, 999)


@given(
    start=ints,
    end=ints,
    raw=st.text(max_size=8),
    scheme=opt_text,
    host=st.text(max_size=8),
    tag=st.text(max_size=8),
    domain=opt_text,
)
def test_text_item_builders_are_the_class_calls(
    start: int, end: int, raw: str, scheme: str | None, host: str, tag: str, domain: str | None
) -> None:
    t = text_module
    url = t._url(start, end, raw, scheme is not None, scheme, host)
    same_value(url, Url(start, end, raw, scheme is not None, scheme, host))
    hashtag = t._hashtag(start, end, tag)
    same_value(hashtag, Hashtag(start, end, tag))
    mention = t._mention(start, end, tag, domain)
    same_value(mention, Mention(start, end, tag, domain))
    emoji = t._emoji(start, end, raw)
    same_value(emoji, Emoji(start, end, raw))
    items = ((url,), (hashtag,), (mention,), (emoji,))
    same_value(t._text_info(raw, *items), TextInfo(raw, *items))


@given(path=st.text(max_size=8), lang=opt_text, text=st.text(max_size=8), combined=st.booleans())
def test_rendition_builder_is_the_class_call(
    path: str, lang: str | None, text: str, combined: bool
) -> None:
    built = context_module._rendition(path, lang, text, combined)
    same_value(built, context_module.Rendition(path, lang, text, combined))


@pytest.mark.parametrize(
    "cls", [Finding, Hit, Report, Url, Hashtag, Mention, Emoji, TextInfo, context_module.Rendition]
)
def test_builders_cover_every_field(cls: type[Any]) -> None:
    """Each builder assigns every field: a field added to a class and forgotten in its
    builder would be left unset (reading it raises AttributeError)."""
    builders: dict[type[Any], Callable[[], Any]] = {
        Finding: lambda: new_finding("c", Severity.INFO, "m", "p", None, None, None, None, "r"),
        Hit: lambda: new_hit("m", "p"),
        Report: lambda: new_report([], None, None, (), [], None, None),
        Url: lambda: text_module._url(0, 1, "a", False, None, "a"),
        Hashtag: lambda: text_module._hashtag(0, 1, "a"),
        Mention: lambda: text_module._mention(0, 1, "a", None),
        Emoji: lambda: text_module._emoji(0, 1, "a"),
        TextInfo: lambda: text_module._text_info("a", (), (), (), ()),
        context_module.Rendition: lambda: context_module._rendition("p", None, "t", False),
    }
    built = builders[cls]()
    for a in attrs.fields(cls):
        getattr(built, a.name)


def test_assigning_needs_a_slotted_class() -> None:
    class Plain:
        pass

    with pytest.raises(TypeError):
        assigning(Plain)


@given(
    lang=opt_text,
    confidence=st.floats(0, 1),
    n=st.integers(0, 99),
    judgeable=st.booleans(),
    certainty=st.sampled_from(["sentence", "snippet", "too-short"]),
    status=st.sampled_from(["ok", "mismatch", "undetermined"]),
    declared=st.text(max_size=5),
    reason=st.text(max_size=5),
)
def test_language_builders_are_the_class_calls(
    lang: str | None,
    confidence: float,
    n: int,
    judgeable: bool,
    certainty: Any,
    status: Any,
    declared: str,
    reason: str,
) -> None:
    guess = verdicts._new_guess(lang, confidence, n, judgeable, certainty)
    same_value(guess, verdicts.LanguageGuess(lang, confidence, n, judgeable, certainty))
    same_value(
        verdicts._new_verdict(status, declared, guess, certainty),
        verdicts.SlotVerdict(status, declared, guess, certainty),
    )
    same_value(
        verdicts._new_verdict(status, declared, guess, certainty, reason),
        verdicts.SlotVerdict(status, declared, guess, certainty, reason),
    )


@given(found=findings)
def test_sorted_findings_is_the_set_sorted_by_key(found: list[Finding]) -> None:
    """A report's findings: the distinct ones, sorted by their keys. The quick path (no
    two keys alike) gives what sorting the set gives; duplicates are dropped either way."""
    from govsocial.findings import _sorted_findings

    doubled = found + found[:2]
    for given_findings in (found, doubled, list(reversed(doubled))):
        assert _sorted_findings(given_findings) == tuple(
            sorted(set(given_findings), key=Finding.sort_key)
        )
        assert _sorted_findings(iter(given_findings)) == _sorted_findings(given_findings)


@given(st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=4))
def test_frozen_map_of_is_the_class_call(items: dict[str, str]) -> None:
    from govsocial._frozenmap import FrozenMap, frozen_map_of

    built, called = frozen_map_of(items), FrozenMap(items)
    assert type(built) is FrozenMap
    assert built == called and hash(built) == hash(called) and repr(built) == repr(called)
    assert list(built.items()) == list(called.items())
    assert pickle.loads(pickle.dumps(built)) == called and copy.deepcopy(built) == called
    assert not hasattr(built, "__dict__")
    items["changed"] = "x"  # a copy was kept
    assert "changed" not in built
    with pytest.raises(AttributeError):
        built._data = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del built._data
    with pytest.raises(TypeError):
        built["a"] = "b"  # type: ignore[index]
