"""Opening the command line's input streams: bytes, decoded by the library line by line."""

from __future__ import annotations

import sys
from typing import IO, Any

from govsocial.errors import InputError
from govsocial.files import open_file

__all__ = ["close_input", "open_input"]


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
