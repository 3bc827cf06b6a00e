"""DirectoryQuery -> one SQL statement, per database vendor.

The statement answers a whole search in one round trip: a materialised `base` of the documents
that match the text and the "near" filter, with one boolean column per active facet filter; then
the page of hits, the total and every facet's counts as rows of a single UNION ALL. A facet's
counts ignore its own filter column and apply all the others ("counts if you also chose this").

Only the text part and a few type details differ between SQLite (FTS5 over pre-stemmed text,
bm25) and PostgreSQL (tsvector with the `dutch` configuration, ts_rank); they are the methods a
vendor subclass overrides.

SQL text is assembled only from constant fragments, column names of our own and `%s`
placeholders (hence the `noqa: S608`); every value travels as a parameter. The FTS5 and tsquery
expressions are parameters too, built from tokens that match [a-z0-9]+.
"""

from __future__ import annotations

from ... import text as textmod
from ...geo import bounding_box
from ...query import FACET_FIELDS, MEMBERS_FACET, DirectoryQuery, Sort
from ...text import TextQuery
from .writer import MEMBER_FACET, TOTAL_FACET

# Relative weight of a match in the name over one in the body, and of a name-prefix match.
NAME_WEIGHT = 10.0
BODY_WEIGHT = 1.0
PREFIX_WEIGHT = 5.0

KIND_HIT = "hit"
KIND_TOTAL = "total"


class BaseDatabaseQueryCompiler:
    vendor = ""
    float_null = "NULL"
    zero_rank = "0.0"
    name_order = "name_sort"

    def __init__(self, query: DirectoryQuery, index_name: str, text_query: TextQuery):
        self.query = query
        self.index_name = index_name
        self.text_query = text_query

    # Vendor-specific parts -------------------------------------------------------------
    def text_parts(self) -> tuple[str, list, str, list, str]:
        """(FROM clause, its params, extra WHERE, its params, rank expression) for the text."""
        raise NotImplementedError

    def autocomplete_sql(self, words: list[str], limit: int) -> tuple[str, list]:
        raise NotImplementedError

    # Shared ------------------------------------------------------------------------------
    def plain_from(self):
        return "kksearch_searchdocument d", [], "", [], self.zero_rank

    def near_join(self) -> tuple[str, list, str]:
        if self.query.point is None:
            return "", [], self.float_null
        lat, lon = self.query.point
        radius = self.query.radius_km
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
        sql = (
            " JOIN (SELECT p.document_id AS document_id, MIN(p.dist) AS distance FROM ("
            "SELECT document_id, kk_distance_km(latitude, longitude, %s, %s) AS dist "
            "FROM kksearch_searchpoint WHERE index_name = %s "
            "AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s) p "
            "WHERE p.dist <= %s GROUP BY p.document_id) nd ON nd.document_id = d.id"
        )
        params = [lat, lon, self.index_name, min_lat, max_lat, min_lon, max_lon, radius]
        return sql, params, "nd.distance"

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
            if self.text_query:
                from_sql, from_params, text_where, where_params, rank = self.text_parts()
            else:
                from_sql, from_params, text_where, where_params, rank = self.plain_from()
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

    @staticmethod
    def _phrase(words: tuple[str, ...]) -> str:
        return '"' + " ".join(textmod.stem_words(list(words))) + '"'

    def match_expression(self) -> str:
        groups = []
        for group in self.text_query.groups:
            alternatives = " OR ".join(self._phrase(alt) for alt in group.alternatives)
            expression = f"{{name body}} : ({alternatives})"
            if group.prefix:
                expression = f'({expression} OR prefix : "{group.prefix}" *)'
            groups.append(expression)
        return " AND ".join(groups)

    def text_parts(self):
        from_sql = "kksearch_fts JOIN kksearch_searchdocument d ON d.id = kksearch_fts.rowid"
        rank = f"-bm25(kksearch_fts, {NAME_WEIGHT}, {BODY_WEIGHT}, {PREFIX_WEIGHT})"
        return from_sql, [], " AND kksearch_fts MATCH %s", [self.match_expression()], rank

    def autocomplete_sql(self, words, limit):
        match = " AND ".join(f'prefix : "{w}" *' for w in words)
        sql = (
            "SELECT d.object_id, d.name FROM kksearch_fts "
            "JOIN kksearch_searchdocument d ON d.id = kksearch_fts.rowid "
            "WHERE kksearch_fts MATCH %s AND d.index_name = %s "
            "ORDER BY bm25(kksearch_fts), d.name_sort, d.object_id LIMIT %s"
        )
        return sql, [match, self.index_name, limit]


class PostgresQueryCompiler(BaseDatabaseQueryCompiler):
    """PostgreSQL: generated `search_vector` (dutch; name weight A, body D), GIN indexed."""

    vendor = "postgresql"
    float_null = "CAST(NULL AS DOUBLE PRECISION)"
    zero_rank = "CAST(0 AS DOUBLE PRECISION)"
    # Byte order, as SQLite and Elasticsearch's keyword sort compare.
    name_order = 'name_sort COLLATE "C"'

    def tsquery(self) -> str:
        groups = []
        for group in self.text_query.groups:
            alternatives = [" <-> ".join(alt) for alt in group.alternatives]
            if group.prefix:
                alternatives.append(f"{group.prefix}:*A")
            groups.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(groups)

    def text_parts(self):
        from_sql = "kksearch_searchdocument d CROSS JOIN to_tsquery('dutch', %s) AS tsq"
        # Weights {D, C, B, A}: a body match counts a tenth of a name match.
        rank = (
            f"CAST(ts_rank(CAST('{{{BODY_WEIGHT / NAME_WEIGHT}, 0.2, 0.5, 1.0}}' AS real[]), "
            "d.search_vector, tsq) AS DOUBLE PRECISION)"
        )
        return from_sql, [self.tsquery()], " AND d.search_vector @@ tsq", [], rank

    def autocomplete_sql(self, words, limit):
        tsquery = " & ".join(f"{w}:*A" for w in words)
        sql = (
            "SELECT d.object_id, d.name FROM kksearch_searchdocument d "
            "CROSS JOIN to_tsquery('dutch', %s) AS tsq "
            "WHERE d.index_name = %s AND d.search_vector @@ tsq "
            'ORDER BY ts_rank(d.search_vector, tsq) DESC, d.name_sort COLLATE "C", d.object_id '
            "LIMIT %s"
        )
        return sql, [tsquery, self.index_name, limit]
