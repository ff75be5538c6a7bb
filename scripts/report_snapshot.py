"""Print every report govsocial gives on a fixed corpus, deterministically.

Evidence that a restructuring changed no behaviour: run it before and after, and compare
the outputs byte for byte (or their sha256). The corpus is every example post under every
example policy (and under the minimal policy), plus a seeded generator's posts that mix
languages, hashtags, links, mentions, emoji, long texts, media with and without alt text,
titles, schedules and every network, each checked against every policy. The text output
of ``govsocial rules`` and of ``govsocial rule CODE`` for every rule closes it.

It uses only API that has existed since the first layout (load_policy, Post.from_dict,
check, findings.render_json and render_text, cli.main), so it also runs on older trees::

    .venv/bin/python scripts/report_snapshot.py | sha256sum
    PYTHONPATH=/tmp/old/src .venv/bin/python scripts/report_snapshot.py | sha256sum

Options: ``--posts N`` generated posts (default 2400), ``--seed S`` (default 12),
``--examples DIR`` (default: this checkout's examples/, so both runs read the same files).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

NETWORKS = (
    "x",
    "facebook",
    "instagram",
    "threads",
    "linkedin",
    "mastodon",
    "bluesky",
    "youtube",
    "tiktok",
)

SENTENCES: dict[str, list[str]] = {
    "ca": [
        "L'Ajuntament obre dilluns la nova biblioteca municipal al barri del Carme.",
        "Les obres del carrer Major acabaran a finals de mes, segons el calendari previst.",
        "Demà tindrà lloc la festa major amb concerts, correfoc i activitats per a tota la família.",
        "Recordeu que el termini per presentar les sol·licituds d'ajuts acaba divendres.",
        "La ciutadania pot consultar el pressupost participatiu a la seu electrònica.",
        "Els treballadors de l'OAC atendran amb cita prèvia durant el mes d'agost.",
        "Gràcies a les colles castelleres per la diada d'ahir!",
    ],
    "es": [
        "El Ayuntamiento abre el lunes la nueva biblioteca municipal en el barrio del Carmen.",
        "Las obras de la calle Mayor terminarán a finales de mes, según el calendario previsto.",
        "Mañana tendrá lugar la fiesta mayor con conciertos, correfoc y actividades para toda la familia.",
        "Recordad que el plazo para presentar las solicitudes de ayudas termina el viernes.",
        "Los ciudadanos pueden consultar el presupuesto participativo en la sede electrónica.",
        "Los funcionarios de la oficina atenderán con cita previa durante el mes de agosto.",
        "¡Gracias a las collas castelleras por la diada de ayer!",
    ],
    "gl": [
        "O Concello abre o luns a nova biblioteca municipal no barrio do Carme.",
        "As obras da rúa Maior rematarán a fins de mes, segundo o calendario previsto.",
        "Xa comezaron as obras da praza e non haberá tráfico polo centro ata o xoves.",
        "Lembrade que o prazo para presentar as solicitudes de axudas remata o venres.",
    ],
    "eu": [
        "Udalak astelehenean irekiko du auzoko liburutegi berria.",
        "Kale Nagusiko obrak hilaren amaieran bukatuko dira, aurreikusitako egutegiaren arabera.",
        "Bihar jaiak hasiko dira kontzertuekin eta familia osoarentzako jarduerekin.",
        "Gogoratu laguntzak eskatzeko epea ostiralean amaitzen dela.",
    ],
    "oc": [
        "Eth Conselh Generau dubrís diluns era naua bibliotèca deth barri.",
        "Es òbres dera carrèra Major s'acabaràn a fin de mes, segontes eth calendari.",
        "Deman i aurà era hèsta major damb concèrts e activitats entara familha.",
    ],
    "en": [
        "The council opens the new library in the town centre on Monday.",
        "Bin collections change over the holidays: check the new calendar online.",
        "Roadworks on the High Street will finish at the end of the month.",
        "Remember that applications for grants close on Friday.",
    ],
}
LANG_TAGS = {"ca": ["ca", "ca-valencia"], "es": ["es"], "gl": ["gl"], "eu": ["eu"]}
LANG_TAGS |= {"oc": ["oc", "oc-aranes"], "en": ["en", "en-GB"]}

HASHTAGS = [
    "#FMVilanova",
    "#VilanovaDelCami",
    "#festamajor",
    "#Obres",
    "#LaMevaCiutatÉsLaTeva",
    "#Udala",
    "#CouncilNews",
    "#a",
    "#123",
    "#Biblioteca2026",
]
LINKS = [
    "https://vilanovadelcami.cat/agenda",
    "https://www.vilanovadelcami.cat/obres?id=12&x=ó",
    "http://seu.cat/tramits",
    "https://bit.ly/3xYz",
    "https://t.co/abc",
    "vilanovadelcami.cat/festa",
    "https://gencat.cat/" + "a" * 40,
    "https://ejemplo.es/ruta/(parentesis)",
    "https://example.com/ä/ü",
]
MENTIONS = ["@ajuntament", "@bombers_cat", "@user@mastodon.social", "@a", "@Generalitat", "@x" * 3]
EMOJI = ["👋", "👋🏽", "👨‍👩‍👧", "🇪🇸", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️", "📢", "✅", "🎉🎉🎉", "©", "1️⃣"]
EXTRAS = [
    "Tel. 612 34 56 78",
    "+33 6 12 34 56 78",
    "DNI 12345678Z",
    "info@vilanovadelcami.cat",
    "IBAN ES91 2100 0418 4502 0005 1332",
    "AVÍS IMPORTANT",
    "xulo",
    "guay",
    "els ciutadans",
    "los ciudadanos",
    "OAC",
    "SAC",
    "vota",
    "inauguració",
    "( ) < > [ ] { } @ _ * ~ |",
    "\u200b",
    "\u0007",
    "\ufeff",
    "\n\n",
    "…",
]
ALT_PREFIXES = ["", "", "Imatge de ", "Foto de ", "Imagen de "]
KINDS = [None, "news", "event", "deadline", "emergency", "announcement"]
SCHEDULES = [
    None,
    "2026-11-30T09:30:00+01:00",
    "2027-05-10T12:00:00+02:00",
    "2027-05-22T23:59:00Z",
    "2026-08-15T08:00:00+02:00",
]


def _text(rng: random.Random, lang: str) -> str:
    n = rng.choice([0, 1, 1, 1, 2, 2, 3, 6, 12])
    parts: list[str] = []
    pool = SENTENCES[lang]
    if rng.random() < 0.1:  # another language's sentence slips in
        pool = pool + SENTENCES[rng.choice(sorted(SENTENCES))]
    for _ in range(n):
        parts.append(rng.choice(pool))
    if rng.random() < 0.15 and parts:  # a short fragment only
        parts = [" ".join(parts[0].split()[: rng.randint(1, 5)])]
    for pool_extra, p in ((HASHTAGS, 0.5), (LINKS, 0.4), (MENTIONS, 0.3), (EMOJI, 0.4)):
        while rng.random() < p:
            item = rng.choice(pool_extra)
            parts.insert(rng.randint(0, len(parts)), item)
            p /= 2
    if rng.random() < 0.25:
        parts.insert(rng.randint(0, len(parts)), rng.choice(EXTRAS))
    if rng.random() < 0.03:  # a flood: past every network's caps on entities or bytes
        pool_flood = rng.choice([HASHTAGS, LINKS, MENTIONS, EMOJI, SENTENCES[lang]])
        parts.extend(rng.choice(pool_flood) for _ in range(rng.randint(8, 60)))
    sep = rng.choice([" ", " ", "\n", "\n\n"])
    text = sep.join(parts)
    if rng.random() < 0.05:
        text = text.upper()
    if rng.random() < 0.03:
        text = "  " + text + "  "
    return text


def _variants(rng: random.Random, langs: list[str], make: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in langs:
        out[rng.choice(LANG_TAGS[lang])] = make(lang)
    return out


def generate(rng: random.Random, i: int) -> dict[str, Any]:
    """One post as JSON-like data."""
    k = rng.choice([1, 1, 2, 2, 2, 3])
    pair = rng.choice([["ca", "es"], ["es", "ca"], ["gl", "es"], ["eu", "es"], ["oc", "ca", "es"]])
    langs = pair[:k] if rng.random() < 0.8 else rng.sample(sorted(SENTENCES), k)
    networks = rng.sample(NETWORKS, rng.randint(1, 4))
    post: dict[str, Any] = {
        "networks": networks,
        "text": _variants(rng, langs, lambda lg: _text(rng, lg)),
    }
    if rng.random() < 0.2 and post["text"]:
        key = rng.choice(sorted(post["text"]))
        post["text"][key] = rng.choice(["", " ", post["text"][key]])
    if rng.random() < 0.7:
        post["id"] = f"gen-{i:05d}"
    if rng.random() < 0.3:
        post["account"] = rng.choice(["ajuntament", "@fmvilanova", "udala"])
    kind = rng.choice(KINDS)
    if kind is not None:
        post["kind"] = kind
    when = rng.choice(SCHEDULES)
    if when is not None:
        post["scheduled_at"] = when
    if "youtube" in networks or rng.random() < 0.1:
        post["title"] = _variants(
            rng,
            langs,
            lambda lg: (
                " ".join(
                    rng.choice(SENTENCES[rng.choice([lg, lg, lg, "es", "ca"])]).split()[
                        : rng.randint(1, 14)
                    ]
                )
                * rng.choice([1, 1, 1, 4])
            ),
        )
    if rng.random() < 0.5:
        media = []
        for j in range(rng.randint(1, 5)):
            m: dict[str, Any] = {rng.choice(["path", "url"]): f"img-{i}-{j}.jpg"}
            if rng.random() < 0.7:
                m["kind"] = rng.choice(["image", "image", "video", "gif"])
            if rng.random() < 0.75:
                alt_langs = langs if rng.random() < 0.8 else langs[:1]
                m["alt"] = _variants(
                    rng,
                    alt_langs,
                    lambda lg: (
                        rng.choice(ALT_PREFIXES)
                        + rng.choice(SENTENCES[rng.choice([lg, lg, lg, "es"])])
                        * rng.choice([1, 1, 8])
                    ),
                )
            media.append(m)
        post["media"] = media
    return post


def _policies(examples: Path) -> list[tuple[str, Any]]:
    import govsocial

    out: list[tuple[str, Any]] = [("<minimal>", govsocial.load_policy({"version": 1}))]
    for path in sorted((examples / "policies").glob("*.yaml")):
        out.append((path.name, govsocial.load_policy(path)))
    return out


def _example_posts(examples: Path) -> list[tuple[str, Any]]:
    out = []
    for path in sorted((examples / "posts").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = path.relative_to(examples).as_posix()
        if isinstance(data, list):
            out.extend((f"{name}[{i}]", item) for i, item in enumerate(data))
        else:
            out.append((name, data))
    return out


def _report(write: Any, policy_name: str, policy: Any, posts: list[tuple[str, Any]]) -> None:
    import govsocial
    from govsocial.findings import render_json, render_text

    reports = []
    for name, data in posts:
        try:
            post = govsocial.Post.from_dict(data, source=name)
        except govsocial.GovsocialError as e:
            write(f"## {policy_name} {name} refused: {type(e).__name__}: {e}\n")
            continue
        reports.append(govsocial.check(post, policy, source=name))
    write(f"# policy {policy_name}: {len(reports)} reports (json)\n")
    write(render_json(reports) + "\n")
    write(f"# policy {policy_name}: text\n")
    write(render_text(reports) + "\n")


def _cli(argv: list[str]) -> str:
    from govsocial.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(argv)
    return f"$ govsocial {' '.join(argv)}  (exit {code})\n{buf.getvalue()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2400)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    args = parser.parse_args()

    import govsocial

    out = sys.stdout
    write = out.write
    rng = random.Random(args.seed)
    generated = [(f"generated[{i}]", generate(rng, i)) for i in range(args.posts)]
    examples = _example_posts(args.examples)
    policies = _policies(args.examples)
    for policy_name, policy in policies:
        _report(write, policy_name, policy, examples)
    for policy_name, policy in policies:
        _report(write, policy_name, policy, generated)
    write(_cli(["rules"]))
    for r in govsocial.all_rules():
        write(_cli(["rule", r.code]))
    sys.stderr.write(
        f"report_snapshot: govsocial from {Path(govsocial.__file__).parent}; "
        f"{len(examples)} example posts and {len(generated)} generated posts "
        f"under {len(policies)} policies\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
