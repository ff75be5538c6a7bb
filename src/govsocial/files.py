"""Opening the files users name, without waiting forever.

``open(path, "rb")`` on a named pipe that no process writes to (``mkfifo posts/x.json``,
a stray pipe among the posts, a pipe given as media) blocks until one does: forever.
:func:`open_file` is what govsocial opens every user file with.
"""

from __future__ import annotations

import os
from typing import IO

__all__ = ["PIPE_WAIT_SECONDS", "open_file"]

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
