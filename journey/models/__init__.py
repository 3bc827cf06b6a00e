"""The Klantreis as data.

Two layers:
- *identities* (`Phase`, `Actor`, `MindmapNode`): plain rows that persist across journey
  versions, so other apps (the directory's phase tags) and old versions keep resolving them even
  after a rename or retirement;
- *versioned content* (`Journey` and its cluster children): edited as drafts and published
  through Wagtail's revision machinery; every publication is recorded as a `JourneyVersion`
  pointing at the published revision.
"""

from .identities import Actor, Phase

__all__ = ["Actor", "Phase"]
