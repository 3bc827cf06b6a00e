"""The Mindmap as a laid-out graph: positions for the SVG and a tree for the text alternative.

Layout is radial and deterministic (no JavaScript, no layout engine): the newcomer in the
centre, life domains on an inner ring, and what belongs to each domain fanned out around it on
outer rings. The same layout feeds the web page and the A3 PDF, so both show one picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .models import EdgeKind, NodeKind
from .snapshot import EdgeView, NodeView, Snapshot

WIDTH = 1900
HEIGHT = 1344  # A3 proportions (1 : 1.414), so the PDF fills the page
CENTRE = (WIDTH / 2, HEIGHT / 2)
# Rings are ellipses (x radius, y radius) to use the landscape page.
DOMAIN_RADIUS = (330, 235)
CHILD_RADIUS = (560, 420)
CHILD_RING_STEPS = (1.0, 1.14, 1.28)  # staggered so neighbouring labels do not collide
# Fill and stroke per kind, as SVG presentation attributes so that the PDF renderer (which does
# not apply page CSS inside SVG) and browsers draw the same colours.
KIND_COLOURS = {
    NodeKind.DOMAIN: ("#fde9c9", "#a35a00"),
    NodeKind.AGENCY: ("#e3eefb", "#5b6b7a"),
    NodeKind.TRAJECTORY: ("#e2f4e7", "#5b6b7a"),
    NodeKind.SCHEME: ("#f3e6f6", "#5b6b7a"),
}
MAX_RING = 1.6
CHAR_WIDTH = 7.2  # average advance of a 13px sans-serif character, to size label boxes


@dataclass
class PlacedNode:
    node: NodeView
    x: float
    y: float
    anchor: str  # SVG text-anchor: start | middle | end
    width: float
    connections: list[str] = field(default_factory=list)

    @property
    def is_domain(self) -> bool:
        return self.node.kind == NodeKind.DOMAIN

    @property
    def fill(self) -> str:
        return KIND_COLOURS.get(self.node.kind, ("#ffffff", "#5b6b7a"))[0]

    @property
    def stroke(self) -> str:
        return KIND_COLOURS.get(self.node.kind, ("#ffffff", "#5b6b7a"))[1]

    @property
    def box_height(self) -> int:
        return 38 if self.is_domain else 28

    @property
    def box_y(self) -> float:
        return self.y - self.box_height / 2

    @property
    def box_x(self) -> float:
        if self.anchor == "start":
            return self.x - 6
        if self.anchor == "end":
            return self.x - self.width + 6
        return self.x - self.width / 2


@dataclass
class PlacedEdge:
    edge: EdgeView
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class TreeItem:
    node: NodeView
    children: list[TreeItem]
    also_in: list[NodeView]
    links: list[tuple[str, NodeView]]  # (edge kind label, other node)
    is_anchor: bool = True  # only a node's first appearance carries its HTML id


@dataclass
class Mindmap:
    width: int
    height: int
    centre: tuple[float, float]
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    spokes: list[PlacedNode]  # domains, joined to the centre
    tree: list[TreeItem]


def _overlap(a: PlacedNode, b: PlacedNode, margin: float = 4) -> bool:
    return not (
        a.box_x + a.width + margin <= b.box_x
        or b.box_x + b.width + margin <= a.box_x
        or a.box_y + a.box_height + margin <= b.box_y
        or b.box_y + b.box_height + margin <= a.box_y
    )


def _parents(snapshot: Snapshot) -> dict[str, list[str]]:
    """node uuid -> the nodes it belongs to (in edge order)."""
    parents: dict[str, list[str]] = {}
    for edge in snapshot.edges:
        if edge.kind == EdgeKind.BELONGS_TO:
            parents.setdefault(edge.source, []).append(edge.target)
    return parents


def _label_width(node: NodeView) -> float:
    return len(node.label) * CHAR_WIDTH * (1.1 if node.kind == NodeKind.DOMAIN else 1) + 16


def build_mindmap(snapshot: Snapshot) -> Mindmap:
    by_uuid = {n.uuid: n for n in snapshot.nodes}
    parents = _parents(snapshot)
    domains = [n for n in snapshot.nodes if n.kind == NodeKind.DOMAIN]
    domain_ids = {d.uuid for d in domains}
    # Each non-domain node is drawn once, in the fan of the first domain it belongs to.
    fans: dict[str, list[NodeView]] = {d.uuid: [] for d in domains}
    loose: list[NodeView] = []
    for node in snapshot.nodes:
        if node.uuid in domain_ids:
            continue
        home = next((p for p in parents.get(node.uuid, []) if p in domain_ids), None)
        (fans[home] if home else loose).append(node)

    groups = [(d, fans[d.uuid]) for d in domains]
    if loose:
        groups.append((None, loose))
    weights = [max(1, len(children)) for _, children in groups]
    total = sum(weights) or 1
    cx, cy = CENTRE
    placed: dict[str, PlacedNode] = {}
    angle = -math.pi / 2
    ring_counter = 0
    for (domain, children), weight in zip(groups, weights, strict=True):
        sector = 2 * math.pi * weight / total
        mid = angle + sector / 2
        if domain is not None:
            placed[domain.uuid] = PlacedNode(
                node=domain,
                x=cx + DOMAIN_RADIUS[0] * math.cos(mid),
                y=cy + DOMAIN_RADIUS[1] * math.sin(mid),
                anchor="middle",
                width=_label_width(domain),
            )
        for index, child in enumerate(children):
            step = sector / len(children)
            theta = angle + step * (index + 0.5)
            # The ring step runs on across sectors, so neighbours of two domains alternate too.
            factor = CHILD_RING_STEPS[ring_counter % len(CHILD_RING_STEPS)]
            ring_counter += 1
            cos = math.cos(theta)
            anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
            node = PlacedNode(node=child, x=0, y=0, anchor=anchor, width=_label_width(child))
            # Push the label outwards until it no longer overlaps one already placed.
            while True:
                node.x = cx + CHILD_RADIUS[0] * factor * cos
                node.y = cy + CHILD_RADIUS[1] * factor * math.sin(theta)
                if factor >= MAX_RING or not any(_overlap(node, o) for o in placed.values()):
                    break
                factor += 0.04
            placed[child.uuid] = node
        angle += sector

    edges = []
    for edge in snapshot.edges:
        a, b = placed.get(edge.source), placed.get(edge.target)
        if a and b:
            edges.append(PlacedEdge(edge=edge, x1=a.x, y1=a.y, x2=b.x, y2=b.y))
            a.connections.append(edge.target)
            b.connections.append(edge.source)

    ordered = [placed[n.uuid] for n in snapshot.nodes if n.uuid in placed]
    return Mindmap(
        width=WIDTH,
        height=HEIGHT,
        centre=CENTRE,
        nodes=ordered,
        edges=edges,
        spokes=[placed[d.uuid] for d in domains],
        tree=_tree(snapshot, by_uuid, parents, domains, loose),
    )


def _tree(snapshot, by_uuid, parents, domains, loose) -> list[TreeItem]:
    """The nested list: domains with what belongs to them; other links named per item."""
    children_of: dict[str, list[NodeView]] = {}
    for node in snapshot.nodes:
        for parent in parents.get(node.uuid, []):
            children_of.setdefault(parent, []).append(node)

    def links(node: NodeView) -> list[tuple[str, NodeView]]:
        found = []
        for edge in snapshot.edges:
            if edge.kind == EdgeKind.BELONGS_TO:
                continue
            if edge.source == node.uuid and edge.target in by_uuid:
                found.append((edge.kind_label, by_uuid[edge.target]))
        return found

    anchored: set[str] = set()

    def item(node: NodeView, parent: str | None, depth: int) -> TreeItem:
        kids = children_of.get(node.uuid, []) if depth < 3 else []
        is_anchor = node.uuid not in anchored
        anchored.add(node.uuid)
        return TreeItem(
            is_anchor=is_anchor,
            node=node,
            children=[item(k, node.uuid, depth + 1) for k in kids if k.kind != NodeKind.DOMAIN],
            also_in=[
                by_uuid[p] for p in parents.get(node.uuid, []) if p != parent and p in by_uuid
            ],
            links=links(node),
        )

    tree = [item(d, None, 0) for d in domains]
    tree += [item(n, None, 0) for n in loose if not parents.get(n.uuid)]
    return tree
