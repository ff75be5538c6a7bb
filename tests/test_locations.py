"""Findings know where they are in the post file: lines and columns, JSON and YAML."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import govsocial
from govsocial.errors import InputError
from govsocial.locations import SourceMap, load_located


def _offset(smap: SourceMap, line: int, column: int) -> int:
    return smap._line_starts[line - 1] + column - 1


@given(
    text=st.text(min_size=1, max_size=40),
    other=st.text(max_size=10),
    ascii_only=st.booleans(),
    indent=st.sampled_from([None, 2]),
    data=st.data(),
)
def test_json_span_regions_cover_exactly_the_span(
    text: str, other: str, ascii_only: bool, indent: int | None, data: st.DataObject
) -> None:
    """For any text and span, the file slice at the region decodes to text[span]."""
    doc = {"networks": ["x"], "text": {"es": other, "ca": text}}
    source = json.dumps(doc, ensure_ascii=ascii_only, indent=indent)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    parsed, smap = load_located(source, source="p.json", yaml=False)
    assert parsed == doc
    region = smap.region("/text/ca", (a, b))
    assert region is not None
    s = _offset(smap, region.start_line, region.start_column)
    e = _offset(smap, region.end_line, region.end_column)
    if a == b:  # an empty span still points at one character (or the closing quote)
        assert e - s <= 12
    else:
        assert json.loads('"' + source[s:e] + '"') == text[a:b]


@given(
    text=st.text(
        alphabet=st.sampled_from("abcdefgABC àéíòúçñl·l 0123456789.!?#@"), min_size=1, max_size=60
    ).map(str.strip),
    data=st.data(),
)
def test_yaml_span_regions_cover_exactly_the_span(text: str, data: st.DataObject) -> None:
    if not text:
        return
    doc = {"networks": ["x"], "text": {"ca": text}}
    source = yaml.safe_dump(doc, allow_unicode=True, width=10_000)
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    _, smap = load_located(source, source="p.yaml", yaml=True)
    region = smap.region("/text/ca", (a, b))
    assert region is not None
    s = _offset(smap, region.start_line, region.start_column)
    e = _offset(smap, region.end_line, region.end_column)
    assert source[s:e] == text[a:b]


def test_block_scalar_and_missing_key_regions() -> None:
    source = (
        "networks: [x]\n"
        "text:\n"
        "  ca: |\n"
        "    Bon dia\n"
        "    Obrim #FestaMajor\n"
        "scheduled_at: 2026-11-23T09:00:00+01:00\n"
    )
    data, smap = load_located(source, source="p.yaml", yaml=True)
    assert data["scheduled_at"] == "2026-11-23T09:00:00+01:00"  # a string, as written
    start = data["text"]["ca"].index("#")
    region = smap.region("/text/ca", (start, start + len("#FestaMajor")))
    assert region is not None
    assert (region.start_line, region.start_column, region.end_line, region.end_column) == (
        5,
        11,
        5,
        22,
    )
    # a finding about a language that is missing is placed on the text mapping itself
    missing = smap.region("/text/es")
    assert missing is not None and (missing.start_line, missing.end_line) == (3, 5)


@pytest.mark.parametrize(
    ("source", "needle"),
    [
        ("networks: [x]\nnetworks: [x]\ntext: {ca: a}\n", "duplicate key 'networks'"),
        ("a: &x [x]\nnetworks: *x\ntext: {ca: a}\n", "aliases"),
        ("networks: [x\n", "invalid YAML"),
        ("", "no YAML document"),
    ],
)
def test_bad_yaml_posts_name_the_problem(source: str, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        load_located(source, source="p.yaml", yaml=True)


def test_every_finding_of_an_example_is_located(root: object) -> None:
    """Each finding gets a region inside the file; its span lands on the flagged text."""
    from .conftest import EXAMPLES

    path = EXAMPLES / "posts" / "ca-es-fail-links.json"
    source = path.read_text("utf-8")
    data, smap = load_located(source, source=str(path), yaml=False)
    report = govsocial.check(data, EXAMPLES / "policies" / "ajuntament-ca-es.yaml").located(smap)
    assert report.findings
    lines = source.splitlines()
    for f in report.findings:
        assert f.region is not None
        assert 1 <= f.region.start_line <= f.region.end_line <= len(lines)
        if f.span is not None and f.span[1] > f.span[0]:
            text = data
            for part in f.path.strip("/").split("/"):
                text = text[part]
            line = lines[f.region.start_line - 1]
            got = line[f.region.start_column - 1 : f.region.end_column - 1]
            if f.region.start_line == f.region.end_line and "\\" not in got:
                assert got == text[f.span[0] : f.span[1]]


@pytest.mark.parametrize("yaml_post", [False, True])
def test_deep_nesting_is_an_input_error_not_a_crash(yaml_post: bool) -> None:
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(InputError, match=r"nested too deeply|invalid"):
        load_located(deep, source="p", yaml=yaml_post)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet="ab/~0 ", max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.lists(_JSON_VALUES, max_size=6), st.booleans(), st.integers(0, 8))
def test_item_maps_are_the_maps_with_each_index_as_prefix(
    items: list[object], yaml_file: bool, count: int
) -> None:
    """item_maps (one pass, for a file of many posts) gives what with_prefix gives for
    each index: the same values and so the same regions."""
    if yaml_file:
        text = yaml.safe_dump(items, allow_unicode=True)
    else:
        text = json.dumps(items, indent=1, ensure_ascii=False)
    _, smap = load_located(text, source="t", yaml=yaml_file)
    maps = smap.item_maps(count)
    assert len(maps) == count
    for i, m in enumerate(maps):
        assert m.values == smap.with_prefix(f"/{i}").values
        for pointer in m.values:
            assert m.region(pointer) == smap.region(f"/{i}{pointer}")
