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
    return "\n".join(p for p in parts if p)


def _scope(field: str, ids: list[int]) -> dict:
    """Filter on `ids`: a range when they are dense (a rebuild batch; a 2,000-item IN list costs
    more to build than the query), an IN list otherwise. Rows outside `ids` that a range lets
    through are dropped in Python."""
    low, high = min(ids), max(ids)
    if high - low + 1 <= 2 * len(ids):
        return {f"{field}__gte": low, f"{field}__lte": high}
    return {f"{field}__in": ids}


class _Parts:
    """One organisation's document as it is gathered, part by part. Both ways of building
    documents (from the database, and from what a bulk writer has just written) add the same
    parts in the same order through these methods, so they give equal documents."""

    __slots__ = ("body", "facets", "keywords", "points")

    def __init__(self):
        self.facets: dict[str, list[str]] = defaultdict(list)
        self.keywords: list[str] = []
        self.body: list[str] = []
        self.points: list[tuple[float, float]] = []

    def coverage(self, slug, name):
        self.facets["municipality"].append(slug)
        self.keywords.append(name)

    def language(self, code):
        self.facets["language"].append(code)

    def location(self, lat, lon, place, muni_slug, muni_name):
        if lat is not None and lon is not None:
            self.points.append((lat, lon))
        if muni_slug:
            self.facets["municipality"].append(muni_slug)
            self.keywords.append(muni_name)
        if place:
            self.keywords.append(place)

    def service(self, name, description, audience):
        self.body.append(_join(name, description, audience))

    def phase(self, slug, title):
        self.facets["phase"].append(slug)
        self.keywords.append(title)

    def theme(self, slug, name):
        self.facets["theme"].append(slug)
        self.keywords.append(name)

    def document(self, pk, name, description, is_member, type_slug, type_name) -> IndexDocument:
        facets = {facet: list(dict.fromkeys(v)) for facet, v in self.facets.items()}
        if type_slug:
            facets["organisation_type"] = [type_slug]
        return IndexDocument(
            object_id=pk,
            name=name,
            body=_join(description, *self.body),
            keywords=list(dict.fromkeys(k for k in [type_name, *self.keywords] if k)),
            facets=facets,
            points=self.points,
            is_member=is_member,
        )


@registry.register
class DirectoryIndex(SearchIndex):
    name = "directory"
    model = "directory.Organisation"
    chunk_size = 2000

    def get_queryset(self):
        return self.get_model().objects.listed()

    def build_documents(self, ids):
        """Documents of the live organisations among ``ids``, read from the database.

        Rows are read in a fixed order (organisation, then the editors' order of locations
        and services, then insertion), so the same data always gives the same document."""
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
        parts = {pk: _Parts() for pk in live_ids}

        coverage = (
            Organisation.municipalities.through.objects.filter(
                **_scope("organisation_id", live_ids)
            )
            .order_by("organisation_id", "pk")
            .values_list("organisation_id", "municipality__slug", "municipality__name")
        )
        for org_id, slug, name in coverage:
            if org_id in parts:
                parts[org_id].coverage(slug, name)

        spoken = (
            Organisation.languages.through.objects.filter(**_scope("organisation_id", live_ids))
            .order_by("organisation_id", "pk")
            .values_list("organisation_id", "language__code")
        )
        for org_id, code in spoken:
            if org_id in parts:
                parts[org_id].language(code)

        locations = (
            Location.objects.filter(**_scope("organisation_id", live_ids))
            .order_by("organisation_id", "sort_order", "pk")
            .values_list(
                "organisation_id",
                "latitude",
                "longitude",
                "place",
                "municipality__slug",
                "municipality__name",
            )
        )
        for org_id, *location in locations:
            if org_id in parts:
                parts[org_id].location(*location)

        services = (
            Service.objects.filter(**_scope("organisation_id", live_ids))
            .order_by("organisation_id", "sort_order", "pk")
            .values_list("pk", "organisation_id", "name", "description", "audience")
        )
        service_order: list[tuple[int, int]] = []  # (service, organisation) in editors' order
        for service_id, org_id, name, description, audience in services:
            if org_id in parts:
                parts[org_id].service(name, description, audience)
                service_order.append((service_id, org_id))

        # What hangs off the services, read by service id (an index range on their own tables,
        # not a join back to the services for each row), then added in the services' order.
        service_ids = sorted(service_id for service_id, _ in service_order)

        def by_service(queryset, id_field: str, *fields) -> dict[int, list[tuple]]:
            found: dict[int, list[tuple]] = defaultdict(list)
            if service_ids:
                rows = (
                    queryset.filter(**_scope(id_field, service_ids))
                    .order_by(id_field, "pk")
                    .values_list(id_field, *fields)
                )
                for service_id, *values in rows:
                    found[service_id].append(values)
            return found

        service_languages = by_service(
            Service.languages.through.objects, "service_id", "language__code"
        )
        phases = by_service(
            ServicePhase.objects, "content_object_id", "tag__phase__slug", "tag__phase__title"
        )
        themes = by_service(ServiceTheme.objects, "content_object_id", "tag__slug", "tag__name")
        for adder, found in (
            (_Parts.language, service_languages),
            (_Parts.phase, phases),
            (_Parts.theme, themes),
        ):
            for service_id, org_id in service_order:
                for values in found.get(service_id, ()):
                    adder(parts[org_id], *values)

        return [parts[row[0]].document(*row) for row in rows]

    def build_documents_from_written(self, written, vocabulary=None) -> list[IndexDocument]:
        """Documents of organisations a bulk writer has just written (``WrittenOrganisation``
        tuples of ``directory.importers.writer``), without reading them back: the same
        documents ``build_documents`` reads from the database (a test compares the two), at a
        fraction of the cost. Only for organisations written live, as the writer writes them.
        Pass one ``DocumentVocabulary`` to calls for consecutive chunks to read the
        vocabularies once."""
        vocabulary = vocabulary or DocumentVocabulary()
        documents = []
        for org in written:
            parts = _Parts()
            for municipality_id in org.municipality_ids:
                parts.coverage(*vocabulary.municipalities[municipality_id])
            for language_id in org.language_ids:
                parts.language(vocabulary.languages[language_id])
            for lat, lon, place, municipality_id in org.locations:
                slug, name = vocabulary.municipalities.get(municipality_id, (None, None))
                parts.location(lat, lon, place, slug, name)
            for service in org.services:
                parts.service(service.name, service.description, service.audience)
            for service in org.services:
                for language_id in service.language_ids:
                    parts.language(vocabulary.languages[language_id])
            for service in org.services:
                for tag_id in service.phase_tag_ids:
                    parts.phase(*vocabulary.phases[tag_id])
            for service in org.services:
                for tag_id in service.theme_tag_ids:
                    parts.theme(*vocabulary.themes[tag_id])
            type_slug, type_name = vocabulary.types.get(org.organisation_type_id, (None, None))
            documents.append(
                parts.document(
                    org.pk, org.name, org.description, org.is_member, type_slug, type_name
                )
            )
        return documents


class DocumentVocabulary:
    """The vocabularies a document names, id to what it says, read once (a query each; all
    of them are short lists next to the organisations that use them)."""

    def __init__(self):
        from taggit.models import Tag

        from directory.models import Language, Municipality, OrganisationType, PhaseTag

        def pairs(queryset, *fields):
            return {pk: (a, b) for pk, a, b in queryset.values_list("pk", *fields)}

        self.municipalities = pairs(Municipality.objects, "slug", "name")
        self.languages = dict(Language.objects.values_list("pk", "code"))
        self.types = pairs(OrganisationType.objects, "slug", "name")
        self.phases = pairs(PhaseTag.objects, "phase__slug", "phase__title")
        self.themes = pairs(Tag.objects, "slug", "name")


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
