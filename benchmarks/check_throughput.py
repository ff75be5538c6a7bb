"""Posts per second for a full `check` of bilingual text-only posts against an example policy.

Usage: python benchmarks/check_throughput.py [--policy P] [--posts N] [--repeats R]
           [--no-language] [--against REV ...] [--instructions]

Builds N distinct bilingual (ca + es) municipal posts (varied lengths, links, hashtags,
emoji; deterministic), warms up (loads the language model once), then times R full passes
over them on one core, every pass with govsocial's per-text caches emptied, and prints the
median posts/s with min and max: first ``check(post, policy)`` one post at a time for
Post objects built beforehand, then for the same posts given as dicts (Post.from_dict's
validation inside the timing), then ``check_many(dicts, policy)``, which is how the CLI
and the audit check many posts: in batches of 64, the language rules judging a batch's
texts in one detector pass (the reports are the same; tests/test_check_many.py holds
it). Targets (issues): >= 5,000 posts/s for the text rules and >= 3,000 posts/s
including the language checks. The machine is shared: read the medians.

``--against REV`` (repeatable) measures another commit's code side by side: its ``src``,
``schemas`` and ``examples`` are taken from git into a temporary folder, and each tree runs
in a process of its own (one Python cannot hold two govsocials) that warms up once; the
passes then alternate between the trees, one at a time, so that the host's load weighs on
all alike. The ratio printed is this tree's median over the other's. Each tree checks the
posts against its own copy of the policy file (the same path inside the tree).

``--instructions`` counts instructions instead of time, with valgrind's callgrind (which
host load does not move): each tree checks the N posts once, caches emptied, under
``valgrind --tool=callgrind --dump-before=getppid`` (the worker calls ``os.getppid()``
just before and just after the pass, so the pass is a dump of its own, start-up and
warm-up excluded), for all rules and then for the text rules alone, one post at a time,
then for all rules with ``check_many``, and then for all rules one post at a time given
as dicts (``Post.from_dict`` inside the count). About a minute per tree for 1,000 posts
plus the start-up under valgrind.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POLICY = "examples/policies/ajuntament-ca-es.yaml"

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


def make_dicts(n: int, seed: int = 20261122) -> list[dict[str, Any]]:
    """N bilingual post dicts, the same for every tree and run."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        k = rng.randrange(1, 3)
        idx = [rng.randrange(len(CA)) for _ in range(k)]
        tail = rng.choice(TAILS)
        ca = " ".join(CA[j] for j in idx) + tail + f" ({i})"
        es = " ".join(ES[j] for j in idx) + tail + f" ({i})"
        out.append(
            {
                "id": str(i),
                "networks": ["x", "facebook", "instagram", "mastodon"],
                "text": {"ca": ca, "es": es},
            }
        )
    return out


def make_posts(n: int, seed: int = 20261122) -> list[Any]:
    """The same posts as :class:`govsocial.Post` values (of the govsocial imported)."""
    import govsocial

    return [govsocial.Post.from_dict(d) for d in make_dicts(n, seed)]


# govsocial's per-text (and per-word) memo caches, by module and name: functions with
# cache_clear() and plain dicts; a name a tree does not have is skipped, so that older
# trees are measured the same way.
_CACHES = (
    ("govsocial.text", "analyse"),
    ("govsocial.language", "clean_text"),
    ("govsocial.networks.twitter", "weighted_length"),
    ("govsocial.networks.twitter.urls", "_extract_urls"),
    ("govsocial.networks.twitter", "_extract_urls"),
    ("govsocial.networks.counting", "_urls"),
    ("govsocial.language.evidence", "_UNLIKE_SEEN"),
)


def clear_caches() -> None:
    """Empty govsocial's per-text memo caches, so a pass never reuses work from an earlier
    pass over the same posts (within one check, rules still share one analysis)."""
    for module, name in _CACHES:
        try:
            fn = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        if isinstance(fn, dict):
            fn.clear()
        else:
            fn.cache_clear()


# -- the worker: one tree's govsocial in its own process ------------------------------


def worker(tree: Path, policy_path: str, n: int, no_language: bool, count: bool) -> None:
    """Serve passes over stdin/stdout: "posts" or "dicts" -> posts/s; "quit" ends.

    With `count`, check the posts once between two ``os.getppid()`` calls for all rules
    (or the text rules alone with `no_language`), then for the text rules alone, then
    with check_many, then given as dicts, and exit (callgrind dumps its counters at each
    call)."""
    sys.path.insert(0, str(tree / "src"))
    import govsocial

    here = Path(govsocial.__file__).resolve()
    if not here.is_relative_to((tree / "src").resolve()):
        sys.exit(f"worker for {tree} imported govsocial from {here}")
    policy = govsocial.load_policy(tree / policy_path)
    dicts = make_dicts(n)
    posts = [govsocial.Post.from_dict(d) for d in dicts]
    warm = [govsocial.Post.from_dict(d) for d in make_dicts(50, seed=7)]
    ignore = ["GS3"] if no_language else None
    for p in warm:
        govsocial.check(p, policy)  # model load, regex compilation, rule modules
    if count:
        for ign in (ignore, ["GS3"]):
            clear_caches()
            os.getppid()
            for p in posts:
                govsocial.check(p, policy, ignore=ign)
            os.getppid()
        clear_caches()
        os.getppid()
        govsocial.check_many(posts, policy, ignore=ignore)
        os.getppid()
        clear_caches()
        os.getppid()
        for d in dicts:
            govsocial.check(d, policy, ignore=ignore)
        os.getppid()
        return
    print("ready", flush=True)
    for line in sys.stdin:
        kind = line.strip()
        if kind == "quit":
            return
        items = posts if kind == "posts" else dicts
        clear_caches()  # every pass starts cold: no text already analysed, cleaned or counted
        t0 = time.perf_counter()
        if kind == "many":
            govsocial.check_many(dicts, policy, ignore=ignore)
        else:
            for p in items:
                govsocial.check(p, policy, ignore=ignore)
        print(len(items) / (time.perf_counter() - t0), flush=True)


# -- the parent: trees, alternating passes, instruction counts ------------------------


def extract(rev: str, into: Path) -> str:
    """Put commit `rev`'s src, schemas and examples under `into`; its short hash."""
    short = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tar = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", short, "src", "schemas", "examples"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return short


def worker_command(tree: Path, a: argparse.Namespace, count: bool = False) -> list[str]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(tree)]
    cmd += ["--policy", a.policy, "--posts", str(a.posts)]
    if a.no_language:
        cmd.append("--no-language")
    if count:
        cmd.append("--count")
    return cmd


KINDS = {
    "posts": "check(post) one by one, Post objects",
    "dicts": "check(dict) one by one",
    "many": "check_many(dicts), as the CLI and the audit check (batches of 64)",
}


def timed(trees: list[tuple[str, Path]], a: argparse.Namespace) -> None:
    procs = {}
    for label, tree in trees:
        p = subprocess.Popen(
            worker_command(tree, a), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert p.stdout is not None
        if p.stdout.readline().strip() != "ready":
            sys.exit(f"the worker for {label} did not start")
        procs[label] = p
    rates: dict[tuple[str, str], list[float]] = {}
    for kind in KINDS:
        for r in range(a.repeats):
            labels = [label for label, _ in trees]
            shift = r % len(labels)  # rotate who goes first
            for label in labels[shift:] + labels[:shift]:
                p = procs[label]
                assert p.stdin is not None and p.stdout is not None
                p.stdin.write(kind + "\n")
                p.stdin.flush()
                rates.setdefault((label, kind), []).append(float(p.stdout.readline()))
    for p in procs.values():
        assert p.stdin is not None
        p.stdin.write("quit\n")
        p.stdin.flush()
        p.wait()
    target = 5000 if a.no_language else 3000
    mine = trees[0][0]
    for kind, name in KINDS.items():
        print(f"  {name}:")
        for label, _ in trees:
            got = rates[(label, kind)]
            med = statistics.median(got)
            line = (
                f"    {label:12} median {med:7,.0f} posts/s  (min {min(got):,.0f}, "
                f"max {max(got):,.0f})"
            )
            if label == mine:
                line += f"  target >= {target:,}: {'met' if med >= target else 'NOT met'}"
            else:
                ratio = statistics.median(rates[(mine, kind)]) / med
                line += f"  {mine} / {label}: {ratio:.2f}x"
            print(line)


def instructions(trees: list[tuple[str, Path]], a: argparse.Namespace) -> None:
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (e.g. apt-get install valgrind)")
    first = "text rules only" if a.no_language else "all rules"
    print(f"  instructions per post (callgrind, {a.posts} posts, caches emptied):")
    for label, tree in trees:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "cg.out"
            cmd = ["valgrind", "--tool=callgrind", "--dump-before=getppid"]
            cmd += [f"--callgrind-out-file={out}", *worker_command(tree, a, count=True)]
            env = {**os.environ, "PYTHONHASHSEED": "0"}
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            # dumps: 1 start-up and warm-up, 2 the first pass, 3 between, 4 the second
            # pass, 5 between, 6 the check_many pass, 7 between, 8 the pass over dicts
            totals = []
            for i in (2, 4, 6, 8):
                text = Path(f"{out}.{i}").read_text()
                totals.append(int(text.split("\nsummary: ", 1)[1].split()[0]))
        per = [t / a.posts for t in totals]
        print(
            f"    {label:12} {first}: {per[0]:12,.0f}   text rules only: {per[1]:12,.0f}   "
            f"{first}, check_many: {per[2]:12,.0f}   {first}, dicts: {per[3]:12,.0f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--policy",
        default=DEFAULT_POLICY,
        help="policy file, relative to each tree's root (default: %(default)s)",
    )
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--no-language", action="store_true", help="skip the GS3xx language rules")
    ap.add_argument(
        "--against",
        action="append",
        default=[],
        metavar="REV",
        help="also measure commit REV's code, alternating with this tree's (repeatable)",
    )
    ap.add_argument(
        "--instructions", action="store_true", help="count instructions with valgrind instead"
    )
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--count", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker is not None:
        worker(a.worker, a.policy, a.posts, a.no_language, a.count)
        return
    if Path(a.policy).is_absolute() and a.against:
        sys.exit("with --against, give --policy relative to the tree's root")
    with tempfile.TemporaryDirectory() as tmp:
        trees = [("this tree", ROOT)]
        for i, rev in enumerate(a.against):
            into = Path(tmp) / str(i)
            trees.append((extract(rev, into), into))
        for label, tree in trees:
            if not (tree / a.policy).is_file():
                sys.exit(f"{label} has no {a.policy}")
        what = "text rules only" if a.no_language else "all rules incl. language"
        print(
            f"check throughput ({what}), {a.posts} bilingual posts, policy {a.policy}, "
            f"trees: {', '.join(label for label, _ in trees)}"
        )
        if a.instructions:
            instructions(trees, a)
        else:
            print(f"  {a.repeats} passes per tree, alternating")
            timed(trees, a)


if __name__ == "__main__":
    main()
