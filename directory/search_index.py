"""The directory's search index: live organisations as search documents.

Registered with the search core (which knows no app). Only live rows are read: with
DraftStateMixin the organisation's row, its locations and services hold the last published
content and drafts live only in revisions, so a draft can never be indexed. Documents are built
with a fixed number of `values_list` queries per batch (no model instances, no N+1), which is
what lets a rebuild run at thousands of organisations per second.

Facet values are public identifiers: phase slugs, municipality slugs, organisation type slugs,
language codes and theme slugs.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.db.models.signals import post_save

from search.documents import IndexDocument
from search.indexing import schedule
from search.registry import SearchIndex, registry


def _join(*parts) -> str:
    return "\n".join([p for p in parts if p])


def _scope(field: str, ids: list[int]) -> dict:
    """Filter on `ids`: a range when they are dense (a rebuild batch; a 2,000-item IN list costs
    more to build than the query), an IN list otherwise. Rows outside `ids` that a range lets
    through are dropped in Python."""
    low, high = min(ids), max(ids)
    if high - low + 1 <= 2 * len(ids):
        return {f"{field}__gte": low, f"{field}__lte": high}
    return {f"{field}__in": ids}


@registry.register
class DirectoryIndex(SearchIndex):
    name = "directory"
    model = "directory.Organisation"
    chunk_size = 2000

    def get_queryset(self):
        return self.get_model().objects.listed()

    def build_documents(self, ids):
        from directory.models import Location, Organisation, Service, ServicePhase, ServiceTheme

        if not ids:
            return []
        wanted = set(ids)
        rows = list(
            self.get_queryset()
            .filter(**_scope("pk", ids))
            .order_by("pk")
            .values_list(
                "pk",
                "name",
                "description",
                "is_member",
                "organisation_type__slug",
                "organisation_type__name",
            )
        )
        rows = [row for row in rows if row[0] in wanted]
        if not rows:
            return []
        live_ids = [row[0] for row in rows]
        live = set(live_ids)

        # One dict per facet and per kind of text (a hot path: no nested defaultdicts).
        municipalities: dict[int, list[str]] = defaultdict(list)
        languages: dict[int, list[str]] = defaultdict(list)
        phases: dict[int, list[str]] = defaultdict(list)
        themes: dict[int, list[str]] = defaultdict(list)
        keywords: dict[int, list[str]] = defaultdict(list)
        body: dict[int, list[str]] = defaultdict(list)
        points: dict[int, list[tuple[float, float]]] = defaultdict(list)

        coverage = Organisation.municipalities.through.objects.filter(
            **_scope("organisation_id", live_ids)
        ).values_list("organisation_id", "municipality__slug", "municipality__name")
        for org_id, slug, name in coverage:
            if org_id in live:
                municipalities[org_id].append(slug)
                keywords[org_id].append(name)

        spoken = Organisation.languages.through.objects.filter(
            **_scope("organisation_id", live_ids)
        ).values_list("organisation_id", "language__code")
        for org_id, code in spoken:
            if org_id in live:
                languages[org_id].append(code)

        locations = Location.objects.filter(**_scope("organisation_id", live_ids)).values_list(
            "organisation_id",
            "latitude",
            "longitude",
            "place",
            "municipality__slug",
            "municipality__name",
        )
        for org_id, lat, lon, place, muni_slug, muni_name in locations:
            if org_id not in live:
                continue
            if lat is not None and lon is not None:
                points[org_id].append((lat, lon))
            if muni_slug:
                municipalities[org_id].append(muni_slug)
                keywords[org_id].append(muni_name)
            if place:
                keywords[org_id].append(place)

        # Services, then what hangs off them by service id (an index range on their own
        # tables, not a join back to the services of the batch for each).
        services = Service.objects.filter(**_scope("organisation_id", live_ids)).values_list(
            "pk", "organisation_id", "name", "description", "audience"
        )
        organisation_of: dict[int, int] = {}
        for pk, org_id, name, description, audience in services:
            if org_id in live:
                organisation_of[pk] = org_id
                body[org_id].append(_join(name, description, audience))
        service_ids = sorted(organisation_of)
        if service_ids:
            service_languages = Service.languages.through.objects.filter(
                **_scope("service_id", service_ids)
            ).values_list("service_id", "language__code")
            for service_id, code in service_languages:
                org_id = organisation_of.get(service_id)
                if org_id is not None:
                    languages[org_id].append(code)

            service_phases = ServicePhase.objects.filter(
                **_scope("content_object_id", service_ids)
            ).values_list("content_object_id", "tag__phase__slug", "tag__phase__title")
            for service_id, slug, title in service_phases:
                org_id = organisation_of.get(service_id)
                if org_id is not None:
                    phases[org_id].append(slug)
                    keywords[org_id].append(title)

            service_themes = ServiceTheme.objects.filter(
                **_scope("content_object_id", service_ids)
            ).values_list("content_object_id", "tag__slug", "tag__name")
            for service_id, slug, name in service_themes:
                org_id = organisation_of.get(service_id)
                if org_id is not None:
                    themes[org_id].append(slug)
                    keywords[org_id].append(name)

        documents = []
        for pk, name, description, is_member, type_slug, type_name in rows:
            doc_facets = {}
            for facet, found in (
                ("municipality", municipalities),
                ("language", languages),
                ("phase", phases),
                ("theme", themes),
            ):
                values = found.get(pk)
                if values:
                    doc_facets[facet] = values if len(values) == 1 else list(dict.fromkeys(values))
            if type_slug:
                doc_facets["organisation_type"] = [type_slug]
            words = keywords.get(pk, [])
            if type_name:
                words = [type_name, *words]
            documents.append(
                IndexDocument(
                    object_id=pk,
                    name=name,
                    body=_join(description, *body.get(pk, ())),
                    keywords=list(dict.fromkeys(k for k in words if k)),
                    facets=doc_facets,
                    points=points.get(pk, []),
                    is_member=is_member,
                )
            )
        return documents


# Vocabulary changes: a renamed phase, type, municipality or language changes the documents of
# the organisations that use it (their keywords and facet values), so those are reindexed.
def _organisations(condition: Q) -> list[int]:
    from directory.models import Organisation

    return list(Organisation.objects.listed().filter(condition).values_list("pk", flat=True))


def _on_phase_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule("directory", _organisations(Q(services__phase_items__tag__phase=instance)))


def _on_type_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule("directory", _organisations(Q(organisation_type=instance)))


def _on_municipality_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        condition = Q(municipalities=instance) | Q(locations__municipality=instance)
        schedule("directory", _organisations(condition))


def _on_language_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        condition = Q(languages=instance) | Q(services__languages=instance)
        schedule("directory", _organisations(condition))


for _sender, _handler in (
    ("journey.Phase", _on_phase_saved),
    ("directory.OrganisationType", _on_type_saved),
    ("directory.Municipality", _on_municipality_saved),
    ("directory.Language", _on_language_saved),
):
    post_save.connect(_handler, sender=_sender, dispatch_uid=f"directory-index-{_sender}")
