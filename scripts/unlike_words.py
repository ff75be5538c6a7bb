"""Remake src/govsocial/data/languages/unlike-words.yaml (the words a language lacks).

Usage (not part of the build or the tests; the list is committed):

    apt-get install hunspell-gl hunspell-es
    python -m venv /tmp/uw && /tmp/uw/bin/pip install wordfreq==3.1.1 simplemma==2.0.0 \\
        spylls==0.1.7 pyyaml
    /tmp/uw/bin/python scripts/unlike_words.py [--top 20000]

gl: the most frequent Spanish words of wordfreq, lower-case, 3 letters or more, less
every word Galician has (a form or lemma of simplemma's Galician dictionary, or a word the
LibreOffice Galician spelling dictionary accepts), less the words markers.yaml already
weighs (its function words, and Galician's "unlike" spelling pattern) and the most frequent
English words (loanwords say nothing). No text of the benchmarks is read.

gl, unaccented (round 29): the same Spanish words written without their accents, as
typed on a keyboard without them (tambien, informacion) or as left by a text whose
accented letters were lost in an encoding (tambin, informacin): each form that is not a
Galician word, nor a Galician word so written (informacion is Galician informacion too),
nor an English word, nor a function word of markers.yaml, nor spelt as Galician's
"unlike" pattern counts.
"""

from __future__ import annotations

import argparse
import re
import textwrap
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "govsocial" / "data" / "languages"
HUNSPELL_GL = "/usr/share/hunspell/gl_ES"
HUNSPELL_ES = "/usr/share/hunspell/es_ES"

HEADER = """\
# Common words of other languages that a language does not have. Each one in a text (not
# written as a name) is evidence against that language, with the weight below, as a
# spelling the language lacks is (markers.yaml, "unlike").
#
# gl: Spanish words that Galician does not have, most frequent first (Spanish *todavía*,
# *suponen*, *pequeño*, *bandera*; Galician *aínda*, *supoñen*, *pequeno*, *bandeira*).
# Made by scripts/unlike_words.py on 2026-12-06, from public word lists only (none of
# them the texts the weight is measured on):
# - the {top:,} most frequent Spanish words of wordfreq 3.1.1 (PyPI `wordfreq`; its data
#   is CC BY-SA 4.0, https://github.com/rspeer/wordfreq; this list, derived from it, is
#   shared under the same licence), lower-case words of 3 letters or more;
# - less every word the Galician dictionary of simplemma 2.0.0 (PyPI `simplemma`, MIT;
#   its word forms) knows as a form or a lemma, and every word the LibreOffice Galician
#   spelling dictionary accepts (Debian `hunspell-gl` 1:7.5.0-1, gl_ES, MPL-2.0, read
#   with PyPI `spylls` 0.1.7), in small letters, or capitalised (a name there) unless
#   the Spanish dictionary (Debian `hunspell-es` 1:7.5.0, es_ES, GPL-3+ or LGPL-3+ or
#   MPL-1.1+) knows it in small letters and lists no such name (round 30, 2026-12-07:
#   doble, cuadrado, personas, proyecto now count; Agustín, Rusia do not);
# - less the words of markers.yaml (function words, weighed there), the words Galician's
#   "unlike" spelling pattern already counts (j, ue, ie, -dad, -aje, initial ll, g before
#   e or i, final -d) and the 20,000 most frequent English words of wordfreq (video,
#   crisis, http: loanwords say nothing). (The last two spellings came in round 28, on
#   2026-12-07: the 423 words they count were then left out of the list, as this script
#   leaves them out.)
# The weight is chosen by cross-validation on the dev set, no heavier than a spelling
# (benchmarks/language_cv.py, folds by sentence and by source).
weight: {weight}
words:
  gl: >-
"""

UNACCENTED = """\
# gl, round 29: the Spanish words of the list's source (the same {top:,} most frequent)
# written without their accents (á é í ó ú ü -> a e i o u u, ñ -> n: tambien, ademas,
# poblacion), as typed on a keyboard without them, or with the accented letters lost
# (tambin, poblacin), as a text whose encoding dropped them shows; a form is left out
# when it is a Galician word or a Galician word so written (simplemma's forms and lemmas,
# the LibreOffice dictionary; informacion is Galician información unaccented too), an
# English word, a function word of markers.yaml, or spelt as Galician's "unlike"
# pattern counts. Most frequent source word first. No text of the benchmarks is read.
unaccented:
  gl: >-
"""
_ACCENTS = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ñ": "n", "ü": "u"}


def main() -> int:
    import simplemma.strategies.dictionaries.dictionary_factory as factory
    import wordfreq
    import yaml
    from spylls.hunspell import Dictionary

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--top", type=int, default=20000)
    ap.add_argument("--weight", type=float, default=6.0)
    a = ap.parse_args()

    markers = yaml.safe_load((DATA / "markers.yaml").read_text("utf-8"))
    function_words = {w for text in markers["words"].values() for w in text.split()}
    spelling = re.compile(markers["unlike"]["gl"])
    english = set(wordfreq.top_n_list("en", 20000))
    gl_dict = factory.DefaultDictionaryFactory().get_dictionary("gl")
    galician = {str(k) for k in gl_dict} | {str(v) for v in gl_dict.values()}
    hunspell = Dictionary.from_files(HUNSPELL_GL)
    # Round 30: a word the Galician dictionary knows only capitalised is a name there
    # (Doble, Cuadrado, Personas: surnames, places). It is still a Galician word when the
    # Spanish dictionary does not know it in small letters, or lists it as a name too
    # (Agustín, Rusia, Tomé): a name at a sentence's start is not set aside.
    spanish = Dictionary.from_files(HUNSPELL_ES)
    with open(HUNSPELL_ES + ".dic", encoding="utf-8") as f:
        spanish_names = {line.split("/")[0].strip() for line in f if line[:1].isupper()}

    def galician_name(w: str) -> bool:
        return bool(
            hunspell.lookup(w.capitalize())
            and (not spanish.lookup(w) or w.capitalize() in spanish_names)
        )

    def shared(w: str) -> bool:
        """Whether w may not count against Galician: a function word of the markers, a
        Galician or English word (a name of the Galician dictionary, unless Spanish has
        it as a common word only), or written with a spelling already counted."""
        return bool(
            w in function_words
            or w in galician
            or w in english
            or spelling.search(w)
            or hunspell.lookup(w)
            or galician_name(w)
        )

    lacks = []
    for w in wordfreq.top_n_list("es", a.top):
        if re.fullmatch(r"[a-záéíóúñü]{3,}", w) and not shared(w):
            lacks.append(w)
    body = "\n".join("    " + line for line in textwrap.wrap(" ".join(lacks), 92))
    # Spanish without its accents (round 29).
    function_words |= {w for text in markers.get("lacks", {}).values() for w in text.split()}

    def stripped(w: str) -> str:
        return "".join(_ACCENTS.get(c, c) for c in w)

    def dropped(w: str) -> str:
        return "".join("" if c in _ACCENTS else c for c in w)

    unaccented_galician = {stripped(w) for w in galician} | {dropped(w) for w in galician}
    unaccented: list[str] = []
    seen = set(lacks)
    for w in wordfreq.top_n_list("es", a.top):
        if not re.fullmatch(r"[a-záéíóúñü]{3,}", w) or not any(c in _ACCENTS for c in w):
            continue
        for v in (stripped(w), dropped(w)):
            if v in seen or len(v) < 3:
                continue
            seen.add(v)
            if v not in unaccented_galician and not shared(v):
                unaccented.append(v)
    tail = "\n".join("    " + line for line in textwrap.wrap(" ".join(unaccented), 92))
    out = DATA / "unlike-words.yaml"
    out.write_text(
        HEADER.format(top=a.top, weight=a.weight)
        + body
        + "\n"
        + UNACCENTED.format(top=a.top)
        + tail
        + "\n",
        "utf-8",
    )
    print(f"{out}: {len(lacks)} words, {len(unaccented)} unaccented forms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
