"""Posts per second for a full `check` of bilingual text-only posts against an example policy.

Usage: python benchmarks/check_throughput.py [--policy P] [--posts N] [--repeats R] [--no-language]

Builds N distinct bilingual (ca + es) municipal posts (varied lengths, links,
hashtags, emoji; deterministic), warms up (loads the language model once), then
times R full passes over them on one core and prints the median posts/s, with
min and max: first for Post objects built beforehand, then for the same posts given as
dicts (``check(dict, policy)``: Post.from_dict's validation inside the timing).
Targets (issues): >= 5,000 posts/s for the text rules and >= 3,000 posts/s including
the language checks. The machine is shared: read the median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import govsocial  # noqa: E402

CA = [
    "Dilluns obre la nova biblioteca del barri del Carme, amb sala d'estudi fins a les 21 h.",
    "Del 25 al 29 de novembre tallem la Rambla per renovar el clavegueram.",
    "Els autobusos L1 i L2 es desvien pel carrer de Sant Jaume mentre durin les obres.",
    "Obrim les inscripcions al casal de Nadal per a infants de 3 a 12 anys.",
    "Aquest cap de setmana arriba la fira de Nadal a la plaça Major, amb 40 parades d'artesania.",
    "La deixalleria mòbil serà dijous al mercat municipal de 9 a 14 h.",
]
ES = [
    "El lunes abre la nueva biblioteca del barrio del Carme, con sala de estudio hasta las 21 h.",
    "Del 25 al 29 de noviembre cortamos la Rambla para renovar el alcantarillado.",
    "Los autobuses L1 y L2 se desvían por la calle de Sant Jaume mientras duren las obras.",
    "Abrimos las inscripciones al casal de Navidad para niños y niñas de 3 a 12 años.",
    "Este fin de semana llega la feria de Navidad a la plaza Mayor, con 40 paradas de artesanía.",
    "El punto limpio móvil estará el jueves en el mercado municipal de 9 a 14 h.",
]
TAILS = [
    "",
    " https://www.vilanovadelcami.cat/agenda",
    " #VilanovaDelCami",
    " 📚",
    " #FMVilanova 🎉",
]


def make_posts(n: int, seed: int = 20261122) -> list[govsocial.Post]:
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        k = rng.randrange(1, 3)
        idx = [rng.randrange(len(CA)) for _ in range(k)]
        tail = rng.choice(TAILS)
        ca = " ".join(CA[j] for j in idx) + tail + f" ({i})"
        es = " ".join(ES[j] for j in idx) + tail + f" ({i})"
        posts.append(
            govsocial.Post.from_dict(
                {
                    "id": str(i),
                    "networks": ["x", "facebook", "instagram", "mastodon"],
                    "text": {"ca": ca, "es": es},
                }
            )
        )
    return posts


def clear_caches() -> None:
    """Empty govsocial's per-text memo caches, so a pass never reuses work from an earlier
    pass over the same posts (within one check, rules still share one analysis)."""
    from govsocial.language import clean_text
    from govsocial.networks import counting, twitter
    from govsocial.text import analyse

    analyse.cache_clear()
    clean_text.cache_clear()
    twitter.weighted_length.cache_clear()
    twitter.urls._extract_urls.cache_clear()
    counting._urls.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--policy", default=str(ROOT / "examples" / "policies" / "ajuntament-ca-es.yaml")
    )
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--no-language", action="store_true", help="skip the GS3xx language rules")
    a = ap.parse_args()
    policy = govsocial.load_policy(a.policy)
    posts = make_posts(a.posts)
    ignore = ["GS3"] if a.no_language else None
    for p in posts[:50]:
        govsocial.check(p, policy, ignore=ignore)  # warm-up: model load, regex compilation
    what = "text rules only" if a.no_language else "all rules incl. language"
    print(
        f"check throughput ({what}), {a.posts} bilingual posts x {a.repeats} passes, "
        f"policy {Path(a.policy).name}"
    )
    target = 5000 if a.no_language else 3000
    dicts = [p.to_dict() for p in posts]
    for label, items in (("Post objects", posts), ("dicts", dicts)):
        rates = []
        for _ in range(a.repeats):
            clear_caches()  # every pass starts cold: no text already analysed, cleaned or counted
            t0 = time.perf_counter()
            for p in items:
                govsocial.check(p, policy, ignore=ignore)
            rates.append(len(items) / (time.perf_counter() - t0))
        med = statistics.median(rates)
        print(
            f"  {label:13} median {med:,.0f} posts/s   (min {min(rates):,.0f}, "
            f"max {max(rates):,.0f})   target >= {target:,}: {'met' if med >= target else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
