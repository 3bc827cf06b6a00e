"""DirectoryQuery -> an Elasticsearch request body (DSL), and the response -> SearchResult.

Facet semantics ("counts if you also chose this"): text and "near" go in the query, so they
narrow everything; facet filters go in `post_filter`, so they narrow the hits but not the
aggregations; each facet's aggregation is wrapped in a `filter` aggregation with all the other
facet filters, so it ignores only its own.
"""

from __future__ import annotations

from elasticsearch.dsl import Q, Search

from ...query import FACET_FIELDS, MEMBERS_FACET, DirectoryQuery, Sort
from ...results import SearchResult
from ...text import TextQuery

# The database backend's relevance tiers (database/compiler.py NAME_TIER, PREFIX_TIER).
NAME_BOOST = 10.0
PREFIX_BOOST = 5.0
FACET_SIZE = 1000
FACET_AGG = "values"


class ElasticsearchQueryCompiler:
    def __init__(self, query: DirectoryQuery, index: str, text_query: TextQuery):
        self.query = query
        self.index = index
        self.text_query = text_query

    def _word_matches(self, group, fields) -> Q:
        """One typed word (its synonyms come from the search analyzer) in any of `fields`, or,
        for the last word, a name word starting with it."""
        word = " ".join(group.alternatives[0])
        should = [Q("match", **{field: {"query": word}}) for field in fields]
        if group.prefix:
            should.append(Q("match", **{"name.autocomplete": {"query": group.prefix}}))
        return Q("bool", should=should, minimum_should_match=1)

    def text_clause(self) -> list:
        """Filters (no scoring): every word must match the name or the body."""
        return [self._word_matches(group, ("name", "body")) for group in self.text_query.groups]

    def tier_clauses(self) -> list:
        """The relevance tiers of the database backend, as constant scores: every word matches
        the name (NAME_BOOST), a name word starts with the last typed word (PREFIX_BOOST). The
        score of a hit is the sum, so hits sort by tier and then by name on every backend
        (predictable for visitors; no BM25 term statistics that differ per shard or index)."""
        tiers = [Q("constant_score", filter=self.name_match(), boost=NAME_BOOST)]
        prefix = self.text_query.groups[-1].prefix
        if prefix:
            tiers.append(
                Q(
                    "constant_score",
                    filter=Q("match", **{"name.autocomplete": {"query": prefix}}),
                    boost=PREFIX_BOOST,
                )
            )
        return tiers

    def name_match(self) -> Q:
        """Every typed word matches the name (the last one also as a name-word prefix)."""
        return Q("bool", filter=[self._word_matches(g, ("name",)) for g in self.text_query.groups])

    def near_filter(self):
        if self.query.point is None:
            return None
        lat, lon = self.query.point
        return Q(
            "geo_distance",
            distance=f"{self.query.radius_km}km",
            distance_type="arc",
            locations={"lat": lat, "lon": lon},
        )

    def facet_filters(self) -> dict[str, Q]:
        """{query field: filter} for the active facet filters."""
        filters = {}
        for attr, facet in FACET_FIELDS.items():
            value = getattr(self.query, attr)
            values = [value] if isinstance(value, str) else list(value or ())
            if values:
                filters[attr] = Q("terms", **{facet: values})
        if self.query.members_only:
            filters[MEMBERS_FACET] = Q("term", is_member=True)
        return filters

    def sort(self) -> list:
        by_name = [{"name_sort": {"order": "asc"}}, {"object_id": {"order": "asc"}}]
        if self.query.sort == Sort.DISTANCE and self.query.point is not None:
            lat, lon = self.query.point
            return [
                {
                    "_geo_distance": {
                        "locations": {"lat": lat, "lon": lon},
                        "order": "asc",
                        "unit": "km",
                        "mode": "min",
                        "distance_type": "arc",
                    }
                },
                *by_name,
            ]
        if self.query.sort == Sort.RELEVANCE and self.text_query:
            return [{"_score": {"order": "desc"}}, *by_name]
        return by_name

    def search(self, using=None) -> Search:
        search = Search(using=using, index=self.index)
        near = self.near_filter()
        query_filter = [near] if near else []
        if self.text_query:
            search = search.query(
                Q(
                    "bool",
                    filter=[*self.text_clause(), *query_filter],
                    should=self.tier_clauses(),
                    minimum_should_match=0,
                )
            )
        else:
            search = search.query(Q("bool", must=[Q("match_all")], filter=query_filter))
        filters = self.facet_filters()
        if filters:
            search = search.post_filter(Q("bool", filter=list(filters.values())))
        for attr, facet in FACET_FIELDS.items():
            others = [f for name, f in filters.items() if name != attr]
            search.aggs.bucket(attr, "filter", filter=Q("bool", filter=others)).bucket(
                FACET_AGG, "terms", field=facet, size=FACET_SIZE
            )
        others = [f for name, f in filters.items() if name != MEMBERS_FACET]
        search.aggs.bucket(
            MEMBERS_FACET, "filter", filter=Q("bool", filter=[*others, Q("term", is_member=True)])
        )
        if self.text_query:
            search = search.suggest(
                "words",
                " ".join(self.text_query.words),
                term={"field": "vocabulary", "suggest_mode": "missing", "size": 3},
            )
        search = search.sort(*self.sort()).source(False)
        search = search.extra(track_total_hits=True)
        start = self.query.offset
        return search[start : start + self.query.page_size]

    def body(self) -> dict:
        return self.search().to_dict()

    def autocomplete_body(self, limit: int) -> dict:
        """Names for autocomplete, as the database backend gives them: the name tier (every
        word in the name, the last one also as the start of a name word, on the edge-ngram
        sub-field) as a filter, the prefix tier as the only score, then by name."""
        prefix_tier = self.tier_clauses()[1:]
        query = Q(
            "bool", filter=[self.name_match()], **({"should": prefix_tier} if prefix_tier else {})
        )
        return {
            "query": query.to_dict(),
            "sort": [
                {"_score": {"order": "desc"}},
                {"name_sort": {"order": "asc"}},
                {"object_id": {"order": "asc"}},
            ],
            "_source": ["name"],
            "size": limit,
        }

    # Response -----------------------------------------------------------------------------
    def parse(self, response: dict, backend_name: str) -> SearchResult:
        hits = response["hits"]["hits"]
        ids = [int(hit["_id"]) for hit in hits]
        total = response["hits"]["total"]["value"]
        aggs = response.get("aggregations", {})
        facets = {}
        for attr in FACET_FIELDS:
            buckets = aggs.get(attr, {}).get(FACET_AGG, {}).get("buckets", [])
            counts = {b["key"]: b["doc_count"] for b in buckets if b["doc_count"]}
            facets[attr] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        members = aggs.get(MEMBERS_FACET, {}).get("doc_count", 0)
        facets[MEMBERS_FACET] = {"true": members} if members else {}
        distances = {}
        if self.query.sort == Sort.DISTANCE and self.query.point is not None:
            distances = {int(hit["_id"]): round(hit["sort"][0], 3) for hit in hits}
        suggestions = []
        if total == 0 and self.text_query:
            suggestions = self.parse_suggestions(response.get("suggest", {}).get("words", []))
        return SearchResult(
            ids=ids,
            total=total,
            page=self.query.page,
            page_size=self.query.page_size,
            facets=facets,
            distances=distances,
            suggestions=suggestions,
            backend=backend_name,
        )

    @staticmethod
    def parse_suggestions(entries: list[dict], limit: int = 3) -> list[str]:
        options = [[o["text"] for o in e.get("options", [])] or [e["text"]] for e in entries]
        if not any(e.get("options") for e in entries):
            return []
        suggestions = []
        for i in range(limit):
            candidate = " ".join(opts[min(i, len(opts) - 1)] for opts in options)
            if candidate not in suggestions:
                suggestions.append(candidate)
        return suggestions
