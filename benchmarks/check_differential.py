"""Differential check: this tree's `check` against another commit's, finding by finding.

Usage: python benchmarks/check_differential.py [--against REV] [--per-pairing N]
           [--data PATH] [--seed S] [--many]

For work that must change nothing but speed: the same posts are checked by this tree and
by commit REV (default: where this branch left main, ``git merge-base HEAD main``), each in a process of its own (one Python cannot hold two
govsocials; REV's ``src``, ``schemas`` and ``examples`` are taken from git into a
temporary folder, as check_throughput.py's ``--against`` does), and every report is
compared whole: each finding's code, rule, severity, message, path, network, language,
span, fix and suppression, in order, plus the suppressed findings. It prints the number
of posts compared and every difference (none is the pass mark; exit status 1 otherwise).
With ``--many``, this tree checks the posts with ``check_many`` (consecutive posts under
one policy together, in its batches) while REV checks them one by one with ``check``.

The posts:

- every example post (examples/posts/) against every example policy, media included
  (relative media paths resolve against each tree's examples/ folder);
- the posts of benchmarks/check_throughput.py (bilingual ca + es, links, hashtags,
  emoji), against its policy;
- for every example policy and every pairing of languages in its first two slots (and a
  third slot for the three-language policies) over the languages of
  ../shared/benchmarks/languages/dev.jsonl (real labelled texts: es, ca, eu, gl, oc, en,
  fr, it, pt), N posts (``--per-pairing``) whose slots hold texts of those languages,
  matching their slot or not (Spanish in the Catalan slot...): single texts of every
  length bucket (1-4 words, 5-10, sentences), two or three of them joined as sentences
  or paragraphs (mixed texts), upper-cased ones, with URLs, mentions, hashtags, emoji and
  numbers added, on varied networks (combined and separate renditions).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_throughput import extract, make_dicts  # noqa: E402
from shared_data import DEV_LANGUAGES as DEFAULT_DATA  # noqa: E402

BENCH_POLICY = "examples/policies/ajuntament-ca-es.yaml"
NETWORKS = ["x", "facebook", "instagram", "mastodon", "threads", "bluesky", "linkedin"]
TAILS = [
    "",
    " https://www.example.cat/agenda?id=3",
    " #FestaMajor",
    " @ajuntament",
    " 📚🎉",
    " (12/03, 18 h)",
    " www.udala.eus",
    " 👩‍👩‍👧 #Festa2026 @user@social.example",
]


def _slots(policy_file: Path) -> list[str]:
    """The language slots of an example policy, in its order."""
    import yaml

    data = yaml.safe_load(policy_file.read_text(encoding="utf-8"))
    lp = data.get("languages", {})
    out: list[str] = []
    for key in ("order", "required", "allowed"):
        for lang in lp.get(key, []) or []:
            if lang not in out:
                out.append(lang)
    return out


def _text(rng: random.Random, by_lang: dict[str, list[dict[str, str]]], lang: str) -> str:
    rows = by_lang[lang]
    shape = rng.randrange(10)
    if shape < 5:
        text = rng.choice(rows)["text"]
    elif shape < 8:
        parts = [rng.choice(rows)["text"].rstrip(".") + "." for _ in range(rng.randrange(2, 4))]
        # sometimes a sentence of another language inside (a mixed text)
        if rng.random() < 0.5:
            other = rng.choice(sorted(by_lang))
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(by_lang[other])["text"] + ".")
        text = rng.choice([" ", "\n\n", "\n"]).join(parts)
    elif shape < 9:
        text = rng.choice(rows)["text"].upper()
    else:
        text = rng.choice(rows)["text"] + " " + rng.choice(rows)["text"].lower()
    return text + rng.choice(TAILS)


def corpus(data: Path, per_pairing: int, seed: int) -> list[dict[str, Any]]:
    """Every case: policy (relative to a tree), post dict, base (relative) or None."""
    cases: list[dict[str, Any]] = []
    policies = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("examples/policies/*.yaml"))
    for post_file in sorted(ROOT.glob("examples/posts/**/*.json")):
        post = json.loads(post_file.read_text(encoding="utf-8"))
        for pol in policies:
            cases.append({"policy": pol, "post": post, "base": "examples"})
    for d in make_dicts(1000):
        cases.append({"policy": BENCH_POLICY, "post": d, "base": None})
    by_lang: dict[str, list[dict[str, str]]] = {}
    with data.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            by_lang.setdefault(row["lang"], []).append(row)
    langs = sorted(by_lang)
    rng = random.Random(seed)
    n = 0
    for pol in policies:
        slots = _slots(ROOT / pol)
        for a in langs:
            for b in langs:
                for _ in range(per_pairing):
                    chosen = [a, b, *(rng.choice(langs) for _ in slots[2:])][: len(slots)]
                    text = {
                        slot: _text(rng, by_lang, lang)
                        for slot, lang in zip(slots, chosen, strict=True)
                    }
                    if len(text) > 1 and rng.random() < 0.15:
                        del text[rng.choice(sorted(text))]
                    k = rng.randrange(1, 5)
                    post = {
                        "id": f"dev-{n}",
                        "networks": rng.sample(NETWORKS, k),
                        "text": text,
                    }
                    n += 1
                    cases.append({"policy": pol, "post": post, "base": None})
    return cases


def worker(tree: Path, corpus_file: Path, out_file: Path, many: bool = False) -> None:
    """Check every case with `tree`'s govsocial; one JSON report (or error) per line.
    With `many`, consecutive cases under one policy and base go through check_many (a
    run that raises is checked again post by post, so that each error is its post's)."""
    sys.path.insert(0, str(tree / "src"))
    import govsocial

    here = Path(govsocial.__file__).resolve()
    if not here.is_relative_to((tree / "src").resolve()):
        sys.exit(f"worker for {tree} imported govsocial from {here}")
    cases = json.loads(corpus_file.read_text(encoding="utf-8"))
    policies: dict[str, Any] = {}
    prefix = str(tree.resolve())

    def one(case: dict[str, Any], pol: Any, base: Path | None) -> Any:
        try:
            return govsocial.check(case["post"], pol, base=base).to_dict()
        except Exception as e:  # an error is a result to compare too
            return {"error": f"{type(e).__name__}: {e}"}

    runs: list[tuple[str, str | None, list[dict[str, Any]]]] = []
    for case in cases:
        if many and runs and runs[-1][:2] == (case["policy"], case["base"]):
            runs[-1][2].append(case)
        else:
            runs.append((case["policy"], case["base"], [case]))
    with out_file.open("w", encoding="utf-8") as out:
        for policy_path, base_name, run in runs:
            pol = policies.get(policy_path)
            if pol is None:
                pol = policies[policy_path] = govsocial.load_policy(tree / policy_path)
            base = tree / base_name if base_name else None
            results: list[Any]
            if many:
                try:
                    reports = govsocial.check_many([c["post"] for c in run], pol, base=base)
                    results = [r.to_dict() for r in reports]
                except Exception:
                    results = [one(c, pol, base) for c in run]
            else:
                results = [one(c, pol, base) for c in run]
            for got in results:
                line = json.dumps(got, sort_keys=True, ensure_ascii=False)
                out.write(line.replace(prefix, "<tree>") + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--against", default=None, metavar="REV")
    ap.add_argument("--per-pairing", type=int, default=20)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument(
        "--many", action="store_true", help="this tree checks with check_many (batches)"
    )
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker is not None:
        worker(a.worker, a.corpus, a.out, a.many)
        return
    if not a.data.is_file():
        sys.exit(f"no labelled texts at {a.data} (give --data)")
    cases = corpus(a.data, a.per_pairing, a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "corpus.json"
        corpus_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        other = Path(tmp) / "other"
        rev = a.against
        if rev is None:
            rev = subprocess.run(
                ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        label = extract(rev, other)
        procs = []
        outs = []
        for tree, name in ((ROOT, "this"), (other, "other")):
            out = Path(tmp) / f"{name}.jsonl"
            cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(tree)]
            cmd += ["--corpus", str(corpus_file), "--out", str(out)]
            if a.many and name == "this":
                cmd.append("--many")
            procs.append(subprocess.Popen(cmd))
            outs.append(out)
        for p in procs:
            if p.wait() != 0:
                sys.exit("a worker failed")
        mine = outs[0].read_text(encoding="utf-8").splitlines()
        theirs = outs[1].read_text(encoding="utf-8").splitlines()
    if len(mine) != len(cases) or len(theirs) != len(cases):
        sys.exit(f"expected {len(cases)} reports, got {len(mine)} and {len(theirs)}")
    diffs = [i for i, (x, y) in enumerate(zip(mine, theirs, strict=True)) if x != y]
    findings = sum(len(json.loads(x).get("findings", [])) for x in mine)
    errors = sum(1 for x in mine if x.startswith('{"error"'))
    print(
        f"check differential, this tree against {label}: {len(cases):,} posts compared "
        f"({findings:,} findings, {errors} refused alike or not), {len(diffs)} differences"
    )
    for i in diffs[:20]:
        print(f"  post {i} ({cases[i]['policy']}, {cases[i]['post'].get('id')}):")
        print(f"    this tree: {mine[i][:600]}")
        print(f"    {label}:   {theirs[i][:600]}")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
