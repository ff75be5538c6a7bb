"""Time zones named by users, read one way everywhere.

``zoneinfo.ZoneInfo`` treats its key as a path under the tz database: a name that is a
folder there (``Europe``) raises ``IsADirectoryError``, a very long one ``OSError``, a
data file that is not a zone (``zone.tab``) or a malformed key ``ValueError``, an unknown
one ``ZoneInfoNotFoundError``. Policies, plans, options and data files all name zones, so
they all ask :func:`zone_named`, which turns each of those into ``None`` for the caller
to report with where the name was written.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["ZONE_EXAMPLE", "zone_named"]

#: What an error about a time zone offers as an example.
ZONE_EXAMPLE = "an IANA name such as Europe/Madrid"


def zone_named(name: object) -> ZoneInfo | None:
    """The zone called ``name`` in the IANA database, or ``None`` when there is none."""
    if not isinstance(name, str) or not name or len(name) > 255:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
