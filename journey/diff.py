"""What changed between two published versions, for visitors.

Items are matched by their stable identity (UUID), so a renamed phase shows as renamed rather
than as one removed and one added, and a phase that a newer version dropped shows as retired.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .snapshot import Snapshot


@dataclass
class Change:
    kind: str  # added | removed | renamed | moved | changed
    label: str
    old: str = ""
    new: str = ""
    detail: str = ""


@dataclass
class SnapshotDiff:
    phases: list[Change] = field(default_factory=list)
    actors: list[Change] = field(default_factory=list)
    responsibilities: list[Change] = field(default_factory=list)
    mindmap: list[Change] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.phases or self.actors or self.responsibilities or self.mindmap)

    def kinds(self, section: str) -> set[str]:
        return {c.kind for c in getattr(self, section)}


PHASE_TEXT_FIELDS = ("summary", "needs", "questions", "pitfalls", "timing", "legal_basis")


def _phase_changes(before: Snapshot, after: Snapshot) -> list[Change]:
    old = {p.uuid: p for p in before.phases}
    new = {p.uuid: p for p in after.phases}
    changes = []
    # Order only among phases present in both, so an insertion does not count as a move.
    common_old = [u for u in old if u in new]
    common_new = [u for u in new if u in old]
    for phase in after.phases:
        if phase.uuid not in old:
            changes.append(Change("added", phase.title))
            continue
        prev = old[phase.uuid]
        if prev.title != phase.title:
            changes.append(Change("renamed", phase.title, old=prev.title, new=phase.title))
        if common_old.index(phase.uuid) != common_new.index(phase.uuid):
            changes.append(
                Change("moved", phase.title, old=str(prev.position), new=str(phase.position))
            )
        if any(getattr(prev, f) != getattr(phase, f) for f in PHASE_TEXT_FIELDS):
            changes.append(Change("changed", phase.title))
    for phase in before.phases:
        if phase.uuid not in new:
            changes.append(Change("removed", phase.title, old=str(phase.position)))
    return changes


def _actor_changes(before: Snapshot, after: Snapshot) -> list[Change]:
    old = {a.uuid: a for a in before.actors}
    new = {a.uuid: a for a in after.actors}
    changes = []
    for actor in after.actors:
        prev = old.get(actor.uuid)
        if prev is None:
            changes.append(Change("added", actor.name))
        elif prev.name != actor.name:
            changes.append(Change("renamed", actor.name, old=prev.name, new=actor.name))
        elif (prev.description, prev.url) != (actor.description, actor.url):
            changes.append(Change("changed", actor.name))
    changes += [Change("removed", a.name) for a in before.actors if a.uuid not in new]
    return changes


def _responsibility_changes(before: Snapshot, after: Snapshot) -> list[Change]:
    def cells(snapshot):
        titles = {p.uuid: p.title for p in snapshot.phases}
        out = {}
        for r in snapshot.responsibilities:
            key = (r.phase_uuid, r.actor.uuid)
            text = r.description
            if r.hands_over_to:
                text += f" → {r.hands_over_to.name}"
            label = f"{titles.get(r.phase_uuid, '')}: {r.actor.name}"
            prev_label, prev_text = out.get(key, (label, ""))
            out[key] = (label, f"{prev_text}\n{text}".strip())
        return out

    old, new = cells(before), cells(after)
    changes = []
    for key, (label, text) in new.items():
        if key not in old:
            changes.append(Change("added", label, new=text))
        elif old[key][1] != text:
            changes.append(Change("changed", label, old=old[key][1], new=text))
    changes += [
        Change("removed", label, old=text) for key, (label, text) in old.items() if key not in new
    ]
    return changes


def _mindmap_changes(before: Snapshot, after: Snapshot) -> list[Change]:
    old = {n.uuid: n for n in before.nodes}
    new = {n.uuid: n for n in after.nodes}
    changes = []
    for node in after.nodes:
        prev = old.get(node.uuid)
        if prev is None:
            changes.append(Change("added", node.label, detail=node.kind_label))
        elif prev.label != node.label:
            changes.append(Change("renamed", node.label, old=prev.label, new=node.label))
    changes += [Change("removed", n.label) for n in before.nodes if n.uuid not in new]

    def edges(snapshot, nodes):
        return {
            (e.source, e.kind, e.target): f"{nodes[e.source].label} {e.kind_label} "
            f"{nodes[e.target].label}"
            for e in snapshot.edges
        }

    old_edges, new_edges = edges(before, old), edges(after, new)
    changes += [Change("added", t) for k, t in new_edges.items() if k not in old_edges]
    changes += [Change("removed", t) for k, t in old_edges.items() if k not in new_edges]
    return changes


def diff_snapshots(before: Snapshot, after: Snapshot) -> SnapshotDiff:
    return SnapshotDiff(
        phases=_phase_changes(before, after),
        actors=_actor_changes(before, after),
        responsibilities=_responsibility_changes(before, after),
        mindmap=_mindmap_changes(before, after),
    )
