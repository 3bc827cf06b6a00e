"""A plain database listing with the search interface's shape, used until ``search`` lands.

Same names as the search package (``DirectoryQuery``, ``QueryError``, ``get_backend``) so that
``directory.public.search`` swaps to the real interface by changing one import line. It does
the filtering the public listing needs with the ORM; facet counts are left to the real backend.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class QueryError(ValueError):
    def __init__(self, errors):
        self.errors = {k: [str(m) for m in v] for k, v in errors.items()}
        super().__init__(str(self.errors))


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    phases: tuple = ()
    municipality: str | None = None
    near_postcode: str | None = None
    near_point: tuple | None = None
    radius_km: float | None = None
    organisation_types: tuple = ()
    languages: tuple = ()
    themes: tuple = ()
    members_only: bool = False
    sort: str | None = None
    page: int = 1
    page_size: int = 20
    point: tuple | None = field(default=None, compare=False)

    def __post_init__(self):
        errors = {}
        if self.near_postcode:
            from directory.models import PostcodeArea
            from directory.validators import pc4_of

            area = PostcodeArea.objects.filter(pc4=pc4_of(self.near_postcode)).first()
            if area is None:
                errors["near_postcode"] = [_("Deze postcode kennen we niet.")]
            else:
                object.__setattr__(self, "point", (area.latitude, area.longitude))
                if self.radius_km is None:
                    object.__setattr__(self, "radius_km", 10.0)
        if not 1 <= self.page_size <= 100:
            errors["page_size"] = [_("Kies een getal van 1 tot en met 100.")]
        if errors:
            raise QueryError(errors)


@dataclass
class SearchResult:
    ids: list
    total: int
    page: int = 1
    page_size: int = 20
    facets: dict = field(default_factory=dict)
    distances: dict = field(default_factory=dict)
    suggestions: list = field(default_factory=list)
    fallback: bool = False
    backend: str = "orm"

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1

    def hydrate(self, queryset):
        by_id = {obj.pk: obj for obj in queryset.filter(pk__in=self.ids)}
        return [by_id[pk] for pk in self.ids if pk in by_id]


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


class OrmBackend:
    def search(self, query: DirectoryQuery) -> SearchResult:  # noqa: C901
        from directory.models import Location, Organisation

        qs = Organisation.objects.listed()
        if query.text:
            qs = qs.filter(
                Q(name__icontains=query.text)
                | Q(description__icontains=query.text)
                | Q(services__name__icontains=query.text)
            )
        if query.phases:
            qs = qs.filter(services__phase_items__tag__phase__slug__in=query.phases)
        if query.municipality:
            qs = qs.filter(
                Q(municipalities__slug=query.municipality)
                | Q(locations__municipality__slug=query.municipality)
            )
        if query.organisation_types:
            qs = qs.filter(organisation_type__slug__in=query.organisation_types)
        if query.languages:
            qs = qs.filter(languages__code__in=query.languages)
        if query.themes:
            qs = qs.filter(services__theme_items__tag__slug__in=query.themes)
        if query.members_only:
            qs = qs.filter(is_member=True)
        ids = list(qs.order_by("name", "pk").values_list("pk", flat=True).distinct())
        ids = list(dict.fromkeys(ids))
        distances = {}
        if query.point:
            lat, lon = query.point
            nearest = {}
            for org_id, la, lo in Location.objects.filter(
                organisation_id__in=ids, latitude__isnull=False
            ).values_list("organisation_id", "latitude", "longitude"):
                d = _km(lat, lon, la, lo)
                nearest[org_id] = min(d, nearest.get(org_id, d))
            ids = [i for i in ids if nearest.get(i, math.inf) <= query.radius_km]
            if query.sort in (None, "distance"):
                ids.sort(key=lambda i: nearest[i])
            distances = {i: round(nearest[i], 1) for i in ids}
        start = (query.page - 1) * query.page_size
        page_ids = ids[start : start + query.page_size]
        return SearchResult(
            ids=page_ids,
            total=len(ids),
            page=query.page,
            page_size=query.page_size,
            distances={i: distances[i] for i in page_ids if i in distances},
        )


def get_backend():
    return OrmBackend()
