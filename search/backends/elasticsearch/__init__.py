"""The Elasticsearch backend (version-independent part; see elasticsearch9.py).

- Each index lives under a versioned name (`<prefix>-directory-<timestamp>`) behind an alias
  (`<prefix>-directory`); searches and updates go through the alias (`require_alias`, so an
  update never creates a stray index). A rebuild fills a new versioned index and moves the alias
  only when it is complete and counted; on failure the new index is deleted and the old one keeps
  serving.
- The database store (search.models) is always written too: it is what the rebuild reads
  documents into alongside, and what searches fall back to when Elasticsearch is unreachable:
  the visitor gets an answer, the log a warning and the result `fallback=True`. After a failure
  Elasticsearch is not asked again for `RETRY_AFTER` seconds, so an outage does not make every
  request wait for a timeout.
- Reindexing one organisation is one bulk request (index and delete operations together).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import UTC, datetime

from django.db import transaction
from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError

from ... import synonyms as synonyms_module
from ... import text as textmod
from ...prefetch import documents_for_rebuild
from ...query import DirectoryQuery
from ..base import DEFAULT_INDEX, BaseRebuilder, BaseSearchBackend, RebuildReport
from ..database import DatabaseSearchBackend
from .compiler import ElasticsearchQueryCompiler
from .mapping import build_index, document_body

logger = logging.getLogger("search")

#: Errors after which a search is answered by the database instead.
FALLBACK_ERRORS = (TransportError, ApiError)


class BulkError(RuntimeError):
    """Elasticsearch refused some operations of a bulk request."""


class RebuildError(RuntimeError):
    pass


class ElasticsearchRebuilder(BaseRebuilder):
    def run(self, progress=None) -> RebuildReport:
        backend = self.backend
        client = backend.client
        index = self.index
        alias = backend.alias_name(index.name)
        new_name = backend.new_index_name(index.name)
        backend.ensure_synonyms_set()
        backend.create_physical_index(new_name, building=True)
        count = 0
        batches = documents_for_rebuild(index, backend.database.alias)  # before the atomic
        try:
            with transaction.atomic(using=backend.database.alias):
                writer = backend.database.get_writer(index.name)
                writer.begin_rebuild()
                terms: Counter = Counter()
                for documents in batches:
                    terms.update(writer.insert(documents))
                    backend.bulk(new_name, documents, require_alias=False, refresh=False)
                    count += len(documents)
                    if progress:
                        progress(len(documents))
                writer.replace_terms(terms)
                writer.finish_rebuild()
                client.indices.put_settings(
                    index=new_name,
                    settings={
                        "index": {"refresh_interval": "1s", "number_of_replicas": backend.replicas}
                    },
                )
                client.indices.refresh(index=new_name)
                indexed = client.count(index=new_name)["count"]
                if indexed != count:
                    raise RebuildError(f"{new_name} holds {indexed} documents, expected {count}")
            old = backend.point_alias(alias, new_name)
        except BaseException:
            client.indices.delete(index=new_name, ignore_unavailable=True)
            raise
        finally:
            batches.close()  # stops the reader thread when the writing failed
        for old_name in old:
            client.indices.delete(index=old_name, ignore_unavailable=True)
        return RebuildReport(index=index.name, documents=count, seconds=0.0, target=new_name)


class ElasticsearchSearchBackend(BaseSearchBackend):
    name = "elasticsearch"
    client_class = None  # set by the per-version module
    query_compiler_class = ElasticsearchQueryCompiler
    rebuilder_class = ElasticsearchRebuilder
    fallback_backend_class = DatabaseSearchBackend

    def __init__(self, params=None):
        super().__init__(params)
        urls = self.params.get("URLS") or []
        if isinstance(urls, str):
            urls = [urls]
        self.urls = list(urls)
        self.prefix = self.params.get("INDEX_PREFIX", "ketenkaart")
        self.timeout = float(self.params.get("TIMEOUT", 5))
        self.retry_after = float(self.params.get("RETRY_AFTER", 30))
        self.replicas = int(self.params.get("REPLICAS", 0))
        self.refresh_writes = bool(self.params.get("REFRESH", False))
        self.client_options = dict(self.params.get("OPTIONS", {}))
        self.database = self.fallback_backend_class(
            {"DATABASE": self.params.get("DATABASE", "default")}
        )
        self._client = None
        self._down_until = 0.0

    # Names -------------------------------------------------------------------------------
    def alias_name(self, index_name: str) -> str:
        return f"{self.prefix}-{index_name}"

    def new_index_name(self, index_name: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias_name(index_name)}-{stamp}"

    @property
    def synonyms_set(self) -> str:
        return f"{self.prefix}-synonyms"

    @property
    def client(self):
        if self._client is None:
            options = {
                "request_timeout": self.timeout,
                "max_retries": 0,
                "retry_on_timeout": False,
                **self.client_options,
            }
            self._client = self.client_class(hosts=self.urls, **options)
        return self._client

    # Reading -----------------------------------------------------------------------------
    def get_compiler(self, query, index_name):
        text_query = textmod.analyse_query(query.text)
        return self.query_compiler_class(query, self.alias_name(index_name), text_query)

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _mark_down(self, exc: Exception, action: str) -> None:
        self._down_until = time.monotonic() + self.retry_after
        logger.warning(
            "Elasticsearch unavailable during %s (%s: %s); answering from the database "
            "for the next %.0f s.",
            action,
            type(exc).__name__,
            exc,
            self.retry_after,
        )

    def search(self, query, index_name: str = DEFAULT_INDEX):
        if self._available():
            compiler = self.get_compiler(query, index_name)
            try:
                response = self.client.search(index=compiler.index, body=compiler.body())
            except FALLBACK_ERRORS as exc:
                self._mark_down(exc, "search")
            else:
                body = response.body if hasattr(response, "body") else response
                return compiler.parse(body, self.name)
        else:
            logger.info("Elasticsearch marked unavailable; searching the database.")
        result = self.database.search(query, index_name)
        result.fallback = True
        return result

    def autocomplete(self, text: str, limit: int = 8, index_name: str = DEFAULT_INDEX):
        words = textmod.words(text)
        if not words or len(words[-1]) < textmod.MIN_PREFIX_LENGTH:
            return []
        if self._available():
            text_query = textmod.analyse_query(text)  # synonyms: the index's search analyzer
            compiler = ElasticsearchQueryCompiler(DirectoryQuery(text=text), "", text_query)
            body = compiler.autocomplete_body(max(1, min(limit, 50)))
            try:
                response = self.client.search(index=self.alias_name(index_name), body=body)
            except FALLBACK_ERRORS as exc:
                self._mark_down(exc, "autocomplete")
            else:
                hits = response["hits"]["hits"]
                return [(int(hit["_id"]), hit["_source"]["name"]) for hit in hits]
        return self.database.autocomplete(text, limit, index_name)

    def count(self, index_name: str = DEFAULT_INDEX) -> int:
        return self.client.count(index=self.alias_name(index_name))["count"]

    # Writing -----------------------------------------------------------------------------
    def bulk(self, target: str, documents, delete_ids=(), require_alias=True, refresh=None):
        """One bulk request with every index and delete operation; raises on refusals."""
        operations: list[dict] = []
        for doc in documents:
            operations.append({"index": {"_index": target, "_id": str(doc.object_id)}})
            operations.append(document_body(doc))
        for pk in delete_ids:
            operations.append({"delete": {"_index": target, "_id": str(pk)}})
        if not operations:
            return None
        refresh = self.refresh_writes if refresh is None else refresh
        response = self.client.bulk(
            operations=operations, require_alias=require_alias, refresh=refresh
        )
        if response.get("errors"):
            failures = [
                item
                for entry in response["items"]
                for action, item in entry.items()
                if item.get("error") and not (action == "delete" and item.get("status") == 404)
            ]
            if failures:
                raise BulkError(f"{len(failures)} bulk operations failed: {failures[:3]}")
        return response

    def index_documents(self, index_name, documents, delete_ids=()):
        documents = list(documents)
        self.database.index_documents(index_name, documents, delete_ids)
        try:
            self.bulk(self.alias_name(index_name), documents, delete_ids)
        except FALLBACK_ERRORS as exc:
            logger.error(
                "Elasticsearch update of %s failed (%s); the database store is up to date, "
                "run rebuild_directory_index once Elasticsearch is back.",
                index_name,
                exc,
            )
            raise

    # Index management --------------------------------------------------------------------
    def ensure_synonyms_set(self) -> None:
        self.client.synonyms.put_synonym(id=self.synonyms_set, synonyms_set=self.synonym_rules())

    @staticmethod
    def synonym_rules() -> list[dict]:
        return [
            {"id": f"group-{i}", "synonyms": ", ".join(group)}
            for i, group in enumerate(synonyms_module.all_groups())
        ]

    def sync_synonyms(self) -> bool:
        try:
            self.ensure_synonyms_set()
        except FALLBACK_ERRORS as exc:
            logger.warning("Could not update Elasticsearch synonyms: %s", exc)
            return False
        return True

    def create_physical_index(self, name: str, building: bool = False) -> None:
        definition = build_index(name, self.synonyms_set, replicas=self.replicas).to_dict()
        settings = definition["settings"]
        if building:
            settings["refresh_interval"] = "-1"
        self.client.indices.create(index=name, settings=settings, mappings=definition["mappings"])

    def point_alias(self, alias: str, new_name: str) -> list[str]:
        """Move the alias to `new_name` in one atomic request; returns the indices it left."""
        try:
            old = list(self.client.indices.get_alias(name=alias).keys())
        except NotFoundError:
            old = []
        actions = [{"remove": {"index": name, "alias": alias}} for name in old if name != new_name]
        actions.append({"add": {"index": new_name, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        return [name for name in old if name != new_name]

    def create_index(self, index_name: str = DEFAULT_INDEX) -> str:
        """An empty index behind the alias (first deployment and tests)."""
        self.ensure_synonyms_set()
        name = self.new_index_name(index_name)
        self.create_physical_index(name)
        for old in self.point_alias(self.alias_name(index_name), name):
            self.client.indices.delete(index=old, ignore_unavailable=True)
        return name

    def drop_index(self, index_name: str = DEFAULT_INDEX) -> None:
        alias = self.alias_name(index_name)
        try:
            names = list(self.client.indices.get_alias(name=alias).keys())
        except NotFoundError:
            return
        for name in names:
            self.client.indices.delete(index=name, ignore_unavailable=True)

    def refresh(self, index_name: str = DEFAULT_INDEX) -> None:
        self.client.indices.refresh(index=self.alias_name(index_name))
