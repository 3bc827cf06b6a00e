"""The Klantreis as JSON for other sites: versions, phases, actors, tasks and the Mindmap.

Mounted by `cms/api.py` under `/api/v1/journey`. Every endpoint reads a *published* version
(the latest by default, or `?version=<number>`), through the same snapshot the pages use, so
a draft never leaves the admin. Public identifiers are UUIDs and slugs.
"""

from datetime import date, datetime
from uuid import UUID

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from .snapshot import Snapshot, load_snapshot, published_versions

router = Router(tags=["klantreis"])


class VersionSchema(Schema):
    number: int
    effective_date: date | None
    change_summary: str
    published_at: datetime
    is_latest: bool


class ActorRefSchema(Schema):
    id: UUID
    slug: str
    name: str


class ActorSchema(ActorRefSchema):
    description: str
    url: str
    is_retired: bool


class ResponsibilitySchema(Schema):
    phase_id: UUID
    actor: ActorRefSchema
    description: str
    hands_over_to: ActorRefSchema | None


class TouchpointSchema(Schema):
    title: str
    description: str
    actor: ActorRefSchema | None


class LinkSchema(Schema):
    title: str
    url: str


class PhaseSchema(Schema):
    id: UUID
    slug: str
    position: int
    title: str
    summary: str
    needs: str
    questions: str
    pitfalls: str
    timing: str
    legal_basis: str
    is_retired: bool
    touchpoints: list[TouchpointSchema]
    attention_points: list[LinkSchema]
    related_links: list[LinkSchema]


class NodeSchema(Schema):
    id: UUID
    slug: str
    label: str
    kind: str
    description: str
    actor_ids: list[UUID]
    phase_ids: list[UUID]


class EdgeSchema(Schema):
    source: UUID
    target: UUID
    kind: str


class MindmapSchema(Schema):
    version: int
    title: str
    nodes: list[NodeSchema]
    edges: list[EdgeSchema]


class JourneySchema(Schema):
    version: VersionSchema
    title: str
    intro: str
    phases: list[PhaseSchema]
    actors: list[ActorSchema]
    responsibilities: list[ResponsibilitySchema]
    mindmap: MindmapSchema


class VersionFilter(Schema):
    version: int | None = None


class ResponsibilityFilter(VersionFilter):
    phase: str | None = None
    actor: str | None = None


def _snapshot(number: int | None) -> Snapshot:
    snapshot = load_snapshot(number)
    if snapshot is None:
        raise Http404("Deze versie van de klantreis bestaat niet.")
    return snapshot


def _actor_ref(actor):
    return None if actor is None else {"id": actor.uuid, "slug": actor.slug, "name": actor.name}


def _version(s: Snapshot) -> dict:
    return {
        "number": s.number,
        "effective_date": s.effective_date,
        "change_summary": s.change_summary,
        "published_at": s.published_at,
        "is_latest": s.is_latest,
    }


def _phases(s: Snapshot) -> list[dict]:
    return [
        {
            "id": p.uuid,
            "slug": p.slug,
            "position": p.position,
            "title": p.title,
            "summary": p.summary,
            "needs": p.needs,
            "questions": p.questions,
            "pitfalls": p.pitfalls,
            "timing": p.timing,
            "legal_basis": p.legal_basis,
            "is_retired": p.is_retired,
            "touchpoints": [
                {"title": t.title, "description": t.description, "actor": _actor_ref(t.actor)}
                for t in p.touchpoints
            ],
            "attention_points": [vars(link) for link in p.attention_points],
            "related_links": [vars(link) for link in p.related_links],
        }
        for p in s.phases
    ]


def _actors(s: Snapshot) -> list[dict]:
    return [
        {
            "id": a.uuid,
            "slug": a.slug,
            "name": a.name,
            "description": a.description,
            "url": a.url,
            "is_retired": a.is_retired,
        }
        for a in s.actors
    ]


def _responsibilities(s: Snapshot, phase: str | None = None, actor: str | None = None):
    phase_uuid = None
    if phase:
        match = s.phase(phase)
        if match is None:
            raise HttpError(404, "Deze fase komt in deze versie niet voor.")
        phase_uuid = match.uuid
    return [
        {
            "phase_id": r.phase_uuid,
            "actor": _actor_ref(r.actor),
            "description": r.description,
            "hands_over_to": _actor_ref(r.hands_over_to),
        }
        for r in s.responsibilities
        if (phase_uuid is None or r.phase_uuid == phase_uuid)
        and (not actor or r.actor.slug == actor)
    ]


def _mindmap(s: Snapshot) -> dict:
    return {
        "version": s.number,
        "title": s.mindmap_title,
        "nodes": [
            {
                "id": n.uuid,
                "slug": n.slug,
                "label": n.label,
                "kind": n.kind,
                "description": n.description,
                "actor_ids": list(n.actor_uuids),
                "phase_ids": list(n.phase_uuids),
            }
            for n in s.nodes
        ],
        "edges": [{"source": e.source, "target": e.target, "kind": e.kind} for e in s.edges],
    }


@router.get("/versions", response=list[VersionSchema], summary="Gepubliceerde versies")
def list_versions(request):
    versions = list(published_versions().order_by("-number"))
    latest = versions[0].number if versions else None
    return [
        {
            "number": v.number,
            "effective_date": v.effective_date,
            "change_summary": v.change_summary,
            "published_at": v.published_at,
            "is_latest": v.number == latest,
        }
        for v in versions
    ]


@router.get(
    "/versions/{number}", response=JourneySchema, summary="De volledige klantreis van één versie"
)
def get_version(request, number: int):
    s = _snapshot(number)
    return {
        "version": _version(s),
        "title": s.title,
        "intro": s.intro,
        "phases": _phases(s),
        "actors": _actors(s),
        "responsibilities": _responsibilities(s),
        "mindmap": _mindmap(s),
    }


@router.get("/phases", response=list[PhaseSchema], summary="Fasen, in volgorde")
def list_phases(request, filters: Query[VersionFilter]):
    return _phases(_snapshot(filters.version))


@router.get("/actors", response=list[ActorSchema], summary="Partijen (actoren)")
def list_actors(request, filters: Query[VersionFilter]):
    return _actors(_snapshot(filters.version))


@router.get(
    "/responsibilities",
    response=list[ResponsibilitySchema],
    summary="Wie doet wat, wanneer (filter op fase- of partij-slug)",
)
def list_responsibilities(request, filters: Query[ResponsibilityFilter]):
    return _responsibilities(_snapshot(filters.version), filters.phase, filters.actor)


@router.get("/mindmap", response=MindmapSchema, summary="De mindmap als graaf")
def get_mindmap(request, filters: Query[VersionFilter]):
    return _mindmap(_snapshot(filters.version))
