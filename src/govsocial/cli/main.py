"""The `govsocial` entry point: builds the parser from the command modules and runs one.

Exit codes (same for every subcommand): 0 success / nothing at or above the
failure threshold, 1 findings (or alerts) at or above it, 2 usage error,
unreadable file, invalid policy, input over a limit - or an internal error, which
says it is a bug: a crash must never read as "findings" in CI.  Every failure is
one line on standard error, ``govsocial: error: ...``, at most
:data:`MAX_ERROR_CHARS` characters. When the reader of standard output goes away
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
import copy
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from typing import Any

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


class HelpFormatter(argparse.HelpFormatter):
    """Help that shows every default and keeps example blocks as written.

    An option whose default is a value (not None or False) gets ``(default: X)``
    unless its help already speaks of the default.  In descriptions and epilogs,
    paragraphs whose lines are indented (command examples) are kept line by line;
    the others are wrapped as usual.
    """

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            default not in (None, False, argparse.SUPPRESS)
            and "default" not in text.lower()
            and action.option_strings
        ):
            text += " (default: %(default)s)"
        return text

    def _format_action(self, action: argparse.Action) -> str:
        if action.help is None and action.option_strings:
            shown = self._get_help_string(action)
            if shown:
                action = copy.copy(action)
                action.help = shown.strip()
        return super()._format_action(action)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for paragraph in text.strip("\n").split("\n\n"):
            lines = paragraph.splitlines()
            if any(line.startswith(" ") for line in lines[1:]) or lines[0].endswith(":"):
                out.append("\n".join(indent + line for line in lines))
            else:
                out.append(super()._fill_text(" ".join(lines), width, indent))
        return "\n\n".join(out)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a one-line message on usage errors, and
    formats help with :class:`HelpFormatter` (subcommands' parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise SystemExit(_fail(f"{message} (`{self.prog} --help` shows the usage)"))


def build_parser() -> argparse.ArgumentParser:
    """Build the full argument parser (all subcommands)."""
    from govsocial import __version__

    parser = _Parser(
        prog="govsocial",
        description="Check, adapt and measure what public administrations publish on social media.",
        epilog="examples:\n  govsocial check\n  govsocial rule GS201\n  govsocial schema policy\n\n"
        "`govsocial COMMAND --help` shows each command's options, defaults and examples.",
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
        return _fail(str(exc))
    except OSError as exc:
        # an error with no file (ENOSPC writing to standard output, > /dev/full) says so
        where = exc.filename if exc.filename is not None else "standard input or output"
        return _fail(f"{where}: {exc.strerror or exc}")
    except UnicodeError as exc:
        return _fail(f"cannot decode the input: {exc}; expected UTF-8 text")
    except RecursionError:
        return _fail("the input is nested too deeply; expected at most 64 levels")
    except MemoryError:
        return _fail("out of memory reading the input; see `limits` in the policy")
    except KeyboardInterrupt:
        return _fail("interrupted")
    except Exception as exc:  # the one place every other failure ends up
        name = type(exc).__name__
        return _fail(
            f"internal error ({name}: {str(exc)[:200]}); this is a bug in govsocial, please report it "
            "to the govsocial maintainers with the command line and the input that caused it"
        )
    return code


#: The longest error line written to standard error (the rest is cut, marked with "…").
MAX_ERROR_CHARS = 500


def report_error(message: str) -> None:
    """Write one line `govsocial: error: message` to standard error, cut to MAX_ERROR_CHARS."""
    line = " ".join(message.split())
    if len(line) > MAX_ERROR_CHARS:
        line = line[: MAX_ERROR_CHARS - 1] + "\u2026"
    sys.stderr.write(f"govsocial: error: {line}\n")


def _fail(message: str) -> int:
    """Report `message` (:func:`report_error`) and return the exit code 2."""
    report_error(message)
    return EXIT_USAGE


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
