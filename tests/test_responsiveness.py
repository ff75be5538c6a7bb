"""Response rate and time: hand-computed figures for each convention and the edge cases."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsocial.cli import main
from govsocial.errors import InputError, UsageError
from govsocial.responsiveness import (
    BusinessCalendar,
    Calculator,
    Message,
    aggregate,
    get_convention,
    needs_no_reply,
    read_messages,
    responsiveness,
)

ROOT = Path(__file__).resolve().parents[1]
T0 = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # a Monday


def msg(conv: str, direction: str, at: dt.datetime, **kw: str) -> Message:
    return Message(conv, direction, at, **kw)  # type: ignore[arg-type]


def m(minutes: float) -> dt.timedelta:
    return dt.timedelta(minutes=minutes)


# -- meta ------------------------------------------------------------------------------


def test_meta_counts_first_message_after_24h_and_mean_of_fastest_90_percent() -> None:
    msgs = []
    # Ten conversations answered after 1..10 minutes, one unanswered.
    for i in range(10):
        msgs += [msg(f"c{i}", "in", T0 + m(60 * i)), msg(f"c{i}", "out", T0 + m(60 * i + i + 1))]
    msgs.append(msg("c10", "in", T0 + m(600)))
    r = responsiveness(msgs, "meta")
    assert (r.received, r.answered) == (11, 10)
    assert r.response_rate == pytest.approx(10 / 11)
    # Fastest ceil(0.9 * 10) = 9 times: 1..9 minutes, mean 5 minutes.
    assert r.response_time == m(5)


def test_meta_gap_of_exactly_24h_starts_a_new_request() -> None:
    msgs = [
        msg("a", "in", T0),
        msg("a", "out", T0 + m(30)),
        msg("a", "in", T0 + m(30) + dt.timedelta(hours=24)),  # exactly 24 h after the reply
        msg("a", "out", T0 + m(40) + dt.timedelta(hours=24)),
        msg("b", "in", T0),
        msg("b", "out", T0 + m(30)),
        msg("b", "in", T0 + m(29) + dt.timedelta(hours=24)),  # 1 minute short: same request
    ]
    r = responsiveness(msgs, "meta")
    assert r.received == 3
    assert r.answered == 3
    assert sorted(q.response_time for q in r.requests) == [m(10), m(30), m(30)]


def test_several_inbound_before_one_reply_are_one_request_timed_from_the_first() -> None:
    msgs = [
        msg("a", "in", T0),
        msg("a", "in", T0 + m(5)),
        msg("a", "in", T0 + m(9)),
        msg("a", "out", T0 + m(20)),
    ]
    r = responsiveness(msgs, "meta")
    assert (r.received, r.answered, r.response_time) == (1, 1, m(20))


def test_meta_excludes_instant_and_away_replies_spam_and_done_but_counts_automated() -> None:
    msgs = [
        msg("a", "in", T0),
        msg("a", "out", T0 + m(0.1), kind="instant_reply"),
        msg("a", "out", T0 + m(12)),
        msg("b", "in", T0 + m(1), kind="spam"),
        msg("c", "in", T0 + m(2), kind="done"),
        msg("d", "in", T0 + m(3)),
        msg("d", "out", T0 + m(4), kind="automated"),
    ]
    r = responsiveness(msgs, "meta")
    assert (r.received, r.answered) == (2, 2)
    assert sorted(q.response_time for q in r.requests) == [m(1), m(12)]
    assert r.skipped == {
        "inbound marked done": 1,
        "inbound marked spam": 1,
        "outbound instant_reply": 1,
    }


def test_meta_window_is_30_days_before_last_counted_or_last_10() -> None:
    msgs = []
    # 15 unanswered requests 40+ days ago, then 3 answered in the last days.
    for i in range(15):
        msgs.append(msg(f"old{i}", "in", T0 - dt.timedelta(days=60 - i)))
    for i in range(3):
        at = T0 + dt.timedelta(days=i)
        msgs += [msg(f"new{i}", "in", at), msg(f"new{i}", "out", at + m(6))]
    r = responsiveness(msgs, "meta")
    # Only 3 in the 30 days: fall back to the last 10 counted -> 7 old (unanswered) + 3 new.
    assert (r.received, r.answered) == (10, 3)
    # 20 recent answered requests fill the 30-day window on their own.
    for i in range(20):
        at = T0 + dt.timedelta(days=5, hours=i)
        msgs += [msg(f"more{i}", "in", at), msg(f"more{i}", "out", at + m(6))]
    r = responsiveness(msgs, "meta")
    assert (r.received, r.answered, r.response_rate) == (23, 23, 1.0)


def test_very_responsive_badge_needs_90_percent_and_15_minutes_over_7_days() -> None:
    fast = []
    for i in range(10):
        at = T0 + dt.timedelta(hours=i)
        fast += [msg(f"c{i}", "in", at), msg(f"c{i}", "out", at + m(14))]
    assert responsiveness(fast, "meta").very_responsive is True
    slow = [*fast[:-1], msg("c9", "out", T0 + dt.timedelta(hours=9) + m(200))]
    # Still 100%, but the mean of the fastest 9 is 14 min: badge kept.
    assert responsiveness(slow, "meta").very_responsive is True
    one_open = fast[:-1]  # c9 never answered: 9 of 10 = 90%, still the badge
    r = responsiveness(one_open, "meta")
    assert r.response_rate == pytest.approx(0.9)
    assert r.very_responsive is True
    two_open = [*one_open, msg("c10", "in", T0)]  # 9 of 11
    assert responsiveness(two_open, "meta").very_responsive is False
    too_slow = [x if x.direction == "in" else msg(x.conversation, "out", x.at + m(2)) for x in fast]
    assert responsiveness(too_slow, "meta").very_responsive is False


# -- meta-2016 -------------------------------------------------------------------------


def test_meta_2016_counts_same_day_replies_over_last_7_days() -> None:
    madrid = dt.timezone(dt.timedelta(hours=1))
    msgs = [
        msg("a", "in", dt.datetime(2026, 11, 10, 23, 0, tzinfo=madrid)),
        msg("a", "out", dt.datetime(2026, 11, 11, 0, 30, tzinfo=madrid)),  # next day: not answered
        msg("b", "in", dt.datetime(2026, 11, 11, 9, 0, tzinfo=madrid)),
        msg("b", "out", dt.datetime(2026, 11, 11, 9, 20, tzinfo=madrid)),
        msg("c", "in", dt.datetime(2026, 11, 1, 9, 0, tzinfo=madrid)),  # outside the 7 days
        msg("c", "out", dt.datetime(2026, 11, 1, 9, 1, tzinfo=madrid)),
    ]
    r = responsiveness(msgs, "meta-2016", tz="Europe/Madrid")
    assert (r.received, r.answered) == (2, 1)
    assert r.response_rate == 0.5
    assert r.response_time == m(20)


# -- business time ---------------------------------------------------------------------


CAL = BusinessCalendar.build("Europe/Madrid", "09:00-17:00", holidays="ES-CT")


def test_friday_18_59_answered_monday_09_05_is_five_business_minutes() -> None:
    fri = dt.datetime(2026, 11, 20, 18, 59, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    mon = dt.datetime(2026, 11, 23, 9, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    r = responsiveness([msg("a", "in", fri), msg("a", "out", mon)], "meta", calendar=CAL)
    assert r.clock == "business"
    assert r.response_time == m(5)
    assert responsiveness([msg("a", "in", fri), msg("a", "out", mon)], "meta").response_time == (
        mon - fri
    )


def test_reply_on_a_holiday_counts_from_the_next_working_day() -> None:
    # Thursday 2026-09-10 16:00; Friday the 11th is the National Day of Catalonia (a
    # holiday in ES-CT, a working day in Madrid). Replied on the 11th at 11:00, or on
    # Monday the 14th at 10:00.
    tz = dt.timezone(dt.timedelta(hours=2))
    asked = dt.datetime(2026, 9, 10, 16, 0, tzinfo=tz)
    on_holiday = dt.datetime(2026, 9, 11, 11, 0, tzinfo=tz)
    monday = dt.datetime(2026, 9, 14, 10, 0, tzinfo=tz)
    assert CAL.duration(asked, on_holiday) == m(60)
    assert CAL.duration(asked, monday) == m(120)
    madrid = BusinessCalendar.build("Europe/Madrid", "09:00-17:00", holidays="ES-MD")
    assert madrid.duration(asked, on_holiday) == m(60 + 120)
    assert madrid.duration(asked, monday) == m(60 + 8 * 60 + 60)
    msgs = [msg("a", "in", asked), msg("a", "out", on_holiday)]
    assert responsiveness(msgs, "meta", calendar=CAL).response_time == m(60)


def test_business_time_across_dst_changes() -> None:
    # Spring forward in Madrid: Sunday 2026-03-29. Office hours 00:00-24:00 every day, so
    # the business time equals the real elapsed time, which is 23 hours that day.
    cal = BusinessCalendar.build("Europe/Madrid", "00:00-24:00", days="mon-sun")
    start = dt.datetime(2026, 3, 29, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    end = dt.datetime(2026, 3, 30, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert end - start == dt.timedelta(hours=23)
    assert cal.duration(start, end) == dt.timedelta(hours=23)
    # A 9-17 office day after the change is still 8 hours long.
    day = BusinessCalendar.build("Europe/Madrid", "09:00-17:00", days="mon-sun")
    assert day.duration(start, end) == dt.timedelta(hours=8)
    # Autumn: Sunday 2026-10-25 has 25 hours.
    a = dt.datetime(2026, 10, 25, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    b = dt.datetime(2026, 10, 26, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert cal.duration(a, b) == dt.timedelta(hours=25)


def test_sla_in_working_days_lists_breaches() -> None:
    tz = dt.timezone(dt.timedelta(hours=1))
    asked = dt.datetime(2026, 11, 16, 12, 0, tzinfo=tz)  # Monday
    msgs = [
        msg("fast", "in", asked),
        msg("fast", "out", asked + dt.timedelta(days=1)),  # 8 business hours
        msg("slow", "in", asked),
        msg("slow", "out", asked + dt.timedelta(days=3)),  # 24 business hours
        msg("never", "in", asked),
        msg("other", "in", asked + dt.timedelta(days=4)),
    ]
    r = responsiveness(msgs, "calendar", calendar=CAL, sla="2 working days")
    assert r.sla == dt.timedelta(hours=16)
    # "never" was asked Monday 12:00; the log ends Friday 12:00 = 32 business hours later.
    assert {q.conversation for q in r.sla_breaches} == {"slow", "never"}


# -- no-reply lexicon ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gràcies!",
        "gracias 🙏",
        "Eskerrik asko!!",
        "Moitas grazas",
        "Thanks!",
        "👍",
        "ok, gràcies",
        "",
    ],
)
def test_messages_that_need_no_reply(text: str) -> None:
    assert needs_no_reply(text)


@pytest.mark.parametrize(
    "text", ["Gràcies, però quan obre?", "gracias por nada, seguimos sin luz", "Hola, una pregunta"]
)
def test_messages_that_do_need_a_reply(text: str) -> None:
    assert not needs_no_reply(text)


def test_meta_counts_thanks_but_the_calendar_convention_does_not() -> None:
    msgs = [
        msg("a", "in", T0, text="Quan passa la recollida de mobles?"),
        msg("a", "out", T0 + m(10)),
        msg("b", "in", T0, text="Moltes gràcies!"),
    ]
    assert responsiveness(msgs, "meta").response_rate == 0.5
    cal = responsiveness(msgs, "calendar")
    assert cal.response_rate == 1.0
    assert cal.skipped == {"needs no reply": 1}


# -- bad input -------------------------------------------------------------------------


def test_bad_lines_name_the_line() -> None:
    good = '{"conversation": "a", "direction": "in", "at": "2026-11-02T10:00:00+01:00"}'
    with pytest.raises(InputError, match=r"log.jsonl:2: at: .* has no UTC offset"):
        list(
            read_messages(
                [good, '{"conversation": "a", "direction": "in", "at": "2026-11-02T10:00:00"}'],
                source="log.jsonl",
            )
        )
    with pytest.raises(InputError, match=r":1: missing required field 'direction'"):
        list(read_messages(['{"conversation": "a", "at": "2026-11-02T10:00:00Z"}']))
    with pytest.raises(InputError, match=r":1: direction: expected 'in' or 'out'"):
        list(read_messages(['{"conversation": "a", "direction": "up", "at": "2026-11-02T10:00Z"}']))
    with pytest.raises(InputError, match="unknown field"):
        list(read_messages(['{"conversation": "a", "direction": "in", "at": "x", "when": 1}']))


def test_reply_before_any_inbound_is_an_error_or_counted_as_skipped() -> None:
    msgs = [msg("a", "out", T0, line=1), msg("b", "in", T0 + m(1), line=2)]  # type: ignore[call-arg]
    with pytest.raises(InputError, match="line 1: a reply in conversation 'a' before any inbound"):
        responsiveness(msgs, "meta")
    r = responsiveness(msgs, "meta", orphan_replies="skip")
    assert r.skipped == {"reply before any inbound message": 1}


def test_unknown_convention_and_aggregator() -> None:
    with pytest.raises(UsageError, match="unknown convention 'tiktok'"):
        responsiveness([], "tiktok")
    with pytest.raises(UsageError, match="unknown aggregator 'mode'"):
        responsiveness([], "meta", aggregator="mode")


def test_streaming_needs_time_order() -> None:
    calc = Calculator("meta")
    calc.add(msg("a", "in", T0 + m(5)))
    with pytest.raises(InputError, match="earlier than the message before it"):
        calc.add(msg("a", "out", T0))


def test_aggregators() -> None:
    values = [float(x) for x in range(1, 11)]
    assert aggregate(values, "mean") == 5.5
    assert aggregate(values, "median") == 5.5
    assert aggregate(values, "p90") == 9.0
    assert aggregate(values, "fastest90-mean") == 5.0
    assert aggregate([], "mean") is None


# -- properties ------------------------------------------------------------------------


@st.composite
def logs(draw: st.DrawFn) -> list[Message]:
    n = draw(st.integers(0, 12))
    out: list[Message] = []
    for c in range(n):
        t = T0 + m(draw(st.integers(0, 60 * 24 * 40)))
        out.append(msg(f"c{c}", "in", t))
        for _ in range(draw(st.integers(0, 3))):
            t += m(draw(st.integers(0, 60 * 30)))
            out.append(msg(f"c{c}", draw(st.sampled_from(["in", "out"])), t))
    return out


CONVENTION = st.sampled_from(["meta", "meta-2016", "calendar"])


@settings(max_examples=150, deadline=None)
@given(logs(), CONVENTION, st.randoms(use_true_random=False))
def test_rate_in_unit_interval_and_independent_of_input_order(
    log: list[Message], convention: str, rnd: random.Random
) -> None:
    r = responsiveness(log, convention)
    assert r.response_rate is None or 0.0 <= r.response_rate <= 1.0
    shuffled = list(log)
    rnd.shuffle(shuffled)
    assert responsiveness(shuffled, convention).to_dict() == r.to_dict()


@settings(max_examples=150, deadline=None)
@given(logs(), st.integers(-(10**6), 10**6), CONVENTION)
def test_shifting_every_timestamp_changes_nothing_in_calendar_time(
    log: list[Message], minutes: int, convention: str
) -> None:
    if convention == "meta-2016":
        minutes -= minutes % (24 * 60)  # "same day" is about calendar days: shift by days
    shifted = [msg(x.conversation, x.direction, x.at + m(minutes)) for x in log]
    a, b = responsiveness(log, convention), responsiveness(shifted, convention)
    assert (a.response_rate, a.response_time, a.received, a.answered) == (
        b.response_rate,
        b.response_time,
        b.received,
        b.answered,
    )


@settings(max_examples=150, deadline=None)
@given(logs(), st.integers(0, 60 * 24 * 40), st.integers(0, 600))
def test_adding_an_answered_conversation_never_lowers_the_rate(
    log: list[Message], start: int, delay: int
) -> None:
    # Meta's window (28 days before the last request, at least 10 requests) can push an
    # old answered request out, so Meta is checked with its window made to cover every
    # generated message (40 days and a bit).
    meta = get_convention("meta")
    assert meta.window_kind == "before-last" and meta.window is not None
    wide_meta = attrs.evolve(meta, window=dt.timedelta(days=3650))
    for convention in ("calendar", wide_meta):
        before = responsiveness(log, convention)
        extra = [msg("new", "in", T0 + m(start)), msg("new", "out", T0 + m(start + delay))]
        after = responsiveness(log + extra, convention)
        assert (after.response_rate or 0.0) >= (before.response_rate or 0.0) - 1e-12


# -- CLI -------------------------------------------------------------------------------


def test_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "m.jsonl"
    rows = [
        {"conversation": "a", "direction": "in", "at": "2026-11-20T18:59:00+01:00"},
        {"conversation": "a", "direction": "out", "at": "2026-11-23T09:05:00+01:00"},
    ]
    validator = jsonschema.Draft202012Validator(
        json.loads((ROOT / "schemas" / "message.schema.json").read_text("utf-8"))
    )
    for row in rows:
        validator.validate(row)
    log.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    args = ["responsiveness", str(log), "--hours", "09:00-17:00", "--calendar", "ES-CT"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "response rate 100.0% (1 of 1" in out
    assert "response time 5m00s" in out
    assert main([*args, "--format", "json", "--stream"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["response_seconds"] == 300.0
    assert main(["responsiveness", str(log), "--convention", "nope"]) == 2
    assert "unknown convention 'nope'" in capsys.readouterr().err
    log.write_text('{"conversation": "a", "direction": "in", "at": "2026-11-20T18:59:00"}\n')
    assert main(["responsiveness", str(log)]) == 2
    assert "m.jsonl:1: at:" in capsys.readouterr().err


def test_policy_section_drives_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    policy = str(ROOT / "examples" / "policies" / "ajuntament-ca-es.yaml")
    log = str(ROOT / "examples" / "messages" / "ajuntament.jsonl")
    as_of = ["--as-of", "2026-11-23T15:00:00+01:00"]  # end of that Monday's office hours
    assert main(["responsiveness", log, "--policy", policy, *as_of, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # Hand-computed in office hours 09:00-15:00: 25 min, 78 min, 45 min (Friday 14:45 to
    # Monday 09:30); the street-light report is unanswered; thanks and 👍 need no reply.
    assert doc["convention"] == "calendar"
    assert (doc["received"], doc["answered"]) == (4, 3)
    assert doc["response_seconds"] == 45 * 60
    assert doc["skipped"] == {"needs no reply": 2, "outbound instant_reply": 1}
    assert [b["line"] for b in doc["sla_breaches"]] == [9]


def test_policy_section_is_validated() -> None:
    from govsocial.errors import PolicyError
    from govsocial.policy import load_policy

    base = {"version": 1}
    with pytest.raises(PolicyError, match=r"unknown key\(s\) 'hour'"):
        load_policy({**base, "responsiveness": {"hour": "09:00-17:00"}})
    with pytest.raises(PolicyError, match="'9-5' is not office hours HH:MM-HH:MM"):
        load_policy({**base, "responsiveness": {"hours": "9-5"}})
    with pytest.raises(PolicyError, match="unknown holiday calendar 'XX'"):
        load_policy({**base, "responsiveness": {"holidays": "XX"}})
    with pytest.raises(PolicyError, match="should be non-empty"):
        load_policy({**base, "crisis": {"levels": []}})  # each section has its own validator
    p = load_policy({**base, "responsiveness": {"convention": "meta", "sla": "24h"}})
    assert p.responsiveness is not None
    assert p.responsiveness.convention == "meta"


@pytest.mark.parametrize(
    ("section", "where", "message"),
    [
        ({"sla": "2 days"}, "/responsiveness/sla", "'2 days' is not a duration such as 90s"),
        ({"sla": "2 working days"}, "/responsiveness/sla", "needs office hours"),
        ({"tz": "Europe/Vilanova", "hours": "09:00-14:00"}, "/responsiveness/tz", "IANA"),
        ({"hours": ["09:00-14:00", "17:00-16:00"]}, "/responsiveness/hours/1", "after the start"),
        ({"days": "Mon-Fri"}, "/responsiveness/days", "office days such as 'mon-fri'"),
        ({"convention": "fast"}, "/responsiveness/convention", "'fast' is not one of"),
        ({"aggregator": "max"}, "/responsiveness/aggregator", "'max' is not one of"),
        ({"no_reply": ["gràcies", " "]}, "/responsiveness/no_reply/1", "blank"),
        ({"off_hours_replies": True}, "/responsiveness/off_hours_replies", "True is not one of"),
    ],
)
def test_the_section_is_described_by_the_schema(
    section: dict[str, object], where: str, message: str
) -> None:
    """The schema says what each key takes; Python only what a schema cannot (a time zone
    that exists, hours that end after they start, working days that need office hours)."""
    from govsocial.errors import PolicyError
    from govsocial.policy import load_policy
    from govsocial.responsiveness import policy_from_mapping

    with pytest.raises(PolicyError) as info:
        load_policy({"version": 1, "responsiveness": section})
    assert info.value.where == where
    assert message in info.value.message
    with pytest.raises(PolicyError) as info:  # the same, given on its own
        policy_from_mapping(section)
    assert info.value.where == where


def test_one_duration_grammar_for_sla_and_crisis_windows() -> None:
    """`sla: 90s` was refused while a crisis `window: 90s` was accepted."""
    from govsocial.policy import load_policy

    level = [{"level": 1, "when": {"signal": "spike", "min": 1}}]
    for text, seconds in [
        ("90s", 90),
        ("15min", 900),
        ("1.5h", 5400),
        ("2 w", 1209600),
        (600, 600),
    ]:
        p = load_policy(
            {
                "version": 1,
                "responsiveness": {"sla": text},
                "crisis": {"window": text, "levels": level},
            }
        )
        assert p.responsiveness is not None and p.crisis is not None
        calc = Calculator("meta", **p.responsiveness.options())
        assert calc.sla == dt.timedelta(seconds=seconds)
        assert p.crisis.window == seconds


def test_off_hours_replies_count_as_the_policy_says() -> None:
    tz = dt.timezone(dt.timedelta(hours=1))
    asked = dt.datetime(2026, 11, 18, 16, 30, tzinfo=tz)  # Wednesday, 30 min before closing
    late_reply = dt.datetime(2026, 11, 18, 20, 0, tzinfo=tz)  # sent after hours
    msgs = [msg("a", "in", asked), msg("a", "out", late_reply)]
    assert responsiveness(msgs, "meta", calendar=CAL).response_time == m(30)
    assert responsiveness(msgs, "meta", calendar=CAL, off_hours_replies="zero").response_time == m(
        0
    )
    untimed = responsiveness(msgs, "meta", calendar=CAL, off_hours_replies="untimed")
    assert (untimed.answered, untimed.response_time) == (1, None)
    assert CAL.is_open(asked) and not CAL.is_open(late_reply)


def test_the_worked_example_in_the_docs():
    """docs/responsiveness.md, "Worked example": the figures computed there by hand."""
    import govsocial
    from govsocial.policy import load_policy
    from govsocial.responsiveness import read_messages

    path = ROOT / "examples" / "messages" / "ajuntament.jsonl"
    with path.open(encoding="utf-8") as f:
        msgs = list(read_messages(f))
    meta = govsocial.responsiveness(msgs, "meta")
    assert (meta.received, meta.answered, meta.response_rate) == (5, 3, 0.6)
    assert meta.response_time == dt.timedelta(minutes=1376)
    policy = load_policy(ROOT / "examples" / "policies" / "ajuntament-ca-es.yaml").responsiveness
    office = govsocial.responsiveness(
        msgs, policy.convention, calendar=policy.calendar, sla=policy.sla
    )
    assert (office.received, office.answered, office.response_rate) == (4, 3, 0.75)
    assert office.response_time == dt.timedelta(minutes=45)
    assert office.skipped["needs no reply"] == 2 and office.sla_breaches == ()
