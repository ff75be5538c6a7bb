"""Fuzzing harness (issue 14): generated and mutated input against the CLI and the API.

Every case must end in a verdict (exit 0 or 1, a report, a result) or in one of
govsocial's own errors (exit 2 with one line naming the problem) - never a traceback,
an exception from outside the errors tree, an "internal error", or a hang. Each case
runs under a time budget (an interval timer raises in the test, so a regression fails
rather than hangs); the long run (``benchmarks/fuzz_long.py``) adds an address-space
limit by running this module in a child process with more examples.

The number of examples per test comes from the hypothesis profile (short in CI) or
``GOVSOCIAL_FUZZ_EXAMPLES``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govsocial import GovsocialError, Post, check, load_policy
from govsocial.cli import main
from govsocial.crisis import assess, read_mentions
from govsocial.crisis.series import read_series
from govsocial.responsiveness import read_messages, responsiveness
from govsocial.testing import posts as valid_posts

from .conftest import EXAMPLES

BUDGET_S = 20  # per case; the hostile inputs of issue 14 took minutes before
_N = os.environ.get("GOVSOCIAL_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_N) if _N else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Each case of a policy test loads a whole policy (its crisis lexicon too): fewer cases.
FUZZ_POLICIES = settings(FUZZ, max_examples=max(FUZZ.max_examples // 3, 1))
POLICY = load_policy(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")
EXAMPLE_POSTS = sorted((EXAMPLES / "posts").glob("*.json"))
EXAMPLE_POLICIES = sorted((EXAMPLES / "policies").glob("*.yaml"))


@contextlib.contextmanager
def budget(seconds: float = BUDGET_S) -> Iterator[None]:
    """Raise TimeoutError in the test if the block takes longer than `seconds`."""

    def expired(signum: int, frame: Any) -> None:
        raise TimeoutError(f"a fuzz case took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ------------------------------------------------------------------- strategies

ODD_TEXT = st.sampled_from(
    ["a." * 3000, "http://" + "a." * 3000, "www." * 2000, "🇪🇸" * 3000, "\u0301" * 3000,
     "\ud800", "\x00", "\u202e", "#" * 500, "@" * 500, "\r\n" * 500, "ſ" * 50, ""]
)  # fmt: skip
ODD_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    ODD_TEXT,
    st.sampled_from(
        [
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+14:00",
            "2026-13-45T99:00:00Z",
            "2026-11-20T10:00:00",
            "NaN",
            "1e999",
            "-0",
        ]
    ),
)
JSON_VALUES = st.recursive(
    ODD_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _deep(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


@st.composite
def mutated(draw: st.DrawFn, original: Any) -> Any:
    """`original` with one value replaced: deep nesting, huge numbers, odd Unicode,
    extreme dates, wrong types, or a generated JSON value."""
    doc = copy.deepcopy(original)
    path = draw(st.sampled_from(_paths(doc)))
    replacement = draw(st.one_of(ODD_SCALARS, JSON_VALUES, st.integers(65, 900).map(_deep)))
    if not path:
        return replacement
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = replacement
    return doc


def _load(path: Path) -> Any:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(value: Any) -> str:
    return json.dumps(value, allow_nan=True, default=str)  # lone surrogates as \\ud800


def _cli(*argv: str, stdin: str | None = None) -> tuple[int, str]:
    out, errors = io.StringIO(), io.StringIO()
    saved = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        with budget(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(errors):
            code = main(list(argv))
    finally:
        sys.stdin = saved
    err = errors.getvalue()
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 2:
        lines = [x for x in err.strip().splitlines() if not x.startswith("govsocial: warning: ")]
        assert lines and all(line.startswith("govsocial: error: ") for line in lines), err
        assert all(len(line) <= 520 for line in lines)
    return code, err


# ---------------------------------------------------------------------- the API


@FUZZ
@given(st.one_of(valid_posts(), JSON_VALUES))
def test_api_check_gives_a_report_or_an_input_error(data: Any) -> None:
    with budget():
        try:
            report = check(Post.from_dict(data) if isinstance(data, dict) else data, POLICY)
        except GovsocialError:
            return
    assert report.findings is not None


@FUZZ_POLICIES
@given(st.data())
def test_api_load_policy_mutated_examples(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(EXAMPLE_POLICIES))
    doc = data.draw(mutated(_load(path)))
    with budget(), contextlib.suppress(GovsocialError):
        load_policy(doc) if isinstance(doc, dict) else load_policy({"version": doc})


MESSAGE = {
    "conversation": "c1", "direction": "in", "at": "2026-11-16T08:40:00+01:00",
    "account": "@a", "network": "x", "text": "Bon dia",
}  # fmt: skip
MENTION = {"at": "2026-11-16T08:40:33+01:00", "text": "Hola", "lang": "ca", "network": "x"}


@FUZZ
@given(st.lists(st.one_of(mutated(MESSAGE), JSON_VALUES), min_size=1, max_size=5))
def test_api_messages(lines: list[Any]) -> None:
    text = "\n".join(_dump(v) for v in lines) + "\n"
    with budget(), contextlib.suppress(GovsocialError):
        responsiveness(read_messages(io.StringIO(text)), "meta")


@FUZZ
@given(st.lists(st.one_of(mutated(MENTION), JSON_VALUES), min_size=1, max_size=5))
def test_api_mentions(lines: list[Any]) -> None:
    text = "\n".join(_dump(v) for v in lines) + "\n"
    assert POLICY.crisis is not None
    with budget(), contextlib.suppress(GovsocialError):
        assess(list(read_mentions(io.StringIO(text))), POLICY.crisis)


SERIES_ROW = st.tuples(
    st.one_of(st.sampled_from(["2026-11-16T08:00:00Z", "0001-01-01T00:00:00Z", ""]), st.text()),
    st.one_of(st.sampled_from(["3", "1e308", "-1", "nan", "inf", "100000"]), st.text()),
)


@FUZZ
@given(st.lists(SERIES_ROW, max_size=8))
def test_api_series(rows: list[tuple[str, str]]) -> None:
    from govsocial.crisis.series import score_series
    from govsocial.crisis.spikes import SpikeDetector

    text = "timestamp,value\n" + "".join(f"{t},{v}\n" for t, v in rows)
    with budget(), contextlib.suppress(GovsocialError):
        for _ in score_series(read_series(io.StringIO(text)), SpikeDetector()):
            pass


# ---------------------------------------------------------------------- the CLI


@FUZZ
@given(data=st.data())
def test_cli_check_mutated_example_posts(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = data.draw(st.sampled_from(EXAMPLE_POSTS))
    doc = data.draw(mutated(_load(path)))
    target = tmp_path_factory.mktemp("fuzz") / "post.json"
    target.write_text(_dump(doc), encoding="utf-8")
    policy = str(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")
    _cli("check", "--policy", policy, str(target))


@FUZZ_POLICIES
@given(data=st.data())
def test_cli_check_with_mutated_example_policies(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = data.draw(st.sampled_from(EXAMPLE_POLICIES))
    doc = data.draw(mutated(_load(path)))
    target = tmp_path_factory.mktemp("fuzz") / "policy.json"
    target.write_text(_dump(doc), encoding="utf-8")
    _cli("check", "--policy", str(target), str(EXAMPLE_POSTS[0]))


@FUZZ
@given(
    raw=st.binary(max_size=300),
    command=st.sampled_from(["responsiveness", "spikes", "assess", "check"]),
)
def test_cli_streams_of_random_bytes(
    raw: bytes, command: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    target = tmp_path_factory.mktemp("fuzz") / "input"
    target.write_bytes(raw)
    policy = str(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")
    argv = {
        "responsiveness": ("responsiveness", str(target)),
        "spikes": ("crisis", "spikes", str(target)),
        "assess": ("crisis", "assess", "--policy", policy, str(target)),
        "check": ("check", str(target)),
    }[command]
    _cli(*argv)


@FUZZ
@given(text=st.text(max_size=200) | st.sampled_from(["a." * 2000, "🇪🇸" * 2000]))
def test_cli_count_any_text(text: str) -> None:
    code, _ = _cli("count", "-", stdin=text)
    assert code in (0, 2)
