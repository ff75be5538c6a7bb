"""Generate the example year of published posts audited in docs/audit.md.

A year (2026-06-01 to 2027-05-31) of posts from the accounts of the fictional
Ajuntament de Vilanova del Camí registered in ``plan.yaml``, with what an audit should
find: the youth account abandoned on X after February, the sports account drifting
from Catalan-first bilingual posts to Spanish-only ones, the tourism account flooding
Instagram in summer, an old account not in the registry still posting, posts at night,
posts inside the 2027 municipal electoral period, and some pre-publish findings.
Deterministic (seeded): ``python examples/audit/generate_year.py`` rewrites
``year.jsonl.gz`` byte for byte.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).parent
TZ = ZoneInfo("Europe/Madrid")
START, END = dt.date(2026, 6, 1), dt.date(2027, 5, 31)
ELECTION = dt.date(2027, 3, 30), dt.date(2027, 5, 23)  # as in ajuntament-ca-es.yaml

# (ca, es) pairs; {d} a day, {h} an hour, {p} a place
TEMPLATES = {
    "ajuntament": [
        ("El Ple municipal se celebra el {d} a les {h} h a la sala de plens. #VilanovaDelCami",
         "El Pleno municipal se celebra el {d} a las {h} h en la sala de plenos. #VilanovaDelCami"),
        ("Obrim el termini per demanar els ajuts al lloguer fins al {d}. Informació a l'OAC.",
         "Abrimos el plazo para pedir las ayudas al alquiler hasta el {d}. Información en la OAC."),
        ("Tallem el carrer {p} el {d} per obres de millora del clavegueram.",
         "Cortamos la calle {p} el {d} por obras de mejora del alcantarillado."),
    ],
    "cultura": [
        ("Concert de la banda municipal el {d} a les {h} h a la plaça {p}. Entrada lliure! 🎶",
         "Concierto de la banda municipal el {d} a las {h} h en la plaza {p}. ¡Entrada libre! 🎶"),
        ("La biblioteca prepara un club de lectura per a joves. Inscripcions fins al {d}. #Biblioteca",
         "La biblioteca prepara un club de lectura para jóvenes. Inscripciones hasta el {d}. #Biblioteca"),
    ],
    "esports": [
        ("Des del {d}, la piscina municipal obrirà cada dia fins a les 21 h. Us hi esperem! 🏊",
         "Desde el {d}, la piscina municipal abrirá cada día hasta las 21 h. ¡Os esperamos! 🏊"),
        ("Cursa popular pel parc {p} el {d}. Inscripcions obertes!",
         "Carrera popular por el parque {p} el {d}. ¡Inscripciones abiertas!"),
    ],
    "joventut": [
        ("L'Espai Jove organitza un taller de ràdio el {d} a les {h} h.",
         "El Espai Jove organiza un taller de radio el {d} a las {h} h."),
    ],
    "turisme": [
        ("Descobreix el patrimoni de Vilanova amb la ruta guiada del {d} a les {h} h. #VisitaVilanova",
         "Descubre el patrimonio de Vilanova con la ruta guiada del {d} a las {h} h. #VisitaVilanova"),
        ("Aquest cap de setmana, mercat d'artesania a la plaça {p}. ✨",
         "Este fin de semana, mercado de artesanía en la plaza {p}. ✨"),
    ],
}
PLACES = ["Major", "de l'Església", "de la Vila", "del Carme", "Nou"]
# account id -> network -> handle used in the posts (the registry is in plan.yaml)
ACCOUNTS = {
    "ajuntament": {"x": "VilanovaCami", "facebook": "ajvilanovacami", "instagram": "vilanovacami"},
    "cultura": {"x": "CulturaVilanova", "instagram": "culturavilanova"},
    "esports": {"x": "EsportsVilanova", "facebook": "esportsvilanova"},
    "joventut": {"x": "JoventutVilanova", "instagram": "joventutvilanova"},
    "turisme": {"instagram": "visitvilanova"},
}
# posts a day, as a mean, per (account, network)
RATE = {
    ("ajuntament", "x"): 3.0, ("ajuntament", "facebook"): 1.5, ("ajuntament", "instagram"): 0.7,
    ("cultura", "x"): 1.2, ("cultura", "instagram"): 0.6,
    ("esports", "x"): 1.0, ("esports", "facebook"): 0.8,
    ("joventut", "x"): 0.8, ("joventut", "instagram"): 0.5,
    ("turisme", "instagram"): 1.0,
}


def _texts(rng: random.Random, account: str, day: dt.date) -> tuple[str, str]:
    ca, es = rng.choice(TEMPLATES[account])
    when = (day + dt.timedelta(days=rng.randint(2, 20))).strftime("%d/%m")
    fill = {"d": when, "h": str(rng.choice([10, 11, 12, 17, 18, 19])), "p": rng.choice(PLACES)}
    return ca.format(**fill), es.format(**fill)


def _post(rng: random.Random, account: str, network: str, day: dt.date, n: int) -> dict[str, object]:
    hour = rng.choice([8, 9, 9, 10, 11, 12, 13, 17, 18, 19, 20]) if rng.random() > 0.03 else 23
    at = dt.datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=TZ)
    ca, es = _texts(rng, account, day)
    text: dict[str, str] = {"ca": ca, "es": es}
    drift = account == "esports" and day >= dt.date(2026, 12, 1)
    if drift and rng.random() < min(0.9, (day - dt.date(2026, 12, 1)).days / 120):
        text = {"es": es}  # the drift: Spanish only
    if rng.random() < 0.01:
        text = {"ca": es, "es": es}  # Spanish pasted into the Catalan slot
    post: dict[str, object] = {
        "id": f"{account}-{network}-{day.isoformat()}-{n}",
        "account": "@" + ACCOUNTS[account][network],
        "network": network,
        "published_at": at.isoformat(),
        "text": text,
        "url": f"https://example.org/{network}/{account}/{day.isoformat()}/{n}",
        "engagement": {"likes": rng.randint(0, 60), "shares": rng.randint(0, 12)},
    }
    if ELECTION[0] <= day <= ELECTION[1] and rng.random() < 0.9:
        # during the electoral period the council posts only what the policy allows then
        post["kind"] = rng.choice(["service", "vote-information"])
    if rng.random() < 0.08:
        post["repost"] = True
    return post


def generate() -> list[dict[str, object]]:
    rng = random.Random(2026)
    posts: list[dict[str, object]] = []
    day = START
    while day <= END:
        for (account, network), rate in RATE.items():
            if account == "joventut" and network == "x" and day >= dt.date(2027, 3, 1):
                continue  # abandoned
            if account == "turisme" and day.month in (7, 8):
                rate = 12.0  # flooding in summer
            count = sum(1 for _ in range(int(rate * 4)) if rng.random() < rate / int(rate * 4))
            for n in range(count):
                posts.append(_post(rng, account, network, day, n))
        if day.weekday() == 5:  # an old account nobody registered still posts on Saturdays
            at = dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=TZ)
            posts.append({
                "id": f"fires-{day.isoformat()}",
                "account": "@FiresVilanova",
                "network": "x",
                "published_at": at.isoformat(),
                "text": {"es": "Ven a la feria de Vilanova este fin de semana."},
            })
        day += dt.timedelta(days=1)
    posts.sort(key=lambda p: (str(p["published_at"]), str(p["id"])))
    return posts


def main() -> None:
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in generate())
    with open(HERE / "year.jsonl.gz", "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, mtime=0
    ) as f:
        f.write(lines.encode("utf-8"))


if __name__ == "__main__":
    main()
