"""Crisis-classification primitives: volume spikes, sensitive topics, negativity, reach,
and a protocol of levels that turns them into a decision (docs/crisis.md)."""

from __future__ import annotations

from govsocial.crisis.spikes import SpikeDetector, SpikeUpdate

__all__ = ["SpikeDetector", "SpikeUpdate"]
