"""Language identification for the bilingual-presence rules (GS301-GS305).

Texts are cleaned first (URLs, @mentions, emoji, the '#' of hashtags and numbers carry no
language), scored by a statistical detector restricted to candidate languages, and the
scores are corrected with function-word and spelling evidence that separates close
languages (Galician *non, unha, xa, polo, coa*; Aranese *eth, era, deth, dera*, imperfects
in *-aue*). Below five words nothing is judged: the answer is "undetermined", never wrong.

Everything here is deterministic, thread-safe and offline; the model loads on first use.
See docs/languages.md for what can and cannot be judged.
"""

from govsocial.language._clean import clean_text
from govsocial.language._detectors import (
    Detector,
    DetectorError,
    LangdetectDetector,
    Py3LangidDetector,
    detector_names,
    get_detector,
    register_detector,
)
from govsocial.language.batch import (
    find_foreign_segments,
    judge_text,
    judge_texts,
    judge_texts_with_words,
)
from govsocial.language.copies import copies_of_words, find_copies
from govsocial.language.segments import Segment
from govsocial.language.verdicts import (
    DEFAULT_CONFUSERS,
    MIN_WORDS,
    SENTENCE_WORDS,
    SHORT_CONFIDENCE,
    SHORT_CONFIDENCE_BY_LANG,
    SHORT_LETTERS,
    SHORT_WORDS,
    LanguageGuess,
    SlotVerdict,
    base_tag,
    check_slot,
    detect_language,
    word_count,
)

__all__ = [
    "DEFAULT_CONFUSERS",
    "MIN_WORDS",
    "SENTENCE_WORDS",
    "SHORT_CONFIDENCE",
    "SHORT_CONFIDENCE_BY_LANG",
    "SHORT_LETTERS",
    "SHORT_WORDS",
    "Detector",
    "DetectorError",
    "LangdetectDetector",
    "LanguageGuess",
    "Py3LangidDetector",
    "Segment",
    "SlotVerdict",
    "base_tag",
    "check_slot",
    "clean_text",
    "copies_of_words",
    "detect_language",
    "detector_names",
    "find_copies",
    "find_foreign_segments",
    "get_detector",
    "judge_text",
    "judge_texts",
    "judge_texts_with_words",
    "register_detector",
    "word_count",
]
