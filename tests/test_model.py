"""Posts come from plain data, are validated, and round-trip."""

from __future__ import annotations

import copy
import json
import pickle

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govsocial
from govsocial import InputError, Media, Post


def test_missing_networks_names_the_place() -> None:
    with pytest.raises(InputError, match="networks"):
        Post.from_dict({"text": {"ca": "Hola"}})


def test_unknown_network_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        Post.from_dict({"networks": ["x", "myspace"], "text": {"ca": "Hola"}}, source="p.json")
    assert info.value.where == "/networks/1"
    assert "p.json" in str(info.value)


def test_unknown_key_is_an_input_error() -> None:
    with pytest.raises(InputError, match="txt"):
        Post.from_dict({"networks": ["x"], "text": {"ca": "Hola"}, "txt": {}})


def test_bad_language_tag_and_naive_datetime() -> None:
    with pytest.raises(InputError, match="/text"):
        Post.from_dict({"networks": ["x"], "text": {"català": "Hola"}})
    with pytest.raises(InputError, match="offset"):
        Post.from_dict(
            {"networks": ["x"], "text": {"ca": "Hola"}, "scheduled_at": "2026-11-23T09:00:00"}
        )


def test_media_needs_path_or_url() -> None:
    with pytest.raises(InputError, match="/media/0"):
        Post.from_dict({"networks": ["x"], "text": {"ca": "Hola"}, "media": [{"kind": "image"}]})


def test_not_a_mapping() -> None:
    with pytest.raises(InputError):
        Post.from_dict(["x"])


langs = st.sampled_from(["ca", "es", "eu", "gl", "oc", "en", "ca-valencia"])
posts = st.fixed_dictionaries(
    {
        "networks": st.lists(
            st.sampled_from(govsocial.NETWORK_IDS), unique=True, min_size=1, max_size=4
        ),
        "text": st.dictionaries(langs, st.text(max_size=50), max_size=3),
    },
    optional={
        "id": st.text(max_size=10),
        "account": st.text(max_size=10),
        "kind": st.sampled_from(["news", "event", "emergency"]),
        "scheduled_at": st.sampled_from(["2026-11-23T09:00:00+01:00", "2026-03-29T01:30:00+00:00"]),
        "media": st.lists(
            st.fixed_dictionaries(
                {
                    "path": st.text(min_size=1, max_size=10),
                    "kind": st.sampled_from(["image", "video", "gif"]),
                },
                optional={"alt": st.dictionaries(langs, st.text(max_size=20), max_size=2)},
            ),
            max_size=3,
        ),
    },
)


@given(posts)
def test_round_trip(data: dict[str, object]) -> None:
    post = Post.from_dict(data)
    again = Post.from_dict(post.to_dict())
    assert again == post
    assert hash(again) == hash(post)
    assert post.to_dict() == again.to_dict()
    assert list(post.text) == list(data["text"])  # type: ignore[call-overload]


@given(posts, posts)
def test_equal_posts_hash_alike(a: dict[str, object], b: dict[str, object]) -> None:
    """hash is consistent with ==, also for texts given in another key order."""
    pa, pb = Post.from_dict(a), Post.from_dict(b)
    if pa == pb:
        assert hash(pa) == hash(pb)
    reordered = dict(a, text=dict(reversed(list(a["text"].items()))))  # type: ignore[attr-defined]
    pr = Post.from_dict(reordered)
    assert pr == pa and hash(pr) == hash(pa)
    assert len({pa, pb, pr}) == (1 if pa == pb else 2)


def test_a_post_is_read_only_and_hashable() -> None:
    post = Post.from_dict(
        {
            "networks": ["x"],
            "text": {"ca": "Hola", "es": "Hola"},
            "title": {"ca": "T"},
            "media": [{"path": "a.jpg", "alt": {"ca": "Una plaça"}}],
        }
    )
    with pytest.raises(TypeError):
        post.text["ca"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        post.title["es"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        post.media[0].alt["es"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        post.text._data = {}  # type: ignore[attr-defined]
    assert post.text == {"ca": "Hola", "es": "Hola"}
    assert {post: 1}[Post.from_dict(post.to_dict())] == 1
    assert hash(post.media[0]) == hash(Media(path="a.jpg", alt={"ca": "Una plaça"}))
    # a changed copy is made with attrs.evolve; the original keeps its text
    changed = attrs.evolve(post, text={"ca": "Adéu"})
    assert changed.text == {"ca": "Adéu"} and post.text["ca"] == "Hola"
    assert hash(changed) != hash(post) or changed != post
    # the maps given are copied: changing them later does not change the post
    given_text = {"ca": "Hola"}
    p = Post(networks=["x"], text=given_text)  # type: ignore[arg-type]
    given_text["ca"] = "x"
    assert p.text["ca"] == "Hola" and p.networks == ("x",)


def test_a_post_pickles_and_copies() -> None:
    post = Post.from_dict({"networks": ["x"], "text": {"ca": "Hola"}, "media": [{"url": "u"}]})
    assert pickle.loads(pickle.dumps(post)) == post
    assert copy.deepcopy(post) == post
    assert json.loads(json.dumps(post.to_dict())) == post.to_dict()


def test_a_policy_compares_by_value_and_is_not_hashable() -> None:
    """As the Policy docstring says: equal when loaded from equal data, never hashed."""
    a = govsocial.load_policy({"version": 1, "severity": {"GS2": "warning"}})
    b = govsocial.load_policy({"version": 1, "severity": {"GS2": "warning"}})
    assert a == b
    with pytest.raises(TypeError):
        hash(a)


# A valid post, then at most one change at one place, to a value near the schema's edges:
# right and wrong types, tags that pass and fail the pattern (a trailing newline passes:
# jsonschema applies `pattern` with re.search), duplicates, both or neither of path/url.
_EDGE = st.sampled_from(
    [
        None,
        1,
        True,
        2.5,
        "",
        "x",
        "ca\n",
        "e",
        "Event",
        "a\n",
        "nope",
        "image",
        "photo",
        [],
        {},
        ["x"],
        ["x", "x"],
        ["myspace"],
        {"ca": "a"},
        {"ca": 1},
        {"e": "a"},
        {1: "a"},
        {"ca\n": "a"},
        "2026-11-23T09:00:00+01:00",
        [{"path": "a.jpg"}],
        [{}],
    ]
)
_LANGS = st.sampled_from(["ca", "es", "eu", "gl", "oc", "ca-valencia", "CA-ES"])
_VALID_MEDIA = st.fixed_dictionaries(
    {"path": st.just("a.jpg")},
    optional={
        "kind": st.sampled_from(["image", "video", "gif"]),
        "alt": st.dictionaries(_LANGS, st.text(max_size=4), max_size=2),
    },
) | st.fixed_dictionaries({"url": st.just("https://a.cat/b.png")})
_VALID = st.fixed_dictionaries(
    {
        "networks": st.lists(
            st.sampled_from(["x", "facebook", "instagram", "tiktok"]), unique=True, max_size=4
        ),
        "text": st.dictionaries(_LANGS, st.text(max_size=4), max_size=3),
    },
    optional={
        "id": st.text(max_size=3),
        "account": st.text(max_size=3),
        "title": st.dictionaries(_LANGS, st.text(max_size=4), max_size=2),
        "media": st.lists(_VALID_MEDIA, max_size=2),
        "scheduled_at": st.just("2026-11-23T09:00:00+01:00"),
        "kind": st.sampled_from(["event", "news-2", "a_b"]),
        "ignore": st.lists(
            st.fixed_dictionaries(
                {
                    "code": st.sampled_from(["GS", "GS2", "GS201", "GS999"]),
                    "reason": st.text(min_size=1, max_size=4).filter(lambda r: not r.isspace()),
                }
            ),
            max_size=2,
        ),
    },
)
_TOP = [
    "id", "account", "networks", "text", "title", "media", "scheduled_at", "kind", "ignore", "txt"
]  # fmt: skip
# An ignore entry's keys and values near the schema's edges (a trailing newline passes
# `\S` but not the code's `$(?!\n)`; a blank reason fails `\S`).
_ENTRY_KEYS = ["code", "reason", "note"]
_ENTRY_EDGE = st.sampled_from(
    [None, 1, "", " ", "\n", "a", "GS", "GS2", "GS2\n", "GS1234", "gs2", "X201", ["GS2"]]
)
_INNER = ["path", "url", "kind", "alt", "size"]
_INNER_EDGE = st.sampled_from([None, 1, "", "a.jpg", "photo", "video", {}, {"ca": 1}, {"e": "a"}])


@st.composite
def _near_valid(draw: st.DrawFn) -> object:
    post: dict[str, object] = draw(_VALID)
    where = draw(st.sampled_from(["none", "top", "drop", "media", "network", "map", "ignore"]))
    if where == "top":
        post[draw(st.sampled_from(_TOP))] = draw(_EDGE)
    elif where == "drop":
        post.pop(draw(st.sampled_from(_TOP)), None)
    elif where == "media":
        item = dict(draw(_VALID_MEDIA))
        key = draw(st.sampled_from(_INNER))
        how = draw(st.sampled_from(["edge", "drop", "both"]))
        if how == "edge":
            item[key] = draw(_INNER_EDGE)
        elif how == "drop":
            item.pop(key, None)
        else:  # path and url together
            item.update(path="a.jpg", url="https://a.cat/b.png")
        post["media"] = [item]
    elif where == "network":
        nets: list[object] = list(post["networks"])  # type: ignore[call-overload]
        extra = draw(st.sampled_from(nets) | _EDGE) if nets else draw(_EDGE)
        post["networks"] = [*nets, extra]
    elif where == "map":
        key = draw(st.sampled_from(["text", "title"]))
        tag = draw(st.sampled_from([None, 1, True, 2.5, "", "e", "es", "ca\n", "es-", "CA-ES"]))
        post[key] = {**post.get(key, {}), tag: draw(_EDGE | st.text(max_size=3))}  # type: ignore[dict-item]
    elif where == "ignore":
        entry: dict[str, object] = {"code": "GS2", "reason": "on purpose"}
        key = draw(st.sampled_from(_ENTRY_KEYS))
        how = draw(st.sampled_from(["edge", "drop"]))
        if how == "edge":
            entry[key] = draw(_ENTRY_EDGE)
        else:
            entry.pop(key, None)
        post["ignore"] = draw(st.sampled_from([[entry], [{"code": "GS", "reason": "r"}, entry]]))
    return post


@settings(max_examples=400)
@given(st.one_of(_near_valid(), posts))
def test_fast_validation_agrees_with_the_schema(data: object) -> None:
    # from_dict skips jsonschema when its own direct check finds the data plainly valid;
    # that check must accept exactly what the schema accepts.
    from govsocial._schemas import validator
    from govsocial.model import _plainly_valid

    assert _plainly_valid(data) == validator("post").is_valid(data)


def test_fast_validation_agrees_with_the_schema_on_every_single_change() -> None:
    # Systematically: each top-level key, each media key, each network and language slot,
    # set to each edge value (or removed), on one valid post with everything in it.
    from govsocial._schemas import validator
    from govsocial.model import _plainly_valid

    full = {
        "id": "1",
        "account": "@ajuntament",
        "networks": ["x", "facebook"],
        "text": {"ca": "Bon dia", "es": "Buenos días"},
        "title": {"ca": "Títol"},
        "media": [{"path": "a.jpg", "kind": "image", "alt": {"ca": "Plaça"}}],
        "scheduled_at": "2026-11-23T09:00:00+01:00",
        "kind": "event",
        "ignore": [{"code": "GS2", "reason": "on purpose"}],
    }
    edges = list(_EDGE.elements) + list(_INNER_EDGE.elements)  # type: ignore[attr-defined]
    cases: list[object] = [full]
    for key in _TOP:
        cases.append({k: v for k, v in full.items() if k != key})
        cases += [{**full, key: e} for e in edges]
    for key in _INNER:
        item = {k: v for k, v in full["media"][0].items() if k != key}  # type: ignore[index]
        cases.append({**full, "media": [item]})
        cases += [{**full, "media": [{**item, key: e}]} for e in edges]
        cases.append({**full, "media": [{**item, "url": "https://a.cat/b.png"}]})
    for e in edges:
        cases.append({**full, "networks": ["x", e]})
        for field in ("text", "title"):
            cases.append({**full, field: {"ca": e}})
            if e is None or isinstance(e, (str, int, float)):
                cases.append({**full, field: {e: "a"}})
    for key in _ENTRY_KEYS:
        entry = {k: v for k, v in full["ignore"][0].items() if k != key}  # type: ignore[index]
        cases.append({**full, "ignore": [entry]})
        cases += [{**full, "ignore": [{**entry, key: e}]} for e in _ENTRY_EDGE.elements]  # type: ignore[attr-defined]
    cases += [{**full, "ignore": e} for e in edges]
    verdicts = [(_plainly_valid(c), validator("post").is_valid(c)) for c in cases]
    assert sum(v for _, v in verdicts) >= 20 and sum(not v for _, v in verdicts) >= 100
    assert [c for c, (a, b) in zip(cases, verdicts, strict=True) if a != b] == []


def test_a_tag_with_a_final_newline_is_refused_in_words() -> None:
    # Python's `$` accepts a final newline; the schemas' `$(?!\n)` does not, as ECMA-262.
    with pytest.raises(InputError, match="is not a BCP 47 language tag") as info:
        Post.from_dict({"networks": ["x"], "text": {"ca\n": "Bon dia"}})
    assert info.value.where == "/text"
    with pytest.raises(InputError, match="lower-case word"):
        Post.from_dict({"networks": ["x"], "text": {"ca": "Bon dia"}, "kind": "event\n"})


def test_every_schema_pattern_is_described_in_words() -> None:
    from govsocial._schemas import _PATTERN_NAMES, load_schema

    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("post", "policy", "message", "mention"):
        walk(load_schema(name))
    assert found - set(_PATTERN_NAMES) == {"\\S"}  # blank text has its own message


@pytest.mark.parametrize(
    "when",
    [
        "2026-11-23T09:00:00",  # no offset
        "2026-11-23 09:00:00+01:00",  # RFC 3339's date-time has a T
        "2026-11-23",  # a date is not a date-time
        "2026-11-23T25:00:00+01:00",
    ],
)
def test_scheduled_at_is_checked_as_the_schema_says(when: str) -> None:
    """The schema's `format: date-time` is checked (rfc3339-validator is a dependency),
    and the error says in words what was expected."""
    import jsonschema

    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert not checker.conforms(when, "date-time")
    with pytest.raises(InputError, match=r"/scheduled_at: .* is not an RFC 3339 date-time"):
        Post.from_dict({"networks": ["x"], "text": {"ca": "Hola"}, "scheduled_at": when})


def test_rfc3339_date_time_with_offset_is_accepted() -> None:
    post = Post.from_dict(
        {"networks": ["x"], "text": {"ca": "Hola"}, "scheduled_at": "2026-11-23T09:00:00Z"}
    )
    assert post.scheduled_at is not None and post.scheduled_at.utcoffset() is not None


def _same_post(built: Post, called: Post) -> None:
    """`built` is in every observable way the post `called` (made by the class call)."""
    assert type(built) is Post is type(called)
    for a in attrs.fields(Post):
        mine, theirs = getattr(built, a.name), getattr(called, a.name)
        assert type(mine) is type(theirs) and mine == theirs, a.name
    assert list(built.text.items()) == list(called.text.items())  # the order too
    assert list(built.title.items()) == list(called.title.items())
    assert built == called and hash(built) == hash(called)
    assert repr(built) == repr(called)
    assert pickle.loads(pickle.dumps(built)) == called
    assert copy.deepcopy(built) == called and attrs.evolve(built) == called
    assert not hasattr(built, "__dict__")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.id = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        built.text._data = {}  # type: ignore[attr-defined]


@settings(max_examples=300)
@given(st.one_of(_VALID, posts))
def test_the_fast_build_is_the_class_call(data: dict[str, object]) -> None:
    # from_dict builds a valid post without the class call; the post must be the one the
    # class call makes from the same data (Post.from_dict's fields).
    from govsocial._schemas import validator
    from govsocial.model import _class_call, _new_post

    assume(validator("post").is_valid(data))  # (_VALID may hold no network)
    called = _class_call(Post, data, None)
    _same_post(_new_post(data, None), called)
    _same_post(Post.from_dict(data), called)
    # the post keeps no reference to the maps it was given
    texts = data["text"]
    assert isinstance(texts, dict)
    before = dict(texts)
    texts["zz"] = "changed"
    assert Post.from_dict(data).text != called.text or not before
    assert dict(called.text) == before


@settings(max_examples=300)
@given(st.one_of(_near_valid(), posts))
def test_from_dict_gives_the_schemas_first_error_or_the_class_calls_post(data: object) -> None:
    # Whatever the fast check decides, from_dict raises jsonschema's first problem for
    # data the schema refuses and builds the class call's post for data it accepts.
    from govsocial._schemas import describe_error, validator
    from govsocial.model import _class_call, _error_key

    errors = sorted(validator("post").iter_errors(data), key=_error_key)
    if errors:
        where, message = describe_error(errors[0])
        with pytest.raises(InputError) as info:
            Post.from_dict(data, source="p.json")
        assert (info.value.where, info.value.message) == (where, message)
        assert "p.json" in str(info.value)
    else:
        assert isinstance(data, dict)
        _same_post(Post.from_dict(data), _class_call(Post, data, None))


def test_a_subclass_of_post_is_built_by_its_own_class() -> None:
    @attrs.frozen(cache_hash=True)
    class Tagged(Post):
        pass

    post = Tagged.from_dict({"networks": ["x"], "text": {"ca": "Hola"}})
    assert type(post) is Tagged and post.text == {"ca": "Hola"}
