"""govsocial.render: renditions per network pass the check and lose nothing."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govsocial
from govsocial.formatting import Rendition, check_rendition, render
from govsocial.formatting.escaping import escape_reserved, unescape_reserved
from govsocial.formatting.splitting import split_text
from govsocial.networks.counting import count
from govsocial.text import analyse

from .conftest import ROOT

NETWORKS = govsocial.NETWORK_IDS
DATA = ROOT / "tests" / "data" / "formatting" / "sentences.jsonl"


@cache
def sentences() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"ca": [], "es": []}
    for line in DATA.read_text("utf-8").splitlines():
        d = json.loads(line)
        out[d["lang"]].append(d["text"])
    return out


# Policies the properties run under: language detection off (the language rules judge
# the words, which rendering keeps; they are exercised by the example tests).
BASE = {
    "version": 1,
    "languages": {"required": ["ca", "es"], "order": ["ca", "es"], "detection": {"enabled": False}},
}
POLICIES = [
    govsocial.load_policy(BASE),
    govsocial.load_policy(
        {
            **BASE,
            "languages": {
                **BASE["languages"],
                "combined": {"networks": ["x", "facebook", "instagram", "linkedin", "bluesky"]},
            },
            "formatting": {
                "thread_hashtags": "repeat",
                "unclickable_links": "comment",
                "numbering": False,
            },
            "networks": {"mastodon": {"limit": 1000}},
        }
    ),
    govsocial.load_policy(
        {
            **BASE,
            "languages": {
                **BASE["languages"],
                "combined": {"others": "separate", "separator": "\n—\n"},
            },
            "formatting": {"media": "first", "short_links": None},
        }
    ),
    govsocial.load_policy(
        {
            **BASE,
            "languages": {
                **BASE["languages"],
                "combined": {
                    "networks": ["threads", "tiktok", "youtube"],
                    "shared_hashtags": "keep",
                },
            },
            "formatting": {
                "thread_hashtags": "repeat",
                "short_links": 12,
                "truncate": ["facebook", "instagram"],
            },
            "networks": {"x": {"max_hashtags": 2}, "bluesky": {"limit": 200}},
        }
    ),
]

EXTRAS = [
    "https://www.vilanovadelcami.cat/agenda/festa-major-2026/programa-complet?dia=dissabte",
    "vilanovadelcami.cat/obres",
    "@VilanovaCami",
    "@bombers@mastodon.social",
    "🎉",
    "👩🏽‍🚒",
    "🇪🇸",
    "😮‍💨",
    "#FestaMajor",
    "#OAC",
    "(9 a 14 h)",
    "5 €",
    "·",
]
TAGS = ["#VilanovaDelCami", "#Obres", "#FM2026", "#Cultura", "#Nadal", "#Rambla", "#Mobilitat"]


@st.composite
def texts(draw: st.DrawFn, lang: str) -> str:
    pool = sentences()[lang]
    n = draw(st.integers(1, 7))
    words: list[str] = []
    for _ in range(n):
        words.append(draw(st.sampled_from(pool)))
        if draw(st.booleans()):
            words.append(draw(st.sampled_from(EXTRAS)))
        if draw(st.integers(0, 5)) == 0:
            words.append("\n\n")
    text = " ".join(words).replace(" \n\n ", "\n\n").strip()
    tags = draw(st.lists(st.sampled_from(TAGS), max_size=7, unique=True))
    if tags:
        text += " " + " ".join(tags)
    return text


@st.composite
def posts(draw: st.DrawFn) -> govsocial.Post:
    media = []
    for i in range(draw(st.integers(0, 6))):
        media.append(
            {
                "path": f"foto{i}.jpg",
                "alt": {"ca": f"Foto {i} de la plaça", "es": f"Foto {i} de la plaza"},
            }
        )
    data = {"networks": list(NETWORKS), "text": {"ca": draw(texts("ca")), "es": draw(texts("es"))}}
    if media:
        data["media"] = media
    return govsocial.Post.from_dict(data)


def _plain(r: Rendition, links: dict[str, str]) -> str:
    """A rendition's text as written by its author: LinkedIn escapes removed, Bluesky's
    shortened links back in full, numbering dropped."""
    text = unescape_reserved(r.text, "\\|{}@[]()<>#*_~") if r.escaped else r.text
    for f in r.facets:
        if f.kind == "link":
            raw = text.encode("utf-8")
            shown = raw[f.byte_start : f.byte_end].decode("utf-8")
            links[shown.rstrip("…")] = f.value
    return text


def _tokens(text: str) -> Counter[str]:
    return Counter(text.split())


def _assert_nothing_lost(post: govsocial.Post, renditions: list[Rendition], network: str) -> None:
    spec = govsocial.get_network(network)
    for lang, text in post.text.items():
        mine = [r for r in renditions if lang in r.langs]
        links: dict[str, str] = {}
        have = Counter[str]()
        for r in mine:
            have += _tokens(_plain(r, links))
        for r in renditions:  # hashtags over a cap and links go to comments
            if r.kind == "comment" or (r.kind == "reply" and r.text.startswith("#")):
                have += _tokens(r.text)
        info = analyse(text)
        urls = {u.text for u in info.urls}
        for word in text.split():
            if any(word.find(u) >= 0 for u in urls) and not spec.links_clickable:
                continue  # documented: replaced by the link-in-bio wording
            if word in have:
                continue
            if word.startswith("#") and word[1:] in have:
                continue  # a hashtag over the cap, kept as a word, and in the comment
            shown = [s for s, full in links.items() if word.endswith(full.split("://")[-1])]
            assert shown, f"{network}: {word!r} of the {lang!r} text is missing"


@given(post=posts(), which=st.integers(0, len(POLICIES) - 1))
def test_every_rendition_passes_the_check_and_nothing_is_lost(
    post: govsocial.Post, which: int
) -> None:
    """For every network: no error finding on any rendition, every word, link, mention and
    hashtag kept, rendering deterministic."""
    policy = POLICIES[which]
    for network in NETWORKS:
        renditions = render(post, network, policy)
        assert renditions, network
        for r in renditions:
            report = check_rendition(r, policy)
            assert report.ok, (network, r.text, report.at_least(govsocial.Severity.ERROR))
            assert r.text == policy.languages.separator.join(t for _, t in r.segments)
        _assert_nothing_lost(post, renditions, network)
        assert render(post, network, policy) == renditions


@given(post=posts(), which=st.integers(0, len(POLICIES) - 1))
def test_rendering_a_single_part_rendition_again_changes_nothing(
    post: govsocial.Post, which: int
) -> None:
    policy = POLICIES[which]
    for network in NETWORKS:
        for r in render(post, network, policy):
            if r.parts != 1:
                continue
            segments = dict(r.segments)
            if r.escaped:
                segments = {
                    k: unescape_reserved(v, "\\|{}@[]()<>#*_~") for k, v in segments.items()
                }
            again = render({"networks": [network], "text": segments}, network, policy)
            assert [x.text for x in again] == [r.text], network
            assert [x.langs for x in again] == [r.langs]


@given(post=posts())
def test_x_parts_stay_within_280_weighted(post: govsocial.Post) -> None:
    for r in render(post, "x", POLICIES[0]):
        assert count(r.text, "x") <= 280


def test_long_real_catalan_and_spanish_texts_split_within_280_on_x() -> None:
    """Long posts made of real sentences with links, emoji and hashtags: every X part is
    within 280 by the twitter-text weighting."""
    ca, es = sentences()["ca"], sentences()["es"]
    for i in range(0, 60, 6):
        post = {
            "networks": ["x"],
            "text": {
                "ca": " ".join(ca[i : i + 6])
                + " 🎉 https://www.vilanovadelcami.cat/agenda #FestaMajor #VilanovaDelCami",
                "es": " 👩🏽‍🚒 ".join(es[i : i + 6]) + " vilanovadelcami.cat/obres #FiestaMayor",
            },
        }
        parts = render(post, "x", POLICIES[0])
        assert len(parts) > 2
        for r in parts:
            assert 0 < count(r.text, "x") <= 280
        assert parts[-1].text.endswith("#FiestaMayor")


def test_policy_language_order_and_separator_in_a_combined_post() -> None:
    policy = govsocial.load_policy(
        {
            "version": 1,
            "languages": {
                "order": ["es", "ca"],
                "combined": {"networks": ["facebook"], "separator": "\n---\n"},
            },
        }
    )
    post = {
        "networks": ["facebook"],
        "text": {"ca": "Bon dia. #Vilanova", "es": "Buenos días. #Vilanova"},
    }
    (r,) = render(post, "facebook", policy)
    assert r.text == "Buenos días.\n---\nBon dia.\n\n#Vilanova"
    assert r.langs == ("es", "ca")


def test_a_thread_starts_with_the_primary_language_and_is_numbered() -> None:
    post = {"networks": ["mastodon"], "text": {"es": "Hola a todos.", "ca": "Hola a tothom."}}
    rs = render(post, "mastodon", {"version": 1, "languages": {"order": ["ca", "es"]}})
    assert [(r.text, r.part, r.parts, r.kind) for r in rs] == [
        ("1/2 Hola a tothom.", 1, 2, "post"),
        ("2/2 Hola a todos.", 2, 2, "reply"),
    ]


def test_splitting_prefers_paragraphs_then_sentences_and_never_cuts_an_entity() -> None:
    text = "Primer paràgraf curt.\n\nSegona frase llarga. I una altra frase aquí https://vilanova.cat/a/b/c #Festa 👩🏽‍🚒"
    parts = split_text(text, lambda p: len(p) <= 45)
    assert parts[0] == "Primer paràgraf curt."
    for p in parts:
        for u in ("https://vilanova.cat/a/b/c", "#Festa", "👩🏽‍🚒"):
            assert u in text
        assert "https://vilanova.cat/a/b/c" in p or "vilanova" not in p
    assert "".join(parts).replace(" ", "") == text.replace(" ", "").replace("\n", "")


@given(st.text(min_size=1, max_size=400), st.integers(10, 60))
def test_splitting_any_text_keeps_every_character_but_white_space(text: str, limit: int) -> None:
    parts = split_text(text, lambda p: len(p) <= limit)
    assert "".join("".join(parts).split()) == "".join(text.split())


def test_bluesky_facets_use_utf8_byte_offsets() -> None:
    post = {
        "networks": ["bluesky"],
        "text": {
            "ca": "Plaça 👩🏽‍🚒 https://vilanova.cat/festa-major-2026/programa-complet #FestaMajor"
        },
    }
    (r,) = render(post, "bluesky")
    raw = r.text.encode("utf-8")
    link, tag = [f.to_dict() for f in r.facets]
    assert link["features"] == [
        {
            "$type": "app.bsky.richtext.facet#link",
            "uri": "https://vilanova.cat/festa-major-2026/programa-complet",
        }
    ]
    shown = raw[link["index"]["byteStart"] : link["index"]["byteEnd"]].decode("utf-8")
    assert shown.endswith("…") and len(shown) < 40
    assert raw[tag["index"]["byteStart"] : tag["index"]["byteEnd"]] == b"#FestaMajor"
    assert tag["features"] == [{"$type": "app.bsky.richtext.facet#tag", "tag": "FestaMajor"}]


def test_linkedin_reserved_characters_escaped_and_gs205_no_longer_applies() -> None:
    post = {
        "networks": ["linkedin"],
        "text": {"es": "Horario (de 9 a 14 h) en https://sede.es/a_b #Cita_Previa"},
    }
    (r,) = render(post, "linkedin")
    assert r.text == "Horario \\(de 9 a 14 h\\) en https://sede.es/a_b #Cita_Previa"
    assert "GS205" in {f.code for f in govsocial.check(post).findings}
    assert "GS205" not in {f.code for f in check_rendition(r).findings}
    assert unescape_reserved(escape_reserved("a_(b) \\", "\\_()"), "\\_()") == "a_(b) \\"


def test_instagram_links_go_to_the_bio_per_language_or_to_a_first_comment() -> None:
    post = {
        "networks": ["instagram"],
        "text": {
            "ca": "Inscripcions: https://vilanova.cat/casal",
            "es": "Inscripciones: https://vilanova.cat/casal",
        },
    }
    rs = render(
        post, "instagram", {"version": 1, "languages": {"combined": {"networks": ["instagram"]}}}
    )
    assert rs[0].text == "Inscripcions: enllaç a la bio\n\nInscripciones: enlace en la bio"
    assert {f.code for f in rs[0].findings} == {"GS502"}
    policy = {
        "version": 1,
        "formatting": {
            "unclickable_links": "comment",
            "link_in_comment": {"ca": "enllaç al comentari"},
        },
    }
    rs = render(post, "instagram", policy)
    assert [(r.kind, r.text) for r in rs if r.langs == ("ca",)] == [
        ("post", "Inscripcions: enllaç al comentari"),
        ("comment", "https://vilanova.cat/casal"),
    ]


def test_instagram_hashtag_cap_moves_the_extra_ones_to_a_comment() -> None:
    post = {
        "networks": ["instagram"],
        "text": {"ca": "Festa a la #Rambla avui! #a1 #b2 #c3 #d4 #e5 #f6"},
    }
    rs = render(post, "instagram")
    assert rs[0].text == "Festa a la #Rambla avui! #a1 #b2 #c3 #d4"
    assert [(r.kind, r.text) for r in rs[1:]] == [("comment", "#e5 #f6")]
    assert all(check_rendition(r).ok for r in rs)


def test_mastodon_limit_comes_from_the_policy() -> None:
    text = "Paraula " * 100
    post = {"networks": ["mastodon"], "text": {"ca": text.strip()}}
    assert len(render(post, "mastodon")) == 2
    assert (
        len(render(post, "mastodon", {"version": 1, "networks": {"mastodon": {"limit": 1000}}}))
        == 1
    )


def test_media_alt_text_per_language_and_cap_split_across_parts() -> None:
    media = [
        {"path": f"f{i}.jpg", "alt": {"ca": f"foto {i}", "es": f"foto {i} es"}} for i in range(6)
    ]
    post = {
        "networks": ["x"],
        "text": {"ca": "Fotos de la festa.", "es": "Fotos de la fiesta."},
        "media": media,
    }
    rs = render(post, "x")
    assert [len(r.media) for r in rs] == [4, 2]
    assert dict(rs[1].media[0].alt) == {"ca": "foto 4", "es": "foto 4 es"}  # one thread
    separate = render(post, "x", {"version": 1, "languages": {"combined": {"others": "separate"}}})
    assert [dict(r.media[0].alt) for r in separate] == [{"ca": "foto 0"}, {"es": "foto 0 es"}]
    rs = render(post, "x", {"version": 1, "formatting": {"media": "first"}})
    assert [len(r.media) for r in rs] == [4, 0]
    assert "GS504" in {f.code for f in rs[0].findings}


def test_no_threads_no_cut_unless_the_policy_allows_it() -> None:
    text = "Obres a la Rambla. " * 200
    post = {"networks": ["instagram"], "text": {"ca": text.strip()}}
    (r,) = render(post, "instagram")
    assert r.text == text.strip() and not r.findings
    assert not check_rendition(r).ok  # never cut silently: the check reports it
    (r,) = render(post, "instagram", {"version": 1, "formatting": {"truncate": ["instagram"]}})
    assert r.text.endswith("…") and count(r.text, "instagram") <= 2200
    assert [f.code for f in r.findings] == ["GS501"]
    assert check_rendition(r).ok


def test_bad_arguments_raise_usage_errors() -> None:
    with pytest.raises(govsocial.UsageError, match="network"):
        render({"networks": ["x"], "text": {"ca": "Hola"}}, "myspace")
    with pytest.raises(govsocial.UsageError, match="post"):
        render(42, "x")  # type: ignore[arg-type]
    with pytest.raises(govsocial.InputError):
        render({"networks": ["x"]}, "x")


def test_example_announcement_rendered_for_every_network(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """examples/render: the festa major announcement, rendered for all nine networks by
    `govsocial render`, is what festa-major.txt shows, and every item passes the check."""
    from govsocial.cli.main import main

    example = ROOT / "examples" / "render"
    policy = str(ROOT / "examples" / "policies" / "ajuntament-ca-es.yaml")
    code = main(["render", "--policy", policy, str(example / "festa-major.json")])
    out = capsys.readouterr().out
    assert code == 0
    assert out == (example / "festa-major.txt").read_text("utf-8")
    post = json.loads((example / "festa-major.json").read_text("utf-8"))
    for network in NETWORKS:
        renditions = render(post, network, policy)
        assert renditions and all(check_rendition(r, policy).ok for r in renditions)
    code = main(
        [
            "render",
            "--policy",
            policy,
            "--network",
            "bluesky",
            "--format",
            "json",
            str(example / "festa-major.json"),
        ]
    )
    data = json.loads(capsys.readouterr().out)
    facet = data["networks"][0]["renditions"][1]["facets"][0]
    assert facet["features"][0]["uri"].endswith("/festa-major-2026/programa")


def test_cli_render_exit_codes(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from govsocial.cli.main import main

    base = Path(str(tmp_path))
    long_post = base / "long.json"
    long_post.write_text(json.dumps({"networks": ["instagram"], "text": {"ca": "Obres. " * 400}}))
    assert main(["render", str(long_post)]) == 1  # over Instagram's limit, never cut silently
    assert main(["render", "--network", "myspace", str(long_post)]) == 2
    bad = base / "bad.json"
    bad.write_text("{")
    assert main(["render", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "myspace" in err and "Traceback" not in err


def test_docs_formatting_examples_run() -> None:
    import doctest

    result = doctest.testfile(
        str(ROOT / "docs" / "formatting.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 5 and result.failed == 0


def test_render_doctest() -> None:
    import doctest
    import importlib

    mod = importlib.import_module("govsocial.formatting.render")
    result = doctest.testmod(mod)
    assert result.attempted and result.failed == 0


def test_youtube_title_per_language_goes_with_the_first_item() -> None:
    post = {
        "networks": ["youtube", "x"],
        "text": {"ca": "Ple municipal <en directe>", "es": "Pleno municipal <en directo>"},
        "title": {"ca": "Ple de novembre", "es": "Pleno de noviembre <directe>"},
    }
    ca, es = render(post, "youtube")
    assert (ca.title, es.title) == (
        {"ca": "Ple de novembre"},
        {"es": "Pleno de noviembre ‹directe›"},
    )
    assert check_rendition(es).ok and [f.code for f in es.findings] == ["GS505", "GS505"]
    assert ca.text == "Ple municipal ‹en directe›" and [f.code for f in ca.findings] == ["GS505"]
    assert ca.to_dict()["title"] == {"ca": "Ple de novembre"}
    assert all(r.title == {} for r in render(post, "x"))


def test_nothing_below_formatting_imports_it() -> None:
    """Layers run one way: formatting sits above check; only the package root and the CLI
    may import it."""
    src = ROOT / "src" / "govsocial"
    for path in src.rglob("*.py"):
        rel = path.relative_to(src).as_posix()
        if rel.startswith(("formatting/", "cli/")) or rel == "__init__.py":
            continue
        assert "govsocial.formatting" not in path.read_text("utf-8"), rel


@pytest.mark.parametrize(
    ("section", "where"),
    [
        ({"formatting": {"numbering": "yes"}}, "/formatting/numbering"),
        ({"formatting": {"truncate": ["myspace"]}}, "/formatting/truncate/0"),
        ({"formatting": {"link_in_bio": {"ca": " "}}}, "/formatting/link_in_bio/ca"),
        ({"formatting": {"short_links": 3}}, "/formatting/short_links"),
        ({"formatting": {"hashtags": "last"}}, "/formatting/hashtags"),
        ({"languages": {"combined": {"others": "thread-ish"}}}, "/languages/combined/others"),
    ],
)
def test_bad_formatting_keys_are_policy_errors(section: dict[str, object], where: str) -> None:
    with pytest.raises(govsocial.PolicyError) as info:
        govsocial.load_policy({"version": 1, **section})
    assert info.value.where == where


def test_formatting_keys_reach_the_policy_type() -> None:
    policy = govsocial.load_policy(
        {
            "version": 1,
            "languages": {"combined": {"others": "separate", "shared_hashtags": "keep"}},
            "formatting": {
                "truncate": ["facebook"],
                "link_in_bio": {"oc": "ligam en bio"},
                "short_links": None,
            },
        }
    )
    assert (policy.languages.others, policy.languages.shared_hashtags) == ("separate", "keep")
    assert policy.formatting.truncate == ("facebook",)
    assert policy.formatting.link_in_bio == {"oc": "ligam en bio"}
    assert policy.formatting.short_links is None
    assert govsocial.load_policy({"version": 1}).formatting.short_links == 30


@given(
    st.dictionaries(st.sampled_from(["ca", "es", "eu"]), st.text(max_size=700), min_size=1),
    st.sampled_from(NETWORKS),
)
def test_render_never_crashes_on_any_unicode_and_is_deterministic(
    text: dict[str, str], network: str
) -> None:
    post = govsocial.Post(networks=(network,), text=text)
    first = render(post, network, POLICIES[1])
    assert render(post, network, POLICIES[1]) == first
    for r in first:
        assert r.text.strip() and r.to_dict()["text"] == r.text


_PIECES = st.sampled_from(
    [
        "Bon dia",
        "e\u0301",
        "👩🏽‍🚒",
        "🇪🇸",
        "#FestaMajor",
        "@bombers",
        "https://vilanova.cat/a_b",
        " ",
        "\n\n",
        ". ",
        "ç",
        "\r\n",
    ]
)


@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join), st.integers(4, 40))
def test_cuts_fall_between_grapheme_clusters_and_outside_entities(text: str, limit: int) -> None:
    import regex

    from govsocial.formatting.splitting import _atoms

    body = text.strip()
    parts = split_text(text, lambda p: len(p) <= limit)
    bounds = {m.start() for m in regex.finditer(r"\X", body)} | {len(body)}
    atoms = _atoms(body)
    pos = 0
    for part in parts:
        start = body.index(part, pos)
        end = start + len(part)
        for cut in (start, end):
            assert cut in bounds, (body, part)
            assert not any(s < cut < e for s, e in atoms), (body, part)
        pos = end


def test_a_network_without_hashtags_keeps_them_as_words() -> None:
    policy = {"version": 1, "networks": {"facebook": {"max_hashtags": 0}}}
    post = {"networks": ["facebook"], "text": {"ca": "Festa a la #Rambla. #FestaMajor"}}
    (r,) = render(post, "facebook", policy)
    assert r.text == "Festa a la Rambla. FestaMajor"
    assert [(f.code, f.severity) for f in r.findings] == [("GS503", govsocial.Severity.WARNING)]


def test_hashtags_over_the_threads_cap_are_moved_once() -> None:
    post = {"networks": ["threads"], "text": {"ca": "Bon dia. #A #B", "es": "Buenos días. #A #B"}}
    rs = render(post, "threads")
    assert [(r.kind, r.text) for r in rs] == [
        ("post", "1/2 Bon dia. #A"),
        ("reply", "2/2 Buenos días. #A"),
        ("reply", "#B"),
    ]


def test_renditions_pickle() -> None:
    import pickle

    post = {"networks": ["bluesky"], "text": {"ca": "Festa! #FestaMajor https://vilanova.cat"}}
    rs = render(post, "bluesky")
    assert pickle.loads(pickle.dumps(rs)) == rs
