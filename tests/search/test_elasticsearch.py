"""The Elasticsearch backend without a cluster: the mapping and request bodies as JSON
(to_dict), response parsing, the rebuild's alias swap against a recording fake client, and the
fallback to the database against a closed loopback port. The same backend runs the shared
contract suite (test_contract.py) whenever ELASTICSEARCH_URL is set.
"""

import logging
import socket

import pytest
from elastic_transport import ConnectionError as TransportConnectionError

from search.backends import load_backend
from search.backends.database.compiler import NAME_TIER, PREFIX_TIER
from search.backends.elasticsearch import BulkError, ElasticsearchSearchBackend
from search.backends.elasticsearch.compiler import ElasticsearchQueryCompiler
from search.backends.elasticsearch.mapping import build_index, document_body
from search.models import Synonym
from search.query import DirectoryQuery
from search.registry import SearchIndex
from search.text import analyse_query

from .fixtures import DOCUMENTS


def body_of(**kwargs):
    query = DirectoryQuery(**kwargs)
    return ElasticsearchQueryCompiler(query, "kk-directory", analyse_query(query.text)).body()


# Mapping -------------------------------------------------------------------------------------
def test_mapping_has_dutch_analysis_synonyms_autocomplete_and_geo():
    definition = build_index("kk-directory-1", "kk-synonyms").to_dict()
    analysis = definition["settings"]["analysis"]
    assert analysis["analyzer"]["kk_dutch"]["filter"] == [
        "lowercase",
        "asciifolding",
        "kk_dutch_stop",
        "kk_dutch_stemmer",
    ]
    # Synonyms only at search time, after stemming, from an updateable synonyms set.
    assert analysis["analyzer"]["kk_dutch_search"]["filter"][-2:] == [
        "kk_dutch_stemmer",
        "kk_synonyms",
    ]
    assert analysis["filter"]["kk_synonyms"] == {
        "type": "synonym_graph",
        "synonyms_set": "kk-synonyms",
        "updateable": True,
    }
    assert analysis["filter"]["kk_dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert analysis["filter"]["kk_autocomplete_ngrams"]["type"] == "edge_ngram"
    properties = definition["mappings"]["properties"]
    assert properties["name"]["analyzer"] == "kk_dutch"
    assert properties["name"]["search_analyzer"] == "kk_dutch_search"
    assert properties["name"]["fields"]["autocomplete"]["analyzer"] == "kk_autocomplete"
    assert properties["locations"] == {"type": "geo_point"}
    for facet in ("phase", "municipality", "organisation_type", "language", "theme"):
        assert properties[facet] == {"type": "keyword"}
    assert definition["mappings"]["dynamic"] == "strict"


def test_document_body_matches_the_mapping():
    source = document_body(DOCUMENTS[0])
    assert source["name_sort"] == "taalcafe de brug"
    assert source["locations"] == [{"lat": 52.3702, "lon": 4.8952}]
    assert source["language"] == ["nl", "ar"]
    assert source["theme"] == ["taal"]
    assert "Taalaanbieder" in source["body"]
    properties = build_index("x", "y").to_dict()["mappings"]["properties"]
    assert set(source) <= set(properties)


# Query bodies --------------------------------------------------------------------------------
def test_facet_filters_are_post_filters_and_each_aggregation_ignores_its_own():
    body = body_of(phases=["wijk"], municipality="utrecht", members_only=True)
    phase = {"terms": {"phase": ["wijk"]}}
    municipality = {"terms": {"municipality": ["utrecht"]}}
    member = {"term": {"is_member": True}}
    assert body["post_filter"] == {"bool": {"filter": [phase, municipality, member]}}
    assert body["aggs"]["phases"]["filter"] == {"bool": {"filter": [municipality, member]}}
    assert body["aggs"]["municipality"]["filter"] == {"bool": {"filter": [phase, member]}}
    assert body["aggs"]["languages"]["filter"] == {
        "bool": {"filter": [phase, municipality, member]}
    }
    assert body["aggs"]["phases"]["aggs"]["values"]["terms"]["field"] == "phase"
    assert body["aggs"]["members_only"]["filter"] == {
        "bool": {"filter": [phase, municipality, member]}
    }
    assert body["track_total_hits"] is True
    assert body["sort"] == [{"name_sort": {"order": "asc"}}, {"object_id": {"order": "asc"}}]


def test_text_every_word_must_match_name_or_body_last_word_as_prefix():
    body = body_of(text="Taalcafé wijk")
    words = body["query"]["bool"]["filter"]
    assert len(words) == 2
    first, last = (clause["bool"]["should"] for clause in words)
    assert first == [
        {"match": {"name": {"query": "taalcafe"}}},
        {"match": {"body": {"query": "taalcafe"}}},
    ]
    assert {"match": {"name.autocomplete": {"query": "wijk"}}} in last
    assert body["sort"][0] == {"_score": {"order": "desc"}}
    assert body["suggest"]["words"]["term"]["field"] == "vocabulary"


def test_relevance_is_the_database_backends_tiers_as_constant_scores():
    """Name match 10, name prefix 5, summed; ties by name: the same order as the database."""
    body = body_of(text="Taalcafé wijk")
    query = body["query"]["bool"]
    assert query["minimum_should_match"] == 0
    name_tier, prefix_tier = (clause["constant_score"] for clause in query["should"])
    assert name_tier["boost"] == NAME_TIER
    assert prefix_tier["boost"] == PREFIX_TIER
    in_name = [clause["bool"]["should"] for clause in name_tier["filter"]["bool"]["filter"]]
    assert in_name == [
        [{"match": {"name": {"query": "taalcafe"}}}],
        [
            {"match": {"name": {"query": "wijk"}}},
            {"match": {"name.autocomplete": {"query": "wijk"}}},
        ],
    ]
    assert prefix_tier["filter"] == {"match": {"name.autocomplete": {"query": "wijk"}}}
    assert body["sort"] == [
        {"_score": {"order": "desc"}},
        {"name_sort": {"order": "asc"}},
        {"object_id": {"order": "asc"}},
    ]
    # A finished word (trailing space) has no prefix tier.
    compiler = ElasticsearchQueryCompiler(
        DirectoryQuery(text="taalcafe"), "kk-directory", analyse_query("taalcafe ")
    )
    finished = compiler.body()["query"]["bool"]["should"]
    assert len(finished) == 1
    assert finished[0]["constant_score"]["boost"] == NAME_TIER


def test_autocomplete_filters_on_the_name_tier_and_scores_only_the_prefix_tier():
    """The database backend's autocomplete order: name-word prefix first, then by name."""
    text = "taalcafe bru"
    compiler = ElasticsearchQueryCompiler(DirectoryQuery(text=text), "", analyse_query(text))
    body = compiler.autocomplete_body(8)
    query = body["query"]["bool"]
    in_name = [clause["bool"]["should"] for clause in query["filter"][0]["bool"]["filter"]]
    assert in_name == [
        [{"match": {"name": {"query": "taalcafe"}}}],
        [
            {"match": {"name": {"query": "bru"}}},
            {"match": {"name.autocomplete": {"query": "bru"}}},
        ],
    ]
    (prefix_tier,) = (clause["constant_score"] for clause in query["should"])
    assert prefix_tier == {
        "filter": {"match": {"name.autocomplete": {"query": "bru"}}},
        "boost": PREFIX_TIER,
    }
    assert body["sort"] == [
        {"_score": {"order": "desc"}},
        {"name_sort": {"order": "asc"}},
        {"object_id": {"order": "asc"}},
    ]
    assert body["_source"] == ["name"]
    assert body["size"] == 8
    # A finished last word: only the name tier, no score.
    finished = ElasticsearchQueryCompiler(
        DirectoryQuery(text=text), "", analyse_query("taalcafe brug ")
    ).autocomplete_body(8)
    assert "should" not in finished["query"]["bool"]


def test_near_is_a_geo_distance_filter_and_distance_sort():
    body = body_of(near_point=(52.09, 5.12), radius_km=5, page=3, page_size=10)
    assert body["query"]["bool"]["filter"] == [
        {
            "geo_distance": {
                "distance": "5.0km",
                "distance_type": "arc",
                "locations": {"lat": 52.09, "lon": 5.12},
            }
        }
    ]
    geo_sort = body["sort"][0]["_geo_distance"]
    assert geo_sort["mode"] == "min" and geo_sort["unit"] == "km"
    assert body["from"] == 20 and body["size"] == 10
    assert "post_filter" not in body


def test_response_parsing():
    query = DirectoryQuery(near_point=(52.09, 5.12), radius_km=5)
    compiler = ElasticsearchQueryCompiler(query, "kk-directory", analyse_query(""))
    response = {
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [{"_id": "3", "sort": [0.5512, "x"]}, {"_id": "4", "sort": [1.2, "y"]}],
        },
        "aggregations": {
            "phases": {"doc_count": 2, "values": {"buckets": [{"key": "wijk", "doc_count": 1}]}},
            "members_only": {"doc_count": 1},
        },
    }
    result = compiler.parse(response, "elasticsearch9")
    assert result.ids == [3, 4]
    assert result.total == 2
    assert result.distances == {3: 0.551, 4: 1.2}
    assert result.facets["phases"] == {"wijk": 1}
    assert result.facets["languages"] == {}
    assert result.facets["members_only"] == {"true": 1}


def test_suggestions_from_the_term_suggester():
    entries = [
        {"text": "taalcaffe", "options": [{"text": "taalcafe"}, {"text": "taalcafes"}]},
        {"text": "utrecht", "options": []},
    ]
    assert ElasticsearchQueryCompiler.parse_suggestions(entries) == [
        "taalcafe utrecht",
        "taalcafes utrecht",
    ]
    assert ElasticsearchQueryCompiler.parse_suggestions([{"text": "x", "options": []}]) == []


# A recording fake client for the write side --------------------------------------------------
class FakeIndices:
    def __init__(self, client):
        self.client = client
        self.aliases = {}  # alias -> set of index names
        self.existing = set()

    def create(self, index, settings, mappings):
        self.client.log.append(("create", index))
        self.existing.add(index)

    def delete(self, index, ignore_unavailable=False):
        self.client.log.append(("delete", index))
        self.existing.discard(index)

    def put_settings(self, index, settings):
        self.client.log.append(("put_settings", index))

    def refresh(self, index):
        self.client.log.append(("refresh", index))

    def get_alias(self, name):
        from elasticsearch import NotFoundError

        if not self.aliases.get(name):
            raise NotFoundError("alias missing", meta=None, body={})
        return {index: {} for index in self.aliases[name]}

    def update_aliases(self, actions):
        self.client.log.append(("update_aliases", actions))
        for action in actions:
            ((kind, spec),) = action.items()
            names = self.aliases.setdefault(spec["alias"], set())
            (names.add if kind == "add" else names.discard)(spec["index"])


class FakeSynonyms:
    def __init__(self, client):
        self.client = client

    def put_synonym(self, id, synonyms_set):
        self.client.log.append(("put_synonym", id, synonyms_set))


class FakeClient:
    def __init__(self, hosts=None, fail_bulk_after=None, **options):
        self.log = []
        self.indices = FakeIndices(self)
        self.synonyms = FakeSynonyms(self)
        self.docs = {}
        self.fail_bulk_after = fail_bulk_after

    def bulk(self, operations, require_alias=False, refresh=False):
        self.log.append(("bulk", len(operations)))
        if self.fail_bulk_after is not None:
            if self.fail_bulk_after == 0:
                from elastic_transport import ConnectionError

                raise ConnectionError("cluster went away")
            self.fail_bulk_after -= 1
        items = []
        pending = iter(operations)
        for action in pending:
            ((kind, meta),) = action.items()
            index = self._resolve(meta["_index"])
            if kind == "index":
                self.docs.setdefault(index, {})[meta["_id"]] = next(pending)
                items.append({"index": {"status": 201}})
            else:
                found = self.docs.get(index, {}).pop(meta["_id"], None)
                status = 200 if found else 404
                error = None if found else {"type": "not_found"}
                items.append({"delete": {"status": status, "error": error}})
        return {"errors": any(i[k].get("error") for i in items for k in i), "items": items}

    def _resolve(self, name):
        names = self.indices.aliases.get(name)
        return next(iter(names)) if names else name

    def count(self, index):
        return {"count": len(self.docs.get(self._resolve(index), {}))}


class FakeBackend(ElasticsearchSearchBackend):
    client_class = FakeClient


class ListIndex(SearchIndex):
    name = "directory"
    model = "kksearch.SearchDocument"  # any model: only its name is used here
    chunk_size = 2

    def __init__(self, documents):
        self.documents = documents

    def count(self):
        return len(self.documents)

    def iter_documents(self, chunk_size=None):
        for i in range(0, len(self.documents), self.chunk_size):
            yield self.documents[i : i + self.chunk_size]

    def build_documents(self, ids):
        return [doc for doc in self.documents if doc.object_id in ids]


@pytest.fixture
def fake():
    return FakeBackend({"URLS": ["http://es.invalid:9200"], "INDEX_PREFIX": "kk"})


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_and_then_moves_the_alias(fake):
    client = fake.client
    client.indices.aliases["kk-directory"] = {"kk-directory-old"}
    client.indices.existing.add("kk-directory-old")
    report = fake.rebuild(ListIndex(DOCUMENTS))
    new = report.target
    assert new.startswith("kk-directory-") and new != "kk-directory-old"
    kinds = [entry[0] for entry in client.log]
    assert kinds.count("bulk") == 3  # 6 documents in batches of 2
    # The alias moves only after every batch, the refresh and the count.
    assert kinds.index("update_aliases") > max(i for i, k in enumerate(kinds) if k == "bulk")
    assert client.indices.aliases["kk-directory"] == {new}
    assert ("delete", "kk-directory-old") in client.log
    assert len(client.docs[new]) == 6
    # The database store was rebuilt alongside: fallback searches see the same documents.
    assert fake.database.search(DirectoryQuery(text="taalcafe")).ids == [1, 4]


@pytest.mark.django_db
def test_failed_rebuild_keeps_the_old_index_serving(fake):
    client = fake.client
    client.indices.aliases["kk-directory"] = {"kk-directory-old"}
    client.fail_bulk_after = 1
    with pytest.raises(TransportConnectionError):
        fake.rebuild(ListIndex(DOCUMENTS))
    assert client.indices.aliases["kk-directory"] == {"kk-directory-old"}
    created = [entry[1] for entry in client.log if entry[0] == "create"]
    assert ("delete", created[0]) in client.log
    assert not any(entry[0] == "update_aliases" for entry in client.log)


@pytest.mark.django_db
def test_reindexing_one_object_is_one_bulk_call(fake):
    fake.client.indices.aliases["kk-directory"] = {"kk-directory-1"}
    index = ListIndex(DOCUMENTS)
    fake.update_objects(index, [1, 99])
    bulks = [entry for entry in fake.client.log if entry[0] == "bulk"]
    assert bulks == [("bulk", 3)]  # index action + source for 1, delete for 99
    assert set(fake.client.docs["kk-directory-1"]) == {"1"}
    # The database store follows too.
    assert fake.database.count() == 1


def test_bulk_refusals_raise(fake):
    fake.client.bulk = lambda **kw: {
        "errors": True,
        "items": [{"index": {"status": 400, "error": {"type": "mapper_parsing_exception"}}}],
    }
    with pytest.raises(BulkError):
        fake.bulk("kk-directory", DOCUMENTS[:1])


@pytest.mark.django_db
def test_synonyms_are_pushed_as_a_synonyms_set(fake):
    Synonym.objects.create(terms="statushouder, vergunninghouder")
    assert fake.sync_synonyms() is True
    (entry,) = [e for e in fake.client.log if e[0] == "put_synonym"]
    assert entry[1] == "kk-synonyms"
    assert entry[2] == [{"id": "group-0", "synonyms": "statushouder, vergunninghouder"}]


# Fallback -----------------------------------------------------------------------------------
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_to_the_database(caplog):
    backend = load_backend(
        {
            "BACKEND": "search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "TIMEOUT": 2,
        }
    )
    backend.database.index_documents("directory", DOCUMENTS)
    with caplog.at_level(logging.WARNING, logger="search"):
        result = backend.search(DirectoryQuery(text="taalcafe"))
    assert result.fallback is True
    assert result.ids == [1, 4]
    assert result.backend == "database"
    assert any("Elasticsearch unavailable" in r.getMessage() for r in caplog.records)
    assert backend.autocomplete("vluch") == [(3, "VluchtelingenWerk Midden-Nederland")]


@pytest.mark.django_db
def test_after_a_failure_elasticsearch_is_not_asked_again_for_a_while(fake):
    fake.database.index_documents("directory", DOCUMENTS)
    calls = []

    def failing_search(**kwargs):
        from elastic_transport import ConnectionTimeout

        calls.append(kwargs)
        raise ConnectionTimeout("timed out")

    fake.client.search = failing_search
    assert fake.search(DirectoryQuery()).fallback is True
    assert fake.search(DirectoryQuery()).fallback is True
    assert len(calls) == 1
