"""The denormalised document an index hands to a backend: the only shape backends know.

An app's index turns its live objects into `IndexDocument`s; the backends store them (the
database backend in its own tables, Elasticsearch as JSON) and never import the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IndexDocument:
    """One searchable object.

    - `object_id`: the object's primary key (what `SearchResult.ids` returns).
    - `name`: ranked above everything else and used for autocomplete and sorting.
    - `body`: longer text (description, services).
    - `keywords`: short labels that should be findable as text (types, phases, themes, places).
    - `facets`: {facet name: [values]} with the names of `search.query.FACET_FIELDS`.
    - `points`: (latitude, longitude) of each location, for "near" and distance sorting.
    """

    object_id: int
    name: str
    body: str = ""
    keywords: list[str] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)
    points: list[tuple[float, float]] = field(default_factory=list)
    is_member: bool = False

    def facet_pairs(self) -> list[tuple[str, str]]:
        """(facet, value) pairs without duplicates, for the facet table (a hot path of a
        rebuild: a list built with C-level dedupe, not a generator)."""
        pairs = []
        for facet, values in self.facets.items():
            if len(values) == 1 and isinstance(values, list | tuple):  # most: nothing to dedupe
                value = values[0]
                if value:
                    pairs.append((facet, str(value)[:100]))
            else:
                pairs += [(facet, str(value)[:100]) for value in dict.fromkeys(values) if value]
        return pairs
