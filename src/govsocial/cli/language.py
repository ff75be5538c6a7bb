"""`govsocial language`: detect the language of a text, or check it against its slot.

    govsocial language "Xa comezaron as obras do paseo" --candidates es,gl
    govsocial language "El lunes abre la biblioteca del barrio" --slot ca

With ``--slot`` the exit code says the verdict: 0 ok or undetermined, 1 mismatch (the
same text would be reported by GS301), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    from govsocial.language import MIN_WORDS, SHORT_LETTERS, SHORT_WORDS

    p = sub.add_parser(
        "language",
        help="detect a text's language, or check that it is in its slot's language",
        description=(
            "Detect the language of TEXT among candidate languages (the model's 139 when "
            "none are given), or with --slot check that TEXT is in that language, as the "
            f"GS301 rule does. Texts under {SHORT_WORDS} words after cleaning are "
            f"undetermined; with {SHORT_WORDS} to {MIN_WORDS - 1} words (and "
            f"{SHORT_LETTERS} letters or more) a mismatch is reported only when the model "
            "is sure (docs/languages.md gives the thresholds)."
        ),
        epilog='examples:\n  govsocial language "Xa comezaron as obras do paseo" --candidates es,gl\n'
        '  govsocial language "El lunes abre la biblioteca del barrio" --slot ca',
    )
    p.add_argument("text", help="the text ('-' reads standard input)")
    p.add_argument(
        "--candidates",
        "-c",
        metavar="LANGS",
        help="comma-separated BCP 47 tags to choose among (with --slot: default es,ca)",
    )
    p.add_argument("--slot", "-s", metavar="LANG", help="check that TEXT is in this language")
    p.add_argument(
        "--detector",
        "-d",
        default="auto",
        help="auto (default), py3langid or langdetect",
    )
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(handler=_language)


def _language(args: argparse.Namespace) -> int:
    from govsocial.cli._input import text_argument
    from govsocial.errors import UsageError
    from govsocial.files import read_stdin
    from govsocial.language import base_tag, check_slot, detect_language, get_detector

    # standard input within max_file_bytes: `yes | govsocial language -` ends with an error
    text = read_stdin() if args.text == "-" else text_argument(args.text)
    cands: list[str] | None = None
    if args.candidates is not None:
        cands = [c.strip() for c in args.candidates.split(",") if c.strip()]
        if not cands:
            raise UsageError("--candidates: expected comma-separated language tags, e.g. es,gl")
        det = get_detector(args.detector)
        for c in cands:
            if not det.supports(base_tag(c)):  # region subtags are ignored, as in checks
                sys.stderr.write(
                    f"govsocial: note: the {det.name} detector has no model for {c!r}\n"
                )
    if args.slot is None:
        guess = detect_language(text, cands, detector=args.detector)
        out: dict[str, Any] = {
            "lang": guess.lang,
            "confidence": round(guess.confidence, 4),
            "words": guess.words,
            "judgeable": guess.judgeable,
            "certainty": guess.certainty,
        }
        code = 0
        line = (
            f"{guess.lang or 'unknown'}  confidence {guess.confidence:.2f}  "
            f"{guess.words} {'word' if guess.words == 1 else 'words'} ({guess.certainty})"
        )
        if not guess.judgeable:
            line += ": too short to judge, shown but not trusted"
    else:
        v = check_slot(text, args.slot, cands, detector=args.detector)
        out = {
            "status": v.status,
            "declared": v.declared,
            "lang": v.guess.lang,
            "confidence": round(v.guess.confidence, 4),
            "words": v.guess.words,
            "certainty": v.certainty,
            "reason": v.reason,
        }
        code = 1 if v.status == "mismatch" else 0
        if v.status == "ok":
            line = f"ok: reads as {v.declared!r} (confidence {v.guess.confidence:.2f})"
        elif v.status == "mismatch":
            line = (
                f"mismatch: the {v.declared!r} text reads as {v.guess.lang!r} "
                f"(confidence {v.guess.confidence:.2f}, {v.certainty})"
            )
        else:
            line = f"undetermined: {v.reason}"
        if v.reason and v.status != "undetermined":
            line += f"; {v.reason}"
    if args.format == "json":
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(line + "\n")
    return code
