"""Crisis classification: spikes, sensitive topics, negativity and reach, turned into a level.

Primitives for each signal, and a protocol of levels that turns them into a decision
(docs/crisis.md).

Each signal works on its own: :class:`SpikeDetector` on any count series,
:func:`default_topics` / :class:`TopicSet` on any text, :class:`LexiconNegativity` (or any
:class:`NegativityScorer`) on any mention. :func:`assess` combines them over a window of
mentions under a policy's :class:`CrisisProtocol`.
"""

from __future__ import annotations

from govsocial.crisis.protocol import (
    SIGNALS,
    Assessment,
    Condition,
    CrisisProtocol,
    Level,
    Reason,
    assess,
    policy_from_mapping,
)
from govsocial.crisis.series import Point, parse_duration, read_series, score_series
from govsocial.crisis.signals import (
    LexiconNegativity,
    Mention,
    NegativityScorer,
    Topic,
    TopicSet,
    default_negativity,
    default_topics,
    read_mentions,
)
from govsocial.crisis.spikes import SpikeDetector, SpikeUpdate

__all__ = [
    "SIGNALS",
    "Assessment",
    "Condition",
    "CrisisProtocol",
    "Level",
    "LexiconNegativity",
    "Mention",
    "NegativityScorer",
    "Point",
    "Reason",
    "SpikeDetector",
    "SpikeUpdate",
    "Topic",
    "TopicSet",
    "assess",
    "default_negativity",
    "default_topics",
    "parse_duration",
    "policy_from_mapping",
    "read_mentions",
    "read_series",
    "score_series",
]
