"""check_many, the CLI and the audit check posts in batches, with the rules' prefetch run
over each batch: every report must be the one check() gives the post alone."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govsocial
from govsocial.errors import InputError, UsageError
from govsocial.language import register_detector
from govsocial.rules.context import Context
from govsocial.rules.registry import Hit, Rule, register
from govsocial.testing import posts as any_posts

from .conftest import EXAMPLES

# The engine's module (govsocial.check is the function of the same name).
engine = importlib.import_module("govsocial.check")
CA_ES = govsocial.load_policy(EXAMPLES / "policies" / "ajuntament-ca-es.yaml")

# Sentences of the languages the slots meet (and a few they do not), long and short, with
# the names, links, hashtags and emoji that the cleaning removes.
SENTENCES = [
    "L'Ajuntament obre dilluns la nova biblioteca municipal al barri del Carme.",
    "Recordeu que demà és festiu i l'OAC estarà tancada tot el dia.",
    "El Ayuntamiento abre el lunes la nueva biblioteca municipal en el barrio del Carmen.",
    "Recordad que mañana es festivo y la OAC estará cerrada.",
    "O Concello abre o luns a nova biblioteca municipal no barrio do Carme.",
    "Era biblioteca municipau deth barri que s'aubrís dimars ara tarda.",
    "Udalak astelehenean irekiko du liburutegi berria auzoan.",
    "The city council opens the new public library on Monday.",
    "Festa major!",
    "Bon dia 👋",
    "#VilanovaDelCami https://www.vilanovadelcami.cat/agenda",
    "Concierto de la Cobla Sant Jordi en la plaça de la Vila.",
]
text = st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=4).map(
    lambda parts: " ".join(parts) if len(parts) < 3 else "\n\n".join(parts)
)
post = st.fixed_dictionaries(
    {
        "networks": st.lists(
            st.sampled_from(["x", "facebook", "instagram", "mastodon"]), min_size=1, unique=True
        ),
        "text": st.dictionaries(st.sampled_from(["ca", "es", "gl", "oc", "eu"]), text),
    }
)
POLICIES = [
    CA_ES,
    govsocial.load_policy({"version": 1, "languages": {"required": ["gl", "es"]}}),
    govsocial.load_policy(
        {"version": 1, "languages": {"detection": {"candidates": ["es", "ca", "oc"]}}}
    ),
    govsocial.load_policy({"version": 1, "languages": {"detection": {"enabled": False}}}),
    govsocial.load_policy({"version": 1, "limits": {"max_text_chars": 120}}),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(post, max_size=12),
    st.sampled_from(POLICIES),
    st.integers(1, 5),
    st.integers(1, 400),
    st.data(),
)
def test_batched_reports_are_the_reports_of_each_post_alone(
    dicts: list[dict[str, Any]],
    policy: govsocial.Policy,
    batch: int,
    chars: int,
    data: st.DataObject,
) -> None:
    """Any posts, any batch size: check_many gives, in order, what check() gives each post
    alone (the language rules judge a batch's texts together; nothing may leak from one
    post to another)."""
    alone = [govsocial.check(d, policy) for d in dicts]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(engine, "BATCH_POSTS", batch)
        mp.setattr(engine, "BATCH_CHARS", chars)
        assert govsocial.check_many(dicts, policy) == alone
        select = data.draw(st.sampled_from([None, ["GS3"], ["GS301"], ["GS2"]]))
        ignore = data.draw(st.sampled_from([None, ["GS302"], ["GS3"]]))
        assert govsocial.check_many(dicts, policy, select=select, ignore=ignore) == [
            govsocial.check(d, policy, select=select, ignore=ignore) for d in dicts
        ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_posts(), max_size=6))
def test_any_generated_posts_batched_as_alone(dicts: list[dict[str, Any]]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(engine, "BATCH_POSTS", 2)
        assert govsocial.check_many(dicts, CA_ES) == [govsocial.check(d, CA_ES) for d in dicts]


def test_the_default_batch_crosses_its_boundary_alike() -> None:
    dicts = [
        {
            "id": str(i),
            "networks": ["x"],
            "text": {"ca": SENTENCES[i % 2], "es": SENTENCES[2 + i % 3]},
        }
        for i in range(engine.BATCH_POSTS * 2 + 3)
    ]
    assert govsocial.check_many(dicts, CA_ES) == [govsocial.check(d, CA_ES) for d in dicts]


def test_check_many_reads_posts_lazily_and_names_a_bad_one() -> None:
    def posts() -> Iterator[object]:
        yield {"networks": ["x"], "text": {"ca": SENTENCES[0]}}
        yield 42

    with pytest.raises(UsageError, match=r"expected Posts or mappings, got posts\[1\]=42"):
        govsocial.check_many(posts(), CA_ES)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"posts\[1\]") as caught:
        govsocial.check_many(
            [{"networks": ["x"], "text": {}}, {"networks": "x", "text": {}}], CA_ES
        )
    assert caught.value.where == "/networks"


class _UnhashableDetector:
    """A detector an application might write: a mutable object with value equality
    (unhashable) that keeps the texts it is asked about; it favours Catalan."""

    name = "favours-ca"
    __hash__ = None  # type: ignore[assignment]

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _UnhashableDetector)

    def supports(self, lang: str) -> bool:
        return lang in {"ca", "es"}

    def scores(self, text: str, candidates: Sequence[str] | None) -> Mapping[str, float]:
        self.asked.append(text)
        return {c: (0.0 if c == "ca" else -5.0) for c in (candidates or ["ca", "es"])}


def test_an_unhashable_registered_detector_is_batched_alike() -> None:
    detector = _UnhashableDetector()
    register_detector("favours-ca-test", detector)
    policy = govsocial.load_policy(
        {
            "version": 1,
            "languages": {"required": ["ca", "es"], "detection": {"detector": "favours-ca-test"}},
        }
    )
    dicts = [{"networks": ["x"], "text": {"ca": SENTENCES[1], "es": SENTENCES[3]}}] * 3
    alone = [govsocial.check(d, policy) for d in dicts]
    asked = len(detector.asked)
    assert asked == 6  # each post's two texts
    assert govsocial.check_many(dicts, policy) == alone
    assert len(detector.asked) == 2 * asked


PREFETCHING_RULES = """
import importlib
import govsocial
from govsocial.rules import Hit, rule

engine = importlib.import_module("govsocial.check")

calls = []

def prefetch(contexts):
    calls.append(len(contexts))
    for ctx in contexts:
        ctx.__dict__["seen"] = "batch"

def check(ctx):
    yield Hit(ctx.__dict__.get("seen", "alone"), "/text")

for code in ("GS991", "GS992"):  # one prefetch function for both: called once per batch
    rule(code, f"test-prefetch-{code}", summary="A test rule.", severity=govsocial.Severity.INFO,
         why="Tests the prefetch hook.", flagged={"networks": ["x"], "text": {"ca": "a"}},
         clean={"networks": ["x"], "text": {}}, prefetch=prefetch)(check)

policy = {"version": 1, "limits": {"max_text_chars": 120}}
posts = [{"networks": ["x"], "text": {"ca": "Bon dia"}}] * 5
posts.append({"networks": ["x"], "text": {"ca": "a" * 200}})  # over the limit: GS106 only
engine.BATCH_POSTS = 2
for report in govsocial.check_many(posts, policy, select=["GS99", "GS106"]):
    print([(f.code, f.message) for f in report.findings])
print(calls)
print([f.message for f in govsocial.check(posts[0], policy, select=["GS99"]).findings])
calls.clear()
engine.BATCH_POSTS, engine.BATCH_CHARS = 64, 15  # "Bon dia": 7 characters a post
govsocial.check_many(posts[:5], policy, select=["GS99"])
print(calls)
"""


def test_a_rules_prefetch_runs_once_per_batch_before_its_checks() -> None:
    from .test_rule_registry import run_python

    lines = run_python(PREFETCHING_RULES).splitlines()
    batched = "[('GS991', 'batch'), ('GS992', 'batch')]"
    assert lines[:5] == [batched] * 5
    assert lines[5].startswith("[('GS106',")
    assert lines[6] == "[2, 2, 1]"  # the oversized post's context is not handed to it
    assert lines[7] == "['alone', 'alone']"  # alone, a rule computes for itself
    assert lines[8] == "[3, 2]"  # a batch closes when its texts reach BATCH_CHARS


def _plugin(code: str, prefetch: Any) -> Rule:
    def check(ctx: Context) -> Iterable[Hit]:
        yield Hit("found", "/text")

    return Rule(
        code=code,
        name=f"test-prefetch-{code}",
        summary="A test rule.",
        severity=govsocial.Severity.INFO,
        why="Tests the prefetch hook.",
        flagged={"networks": ["x"], "text": {"ca": "a"}},
        clean={"networks": ["x"], "text": {}},
        check=check,
        prefetch=prefetch,
    )


def test_a_prefetch_that_is_not_callable_is_refused() -> None:
    with pytest.raises(UsageError, match="GS993: expected a callable prefetch or None"):
        register(_plugin("GS993", "not a function"))
