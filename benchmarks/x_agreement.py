"""Agreement of govsocial's X counter with the official JavaScript twitter-text.

Usage: python benchmarks/x_agreement.py [--n 20000] [--seed 7] [--jsref DIR]

Generates a deterministic corpus of post-like texts (Catalan/Spanish text, URLs with and
without scheme, parentheses, ports, queries, t.co, e-mails, IDN and punycode domains,
@mentions, hashtags, every kind of emoji: ZWJ, skin tones, flags, keycaps, tag
sequences, Emoji 12-15; CJK, combining marks, RTL and directional marks, CRLF, invalid
characters and lone surrogates), runs the reference `parseTweet` (npm twitter-text
3.1.0, installed by hand in DIR, never committed) through node on the same texts and
compares weightedLength, valid, permillage, validRangeEnd and displayRangeEnd.
Prints the agreement and the first disagreements. Skips with a message when node or the
reference package is missing.
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

from govsocial.networks.twitter import parse_tweet  # noqa: E402

WORDS = [
    "L'Ajuntament",
    "obre",
    "la",
    "biblioteca",
    "del",
    "barri",
    "del",
    "Carme",
    "dilluns",
    "a",
    "les",
    "9",
    "h",
    "·",
    "El",
    "Ayuntamiento",
    "abre",
    "el",
    "lunes",
    "la",
    "piscina",
    "municipal",
    "Més",
    "informació",
    "Más",
    "información",
    "col·legi",
    "pinyol",
    "ñandú",
    "Güell",
    "cigüeña",
    "àéèíïòóúüç",
    "ÀÉÍÓÚ",
    "€",
    "…",
    "–",
    "“cometes”",
    "«comillas»",
    "º",
    "ª",
]
URLS = [
    "https://www.vilanovadelcami.cat/agenda",
    "http://example.com",
    "vilanovadelcami.cat",
    "www.gencat.cat/ca/inici",
    "https://seu.cat/tramits?id=12&x=(a)",
    "bit.ly/3xYz",
    "https://t.co/abc123",
    "https://t.co/" + "a" * 41,
    "HTTPS://EXAMPLE.ORG/A_B",
    "example.com:8080/path",
    "https://example.com/wiki/Foo_(bar)",
    "http://a.b.c.example.co.uk/x/",
    "https://münchen.de/straße",
    "xn--mnchen-3ya.de",
    "http://xn--mnchen-3ya.de/x",
    "foo@bar.com",
    "https://example.com/path.",
    "https://example.com/path,",
    "(https://example.com)",
    "https://example.com/?q=1!",
    "google.com?x=1",
    "-x.com",
    "_y.com",
    "/z.com",
    "test.co",
    "http://日本.jp",
    "日本example.com/path",
    "https://" + "a" * 64 + ".com",
    "a" * 64 + ".com",
    "https://example.com/" + "x" * 30,
    "example.cat.",
    "ajuntament.barcelona",
    "https://foo.pizza",
    "http://127.0.0.1",
    "https://example.com/#!/hash",
    "http://user:pass@example.com",
    "example.COM",
    "https://example.com/@user/",
    "http://foobar.پاکستان/",
    "موقع.وزارة-الاتصالات.مصر",
]
SPECIAL = [
    "\r\n",
    "\n",
    "\t",
    "\u200d",
    "\u200c",
    "\u0301",
    "\u0308",
    "\u202a",
    "\u202e",
    "\u200f",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\ufe0f",
    "\u20e3",
    "\u00a0",
    "\u3000",
    "中文",
    "日本語",
    "한국어",
    "עברית",
    "العربية",
    "हिन्दी",
    "@ajuntament",
    "#FestaMajor",
    "#Festa_Major",
    "$TWTR",
    "e\u0301",
    "A\u030a",
    "ﬁ",
    "℃",
    "Å",
]


def emoji_pool() -> list[str]:
    lines = (ROOT / "src/govsocial/data/networks/twitter_emoji.txt").read_text().splitlines()
    known = [
        "".join(chr(int(h, 16)) for h in ln.split())
        for ln in lines
        if ln and not ln.startswith("#")
    ]
    newer = [
        "🧑‍🤝‍🧑",
        "🧑‍🚒",
        "🧑‍🎄",
        "❤️‍🔥",
        "😮‍💨",
        "🏳️‍⚧️",
        "🫠",
        "🫶🏽",
        "🪿",
        "🩷",
        "🧑🏽‍🦰",
        "👩🏿‍🤝‍👨🏻",
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "🏴󠁥󠁳󠁣󠁴󠁿",
        "🇪🇸",
        "🇦🇦",
        "1️⃣",
        "#️⃣",
        "*⃣",
        "🐕‍🦺",
        "🧔‍♀️",
        "👁️‍🗨️",
        "🫱🏼‍🫲🏿",
        "🙂‍↔️",
    ]
    return known + newer


def make_corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    emojis = emoji_pool()
    out = []
    for _ in range(n):
        parts: list[str] = []
        for _ in range(rng.randint(1, 40)):
            r = rng.random()
            if r < 0.55:
                parts.append(rng.choice(WORDS))
            elif r < 0.70:
                parts.append(rng.choice(URLS))
            elif r < 0.85:
                parts.append("".join(rng.choice(emojis) for _ in range(rng.randint(1, 3))))
            else:
                parts.append(rng.choice(SPECIAL))
            parts.append(rng.choice([" ", " ", " ", "", "\n", ". ", ", ", "("]))
        text = "".join(parts)
        if rng.random() < 0.1:
            text = text * rng.randint(2, 6)
        out.append(text)
    return out


JS = """
const parseTweet = require('twitter-text').parseTweet;
const lines = require('fs').readFileSync(process.argv[1], 'utf8').split('\\n').filter(Boolean);
const out = lines.map(l => { const r = parseTweet(JSON.parse(l)); return [r.weightedLength, r.valid, r.permillage, r.validRangeEnd, r.displayRangeEnd]; });
console.log(JSON.stringify(out));
"""


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jsref", default=os.environ.get("TWITTER_TEXT_JS", "/work/scratch/jsref"))
    a = ap.parse_args()
    jsref = Path(a.jsref)
    if shutil.which("node") is None or not (jsref / "node_modules" / "twitter-text").exists():
        print(
            f"skipped: needs node and `npm install twitter-text@3.1.0` in {jsref} (not committed)"
        )
        return 0
    corpus = make_corpus(a.n, a.seed)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for t in corpus:
            f.write(json.dumps(t) + "\n")
    ref = json.loads(
        subprocess.run(
            ["node", "-e", JS, f.name], cwd=jsref, check=True, capture_output=True, text=True
        ).stdout
    )
    bad = []
    for text, r in zip(corpus, ref, strict=True):
        p = parse_tweet(text)
        ours = [p.weighted_length, p.valid, p.permillage, p.valid_range_end, p.display_range_end]
        if ours != r:
            bad.append((text, ours, r))
    print(
        f"X counter vs twitter-text 3.1.0 (JS reference): {len(corpus) - len(bad)}/{len(corpus)} identical "
        "on weightedLength, valid, permillage, validRangeEnd, displayRangeEnd"
    )
    for text, ours, r in bad[:15]:
        print(f"  ours {ours} ref {r}  {text[:120]!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
