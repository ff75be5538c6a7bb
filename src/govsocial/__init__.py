"""govsocial: check, adapt and measure what public administrations publish on social media."""

from __future__ import annotations

from govsocial.errors import GovsocialError, InputError, PolicyError, UsageError

__version__ = "0.1.0.dev0"

__all__ = [
    "GovsocialError",
    "InputError",
    "PolicyError",
    "UsageError",
    "__version__",
]
