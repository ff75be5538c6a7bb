"""Cross-validated choice of the slot check's confidence bars (k-fold, grouped).

Usage: python benchmarks/language_cv.py [--data PATH] [--folds 5]

Reads ../shared/benchmarks/languages/dev.jsonl. Each record is grouped with the others
cut from the same sentence (its ``id``: the sentence, its 5-10-word and 1-4-word cuts),
and the groups are dealt into k folds by a hash of the id, so no sentence is chosen on
and scored on at once. For each fold, the bars are chosen on the other folds and the
held-out fold is scored with them:

- ``MISMATCH_CONFIDENCE``: a text is a mismatch only when another language has at least
  this confidence (below it, the verdict is undetermined: a confidence near 0.5 is no
  verdict);
- ``CERTAIN_CONFIDENCE``: a 5-10-word mismatch this sure is an error, not a warning;
- ``NAME_CONFIDENCE``: a mismatch less sure than this is dropped when the text without
  its names reads as the declared language (0: never).

The objective on the training folds: false alarms + misses over the four slots (ca, eu,
gl, oc), sentences and 5-10 words, with every genuine-text alarm counting double (a
false alarm costs a user more than a miss); for the error bar, genuine 5-10-word texts
reported as errors must stay at 0. Prints the held-out (cross-validated) rates per slot
and bucket, and the in-sample rates of the bars chosen on all folds, labelled.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_shared = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parents[1]) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
DEFAULT = _shared / "benchmarks" / "languages" / "dev.jsonl"
SLOTS = ("ca", "eu", "gl", "oc")
BUCKETS = ("sentence", "w5-10")
MISMATCH_BARS = (0.0, 0.55, 0.6, 0.65, 0.7)
NAME_BARS = (0.0, 0.6, 0.7, 0.8, 0.9, 1.01)
CERTAIN_BARS = (0.9, 0.95, 0.98, 0.99, 1.01)  # 1.01: snippets stay warnings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    if not a.data.exists():
        print(f"data not found: {a.data}")
        return 0
    from govsocial.language import check_slot, verdicts

    records = [json.loads(line) for line in a.data.open(encoding="utf-8") if line.strip()]
    # (fold, slot, bucket, genuine, flagged-lang-or-None, confidence, certainty)
    rows = []
    for r in records:
        if r["bucket"] not in BUCKETS:
            continue
        fold = int(hashlib.sha256(r["id"].encode()).hexdigest(), 16) % a.folds
        for slot in SLOTS:
            genuine = r["lang"] == slot
            negative = r["lang"] == "es" or (slot == "oc" and r["lang"] == "ca")
            if not (genuine or negative):
                continue
            verdicts.NAME_CONFIDENCE = 0.0  # names never set aside
            v = check_slot(r["text"], slot, ("es", "ca"))
            verdicts.NAME_CONFIDENCE = 1.01  # names always set aside
            named = check_slot(r["text"], slot, ("es", "ca")).status == "mismatch"
            flagged = v.status == "mismatch"
            rows.append((fold, slot, r["bucket"], genuine, flagged, v.guess.confidence, named))

    def flag(x: tuple, bars: tuple[float, float]) -> bool:
        bar, nbar = bars
        return bool(x[4] and x[5] >= bar and (x[6] or x[5] >= nbar))

    def rates(
        sel: Sequence[tuple], bars: tuple[float, float]
    ) -> dict[tuple[str, str], tuple[float, float]]:
        out = {}
        for slot in SLOTS:
            for b in BUCKETS:
                pos = [x for x in sel if x[1] == slot and x[2] == b and x[3]]
                neg = [x for x in sel if x[1] == slot and x[2] == b and not x[3]]
                fa = sum(flag(x, bars) for x in pos) / max(len(pos), 1)
                mi = sum(not flag(x, bars) for x in neg) / max(len(neg), 1)
                out[(slot, b)] = (fa, mi)
        return out

    def cost(sel: Sequence[tuple], bars: tuple[float, float]) -> float:
        return sum(2 * fa + mi for fa, mi in rates(sel, bars).values())

    grid = [(b, n) for b in MISMATCH_BARS for n in NAME_BARS]

    def certain_ok(sel: Sequence[tuple], bar: float) -> bool:
        return not any(x[3] and x[4] and x[2] == "w5-10" and x[5] >= bar for x in sel)

    for bars in grid:  # in-sample, every bar, to see what each one costs
        r = rates(rows, bars)
        print(
            f"in-sample at MISMATCH_CONFIDENCE {bars[0]}, NAME_CONFIDENCE {bars[1]}: "
            + " ".join(
                f"{s}/{b[:2]} {fa * 100:.1f}/{mi * 100:.1f}" for (s, b), (fa, mi) in r.items()
            )
        )
    held: list[tuple] = []
    chosen = []
    for k in range(a.folds):
        train = [x for x in rows if x[0] != k]
        bars = min(grid, key=lambda b: (round(cost(train, b), 9), b))
        cert = next(c for c in CERTAIN_BARS if certain_ok(train, c))
        chosen.append((*bars, cert))
        held.extend(
            (x[0], x[1], x[2], x[3], flag(x, bars), x[5], True, x[5] >= cert)
            for x in rows
            if x[0] == k
        )
    print(
        f"{a.folds} folds grouped by sentence id; bars chosen per fold (mismatch, name, certain): {chosen}"
    )
    cv = rates(held, (0.0, 0.0))
    errs = [x for x in held if x[2] == "w5-10" and x[4] and x[7]]
    final_bar = min(grid, key=lambda b: (round(cost(rows, b), 9), b))
    final_cert = next(c for c in CERTAIN_BARS if certain_ok(rows, c))
    ins = rates(rows, final_bar)
    print(
        f"chosen on all folds: MISMATCH_CONFIDENCE {final_bar[0]}, "
        f"NAME_CONFIDENCE {final_bar[1]}, CERTAIN_CONFIDENCE {final_cert}"
    )
    print("false alarm % / miss %   CROSS-VALIDATED (held-out folds)   in-sample (all folds)")
    for slot in SLOTS:
        for b in BUCKETS:
            fa, mi = cv[(slot, b)]
            ifa, imi = ins[(slot, b)]
            print(
                f"{slot:3} {b:9} {fa * 100:5.1f} / {mi * 100:4.1f}          {ifa * 100:5.1f} / {imi * 100:4.1f}"
            )
    gen_err = sum(x[3] for x in errs)
    neg_err = sum(not x[3] for x in errs)
    neg5 = sum(1 for x in held if x[2] == "w5-10" and not x[3])
    print(
        f"5-10 words reported as errors (held out): genuine {gen_err}, "
        f"pasted {neg_err} of {neg5} ({neg_err / max(neg5, 1) * 100:.1f} %)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
