"""X threads from long real Catalan and Spanish texts, measured with the official twitter-text.

Usage: python benchmarks/render_x_threads.py [--posts 2000] [--seed 13] [--jsref DIR]
       [--dev ../shared/benchmarks/languages/dev.jsonl]

Builds long bilingual posts from real sentences of the language dev set (Catalan and
Spanish, bucket `sentence`: 2-12 sentences per language, paragraph breaks, links with and
without a scheme, mentions, emoji of every kind and hashtags added at random,
deterministic), renders each for X with govsocial.render, and counts every part with the
reference `parseTweet` (npm twitter-text 3.1.0 run by node, installed by hand in DIR,
never committed) and with govsocial's counter. Prints how many parts are valid and
within 280 by the reference, whether the two counters agree on every part, and the parts
per post. Skips with a message when node, the reference package or the data is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import govsocial  # noqa: E402

EXTRAS = [
    "https://www.vilanovadelcami.cat/agenda/festa-major-2026/programa-complet?dia=dissabte",
    "https://seu.vilanovadelcami.cat/tramits/ajuts-lloguer_2026",
    "gencat.cat/ca/serveis",
    "(més info: vilanovadelcami.cat/obres)",
    "@mossos",
    "@bombers@mastodon.social",
    "🎉",
    "👩🏽‍🚒",
    "🏳️‍⚧️",
    "❤️‍🔥",
    "🇪🇸",
    "1️⃣",
    "5 €",
    "«cita prèvia»",
    "…",
    "#FestaMajor",
    "#Vilanova2026",
    "#SantJordi",
]
TAGS = ["#VilanovaDelCami", "#FMVilanova", "#Obres", "#Cultura", "#Mobilitat"]

JS = """
const parseTweet = require('twitter-text').parseTweet;
const lines = require('fs').readFileSync(process.argv[1], 'utf8').split('\\n').filter(Boolean);
const out = lines.map(l => { const r = parseTweet(JSON.parse(l)); return [r.weightedLength, r.valid]; });
console.log(JSON.stringify(out));
"""


def load_sentences(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"ca": [], "es": []}
    for line in path.read_text("utf-8").splitlines():
        d = json.loads(line)
        if d["bucket"] == "sentence" and d["lang"] in out:
            out[d["lang"]].append(d["text"])
    return out


def make_posts(sentences: dict[str, list[str]], n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    posts = []
    for _ in range(n):
        text = {}
        for lang in ("ca", "es"):
            words = []
            for _ in range(rng.randint(2, 12)):
                words.append(rng.choice(sentences[lang]))
                if rng.random() < 0.4:
                    words.append(rng.choice(EXTRAS))
                if rng.random() < 0.15:
                    words.append("\n\n")
            tags = rng.sample(TAGS, rng.randint(0, 3))
            text[lang] = " ".join(words + tags).replace(" \n\n ", "\n\n").strip()
        posts.append({"networks": ["x"], "text": text})
    return posts


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jsref", default=os.environ.get("TWITTER_TEXT_JS", "/work/scratch/jsref"))
    ap.add_argument(
        "--dev", default=str(ROOT.parent / "shared" / "benchmarks" / "languages" / "dev.jsonl")
    )
    a = ap.parse_args()
    jsref, dev = Path(a.jsref), Path(a.dev)
    if shutil.which("node") is None or not (jsref / "node_modules" / "twitter-text").exists():
        print(
            f"skipped: needs node and `npm install twitter-text@3.1.0` in {jsref} (not committed)"
        )
        return 0
    if not dev.exists():
        print(f"skipped: needs the language dev set at {dev}")
        return 0
    policy = govsocial.load_policy({"version": 1, "languages": {"order": ["ca", "es"]}})
    posts = make_posts(load_sentences(dev), a.posts, a.seed)
    parts = [r.text for p in posts for r in govsocial.render(p, "x", policy)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for t in parts:
            f.write(json.dumps(t) + "\n")
    ref = json.loads(
        subprocess.run(
            ["node", "-e", JS, f.name], cwd=jsref, check=True, capture_output=True, text=True
        ).stdout
    )
    os.unlink(f.name)
    within = sum(1 for length, valid in ref if valid and length <= 280)
    agree = sum(
        1 for t, (length, _) in zip(parts, ref, strict=True) if govsocial.count(t, "x") == length
    )
    longest = max(length for length, _ in ref)
    print(
        f"X threads from {a.posts} long ca+es posts (dev-set sentences, seed {a.seed}): "
        f"{len(parts)} parts, {len(parts) / a.posts:.1f} per post"
    )
    print(f"  valid and within 280 by twitter-text 3.1.0 (JS reference): {within}/{len(parts)}")
    print(
        f"  govsocial's counter equal to the reference: {agree}/{len(parts)}; longest part {longest}"
    )
    for t, (length, valid) in zip(parts, ref, strict=True):
        if not valid or length > 280:
            print(f"  over: {length} {t[:100]!r}")
    return 0 if within == len(parts) else 1


if __name__ == "__main__":
    sys.exit(main())
