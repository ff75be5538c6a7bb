"""govsocial: check, adapt and measure what public administrations publish on social media.

The public API, importable from here; ``import govsocial`` is light (no Pillow,
httpx, langdetect or language model is imported until used)::

    import govsocial
    policy = govsocial.load_policy("examples/policies/ajuntament-ca-es.yaml")
    report = govsocial.check(govsocial.Post.from_dict(data), policy)
    for finding in report.findings: ...
    govsocial.render(post, "x", policy)   # [Rendition…]: the thread to publish on X
    govsocial.responsiveness(messages, "meta").response_rate
    govsocial.detect_language("Xa comezaron as obras", ["es", "gl"])  # LanguageGuess
    govsocial.inspect_image("cartell.jpg").width   # needs govsocial[images]
    govsocial.inspect_video("reel.mp4").duration   # pure Python, no extra

A text's length as a network counts it (the emoji weighs 2 and the link 23 on X):

>>> import govsocial
>>> govsocial.count("Bon dia! 👋 https://vilanova.cat", "x")
35
"""

from __future__ import annotations

from govsocial._schemas import shipped_schema
from govsocial._version import __version__
from govsocial.check import check, check_many
from govsocial.errors import (
    FetchError,
    GovsocialError,
    ImageError,
    InputError,
    MissingExtraError,
    PolicyError,
    UsageError,
    VideoError,
)
from govsocial.findings import Finding, FindingsError, Report, Severity
from govsocial.formatting import Rendition, check_rendition, render
from govsocial.imaging import (
    ImageInfo,
    LogoMatch,
    VideoInfo,
    inspect_image,
    inspect_video,
    locate_logo,
)
from govsocial.language import (
    Detector,
    LanguageGuess,
    SlotVerdict,
    check_slot,
    detect_language,
)
from govsocial.limits import Limits
from govsocial.model import Media, Post
from govsocial.networks.counting import count
from govsocial.networks.spec import NETWORK_IDS, NetworkSpec, get_network
from govsocial.policy import Policy, load_policy
from govsocial.responsiveness import BusinessCalendar, ResponsivenessReport, responsiveness
from govsocial.rules.registry import Rule, all_rules, get_rule

__all__ = [
    "BusinessCalendar",
    "Detector",
    "FetchError",
    "Finding",
    "FindingsError",
    "GovsocialError",
    "ImageError",
    "ImageInfo",
    "InputError",
    "LanguageGuess",
    "Limits",
    "LogoMatch",
    "Media",
    "MissingExtraError",
    "NETWORK_IDS",
    "NetworkSpec",
    "Policy",
    "PolicyError",
    "Post",
    "Rendition",
    "Report",
    "ResponsivenessReport",
    "Rule",
    "Severity",
    "SlotVerdict",
    "UsageError",
    "VideoError",
    "VideoInfo",
    "__version__",
    "all_rules",
    "check",
    "check_many",
    "check_rendition",
    "check_slot",
    "count",
    "detect_language",
    "get_network",
    "get_rule",
    "inspect_image",
    "inspect_video",
    "load_policy",
    "locate_logo",
    "render",
    "responsiveness",
    "shipped_schema",
]
