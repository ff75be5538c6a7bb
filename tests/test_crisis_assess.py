"""Topics, negativity, mentions, the crisis protocol and `govsocial crisis assess`."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from govsocial import load_policy
from govsocial.cli import main
from govsocial.crisis import (
    LexiconNegativity,
    Mention,
    NegativityScorer,
    assess,
    default_negativity,
    default_topics,
    policy_from_mapping,
    read_mentions,
)
from govsocial.crisis.lexicon import Lexicon, words
from govsocial.errors import InputError, PolicyError

ROOT = Path(__file__).resolve().parents[1]
POLICY = ROOT / "examples" / "policies" / "ajuntament-ca-es.yaml"
MENTIONS = ROOT / "examples" / "mentions" / "gos-enverinat.jsonl"
CET = dt.timezone(dt.timedelta(hours=1))

# ------------------------------------------------------------------ normalisation


def test_words_fold_case_accents_hashtags_links_and_handles():
    assert words("#GosEnverinat al Parc! https://t.co/x @Ajuntament Col·legi ÀNIMES") == [
        "gos",
        "enverinat",
        "al",
        "parc",
        "collegi",
        "animes",
    ]
    assert words("#ÚltimaHora: incendi") == ["ultima", "hora", "incendi"]
    assert words("") == []


def test_lexicon_matches_words_prefixes_and_phrases():
    lex: Lexicon[str] = Lexicon(
        [("enverin*", "poison"), ("gos enverinat", "dog"), ("gat mort*", "cat"), ("fum", "smoke")]
    )
    found = lex.find(words("Un gos enverinat, dos gats morts? Enverinament! fums gat"))
    assert [(s, e, p) for s, e, p, _ in found] == [
        (1, 3, "dog"),
        (2, 3, "poison"),
        (6, 7, "poison"),
    ]
    # "gats morts" is not "gat mort*": only the last word of a term is a prefix
    assert not lex.find(words("fumador"))  # exact words stay exact
    with pytest.raises(ValueError, match="3 letters"):
        Lexicon([("ab*", 1)])
    with pytest.raises(ValueError, match="no word"):
        Lexicon([("  ", 1)])


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_topics_and_negativity_never_raise_on_any_text(text):
    topics = default_topics().match(text)
    assert all(isinstance(v, list) and v for v in topics.values())
    score = default_negativity().negativity(text, None)
    assert 0.0 <= score < 1.0


# ------------------------------------------------------------------ shipped lexicons

TOPIC_EXAMPLES = {
    "animals": [
        ("ca", "Han enverinat el meu gos al parc amb raticida"),
        ("es", "Perro envenenado en el parque"),
        ("gl", "Can envelenado no parque"),
        ("en", "My dog was poisoned in the park"),
    ],
    "safety_emergency": [
        ("ca", "Hi ha un incendi a la nau del polígon, evacuació"),
        ("es", "Explosión e incendio en la fábrica"),
        ("en", "Fire and explosion at the plant, people evacuated"),
    ],
    "corruption": [
        ("es", "Otro caso de corrupción y soborno en el consistorio"),
        ("ca", "Corrupció i suborn a l'ajuntament"),
    ],
    "data_leak": [("es", "Filtración de datos personales del padrón")],
}


@pytest.mark.parametrize(
    ("topic", "lang", "text"),
    [(t, lang, text) for t, items in TOPIC_EXAMPLES.items() for lang, text in items],
)
def test_shipped_topics_catch_typical_complaints(topic, lang, text):
    assert topic in default_topics().match(text), (lang, text)


def test_shipped_topics_cover_every_language_and_say_their_severity():
    topics = default_topics().topics
    assert {
        "health_death",
        "children",
        "animals",
        "safety_emergency",
        "corruption",
        "discrimination",
        "data_leak",
    } <= set(topics)
    for t in topics.values():
        assert {"es", "ca", "eu", "gl", "en"} <= set(t.terms), t.id
        assert t.severity in ("low", "medium", "high")


def test_neutral_municipal_text_matches_no_topic():
    for text in [
        "Horari de la biblioteca aquest dissabte: de 10 a 14 h",
        "Mañana abre la piscina municipal",
        "Bihar irekiko da liburutegia",
    ]:
        assert default_topics().match(text) == {}, text


NEG = [
    ("ca", "Quina vergonya, ningú respon"),
    ("es", "Es indignante, una vergüenza de ayuntamiento"),
    ("gl", "Unha vergoña, ninguén responde"),
    ("en", "This is a disgrace, totally unacceptable"),
]
NOT_NEG = [
    ("ca", "Moltes gràcies per la informació"),
    ("es", "Gracias por arreglarlo tan rápido"),
    ("en", "Thanks, great job"),
    ("es", "¿A qué hora abre la biblioteca?"),
]


@pytest.mark.parametrize(("lang", "text"), NEG)
def test_complaints_score_negative(lang, text):
    assert default_negativity().negativity(text, lang) >= 0.5
    assert default_negativity().negativity(text) >= 0.5  # without a language too


@pytest.mark.parametrize(("lang", "text"), NOT_NEG)
def test_thanks_and_questions_do_not(lang, text):
    assert default_negativity().negativity(text, lang) < 0.5


def test_negators_flip_and_intensifiers_weigh_more():
    scorer = LexiconNegativity(
        {
            "xx": {
                "negative": {"dolent": 1},
                "positive": {},
                "negators": ["no"],
                "intensifiers": ["molt"],
            }
        }
    )
    assert scorer.raw("és dolent", "xx") == 1.0
    assert scorer.raw("és molt dolent", "xx") == 1.5
    assert scorer.raw("no és gens dolent", "xx") == -1.0
    assert scorer.negativity("no és dolent", "xx") == 0.0
    assert isinstance(scorer, NegativityScorer)


# ------------------------------------------------------------------ mentions


def test_mentions_are_validated_with_line_numbers():
    good = '{"at": "2026-11-20T09:40:00+01:00", "text": "hola", "followers": 3, "is_reply": true}\n'
    (m,) = read_mentions(io.StringIO(good))
    assert m.followers == 3 and m.is_reply and m.line == 1
    bad = {
        '{"text": "x"}': "missing required field 'at'",
        '{"at": "2026-11-20T09:40:00", "text": "x"}': "no UTC offset",
        '{"at": "2026-11-20T09:40:00Z", "text": "x", "followers": -1}': "followers",
        '{"at": "2026-11-20T09:40:00Z", "text": "x", "likes": 3}': "unknown field",
        '{"at": "2026-11-20T09:40:00Z", "text": 5}': "text",
        "[1]": "JSON object",
        "{oops": "invalid JSON",
    }
    for line, message in bad.items():
        with pytest.raises(InputError, match=message) as e:
            list(read_mentions(io.StringIO(good + line + "\n"), source="m.jsonl"))
        assert e.value.line == 2


def test_mention_schema_matches_the_reader():
    schema = json.loads((ROOT / "schemas" / "mention.schema.json").read_text("utf-8"))
    assert set(schema["properties"]) == {
        "at",
        "text",
        "lang",
        "author",
        "followers",
        "network",
        "is_reply",
        "reach",
        "url",
    }
    assert schema["required"] == ["at", "text"]


# ------------------------------------------------------------------ protocol


def _protocol(extra=None, levels=None):
    spec = {
        "levels": levels
        or [
            {"level": 1, "name": "watch", "when": {"signal": "mentions", "min": 3}},
            {
                "level": 2,
                "name": "crisis",
                "when": {
                    "all": [
                        {"signal": "mentions", "min": 3},
                        {
                            "any": [
                                {"signal": "topic.animals", "min": 2},
                                {"signal": "negative_share", "min": 0.9},
                            ]
                        },
                    ]
                },
                "alert": ["comms"],
                "playbook": ["acknowledge"],
            },
        ],
        "negativity": {"min_mentions": 3},
        **(extra or {}),
    }
    return policy_from_mapping(spec)


def _m(minutes, text, **kw):
    return Mention(
        dt.datetime(2026, 11, 20, 10, 0, tzinfo=CET) + dt.timedelta(minutes=minutes), text, **kw
    )


def test_levels_reasons_and_playbook():
    p = _protocol()
    calm = assess([_m(0, "hola"), _m(5, "bon dia")], p)
    assert calm.level == 0 and calm.name == "normal" and calm.reasons == ()
    watch = assess([_m(0, "hola"), _m(5, "bon dia"), _m(6, "bona tarda")], p)
    assert watch.level == 1 and [r.signal for r in watch.reasons] == ["mentions"]
    crisis = assess([_m(0, "gos enverinat"), _m(5, "perro envenenado"), _m(6, "bona tarda")], p)
    assert crisis.level == 2 and crisis.alert == ("comms",) and crisis.playbook == ("acknowledge",)
    assert [(r.signal, r.value, r.threshold) for r in crisis.reasons] == [
        ("mentions", 3.0, 3.0),
        ("topic.animals", 2.0, 2.0),
    ]
    assert "animals" in crisis.topic_terms


def test_only_the_window_and_the_past_count():
    p = _protocol()
    ms = [
        _m(-600, "gos enverinat"),
        _m(-500, "perro envenenado"),
        _m(0, "hola"),
        _m(1, "x"),
        _m(2, "y"),
    ]
    a = assess(ms, p)
    assert a.signals["mentions"] == 3 and a.signals["topic.animals"] == 0
    early = assess(ms, p, at=ms[1].at)
    assert early.signals["mentions"] == 2
    assert any("after the assessment time" in n for n in early.notes)


def test_negative_share_needs_the_minimum_volume():
    p = _protocol()
    a = assess([_m(0, "quina vergonya"), _m(1, "vergonya")], p)
    assert a.signals["negative_share"] is None
    assert any("negative_share unavailable" in n for n in a.notes)
    b = assess([_m(0, "quina vergonya"), _m(1, "vergonya"), _m(2, "una vergonya")], p)
    assert b.signals["negative_share"] == 1.0 and b.level == 2


def test_reach_signals():
    p = _protocol({"reach": {"followers": 1000, "media": ["@Diari"], "verified": ["bombers"]}})
    a = assess(
        [
            _m(0, "x", author="@diari", followers=10),
            _m(1, "y", author="Bombers", followers=5, reach=70),
            _m(2, "z", author="@someone", followers=5000),
            _m(3, "w", author="@nobody", followers=3),
        ],
        p,
    )
    s = a.signals
    assert (s["media_mentions"], s["verified_mentions"], s["high_reach_mentions"]) == (1, 1, 3)
    assert s["max_followers"] == 5000 and s["reach"] == 10 + 70 + 5000 + 3


def test_a_custom_scorer_is_used():
    class Always:
        def negativity(self, text, lang=None):
            return 1.0

    a = assess([_m(i, "hola") for i in range(3)], _protocol(), scorer=Always())
    assert a.signals["negative_share"] == 1.0


@pytest.mark.parametrize(
    ("spec", "where"),
    [
        ({"levels": [], "widnow": "2h"}, "/crisis/widnow"),
        ({"levels": []}, "/crisis/levels"),
        (
            {"levels": [{"level": 1, "when": {"signal": "mentons", "min": 1}}]},
            "/crisis/levels/0/when/signal",
        ),
        ({"levels": [{"level": 1, "when": {"signal": "mentions"}}]}, "/crisis/levels/0/when"),
        (
            {"levels": [{"level": 1, "when": {"signal": "mentions", "min": "x"}}]},
            "/crisis/levels/0/when/min",
        ),
        (
            {
                "levels": [
                    {"level": 2, "when": {"signal": "mentions", "min": 1}},
                    {"level": 1, "when": {"signal": "spike", "min": 1}},
                ]
            },
            "/crisis/levels/1/level",
        ),
        ({"levels": [{"level": 1}]}, "/crisis/levels/0"),
        (
            {"window": "soon", "levels": [{"level": 1, "when": {"signal": "spike", "min": 1}}]},
            "/crisis/window",
        ),
        (
            {
                "spikes": {"treshold": 3},
                "levels": [{"level": 1, "when": {"signal": "spike", "min": 1}}],
            },
            "/crisis/spikes/treshold",
        ),
        (
            {
                "spikes": {"threshold": -3},
                "levels": [{"level": 1, "when": {"signal": "spike", "min": 1}}],
            },
            "/crisis/spikes/threshold",
        ),
        (
            {
                "topics": {"new": {"label": "x"}},
                "levels": [{"level": 1, "when": {"signal": "spike", "min": 1}}],
            },
            "/crisis/topics/new",
        ),
        (
            {
                "topics": {"animals": {"terms": {"ca": ["a*"]}}},
                "levels": [{"level": 1, "when": {"signal": "spike", "min": 1}}],
            },
            "/crisis/topics/animals/terms/ca",
        ),
        (
            {
                "reach": {"followers": -1},
                "levels": [{"level": 1, "when": {"signal": "spike", "min": 1}}],
            },
            "/crisis/reach/followers",
        ),
    ],
)
def test_invalid_protocols_name_the_place(spec, where):
    with pytest.raises(PolicyError) as e:
        policy_from_mapping(spec)
    assert e.value.where == where, e.value.message


def test_policy_topics_extend_and_define_signals():
    p = policy_from_mapping(
        {
            "topics": {"festes": {"severity": "low", "terms": {"ca": ["correfoc*"]}}},
            "levels": [{"level": 1, "when": {"signal": "topic.festes", "min": 1}}],
        }
    )
    assert assess([_m(0, "Els correfocs d'enguany")], p).level == 1


def test_an_error_in_the_policy_file_names_line_and_key(tmp_path):
    text = POLICY.read_text("utf-8").replace(
        "signal: sensitive_mentions, min: 3", "signal: sensitiv, min: 3"
    )
    bad = tmp_path / "p.yaml"
    bad.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as e:
        load_policy(bad)
    assert "sensitiv" in e.value.message and e.value.where.startswith("/crisis/levels/0/when")


# ------------------------------------------------------------------ worked example


def test_worked_example_is_a_crisis_with_its_reasons():
    protocol = load_policy(POLICY).crisis
    with MENTIONS.open(encoding="utf-8") as f:
        mentions = list(read_mentions(f))
    result = assess(mentions, protocol)
    assert result.level == 2 and result.name == "crisi"
    signals = {r.signal for r in result.reasons}
    assert "spike" in signals and "sensitive_mentions" in signals
    assert result.signals["volume_ratio"] >= 4
    assert "animals" in result.topic_terms
    assert result.first_message and "portaveu" in result.alert
    before = assess(mentions, protocol, at=dt.datetime(2026, 11, 20, 9, 0, tzinfo=CET))
    assert before.level == 0


def test_cli_assess_text_json_and_exit_codes(capsys):
    assert main(["crisis", "assess", str(MENTIONS), "--policy", str(POLICY)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("level 2 (crisi)") and "because spike = 1 >= 1" in out
    code = main(
        [
            "crisis",
            "assess",
            str(MENTIONS),
            "--policy",
            str(POLICY),
            "--format",
            "json",
            "--fail-level",
            "3",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == 2 and data["reasons"] and data["playbook"]
    assert (
        main(
            [
                "crisis",
                "assess",
                str(MENTIONS),
                "--policy",
                str(POLICY),
                "--at",
                "2026-11-20T09:00:00+01:00",
            ]
        )
        == 0
    )


def test_cli_assess_bad_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "m.jsonl"
    bad.write_text('{"at": "yesterday", "text": "x"}\n')
    assert main(["crisis", "assess", str(bad), "--policy", str(POLICY)]) == 2
    err = capsys.readouterr().err
    assert "m.jsonl:1" in err and "Traceback" not in err
    no_crisis = tmp_path / "p.yaml"
    no_crisis.write_text(yaml.safe_dump({"name": "x"}))
    assert main(["crisis", "assess", str(MENTIONS), "--policy", str(no_crisis)]) == 2
    assert main(["crisis", "assess", str(MENTIONS), "--policy", str(POLICY), "--at", "noon"]) == 2
    capsys.readouterr()
    naive = "2026-11-20T09:00:00"  # no offset: refused, as everywhere in govsocial
    assert main(["crisis", "assess", str(MENTIONS), "--policy", str(POLICY), "--at", naive]) == 2
    assert "with its UTC offset" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("hhmm", "level", "reasons", "spike"),
    [
        ((9, 0), 0, set(), 0),
        ((9, 45), 1, {"sensitive_mentions"}, 1),
        ((10, 0), 2, {"spike", "sensitive_mentions", "negative_share"}, 1),
        ((10, 10), 2, {"spike", "volume_ratio", "sensitive_mentions"}, 1),
        ((10, 30), 2, {"spike", "volume_ratio", "sensitive_mentions"}, 1),
    ],
)
def test_worked_example_escalation_table(hhmm, level, reasons, spike):
    """docs/crisis.md: the table of how the case escalates."""
    protocol = load_policy(POLICY).crisis
    with MENTIONS.open(encoding="utf-8") as f:
        mentions = list(read_mentions(f))
    a = assess(mentions, protocol, at=dt.datetime(2026, 11, 20, *hhmm, tzinfo=CET))
    assert a.level == level
    assert reasons <= {r.signal for r in a.reasons}
    assert a.signals["spike"] == spike


def _shipped_terms():
    out = []
    for topic in default_topics().topics.values():
        for lang, terms in sorted(topic.terms.items()):
            out.extend((topic.id, lang, t) for t in terms)
    return out


@given(st.sampled_from(_shipped_terms()), st.sampled_from(["lower", "upper", "title", "hashtag"]))
@settings(max_examples=400, deadline=None)
def test_every_shipped_term_matches_its_topic_in_any_case_and_as_a_hashtag(item, form):
    """Matching is on normalised words: case, accents and the hashtag form do not matter."""
    topic, _lang, term = item
    text = term.replace("*", "")
    if form == "upper":
        text = text.upper()
    elif form == "title":
        text = text.title()
    elif form == "hashtag" and not any(c in text for c in "'’-"):  # hashtags stop there
        text = "#" + "".join(w[:1].upper() + w[1:] for w in text.split())
    assert topic in default_topics().match(f"Avís: {text}!"), (term, text)


def test_every_shipped_negativity_term_scores_its_way_alone():
    from govsocial._io import load_yaml_resource

    data = load_yaml_resource("crisis/negativity.yaml")["languages"]
    scorer = default_negativity()
    for lang, spec in data.items():
        for term in spec["negative"]:
            assert scorer.raw(str(term).replace("*", ""), lang) > 0, (lang, term)
        for term in spec["positive"]:
            assert scorer.raw(str(term).replace("*", ""), lang) < 0, (lang, term)


def test_overlapping_terms_count_once_longest_first():
    scorer = LexiconNegativity(
        {"xx": {"negative": {"ningu respon": 2, "respon": 1}, "negators": ["ningu"]}}
    )
    assert scorer.raw("ningu respon", "xx") == 2.0


def test_policy_spikes_accept_the_model_and_check_it():
    from govsocial.errors import PolicyError

    p = _protocol({"spikes": {"model": "count", "max_step": 10, "relearn": False}})
    d = p.detector()
    assert (d.model, d.max_step, d.relearn) == ("count", 10.0, False)
    with pytest.raises(PolicyError, match="model"):
        _protocol({"spikes": {"model": "gaussian"}})


def test_policy_spikes_take_novelty_fatigue_and_their_durations():
    from govsocial.errors import PolicyError

    p = _protocol(
        {
            "spikes": {
                "novelty": None,
                "novelty_warmup": "3d",
                "fatigue": 0.5,
                "fatigue_half_life": "1d",
                "relearn_after": "12h",
            }
        }
    )
    d = p.detector()
    assert d.novelty is None and d.novelty_warmup == 3 * 86400.0 and d.fatigue == 0.5
    assert d.fatigue_half_life == 86400.0 and d.relearn_after == 12 * 3600.0
    with pytest.raises(PolicyError, match="novelty"):
        _protocol({"spikes": {"novelty": -1}})


def test_policy_spikes_take_the_weekly_baseline_and_the_relearning_half_life():
    from govsocial.errors import PolicyError

    d = _protocol({"spikes": {"long_period": None, "relearn_half_life": "6h"}}).detector()
    assert d.long_period is None and d.relearn_half_life == 6 * 3600.0
    d = _protocol({"spikes": {"long_period": 4, "relearn_half_life": None}}).detector()
    assert d.long_period == 4 and d.relearn_half_life is None
    for bad in ({"long_period": 1}, {"relearn_half_life": "soon"}):
        with pytest.raises(PolicyError):
            _protocol({"spikes": bad})


def test_policy_spikes_take_fatigue_on_novelty():
    from govsocial.errors import PolicyError

    assert _protocol({}).detector().fatigue_on_novelty is False
    assert _protocol({"spikes": {"fatigue_on_novelty": True}}).detector().fatigue_on_novelty
    with pytest.raises(PolicyError, match="fatigue_on_novelty"):
        _protocol({"spikes": {"fatigue_on_novelty": "yes"}})


def test_negativity_refuses_a_language_it_has_no_lexicon_for():
    """A score from other languages' words would be silently wrong: the API says so;
    assess() scores such a mention with every lexicon, as one without a language."""
    from govsocial.crisis.signals import default_negativity
    from govsocial.errors import UsageError

    scorer = default_negativity()
    with pytest.raises(UsageError, match="no lexicon for lang='zz'"):
        scorer.negativity("quina vergonya", "zz")
    assert scorer.negativity("quina vergonya", "ca") > 0.5
    assert scorer.negativity("quina vergonya", None) > 0.5
    assert scorer.covers("ca-ES-valencia") and not scorer.covers("fr")


def test_a_tiny_bucket_over_years_of_history_is_refused_not_walked():
    """1-second buckets from 2001 to 2026 would be 790 million steps: an error naming
    the limit, at once; the policy's limits may raise it."""
    import time

    from govsocial.errors import InputError
    from govsocial.limits import Limits

    protocol = load_policy(
        {
            "version": 1,
            "crisis": {
                "bucket": "1s",
                "levels": [{"level": 1, "name": "alert", "when": {"signal": "mentions", "min": 1}}],
            },
        }
    ).crisis
    mentions = [
        Mention.from_dict({"at": "2001-01-01T00:00:00Z", "text": "hola"}),
        Mention.from_dict({"at": "2026-01-01T00:00:00Z", "text": "hola"}),
    ]
    started = time.monotonic()
    with pytest.raises(InputError, match="max_series_buckets"):
        assess(mentions, protocol)
    assert time.monotonic() - started < 5
    small = [Mention.from_dict({"at": "2026-01-01T00:00:00Z", "text": "hola"})]
    assert assess(small, protocol, limits=Limits(max_series_buckets=10)).level >= 0
