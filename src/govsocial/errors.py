"""Every error govsocial raises on purpose.

Exceptions are for misuse of the library (a bad argument, a policy that does not
validate, input that cannot be read); problems *in* a post are findings, not
exceptions.  Every class is defined here, whichever module raises it, except
FindingsError, which carries a Report and so lives with it in govsocial.findings (this
base layer imports nothing above it).  The tree::

    GovsocialError                 root: catch this to catch everything below
    ├── PolicyError                a policy file or mapping does not validate, or its
    │                              ``extends`` chain is broken (carries `source`, `line`
    │                              and `where`: the file and line that wrote the value)
    ├── InputError                 a post, message or mention cannot be read or does
    │                              not match its schema (carries `source` and `where`)
    ├── UsageError                 a bad argument to a public function (unknown
    │                              network, unknown rule code, unknown convention …)
    ├── DetectorError              a language detector is unknown or its package is
    │                              not installed (govsocial.language)
    ├── FindingsError              a report has findings at or above a level; raised
    │                              only on request, by Report.raise_for_findings
    │                              (defined in govsocial.findings)
    ├── ImageError                 a file given as an image cannot be used: missing,
    │                              empty, not an image, a decompression bomb, corrupt
    │                              (carries `reason` and `source`)
    ├── VideoError                 a file given as a video cannot be used: missing,
    │                              empty, not a video, its index damaged
    │                              (carries `reason` and `source`)
    ├── FetchError                 remote media was refused or could not be fetched
    │                              (carries `reason` and `url`)
    └── MissingExtraError          an optional feature needs packages that are not
                                   installed (names the extra to install)

Every message says *where* (file, line, JSON pointer or key path) and *what was
expected*.
"""

from __future__ import annotations

__all__ = [
    "DetectorError",
    "FetchError",
    "GovsocialError",
    "ImageError",
    "InputError",
    "MissingExtraError",
    "PolicyError",
    "UsageError",
    "VideoError",
]


class GovsocialError(Exception):
    """Root of every error raised by govsocial on purpose."""


class _LocatedError(GovsocialError):
    """An error about a place in some input: a file, a line, a key path."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        where: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.where = where
        self.line = line
        super().__init__(self._render())

    def _render(self) -> str:
        place = []
        if self.source:
            place.append(self.source if self.line is None else f"{self.source}:{self.line}")
        elif self.line is not None:
            place.append(f"line {self.line}")
        if self.where:
            place.append(f"at {self.where}")
        return f"{' '.join(place)}: {self.message}" if place else self.message


class PolicyError(_LocatedError):
    """A policy does not validate; the message names the key path (and line) and what was expected."""


class InputError(_LocatedError):
    """A post, message or mention cannot be read or does not match its schema."""


class UsageError(GovsocialError):
    """A public function was called with an argument it cannot accept."""


class DetectorError(GovsocialError):
    """A detector cannot be loaded (its package is not installed) or is unknown."""


class _MediaFileError(GovsocialError):
    """A media file cannot be used: `reason` (a stable word) and `source` (the file)."""

    def __init__(self, reason: str, message: str, *, source: str | None = None) -> None:
        self.reason = reason
        self.message = message
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ImageError(_MediaFileError):
    """A file given as an image cannot be used.

    `reason` is one of :data:`IMAGE_ERROR_REASONS` (stable, documented in docs/images.md);
    `source` names the file (or ``<bytes>``).
    """


#: Why an image could not be used, as :attr:`ImageError.reason` gives it.
IMAGE_ERROR_REASONS: tuple[str, ...] = (
    "missing",
    "empty",
    "too-large-file",
    "not-an-image",
    "too-many-pixels",
    "corrupt",
)


class VideoError(_MediaFileError):
    """A file given as a video cannot be used.

    `reason` is one of :data:`VIDEO_ERROR_REASONS` (stable, documented in docs/images.md);
    `source` names the file (or ``<bytes>``).
    """


#: Why a video could not be used, as :attr:`VideoError.reason` gives it.
VIDEO_ERROR_REASONS: tuple[str, ...] = (
    "missing",
    "empty",
    "too-large-file",
    "not-a-video",
    "corrupt",
)


class FetchError(GovsocialError):
    """Remote media was refused (private address, too large, wrong type) or could not be fetched."""

    def __init__(self, reason: str, message: str, *, url: str | None = None) -> None:
        self.reason = reason
        self.message = message
        self.url = url
        super().__init__(f"{url}: {message}" if url else message)


class MissingExtraError(GovsocialError):
    """A feature needs an optional extra: the message says what to install."""

    def __init__(self, extra: str, feature: str) -> None:
        self.extra = extra
        super().__init__(f"{feature} needs the {extra!r} extra: pip install 'govsocial[{extra}]'")
