"""The command line: ``govsocial COMMAND``, one module per command, over the public API."""

from __future__ import annotations

from govsocial.cli.main import (
    EXIT_BROKEN_PIPE,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    build_parser,
    main,
)

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]
