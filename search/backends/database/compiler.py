"""DirectoryQuery -> SQL, per database vendor.

Two forms, both used:

- `candidates()`: the documents matching the text (all of them, the ones whose name matches,
  the ones with a name word starting with the typed prefix) and the ones near the point with
  their distance. Ids come back comma-joined per tier, one row each, since fetching 60,000 rows
  one by one costs more than matching them. SQLite's search sends it; on PostgreSQL the same
  tiers are evaluated on in-memory postings (postings.py) from the same condition tree
  (`text_condition()`), with `parse_sql()` and `verify_sql()` as the only SQL. The in-memory
  facet bitmaps (memory.py) do the filtering, counting, ordering and paging.
- `compile()`: the reference statement that answers the same search entirely in SQL (facets by
  grouped queries). It is what the backend runs with FACET_MEMORY off, what the benchmark
  times as "bare SQL", and the oracle the tests compare the in-memory answers with.

Relevance is a tier, the same in both forms and on both vendors: the name matches the whole
text (10), a name word starts with the last typed word (5), both (15), only the description
or labels match (0); ties in name order. Cheaper than bm25/ts_rank over tens of thousands of
matches, and predictable for visitors: names first.

The reference statement answers a whole search in one round trip: a materialised `base` of the
documents that match the text and the "near" filter, with one boolean column per active facet
filter; then the page of hits, the total and every facet's counts as rows of a single UNION
ALL. A facet's counts ignore its own filter column and apply all the others ("counts if you
also chose this").

Only the text part and a few type details differ between SQLite (FTS5 over pre-stemmed text)
and PostgreSQL (tsvectors with the `dutch` configuration); they are the methods a vendor
subclass overrides.

SQL text is assembled only from constant fragments, column names of our own and `%s`
placeholders (hence the `noqa: S608`); every value travels as a parameter. The FTS5 and tsquery
expressions are parameters too, built from tokens that match [a-z0-9]+.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import text as textmod
from ...geo import bounding_box
from ...query import FACET_FIELDS, MEMBERS_FACET, DirectoryQuery, Sort
from ...text import TextQuery
from .writer import MEMBER_FACET, TOTAL_FACET

# Relevance tiers: a name match over a name-prefix match over a body match.
NAME_TIER = 10
PREFIX_TIER = 5

KIND_HIT = "hit"
KIND_TOTAL = "total"

# Rows of candidates(): (kind, comma-joined doc ids or one doc id, distance)
CANDIDATES_ALL = 0
CANDIDATES_NAME = 1
CANDIDATES_PREFIX = 2
CANDIDATES_NEAR = 3


# PostgreSQL text conditions (PostgresQueryCompiler.text_condition()).
@dataclass(frozen=True)
class VectorMatch:
    """`column @@ to_tsquery(config, tsquery)`: the `dutch` configuration for the stemmed
    vectors, `simple` (no stemming) for `prefix_vector`, the name's unstemmed words."""

    column: str
    tsquery: str

    @property
    def config(self) -> str:
        return VECTOR_CONFIGS[self.column]


# The text search configuration each vector column was built with (and is queried with).
VECTOR_CONFIGS = {"search_vector": "dutch", "name_vector": "dutch", "prefix_vector": "simple"}


@dataclass(frozen=True)
class Both:
    left: object
    right: object


@dataclass(frozen=True)
class Either:
    left: object
    right: object


class BaseDatabaseQueryCompiler:
    vendor = ""
    float_null = "NULL"
    zero_rank = "0.0"
    name_order = "name_sort"
    # Comma-joined document ids of a group (memory.py reads facets this way too).
    aggregate_ids = "group_concat(document_id)"

    def __init__(self, query: DirectoryQuery, index_name: str, text_query: TextQuery):
        self.query = query
        self.index_name = index_name
        self.text_query = text_query

    # Vendor-specific parts -------------------------------------------------------------
    def match_sql(self, tier: int) -> tuple[str, list]:
        """A query selecting the matching doc ids as `doc_id` for a tier: CANDIDATES_ALL,
        CANDIDATES_NAME (the name matches the whole text) or CANDIDATES_PREFIX."""
        raise NotImplementedError

    def aggregate(self, column: str) -> str:
        raise NotImplementedError

    def text_parts(self) -> tuple[str, list, str, list, str, list]:
        """(FROM, params, extra WHERE, params, rank expression, params) for the text."""
        match, params = self.match_sql(CANDIDATES_ALL)
        rank, rank_params = self.rank_sql()
        from_sql = f"({match}) m JOIN kksearch_searchdocument d ON d.id = m.doc_id"
        return from_sql, params, "", [], rank, rank_params

    def rank_sql(self) -> tuple[str, list]:
        """The tier of document `d`, as SQL."""
        parts, params = [], []
        for tier, weight in ((CANDIDATES_NAME, NAME_TIER), (CANDIDATES_PREFIX, PREFIX_TIER)):
            if tier == CANDIDATES_PREFIX and not self.prefix:
                continue
            match, match_params = self.match_sql(tier)
            parts.append(f"CASE WHEN d.id IN ({match}) THEN {weight} ELSE 0 END")
            params += match_params
        return f"CAST(({' + '.join(parts)}) AS {self.rank_type})", params

    rank_type = "REAL"

    @property
    def prefix(self) -> str | None:
        return self.text_query.groups[-1].prefix if self.text_query else None

    def text_tiers(self) -> list[int]:
        """The tiers a text search asks for (the prefix tier only with a prefix)."""
        return [CANDIDATES_ALL, CANDIDATES_NAME] + ([CANDIDATES_PREFIX] if self.prefix else [])

    def candidates(self, near: bool = True) -> tuple[str, list] | None:
        """The text (and with `near`, the place) part of the search as one statement; None
        if neither is set. The backend matches places in memory; the benchmark and the tests
        time and compare the SQL form."""
        parts, params = [], []
        if self.text_query:
            for tier in self.text_tiers():
                match, match_params = self.match_sql(tier)
                parts.append(
                    f"SELECT {tier} AS kind, {self.aggregate('m.doc_id')} AS ids, "  # noqa: S608
                    f"{self.float_null} AS distance FROM ({match}) m"
                )
                params += match_params
        if near and self.query.point is not None:
            near, near_params = self.near_sql()
            parts.append(
                f"SELECT {CANDIDATES_NEAR}, {self.id_text('document_id')}, distance "  # noqa: S608
                f"FROM ({near}) n"
            )
            params += near_params
        if not parts:
            return None
        return " UNION ALL ".join(parts), params

    def id_text(self, column: str) -> str:
        return f"CAST({column} AS TEXT)"

    def autocomplete_sql(self, limit: int) -> tuple[str, list]:
        """The names of the name tier in relevance order (prefix tier first, then by name):
        what the bitmaps' autocomplete answers, in one statement (FACET_MEMORY off)."""
        match, params = self.match_sql(CANDIDATES_NAME)
        tier, tier_params = "", []
        if self.prefix:  # none when the text ends with a space
            prefix, tier_params = self.match_sql(CANDIDATES_PREFIX)
            tier = f"CASE WHEN d.id IN ({prefix}) THEN 0 ELSE 1 END, "
        sql = (
            f"SELECT d.object_id, d.name FROM ({match}) m "  # noqa: S608
            "JOIN kksearch_searchdocument d ON d.id = m.doc_id WHERE d.index_name = %s "
            f"ORDER BY {tier}d.{self.name_order}, d.object_id LIMIT %s"
        )
        return sql, [*params, self.index_name, *tier_params, limit]

    # Shared ------------------------------------------------------------------------------
    def plain_from(self):
        return "kksearch_searchdocument d", [], "", [], self.zero_rank, []

    def near_sql(self) -> tuple[str, list]:
        """Documents within the radius with their nearest distance: the bounding box on the
        point index first, then the exact great-circle distance."""
        lat, lon = self.query.point
        radius = self.query.radius_km
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
        sql = (
            "SELECT p.document_id AS document_id, MIN(p.dist) AS distance FROM ("
            "SELECT document_id, kk_distance_km(latitude, longitude, %s, %s) AS dist "
            "FROM kksearch_searchpoint WHERE index_name = %s "
            "AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s) p "
            "WHERE p.dist <= %s GROUP BY p.document_id"
        )
        return sql, [lat, lon, self.index_name, min_lat, max_lat, min_lon, max_lon, radius]

    def near_join(self) -> tuple[str, list, str]:
        if self.query.point is None:
            return "", [], self.float_null
        sql, params = self.near_sql()
        return f" JOIN ({sql}) nd ON nd.document_id = d.id", params, "nd.distance"

    def flags(self) -> tuple[list[tuple[str, str, list]], dict[str, str]]:
        """Active filters as (column name, SQL, params), and {query field: column name}."""
        columns = []
        by_field = {}
        for attr, facet in FACET_FIELDS.items():
            value = getattr(self.query, attr)
            values = (value,) if isinstance(value, str) else tuple(value or ())
            if not values:
                continue
            column = f"f_{facet}"
            placeholders = ", ".join(["%s"] * len(values))
            sql = (
                "(d.id IN (SELECT document_id FROM kksearch_searchfacet "  # noqa: S608
                f"WHERE index_name = %s AND facet = %s AND value IN ({placeholders})))"
            )
            columns.append((column, sql, [self.index_name, facet, *values]))
            by_field[attr] = column
        if self.query.members_only:
            by_field[MEMBERS_FACET] = "f_member"
            columns.append(("f_member", "(d.is_member = %s)", [True]))
        return columns, by_field

    def order_by(self) -> str:
        name = f"{self.name_order} ASC, object_id ASC"
        if self.query.sort == Sort.DISTANCE:
            return f"distance ASC, {name}"
        if self.query.sort == Sort.RELEVANCE and self.text_query:
            return f"rank DESC, {name}"
        return name

    @staticmethod
    def _where(columns: list[str], prefix: str = "") -> str:
        return " AND ".join(f"{prefix}{c}" for c in columns) if columns else "1 = 1"

    def order_columns(self) -> str:
        return "object_id, rank, distance, name_sort"

    def compile(self) -> tuple[str, list]:
        """One statement: hits (with their position), total, facet counts.

        Counts come from SearchFacetCount wherever nothing narrows them (no text, no place, no
        other filter); otherwise from the facet rows of the documents in `base`, through an
        IN (subquery) the planner can drive from either side.
        """
        flag_columns, by_field = self.flags()
        all_columns = [name for name, _, _ in flag_columns]
        narrowed = bool(self.text_query) or self.query.point is not None
        order = self.order_by()
        sql: list[str] = []
        params: list = []

        if narrowed or flag_columns:
            parts = self.text_parts() if self.text_query else self.plain_from()
            from_sql, from_params, text_where, where_params, rank, rank_params = parts
            near_sql, near_params, distance = self.near_join()
            select_flags = "".join(f", {fsql} AS {name}" for name, fsql, _ in flag_columns)
            restrict, restrict_params = "", []
            if not narrowed:
                # Only documents that pass at least one filter can count anywhere (a facet
                # ignores one filter at most): let the filters drive instead of a full scan.
                restrict = " AND (" + " OR ".join(fsql for _, fsql, _ in flag_columns) + ")"
                restrict_params = [p for _, _, fparams in flag_columns for p in fparams]
            sql.append(
                "WITH base AS MATERIALIZED (SELECT d.id AS id, d.object_id AS object_id, "  # noqa: S608
                f"d.name_sort AS name_sort, d.is_member AS is_member, {rank} AS rank, "
                f"{distance} AS distance{select_flags} FROM {from_sql}{near_sql} "
                f"WHERE d.index_name = %s{text_where}{restrict}), "
                f"hits AS (SELECT {self.order_columns()} FROM base "
                f"WHERE {self._where(all_columns)} ORDER BY {order} LIMIT %s OFFSET %s) "
            )
            params += rank_params
            params += [p for _, _, fparams in flag_columns for p in fparams]
            params += [*from_params, *near_params, self.index_name, *where_params]
            params += restrict_params
        else:
            # Nothing narrows the listing: page through the name index, no base at all.
            sql.append(
                f"WITH hits AS (SELECT object_id, {self.zero_rank} AS rank, "  # noqa: S608
                f"{self.float_null} AS distance, name_sort FROM kksearch_searchdocument "
                f"WHERE index_name = %s ORDER BY {order} LIMIT %s OFFSET %s) "
            )
            params.append(self.index_name)
        params += [self.query.page_size, self.query.offset]
        sql.append(
            f"SELECT '{KIND_HIT}' AS kind, NULL AS value, object_id AS num, rank AS score, "  # noqa: S608
            f"distance AS distance, ROW_NUMBER() OVER (ORDER BY {order}) AS pos FROM hits"
        )

        def from_counts(kind: str, facet: str, value_filter: str = "") -> None:
            sql.append(
                f" UNION ALL SELECT %s, value, count, NULL, NULL, NULL "  # noqa: S608
                "FROM kksearch_searchfacetcount "
                f"WHERE index_name = %s AND facet = %s AND count > 0{value_filter}"
            )
            params.extend([kind, self.index_name, facet])

        if narrowed or flag_columns:
            sql.append(
                f" UNION ALL SELECT '{KIND_TOTAL}', NULL, COUNT(*), NULL, NULL, NULL "  # noqa: S608
                f"FROM base WHERE {self._where(all_columns)}"
            )
        else:
            from_counts(KIND_TOTAL, TOTAL_FACET)

        for attr, facet in FACET_FIELDS.items():
            others = [c for c in all_columns if c != by_field.get(attr)]
            if not narrowed and not others:
                from_counts(attr, facet)
                continue
            sql.append(
                " UNION ALL SELECT %s, value, COUNT(*), NULL, NULL, NULL "  # noqa: S608
                "FROM kksearch_searchfacet WHERE index_name = %s AND facet = %s AND document_id IN "
                f"(SELECT id FROM base WHERE {self._where(others)}) GROUP BY value"
            )
            params += [attr, self.index_name, facet]
        others = [c for c in all_columns if c != by_field.get(MEMBERS_FACET)]
        if not narrowed and not others:
            from_counts(MEMBERS_FACET, MEMBER_FACET)
        else:
            sql.append(
                " UNION ALL SELECT %s, 'true', COUNT(*), NULL, NULL, NULL FROM base "  # noqa: S608
                f"WHERE {self._where(others)} AND is_member = %s"
            )
            params += [MEMBERS_FACET, True]
        return "".join(sql), params


class SQLiteQueryCompiler(BaseDatabaseQueryCompiler):
    """SQLite: FTS5 table `kksearch_fts` (name, body, prefix) over pre-stemmed folded text."""

    vendor = "sqlite"

    def aggregate(self, column):
        return f"group_concat({column})"

    @staticmethod
    def _phrase(words: tuple[str, ...]) -> str:
        return '"' + " ".join(textmod.stem_words(list(words))) + '"'

    def match_expression(self, columns: str = "{name body}") -> str:
        """Every group must match in `columns`; the last one also as a name-word prefix."""
        groups = []
        for group in self.text_query.groups:
            alternatives = " OR ".join(self._phrase(alt) for alt in group.alternatives)
            expression = f"{columns} : ({alternatives})"
            if group.prefix:
                expression = f'({expression} OR prefix : "{group.prefix}" *)'
            groups.append(expression)
        return " AND ".join(groups)

    def match_sql(self, tier):
        if tier == CANDIDATES_PREFIX:
            expression = f'prefix : "{self.prefix}" *'
        else:
            expression = self.match_expression("name" if tier == CANDIDATES_NAME else "{name body}")
        return "SELECT rowid AS doc_id FROM kksearch_fts WHERE kksearch_fts MATCH %s", [expression]


class PostgresQueryCompiler(BaseDatabaseQueryCompiler):
    """PostgreSQL: `search_vector` (dutch; name weight A, body D), `name_vector` (the name
    only, dutch) and `prefix_vector` (the name's unstemmed words, simple), all GIN indexed."""

    vendor = "postgresql"
    float_null = "CAST(NULL AS DOUBLE PRECISION)"
    zero_rank = "CAST(0 AS DOUBLE PRECISION)"
    rank_type = "DOUBLE PRECISION"
    # Byte order, as SQLite and Elasticsearch's keyword sort compare.
    name_order = 'name_sort COLLATE "C"'

    def aggregate(self, column):
        return f"string_agg(CAST({column} AS TEXT), ',')"

    def tsquery(self) -> str:
        """Every group's alternatives (the prefix is matched apart: `_text_match()`)."""
        groups = []
        for group in self.text_query.groups:
            alternatives = [" <-> ".join(alt) for alt in group.alternatives]
            groups.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(groups)

    def text_condition(self, tier: int):
        """A tier's text condition as a tree of VectorMatch / Both / Either: rendered to SQL by
        `condition_sql()`, evaluated on the in-memory postings by postings.py, so the two
        cannot differ.

        The prefix is matched against the name's unstemmed words (`prefix_vector`, `simple`
        configuration), as SQLite and Elasticsearch do: stemmed, "taal" becomes "tal" and no
        longer starts "taalhuis"."""
        if tier == CANDIDATES_PREFIX:
            return self.prefix_match()
        return self._text_match("name_vector" if tier == CANDIDATES_NAME else "search_vector")

    def prefix_match(self) -> VectorMatch:
        return VectorMatch("prefix_vector", f"{self.prefix}:*")

    def _text_match(self, column: str):
        """Every group in `column`; or all but the last in `column` and the last as a name
        prefix: GIN lookups PostgreSQL ORs together, no weights to recheck."""
        full = self.tsquery()
        if not self.prefix:
            return VectorMatch(column, full)
        head = " & ".join(full.split(" & ")[:-1])
        prefix_match = self.prefix_match()
        if head:
            prefix_match = Both(VectorMatch(column, head), prefix_match)
        return Either(VectorMatch(column, full), prefix_match)

    def condition_sql(self, condition) -> tuple[str, list]:
        if isinstance(condition, VectorMatch):
            config = condition.config  # one of VECTOR_CONFIGS' constants, never user input
            return f"{condition.column} @@ to_tsquery('{config}', %s)", [condition.tsquery]
        left, left_params = self.condition_sql(condition.left)
        right, right_params = self.condition_sql(condition.right)
        operator = "AND" if isinstance(condition, Both) else "OR"
        return f"({left} {operator} {right})", left_params + right_params

    def match_sql(self, tier):
        condition, params = self.condition_sql(self.text_condition(tier))
        return (
            "SELECT id AS doc_id FROM kksearch_searchdocument WHERE index_name = %s AND "  # noqa: S608
            + condition,
            [self.index_name, *params],
        )

    # The in-memory text match (postings.py) ---------------------------------------------
    def tsqueries(self) -> list[tuple[str, str]]:
        """The distinct (configuration, tsquery text) of every tier's condition, in order."""
        found: list[tuple[str, str]] = []

        def walk(condition):
            if isinstance(condition, VectorMatch):
                key = (condition.config, condition.tsquery)
                if key not in found:
                    found.append(key)
            else:
                walk(condition.left)
                walk(condition.right)

        for tier in self.text_tiers():
            walk(self.text_condition(tier))
        return found

    def parse_sql(self, tsqueries: list[tuple[str, str]]) -> tuple[str, list]:
        """One row: how PostgreSQL normalises each tsquery (the `dutch` configuration stems
        and drops its stop words; `simple` only lower-cases), as text for tsquery.py."""
        columns = ", ".join(
            f"CAST(to_tsquery('{config}', %s) AS TEXT)" for config, _text in tsqueries
        )
        return f"SELECT {columns}", [tsquery for _config, tsquery in tsqueries]

    def verify_sql(self, candidates: dict[int, list[int]]) -> tuple[str, list]:
        """Per tier, which of these candidate documents really match (PostgreSQL checks the
        word positions of phrases): rows (tier, comma-joined ids)."""
        parts, params = [], []
        for tier, doc_ids in candidates.items():
            condition, condition_params = self.condition_sql(self.text_condition(tier))
            parts.append(
                f"SELECT {tier} AS kind, {self.aggregate('id')} AS ids "  # noqa: S608
                "FROM kksearch_searchdocument WHERE index_name = %s AND id = ANY(%s) AND "
                + condition
            )
            params += [self.index_name, list(doc_ids), *condition_params]
        return " UNION ALL ".join(parts), params
