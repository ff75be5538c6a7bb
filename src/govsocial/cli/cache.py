"""`govsocial cache`: where govsocial keeps what it derives once per user, and clearing it."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    c = sub.add_parser(
        "cache",
        help="show or clear govsocial's per-user cache",
        description="Show govsocial's per-user cache: py3langid's decompressed model, the "
        "logos' calibrated thresholds and search templates, and the holiday calendars found "
        "valid, kept so that "
        "later runs start sooner. Its folder is "
        "$GOVSOCIAL_CACHE_DIR (off: no cache), else $XDG_CACHE_HOME/govsocial or "
        "~/.cache/govsocial. Removing it is always safe: what it holds is built again "
        "when needed.",
        epilog="examples:\n  govsocial cache\n  govsocial cache --clear\n"
        "  GOVSOCIAL_CACHE_DIR=off govsocial check post.json",
    )
    c.add_argument("--clear", action="store_true", help="remove every entry")
    c.set_defaults(handler=_cache)


def _cache(args: argparse.Namespace) -> int:
    from govsocial.cache import cache_dir, clear, entries

    folder = cache_dir()
    if folder is None:
        sys.stdout.write("the cache is off (GOVSOCIAL_CACHE_DIR)\n")
        return 0
    if args.clear:
        n = clear()
        sys.stdout.write(f"{folder}: {n} {'entry' if n == 1 else 'entries'} removed\n")
        return 0
    found = entries()
    total = sum(e.size for e in found)
    sys.stdout.write(f"{folder}: {len(found)} {'entry' if len(found) == 1 else 'entries'}, ")
    sys.stdout.write(f"{_size(total)}\n")
    for e in found:
        used = dt.datetime.fromtimestamp(e.used).strftime("%Y-%m-%d")
        sys.stdout.write(f"  {e.name:<16} {_size(e.size):>9}  used {used}  {e.path.name}\n")
    return 0


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"
