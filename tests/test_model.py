"""Posts come from plain data, are validated, and round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govsocial
from govsocial import InputError, Post


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
        "networks": st.lists(st.sampled_from(govsocial.NETWORK_IDS), unique=True, max_size=4),
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
