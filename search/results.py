"""What every backend returns: ids in order plus what a listing needs around them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class SearchResult:
    """One page of a directory search.

    - `ids`: primary keys of the matching objects, in result order (hydrate with `hydrate`).
    - `total`: number of matches over all pages.
    - `facets`: {query field: {value: count}} where each count is "how many results if you also
      chose this value": a filter's own selection is ignored when counting its values, all other
      filters apply. `members_only` reports {"true": number of members}.
    - `distances`: {id: km} to the nearest location, when sorting by distance.
    - `suggestions`: other texts to try, when nothing matched a text search.
    - `fallback`: True when the configured backend was unreachable and the database answered.
    """

    ids: list[int]
    total: int
    page: int = 1
    page_size: int = 20
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    distances: dict[int, float] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    fallback: bool = False
    backend: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def hydrate(self, queryset) -> list:
        """The objects of this page, in result order, in one query (add your prefetches to the
        queryset first). Ids whose object has gone since indexing are skipped."""
        if not self.ids:
            return []
        by_id = {obj.pk: obj for obj in queryset.filter(pk__in=self.ids)}
        return [by_id[pk] for pk in self.ids if pk in by_id]
