"""Writing command output: UTF-8 whatever the locale, to standard output or a file."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["write_output"]


def write_output(text: str, path: str | None = None) -> None:
    """Write UTF-8 whatever the locale; lone surrogates become backslash escapes such as ``\\ud800``.

    Inside JSON strings that escape is exactly the JSON escape of the same code
    unit, so JSON and SARIF output stay valid and lose nothing.
    """
    data = text.encode("utf-8", "backslashreplace")
    if path:
        Path(path).write_bytes(data)
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (an application embedding the CLI) takes text
        sys.stdout.write(data.decode("utf-8"))
        return
    buffer.write(data)
    buffer.flush()
