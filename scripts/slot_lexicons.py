"""Remake src/govsocial/data/languages/lexicons.txt (the words of each slot language).

Usage (not part of the build or the tests; the file is committed):

    apt-get install hunspell-ca hunspell-es hunspell-gl
    python -m venv /tmp/uw && /tmp/uw/bin/pip install wordfreq==3.1.1 simplemma==2.0.0 \\
        spylls==0.1.7
    /tmp/uw/bin/python scripts/slot_lexicons.py [--top 50000]

For a slot language L (Catalan, Spanish) and a language M it is mistaken for:

- the words of L: the --top most frequent words of L in wordfreq, lower-case letters
  (with the elision apostrophe and the Catalan middle dot), that a dictionary of L knows
  (simplemma's forms and lemmas, or a LibreOffice spelling dictionary), less the ones
  wordfreq finds ten times more frequent in M than in L (web text of L quotes M);
- of those, the words M lacks: no dictionary of M knows them and they are not among
  M's --top most frequent words, or wordfreq finds them a hundred times rarer in M than
  in L (a Spanish spelling dictionary accepts the rare *festa*, wordfreq sees it
  380 times more often in Catalan).

For a language with a broad list (Catalan), also every other word of wordfreq's whole
list for it that one of its dictionaries knows: what a text needs to be *not* Catalan is
words that no Catalan list knows, and the 50,000 most frequent miss the rarer words of a
genuine text (*fatxada*, *huitanta*, *contribuïx*).

No text of the benchmarks is read.
"""

from __future__ import annotations

import argparse
import glob
import re
import textwrap
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "govsocial" / "data" / "languages"
HUNSPELL = "/usr/share/hunspell"
# Each slot language with its dictionaries, and the languages whose lack of a word is
# recorded (the ones its slot is mistaken for).
SLOTS = {"ca": ("es",), "es": ("ca", "gl")}
DICTIONARIES = {"ca": ("ca", "ca_ES-valencia"), "es": None, "gl": ("gl_ES",)}
WORD = re.compile(r"[a-zà-ÿ]+(?:['’·][a-zà-ÿ]+)*")
PREFERRED = 10.0  # a word this much more frequent in M is no word of L for the veto
LACKING = 100.0  # a word this much rarer in M is one M lacks, whatever its dictionaries
# Elided forms, written before an apostrophe (l'Ajuntament, d'estiu, s'ha): the veto reads
# a word with apostrophes part by part, and no dictionary lists these parts alone.
ELISIONS = {"ca": ("d", "l", "m", "n", "s", "t")}
# Languages whose whole wordfreq list, dictionary-checked, is written as "@known L" (the
# words of L beyond "@words L"): the rule-out of language/lexicons.py asks it.
KNOWN = ("ca",)

HEADER = """\
# The words of slot languages, and which of them another language lacks: the veto of
# language/lexicons.py (a text in slot L is not called language M when every word of it,
# names aside, is a word of L and one at least is a word M lacks). Made by
# scripts/slot_lexicons.py on {date}, from public word lists only (none of them the texts
# the slot check is measured on):
# - the {top:,} most frequent words of each language in wordfreq 3.1.1 (PyPI `wordfreq`;
#   its data is CC BY-SA 4.0, https://github.com/rspeer/wordfreq; these lists, derived
#   from it, are shared under the same licence);
# - kept when a dictionary of the language knows them: simplemma 2.0.0 (PyPI
#   `simplemma`, MIT; forms and lemmas) or the LibreOffice spelling dictionaries read with
#   PyPI `spylls` 0.1.7 (Debian `hunspell-ca` 3.0.7, GPL-2+ and LGPL-2.1+; `hunspell-es`
#   1:7.5.0, its 21 Spanish dictionaries, GPL-3+ or LGPL-3+ or MPL-1.1+; `hunspell-gl` 1:7.5.0,
#   gl_ES, GPL as Debian's copyright file gives it), and not {preferred:.0f} times more frequent (wordfreq) in the language
#   compared;
# - and the parts Catalan elides before an apostrophe (l', d', s', n', m', t'): a word with
#   apostrophes is read part by part;
# - a word is one the compared language lacks when none of its dictionaries knows it and it
#   is not among its {top:,} most frequent words, or wordfreq finds it {lacking:.0f} times
#   rarer there (festa, major: Catalan; a Spanish spelling dictionary accepts the rare
#   festa). wordfreq has no Galician: for it, its dictionaries alone.
# - "@known L": the other words of wordfreq's whole list for L (185,029 words for Catalan)
#   that a dictionary of L knows, so that "@words L" and "@known L" together are the
#   words of L a text may hold; a text of another slot read as L with two words or more
#   that neither these nor the Spanish words hold is not L (the rule-out).
# Format: "@words L" starts the words of L, "@lacking L M" the words of L that M lacks,
# "@known L" the further words of L; words are separated by spaces and newlines. Plain
# text, not YAML: it loads in milliseconds.
"""


def main() -> int:
    import simplemma.strategies.dictionaries.dictionary_factory as factory
    import wordfreq
    from spylls.hunspell import Dictionary

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--top", type=int, default=50000)
    ap.add_argument("--date", default="2026-12-07")
    a = ap.parse_args()

    simple = factory.DefaultDictionaryFactory()
    known: dict[str, set[str]] = {}
    spell: dict[str, list[Dictionary]] = {}
    for lang, names in DICTIONARIES.items():
        d = simple.get_dictionary(lang)
        known[lang] = {str(k) for k in d} | {str(v) for v in d.values()}
        paths = (
            [f"{HUNSPELL}/{n}" for n in names]
            if names
            else sorted(p[:-4] for p in glob.glob(f"{HUNSPELL}/{lang}_*.aff"))
        )
        spell[lang] = [Dictionary.from_files(p) for p in paths]
    top = {lang: set(wordfreq.top_n_list(lang, a.top)) for lang in ("ca", "es")}

    def knows(lang: str, w: str) -> bool:
        return w in known[lang] or any(d.lookup(w) for d in spell[lang])

    def freq(w: str, lang: str) -> float:
        return wordfreq.word_frequency(w, lang) if lang in top else 0.0

    out = [HEADER.format(top=a.top, date=a.date, preferred=PREFERRED, lacking=LACKING)]
    lacking_out = []
    for lang, others in SLOTS.items():
        words = []
        for w in wordfreq.top_n_list(lang, a.top):
            w = w.replace("’", "'")
            if not WORD.fullmatch(w) or not knows(lang, w):
                continue
            f = wordfreq.word_frequency(w, lang)
            if any(freq(w, m) >= PREFERRED * f for m in others):
                continue
            words.append(w)
        words = sorted({*words, *ELISIONS.get(lang, ())})
        out.append(f"@words {lang}\n" + _wrap(words))
        for m in others:
            lacks = [
                w
                for w in words
                if (not knows(m, w) and w not in top.get(m, set()))
                or (m in top and freq(w, m) * LACKING <= wordfreq.word_frequency(w, lang))
            ]
            lacking_out.append(f"@lacking {lang} {m}\n" + _wrap(lacks))
            print(f"{lang}: {len(words)} words, {len(lacks)} that {m} lacks")
    known_out = []
    for lang in KNOWN:
        listed = set(_section_words(out, lang))
        more = sorted(
            {
                w.replace("’", "'")
                for w in wordfreq.top_n_list(lang, 10**7)
                if WORD.fullmatch(w.replace("’", "'"))
            }
            - listed
        )
        more = [w for w in more if knows(lang, w)]
        known_out.append(f"@known {lang}\n" + _wrap(more))
        print(f"{lang}: {len(more)} further known words")
    (DATA / "lexicons.txt").write_text("".join(out + lacking_out + known_out), "utf-8")
    return 0


def _section_words(parts: list[str], lang: str) -> list[str]:
    """The words of the "@words L" section among the parts written so far."""
    head = f"@words {lang}\n"
    return next(p[len(head) :].split() for p in parts if p.startswith(head))


def _wrap(words: list[str]) -> str:
    return "\n".join(textwrap.wrap(" ".join(words), 92)) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
