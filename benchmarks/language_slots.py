"""Slot check accuracy and speed on real labelled sentences (issue: bilingual presence).

Usage: python benchmarks/language_slots.py [--data PATH] [--repeats R]

Reads ../shared/benchmarks/languages/dev.jsonl (real sentences from Universal
Dependencies, lingua's test data and Common Voice; not shipped with govsocial) and, for
each slot language L in ca, eu, gl, oc, measures the question "is the text in slot L
really L?" the way GS301 asks it (candidates {es, ca, L}):

- false alarm: a genuine L text is reported as a mismatch;
- miss: a Spanish text pasted in the L slot is not reported (for oc also Catalan).

Texts under five words are "undetermined" and never reported, so in the w1-4 bucket
misses are 100% by design; that bucket is shown for completeness. The last column gives
the share of Spanish texts under five words after cleaning: they count as misses.

Side by side, in the same run, the peer: py3langid restricted to the same candidates
with no cleaning and no function-word evidence (the best detector in the research).
Speed: slot checks per second on 5-30-word texts, median of R passes, and the peer's.
Targets: sentences FA <= 1% and miss <= 1%; 5-10 words <= 2% and <= 3%;
>= 10,000 slot checks/s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import DEV_LANGUAGES as DEFAULT  # noqa: E402

from govsocial.language import (  # noqa: E402
    check_slot,
    clean_text,
    get_detector,
    word_count,
)
from govsocial.language.evidence import _UNLIKE_SEEN  # noqa: E402

SLOTS = ("ca", "eu", "gl", "oc")
BUCKETS = ("sentence", "w5-10", "w5-10+noise", "w1-4")


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def peer(records: list[dict[str, str]]) -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    by_slot = {}
    for slot in SLOTS:
        cands = sorted({"es", "ca", slot})
        by_slot[slot] = LanguageIdentifier.from_model_file(MODEL_FILE)
        by_slot[slot].set_languages(cands)
    del ident
    return by_slot


def rates(records, slot, bucket, flagged):
    pos = [r["text"] for r in records if r["lang"] == slot and r["bucket"] == bucket]
    negs = {"es": [r["text"] for r in records if r["lang"] == "es" and r["bucket"] == bucket]}
    if slot == "oc":
        negs["ca"] = [r["text"] for r in records if r["lang"] == "ca" and r["bucket"] == bucket]
    fa = sum(flagged(t, slot) for t in pos) / len(pos)
    misses = {k: sum(not flagged(t, slot) for t in v) / len(v) for k, v in negs.items()}
    return len(pos), fa, misses


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    if not args.data.exists():
        print(f"data not found: {args.data} (this benchmark reads ../shared/benchmarks/languages)")
        return 1
    records = load(args.data)
    peers = peer(records)

    def ours(text: str, slot: str) -> bool:
        return check_slot(text, slot, ("es", "ca")).status == "mismatch"

    def theirs(text: str, slot: str) -> bool:
        return peers[slot].classify(text)[0] != slot  # type: ignore[index]

    print(f"data: {args.data} ({len(records)} records)")
    print("false alarm % / miss % (miss of Spanish; for oc also of Catalan)")
    print(
        f"{'slot':5} {'bucket':12} {'n':>4}  {'govsocial':>22}  {'py3langid restricted':>24}"
        "   es<5 words"
    )
    for slot in SLOTS:
        for bucket in BUCKETS:
            n, fa, mi = rates(records, slot, bucket, ours)
            _, pfa, pmi = rates(records, slot, bucket, theirs)
            m = " ".join(f"{v * 100:.1f}" for v in mi.values())
            pm = " ".join(f"{v * 100:.1f}" for v in pmi.values())
            spanish = [r["text"] for r in records if r["lang"] == "es" and r["bucket"] == bucket]
            short = sum(word_count(t) < 5 for t in spanish) / len(spanish)
            print(
                f"{slot:5} {bucket:12} {n:4}  {fa * 100:6.1f} / {m:>13}  {pfa * 100:6.1f} / {pm:>15}"
                f"   {short * 100:5.1f}"
            )

    texts = [
        (r["text"], r["lang"] if r["lang"] in SLOTS else "ca")
        for r in records
        if r["bucket"] in ("sentence", "w5-10") and 5 <= len(r["text"].split()) <= 30
    ]
    get_detector("auto").scores("warm up", ["es", "ca"])
    for slot in SLOTS:
        check_slot("una frase per carregar el model ara", slot)

    def timed(fn) -> float:
        runs = []
        for _ in range(args.repeats):
            # Every pass starts cold: no text is already cleaned, no word already looked
            # at for a spelling.
            clean_text.cache_clear()
            _UNLIKE_SEEN.clear()
            t0 = time.perf_counter()
            for text, slot in texts:
                fn(text, slot)
            runs.append(len(texts) / (time.perf_counter() - t0))
        return statistics.median(runs)

    ours_rate = timed(ours)
    peer_rate = timed(theirs)
    print(
        f"speed on {len(texts)} texts of 5-30 words, median of {args.repeats}: "
        f"govsocial {ours_rate:,.0f} slot checks/s, py3langid restricted {peer_rate:,.0f}/s "
        f"(ratio {ours_rate / peer_rate:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
