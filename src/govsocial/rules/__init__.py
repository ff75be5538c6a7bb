"""The rules: a registry of stable codes (``GSnnn``) and one module per family.

GS1xx languages present / allowed / ordered · GS2xx length and characters ·
GS21x hashtags · GS22x mentions · GS23x links · GS24x emoji · GS25x style and terms ·
GS26x media and alt text · GS27x–GS28x images (format, size, shape, alt text beyond
presence) · GS29x brand (logo, palette) · GS3xx real language of each variant ·
GS4xx personal data. GS9xx is left free for an application's own rules (see docs/extending.md).
"""

from govsocial.rules.registry import (
    ENTRY_POINT_GROUP,
    Hit,
    Rule,
    all_rules,
    get_rule,
    register,
    rule,
    select_rules,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Hit",
    "Rule",
    "all_rules",
    "get_rule",
    "register",
    "rule",
    "select_rules",
]
