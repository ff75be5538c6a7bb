"""One duration grammar: the schema's `$defs/duration` and the parser agree."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsocial._durations import (
    DURATION_PATTERN,
    WORKING_DAYS_PATTERN,
    parse_duration,
    parse_working_days,
)
from govsocial._schemas import load_schema, validator
from govsocial.crisis import parse_duration as crisis_parse_duration
from govsocial.errors import UsageError


def test_the_schema_uses_the_parsers_patterns() -> None:
    defs = load_schema("policy")["$defs"]
    assert defs["duration"]["oneOf"][0]["pattern"] == DURATION_PATTERN
    sla = defs["responsiveness"]["properties"]["sla"]["oneOf"]
    assert sla[1]["pattern"] == WORKING_DAYS_PATTERN
    assert crisis_parse_duration is parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("15m", 900), ("15min", 900), ("2h", 7200), ("1.5h", 5400), ("7d", 604800)],
)
def test_examples(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
    assert parse_duration("2 h") == parse_duration("2h")
    assert parse_duration(dt.timedelta(seconds=seconds)) == seconds


@pytest.mark.parametrize("bad", ["", "2", "h", "2H", "-1h", "1e3s", "2 days", "2h\n", True, -1])
def test_refused_naming_the_place(bad: object) -> None:
    with pytest.raises(UsageError, match=r"^sla: expected a duration such as 90s"):
        parse_duration(bad, where="sla")  # type: ignore[arg-type]


def test_working_days() -> None:
    assert parse_working_days("2 working days") == 2
    assert parse_working_days("1 working day") == 1
    assert parse_working_days("3wd") == 3
    assert parse_working_days("2h") is None
    assert parse_working_days(2) is None


_DURATION_SCHEMA = {"$ref": "#/$defs/duration", "$defs": load_schema("policy")["$defs"]}
_TEXTS = st.one_of(
    st.text(alphabet="0123456789. smhdwinHD\n", max_size=8),
    st.builds(
        lambda n, sp, u: f"{n}{sp}{u}",
        st.decimals(min_value=0, max_value=10**6, allow_nan=False, places=2).map(str),
        st.sampled_from(["", " "]),
        st.sampled_from(["s", "m", "min", "h", "d", "w", "x"]),
    ),
    st.floats(allow_nan=False),
    st.integers(),
)


@given(_TEXTS)
def test_parser_and_schema_agree(value: object) -> None:
    schema_ok = validator("policy").evolve(schema=_DURATION_SCHEMA).is_valid(value)
    try:
        seconds = parse_duration(value)  # type: ignore[arg-type]
    except UsageError:
        parsed = False
    else:
        parsed = True
        assert seconds >= 0
    # the parser also refuses what JSON cannot hold (an infinite number)
    assert parsed == (schema_ok and value not in (float("inf"),))
