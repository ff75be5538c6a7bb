"""The `govsocial` entry point: builds the parser from the command modules and runs one.

Exit codes (same for every subcommand): 0 success / nothing at or above the
failure threshold, 1 findings (or alerts) at or above it, 2 usage error,
unreadable file or invalid policy. When the reader of standard output goes away
(``govsocial rules | head -1``) the command stops quietly with 141, the status a shell
gives a Unix tool stopped by SIGPIPE.

Every public module of :mod:`govsocial.cli` (a name without a leading underscore,
other than this one) is a command module: it defines ``register(subparsers) -> None``
and every parser it adds sets ``handler`` (a callable taking the parsed namespace
and returning the exit code) with ``parser.set_defaults(handler=...)``.  Modules
are found by listing the package, so a new command cannot be forgotten.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from govsocial.errors import GovsocialError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, as a shell reports `yes | head -1`


def command_modules() -> list[str]:
    """The command modules of this package, sorted by name."""
    import govsocial.cli as package

    return sorted(
        f"{package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_") and info.name != "main"
    )


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a one-line message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"govsocial: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """Build the full argument parser (all subcommands)."""
    from govsocial import __version__

    parser = _Parser(
        prog="govsocial",
        description="Check, adapt and measure what public administrations publish on social media.",
    )
    parser.add_argument("--version", action="version", version=f"govsocial {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in command_modules():
        module = importlib.import_module(name)
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
    except BrokenPipeError:  # before OSError, of which it is a kind
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE
    except GovsocialError as exc:
        sys.stderr.write(f"govsocial: error: {exc}\n")
        return EXIT_USAGE
    except OSError as exc:
        sys.stderr.write(f"govsocial: error: {exc.filename or ''}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return code


def _stdout_to_devnull() -> None:
    """Point standard output at the null device, so the output still buffered is dropped
    quietly when Python flushes it on exit (instead of a second broken-pipe complaint)."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
