"""The database backend: SQLite FTS5 or PostgreSQL full text, with zero extra services.

A search is one SQL statement (page, total and all facet counts; see compiler.py), plus one
for "did you mean" suggestions when a text search finds nothing, plus one when the synonym cache
is cold. The vendor-specific parts are class attributes chosen by the connection's vendor.
"""

from __future__ import annotations

import difflib
import logging

from django.db import connections, transaction

from ... import text as textmod
from ...query import FACET_FIELDS, MEMBERS_FACET, DirectoryQuery
from ...synonyms import synonym_map
from ..base import DEFAULT_INDEX, BaseRebuilder, BaseSearchBackend, RebuildReport
from .compiler import (
    KIND_HIT,
    KIND_TOTAL,
    PostgresQueryCompiler,
    SQLiteQueryCompiler,
)
from .functions import ensure_sqlite_functions
from .writer import PostgresDocumentWriter, SQLiteDocumentWriter, vocabulary

logger = logging.getLogger("search")

MAX_SUGGESTIONS = 3


class DatabaseRebuilder(BaseRebuilder):
    """Replace an index's documents in one transaction: readers see the old documents until the
    new ones are complete (PostgreSQL MVCC; SQLite readers until the commit), and a failure
    rolls back to the old ones."""

    def run(self, progress=None) -> RebuildReport:
        backend = self.backend
        count = 0
        terms = None
        with transaction.atomic(using=backend.alias):
            writer = backend.get_writer(self.index.name)
            writer.delete(None)
            for documents in self.index.iter_documents():
                writer.insert(documents)
                batch_terms = vocabulary(documents)
                terms = batch_terms if terms is None else terms + batch_terms
                count += len(documents)
                if progress:
                    progress(len(documents))
            writer.replace_terms(terms or {})
            writer.finish_rebuild()
        return RebuildReport(index=self.index.name, documents=count, seconds=0.0, target="db")


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"
    query_compiler_classes = {"sqlite": SQLiteQueryCompiler, "postgresql": PostgresQueryCompiler}
    writer_classes = {"sqlite": SQLiteDocumentWriter, "postgresql": PostgresDocumentWriter}
    rebuilder_class = DatabaseRebuilder

    def __init__(self, params=None):
        super().__init__(params)
        self.alias = self.params.get("DATABASE", "default")

    @property
    def connection(self):
        return connections[self.alias]

    def _vendor_class(self, classes):
        vendor = self.connection.vendor
        try:
            return classes[vendor]
        except KeyError:
            raise NotImplementedError(
                f"The database search backend supports SQLite and PostgreSQL, not {vendor}."
            ) from None

    def get_compiler(self, query, index_name, text_query):
        return self._vendor_class(self.query_compiler_classes)(query, index_name, text_query)

    def get_writer(self, index_name):
        return self._vendor_class(self.writer_classes)(self.connection, index_name)

    def _cursor(self):
        connection = self.connection
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            ensure_sqlite_functions(connection)
        return connection.cursor()

    # Reading -------------------------------------------------------------------------------
    def compile(self, query: DirectoryQuery, index_name: str = DEFAULT_INDEX):
        """The SQL and params of a search (also what the benchmark runs bare)."""
        text_query = textmod.analyse_query(query.text, synonym_map() if query.text else None)
        return self.get_compiler(query, index_name, text_query), text_query

    def search(self, query: DirectoryQuery, index_name: str = DEFAULT_INDEX):
        compiler, text_query = self.compile(query, index_name)
        sql, params = compiler.compile()
        with self._cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        hits = []
        total = 0
        facets: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        facets[MEMBERS_FACET] = {}
        for kind, value, num, _score, distance, pos in rows:
            if kind == KIND_HIT:
                hits.append((pos, num, distance))
            elif kind == KIND_TOTAL:
                total = num
            elif num:
                facets[kind][value] = num
        hits.sort()
        for name, counts in facets.items():
            facets[name] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        distances = {}
        if query.point is not None and query.sort == "distance":
            distances = {object_id: round(dist, 3) for _, object_id, dist in hits}
        suggestions = []
        if total == 0 and text_query:
            suggestions = self.suggest(text_query.words, index_name)
        return self.results_class(
            ids=[object_id for _, object_id, _ in hits],
            total=total,
            page=query.page,
            page_size=query.page_size,
            facets=facets,
            distances=distances,
            suggestions=suggestions,
            backend=self.name,
        )

    def suggest(self, words: list[str], index_name: str = DEFAULT_INDEX) -> list[str]:
        """Texts to try instead: each unknown word replaced by the closest indexed words."""
        heads = sorted({w[:2] for w in words if len(w) >= 3})
        if not heads:
            return []
        placeholders = ", ".join(["%s"] * len(heads))
        with self._cursor() as cursor:
            cursor.execute(
                "SELECT term, doc_count FROM kksearch_searchterm "  # noqa: S608
                f"WHERE index_name = %s AND head IN ({placeholders})",
                [index_name, *heads],
            )
            vocabulary_counts = dict(cursor.fetchall())
        options: list[list[str]] = []
        changed = False
        for word in words:
            if word in vocabulary_counts or len(word) < 3:
                options.append([word])
                continue
            close = difflib.get_close_matches(word, list(vocabulary_counts), n=5, cutoff=0.75)
            close.sort(
                key=lambda t: (
                    -difflib.SequenceMatcher(None, word, t).ratio(),
                    -vocabulary_counts[t],
                    t,
                )
            )
            if close:
                changed = True
                options.append(close[:MAX_SUGGESTIONS])
            else:
                options.append([word])
        if not changed:
            return []
        suggestions = []
        for i in range(MAX_SUGGESTIONS):
            candidate = " ".join(opts[min(i, len(opts) - 1)] for opts in options)
            if candidate not in suggestions:
                suggestions.append(candidate)
        return suggestions

    def autocomplete(self, text: str, limit: int = 8, index_name: str = DEFAULT_INDEX):
        words = textmod.words(text)
        if not words or len(words[-1]) < textmod.MIN_PREFIX_LENGTH:
            return []
        compiler = self.get_compiler(DirectoryQuery(), index_name, textmod.TextQuery())
        sql, params = compiler.autocomplete_sql(words, max(1, min(limit, 50)))
        with self._cursor() as cursor:
            cursor.execute(sql, params)
            return [(object_id, name) for object_id, name in cursor.fetchall()]

    def count(self, index_name: str = DEFAULT_INDEX) -> int:
        with self._cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM kksearch_searchdocument WHERE index_name = %s", [index_name]
            )
            return cursor.fetchone()[0]

    # Writing -------------------------------------------------------------------------------
    def index_documents(self, index_name, documents, delete_ids=()):
        documents = list(documents)
        with transaction.atomic(using=self.alias):
            writer = self.get_writer(index_name)
            writer.delete([doc.object_id for doc in documents] + list(delete_ids))
            writer.insert(documents)
            writer.add_terms(vocabulary(documents))


SearchBackend = DatabaseSearchBackend
