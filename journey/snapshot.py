"""Read a published journey version into plain, immutable view objects.

Public pages, the API, the PDFs and the diff all read a version through `load_snapshot`, which
works on the JSON of the *published revision* (Wagtail's own record of that version). It does
not call `Revision.as_object()`, because modelcluster then checks every child's foreign keys
one query at a time; here each identity table is read once, so a whole version costs a fixed
handful of queries however many phases, actors and nodes it has.

Texts (titles, descriptions) come from the version; slugs and UUIDs come from the stable
identities, so an old version links to the same URLs as today. A retired identity still
resolves: it is read regardless of `is_retired`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from .models import (
    Actor,
    EdgeKind,
    Journey,
    JourneyVersion,
    MindmapNode,
    NodeKind,
    Phase,
)


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class ActorView:
    uuid: str
    slug: str
    name: str
    description: str = ""
    url: str = ""
    is_retired: bool = False


@dataclass(frozen=True)
class ResponsibilityView:
    phase_uuid: str
    actor: ActorView
    description: str
    hands_over_to: ActorView | None = None


@dataclass(frozen=True)
class TouchpointView:
    phase_uuid: str
    title: str
    description: str = ""
    actor: ActorView | None = None


@dataclass
class PhaseView:
    uuid: str
    slug: str
    title: str
    position: int
    summary: str = ""
    needs: str = ""
    questions: str = ""
    pitfalls: str = ""
    timing: str = ""
    legal_basis: str = ""
    is_retired: bool = False
    responsibilities: list[ResponsibilityView] = field(default_factory=list)
    touchpoints: list[TouchpointView] = field(default_factory=list)
    attention_points: list[Link] = field(default_factory=list)
    related_links: list[Link] = field(default_factory=list)

    @property
    def has_details(self) -> bool:
        """Whether the phase says more than its title and summary (for the print's page 2)."""
        return any(
            (self.timing, self.legal_basis, self.needs, self.questions, self.pitfalls)
        ) or bool(self.touchpoints or self.attention_points)

    def responsibilities_of(self, actor_uuid: str) -> list[ResponsibilityView]:
        return [r for r in self.responsibilities if r.actor.uuid == actor_uuid]


@dataclass(frozen=True)
class NodeView:
    uuid: str
    slug: str
    label: str
    kind: str
    description: str = ""
    actor_uuids: tuple[str, ...] = ()
    phase_uuids: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return str(NodeKind(self.kind).label)


@dataclass(frozen=True)
class EdgeView:
    source: str
    target: str
    kind: str

    @property
    def kind_label(self) -> str:
        return str(EdgeKind(self.kind).label)


@dataclass
class Snapshot:
    """One published version of the journey, fully resolved."""

    version_id: int
    number: int
    effective_date: date | None
    change_summary: str
    published_at: datetime
    title: str
    intro: str
    mindmap_title: str
    mindmap_intro: str
    phases: list[PhaseView]
    actors: list[ActorView]
    responsibilities: list[ResponsibilityView]
    touchpoints: list[TouchpointView]
    nodes: list[NodeView]
    edges: list[EdgeView]
    is_latest: bool = False

    def phase(self, slug: str) -> PhaseView | None:
        return next((p for p in self.phases if p.slug == slug), None)

    def actor(self, slug: str) -> ActorView | None:
        return next((a for a in self.actors if a.slug == slug), None)

    def phases_with_details(self) -> list[PhaseView]:
        return [p for p in self.phases if p.has_details]

    def actors_with_responsibilities(self) -> list[ActorView]:
        """The matrix's columns: actors that do something in this version, in list order."""
        used = {r.actor.uuid for r in self.responsibilities}
        return [a for a in self.actors if a.uuid in used]


def _ordered(children: list[dict]) -> list[dict]:
    """Children in their editor-given order (sort_order, then the order they were saved in)."""
    indexed = list(enumerate(children))
    indexed.sort(
        key=lambda pair: (
            pair[1].get("sort_order") is None,
            pair[1].get("sort_order") or 0,
            pair[0],
        )
    )
    return [child for _, child in indexed]


def _page_links(page_ids: set[int]) -> dict[int, Link]:
    """Live pages by id with their current URL (one query; drafts and unpublished are left out)."""
    if not page_ids:
        return {}
    from wagtail.models import Page

    links = {}
    for page in Page.objects.live().public().filter(id__in=page_ids):
        url = page.get_url()
        if url:
            links[page.id] = Link(title=page.title, url=url)
    return links


def build_snapshot(version: JourneyVersion, *, is_latest: bool = False) -> Snapshot:
    """Resolve the version's published revision into view objects."""
    content = version.revision.content
    phase_rows = [c for c in _ordered(content.get("phases", [])) if c.get("phase")]
    actor_rows = [c for c in _ordered(content.get("actors", [])) if c.get("actor")]
    resp_rows = _ordered(content.get("responsibilities", []))
    touch_rows = _ordered(content.get("touchpoints", []))
    node_rows = [c for c in _ordered(content.get("nodes", [])) if c.get("node")]
    edge_rows = _ordered(content.get("edges", []))

    phase_ids = {c["phase"] for c in phase_rows}
    actor_ids = {c["actor"] for c in actor_rows}
    for c in resp_rows:
        actor_ids.update(x for x in (c.get("actor"), c.get("hands_over_to")) if x)
    actor_ids.update(c["actor"] for c in touch_rows if c.get("actor"))
    for c in node_rows:
        actor_ids.update(c.get("actors") or [])
        phase_ids.update(c.get("phases") or [])
    node_ids = {c["node"] for c in node_rows}

    phases_by_id = {p.pk: p for p in Phase.objects.filter(pk__in=phase_ids)}
    actors_by_id = {a.pk: a for a in Actor.objects.filter(pk__in=actor_ids)}
    nodes_by_id = {n.pk: n for n in MindmapNode.objects.filter(pk__in=node_ids)}

    actor_views: dict[int, ActorView] = {}
    for c in actor_rows:
        identity = actors_by_id.get(c["actor"])
        if identity and identity.pk not in actor_views:
            actor_views[identity.pk] = ActorView(
                uuid=str(identity.uuid),
                slug=identity.slug,
                name=c.get("name") or identity.name,
                description=c.get("description") or "",
                url=c.get("url") or "",
                is_retired=identity.is_retired,
            )

    def actor_view(actor_id) -> ActorView | None:
        if actor_id in actor_views:
            return actor_views[actor_id]
        identity = actors_by_id.get(actor_id)
        if identity is None:
            return None
        # Referenced by a responsibility but not listed among this version's actors.
        return ActorView(uuid=str(identity.uuid), slug=identity.slug, name=identity.name)

    attention_rows = _ordered(content.get("attention_points", []))
    related_rows = _ordered(content.get("related_links", []))
    page_ids = {c["page"] for c in attention_rows + related_rows if c.get("page")}
    pages = _page_links(page_ids)

    phase_views: list[PhaseView] = []
    by_phase_id: dict[int, PhaseView] = {}
    for c in phase_rows:
        identity = phases_by_id.get(c["phase"])
        if identity is None or identity.pk in by_phase_id:
            continue
        view = PhaseView(
            uuid=str(identity.uuid),
            slug=identity.slug,
            title=c.get("title") or identity.title,
            position=len(phase_views) + 1,
            summary=c.get("summary") or "",
            needs=c.get("needs") or "",
            questions=c.get("questions") or "",
            pitfalls=c.get("pitfalls") or "",
            timing=c.get("timing") or "",
            legal_basis=c.get("legal_basis") or "",
            is_retired=identity.is_retired,
        )
        phase_views.append(view)
        by_phase_id[identity.pk] = view

    responsibilities = []
    for c in resp_rows:
        phase = by_phase_id.get(c.get("phase"))
        actor = actor_view(c.get("actor"))
        if phase is None or actor is None:
            continue
        item = ResponsibilityView(
            phase_uuid=phase.uuid,
            actor=actor,
            description=c.get("description") or "",
            hands_over_to=actor_view(c.get("hands_over_to")) if c.get("hands_over_to") else None,
        )
        phase.responsibilities.append(item)
        responsibilities.append(item)

    touchpoints = []
    for c in touch_rows:
        phase = by_phase_id.get(c.get("phase"))
        if phase is None:
            continue
        item = TouchpointView(
            phase_uuid=phase.uuid,
            title=c.get("title") or "",
            description=c.get("description") or "",
            actor=actor_view(c.get("actor")) if c.get("actor") else None,
        )
        phase.touchpoints.append(item)
        touchpoints.append(item)

    for c in attention_rows:
        phase = by_phase_id.get(c.get("phase"))
        link = pages.get(c.get("page"))
        if phase and link:
            phase.attention_points.append(link)
    for c in related_rows:
        phase = by_phase_id.get(c.get("phase"))
        if phase is None:
            continue
        page_link = pages.get(c.get("page")) if c.get("page") else None
        url = page_link.url if page_link else (c.get("url") or "")
        if url:
            phase.related_links.append(Link(title=c.get("title") or "", url=url))

    node_views = []
    node_uuid_by_id: dict[int, str] = {}
    for c in node_rows:
        identity = nodes_by_id.get(c["node"])
        if identity is None or identity.pk in node_uuid_by_id:
            continue
        node_uuid_by_id[identity.pk] = str(identity.uuid)
        node_views.append(
            NodeView(
                uuid=str(identity.uuid),
                slug=identity.slug,
                label=c.get("label") or identity.label,
                kind=c.get("kind") or NodeKind.AGENCY,
                description=c.get("description") or "",
                actor_uuids=tuple(
                    str(actors_by_id[a].uuid) for a in c.get("actors") or [] if a in actors_by_id
                ),
                phase_uuids=tuple(
                    str(phases_by_id[p].uuid) for p in c.get("phases") or [] if p in phases_by_id
                ),
            )
        )
    edges = []
    seen_edges = set()
    for c in edge_rows:
        source = node_uuid_by_id.get(c.get("source"))
        target = node_uuid_by_id.get(c.get("target"))
        kind = c.get("kind") or EdgeKind.BELONGS_TO
        if source and target and source != target and (source, target, kind) not in seen_edges:
            seen_edges.add((source, target, kind))
            edges.append(EdgeView(source=source, target=target, kind=kind))

    return Snapshot(
        version_id=version.pk,
        number=version.number,
        effective_date=version.effective_date,
        change_summary=version.change_summary,
        published_at=version.published_at,
        title=content.get("title") or str(_("Klantreis")),
        intro=content.get("intro") or "",
        mindmap_title=content.get("mindmap_title") or "",
        mindmap_intro=content.get("mindmap_intro") or "",
        phases=phase_views,
        actors=list(actor_views.values()),
        responsibilities=responsibilities,
        touchpoints=touchpoints,
        nodes=node_views,
        edges=edges,
        is_latest=is_latest,
    )


def published_versions():
    """Versions the public may read: those of a live journey, newest first."""
    return JourneyVersion.objects.filter(journey__live=True).select_related("revision")


def primary_journey() -> Journey | None:
    """The site's Klantreis: the first live journey that has been published."""
    return (
        Journey.objects.filter(live=True, versions__isnull=False).order_by("pk").distinct().first()
    )


def load_snapshot(number: int | None = None) -> Snapshot | None:
    """The latest published version (or version `number`) of the site's journey, or None."""
    versions = published_versions()
    journey_id = versions.order_by("journey_id").values_list("journey_id", flat=True).first()
    if journey_id is None:
        return None
    versions = versions.filter(journey_id=journey_id).order_by("-number")
    latest = versions.first()
    if number is None or number == latest.number:
        return build_snapshot(latest, is_latest=True)
    version = versions.filter(number=number).first()
    return build_snapshot(version) if version else None
