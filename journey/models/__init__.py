"""The Klantreis as data.

Two layers:
- *identities* (`Phase`, `Actor`, `MindmapNode`): plain rows that persist across journey
  versions, so other apps (the directory's phase tags) and old versions keep resolving them even
  after a rename or retirement;
- *versioned content* (`Journey` and its cluster children): edited as drafts and published
  through Wagtail's revision machinery; every publication is recorded as a `JourneyVersion`
  pointing at the published revision.
"""

from .identities import Actor, MindmapNode, Phase
from .journey import (
    EdgeKind,
    Journey,
    JourneyActor,
    JourneyEdge,
    JourneyNode,
    JourneyPhase,
    JourneyVersion,
    NodeKind,
    PhaseAttentionPoint,
    PhaseRelatedLink,
    Responsibility,
    Touchpoint,
)

__all__ = [
    "Actor",
    "EdgeKind",
    "Journey",
    "JourneyActor",
    "JourneyEdge",
    "JourneyNode",
    "JourneyPhase",
    "JourneyVersion",
    "MindmapNode",
    "NodeKind",
    "Phase",
    "PhaseAttentionPoint",
    "PhaseRelatedLink",
    "Responsibility",
    "Touchpoint",
]
