"""Time-zone names, wherever a user writes one: a policy's office hours, its electoral
periods, its publishing plan, `BusinessCalendar.build` and `govsocial crisis spikes --tz`.

`zoneinfo` reads a name as a path under the tz database, so a folder there (`Europe`), a
name too long for the file system, or a data file that is not a zone raised
`IsADirectoryError`, `OSError` or a bare `ValueError` with the database's own path, where
the user needed to hear which key of which file was wrong."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsocial.cli.main import main
from govsocial.errors import GovsocialError, PolicyError, UsageError
from govsocial.policy import load_policy
from govsocial.responsiveness.calendar import BusinessCalendar
from govsocial.timezones import zone_named

NOT_ZONES = ["Europe", "Europe/", "a." * 200, "zone.tab", "tzdata.zi", "x\x00y", "", "/etc/passwd"]


@pytest.mark.parametrize("name", [n for n in NOT_ZONES if n])  # "": the schema's own error
@pytest.mark.parametrize(
    ("section", "where"),
    [
        (lambda tz: {"responsiveness": {"tz": tz}}, "/responsiveness/tz"),
        (lambda tz: {"electoral": {"timezone": tz, "periods": []}}, "/electoral/timezone"),
        (lambda tz: {"plan": {"timezone": tz}}, "/plan/timezone"),
    ],
)
def test_a_policy_names_the_key_of_a_zone_that_does_not_exist(name, section, where) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy({"version": 1, **section(name)})
    assert info.value.where == where
    assert "Europe/Madrid" in info.value.message  # says what was expected
    assert "site-packages" not in str(info.value)


@pytest.mark.parametrize("name", NOT_ZONES)
def test_a_calendar_and_the_cli_refuse_it_as_a_usage_error(name, tmp_path, capsys) -> None:
    with pytest.raises(UsageError, match="unknown time zone"):
        BusinessCalendar.build(name)
    if "\x00" in name:
        return  # not something a shell can pass as an argument
    src = tmp_path / "s.csv"
    src.write_text("timestamp,value\n2026-03-01 00:00,1\n")
    assert main(["crisis", "spikes", str(src), "--tz", name]) == 2
    err = capsys.readouterr().err
    assert "unknown time zone" in err and "Traceback" not in err and "site-packages" not in err


def test_real_zones_are_found() -> None:
    for name in ["Europe/Madrid", "Atlantic/Canary", "UTC", "Etc/GMT-1"]:
        zone = zone_named(name)
        assert zone is not None and zone.key == name


@given(st.one_of(st.text(max_size=300), st.binary(max_size=20), st.integers(), st.none()))
def test_any_name_is_a_zone_or_none(name: object) -> None:
    zone = zone_named(name)
    assert zone is None or zone.key == name


@given(st.text(max_size=300))
def test_any_name_in_a_policy_loads_or_is_a_policy_error(name: str) -> None:
    with contextlib.suppress(GovsocialError):  # any other exception fails the test
        load_policy({"version": 1, "responsiveness": {"tz": name}})
