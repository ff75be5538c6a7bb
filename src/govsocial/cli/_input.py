"""Opening the command line's input streams: bytes, decoded by the library line by line."""

from __future__ import annotations

import os
import sys
from typing import IO, Any

from govsocial.errors import InputError, UsageError
from govsocial.files import open_file

__all__ = ["close_input", "open_input", "text_argument"]


def open_input(path: str) -> tuple[IO[bytes], str]:
    """(binary stream, name for messages) of `path`, or of standard input for '-'.

    The readers (``read_messages``, ``read_mentions``, ``read_series``) decode each line
    as UTF-8, so a bad byte is an error naming its line rather than a traceback. Close
    it with :func:`close_input` (standard input stays open).
    """
    if path == "-":
        # A replaced stdin (tests, embedding apps) may have no buffer: its text lines do.
        stdin: Any = getattr(sys.stdin, "buffer", None) or sys.stdin
        return stdin, "<stdin>"
    try:
        return open_file(path), path
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=path) from None


def close_input(stream: IO[bytes], source: str) -> None:
    """Close what :func:`open_input` opened (not standard input)."""
    if source != "<stdin>":
        stream.close()


def text_argument(text: str, name: str = "TEXT") -> str:
    """`text` as given on the command line, or an error if its bytes were not UTF-8.

    Python hands such bytes on as lone surrogates (U+DC80 to U+DCFF, its
    ``surrogateescape``): counted or judged as they are, they would give a length and a
    language for text the user never wrote (a Latin-1 terminal's "camión").
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        at = len(os.fsencode(text[: exc.start]))
        raise UsageError(
            f"{name}: not valid UTF-8 (byte {at}); expected UTF-8 text "
            "(set the terminal to UTF-8, or give '-' and the text on standard input)"
        ) from None
    return text
