"""Opening the files users name and reading standard input, bounded and without waiting
forever.

``open(path, "rb")`` on a named pipe that no process writes to (``mkfifo posts/x.json``,
a stray pipe among the posts, a pipe given as media) blocks until one does: forever.
:func:`open_file` is what govsocial opens every user file with.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from govsocial.errors import GovsocialError, InputError
from govsocial.limits import DEFAULT_LIMITS, Limits, over_limit

__all__ = ["PIPE_WAIT_SECONDS", "decode_utf8", "located_error", "open_file", "read_stdin"]

#: How long a named pipe is waited for when nothing writes to it yet, in seconds.
PIPE_WAIT_SECONDS = 10.0


def open_file(path: str | os.PathLike[str]) -> IO[bytes]:
    """`path` opened to read bytes, as ``open(path, "rb")`` does, but without waiting
    forever: a named pipe (a post file made by ``mkfifo``, a stray one among the posts)
    that no process writes to blocks ``open`` until one does. It is opened without
    waiting, and then given :data:`PIPE_WAIT_SECONDS` for a writer before
    ``TimeoutError``; pipes that are written to (``<(command)``, ``/dev/stdin``) read as
    before. A folder raises ``IsADirectoryError`` here, as ``open`` does."""
    import errno
    import select
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if stat.S_ISFIFO(mode):
            poll = select.poll()
            poll.register(fd, select.POLLIN | select.POLLHUP)
            if not poll.poll(int(PIPE_WAIT_SECONDS * 1000)):
                raise TimeoutError(
                    errno.ETIMEDOUT,
                    f"a named pipe nothing was written to in {PIPE_WAIT_SECONDS:g} s",
                    str(path),
                )
        if not stat.S_ISREG(mode):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_stdin(*, limits: Limits = DEFAULT_LIMITS, stream: IO[str] | None = None) -> str:
    """Standard input (or `stream`) whole, as UTF-8 text, within ``max_file_bytes``."""
    if stream is None:
        stream = sys.stdin
    source = getattr(stream, "buffer", stream)  # a replaced stdin may hold text
    raw = source.read(limits.max_file_bytes + 1)
    if len(raw) > limits.max_file_bytes:
        raise InputError(
            over_limit(
                "max_file_bytes",
                len(raw),
                limits.max_file_bytes,
                f"standard input has more than {limits.max_file_bytes:,} bytes",
            ),
            source="<stdin>",
        )
    return decode_utf8(raw, source="<stdin>") if isinstance(raw, bytes) else str(raw)


def decode_utf8(
    data: bytes, *, source: str, error: type[GovsocialError] = InputError, line: int | None = None
) -> str:
    """`data` as UTF-8 text (a leading BOM dropped); `error` naming the line otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = data[: exc.start].count(b"\n") + (line if line is not None else 1)
        raise located_error(
            error,
            f"not valid UTF-8 (byte {exc.start}); expected UTF-8 text",
            source=source,
            line=at,
        ) from None


def located_error(
    error: type[GovsocialError], message: str, *, source: str, line: int | None = None
) -> GovsocialError:
    """`error` with `message`, naming `source` (and `line`) as the error type allows."""
    from govsocial.errors import _LocatedError

    if issubclass(error, _LocatedError):
        return error(message, source=source, line=line)
    return error(f"{source}: {message}")
