"""The in-memory facet bitmaps (search/backends/database/memory.py): they give the same answers
as the all-SQL reference, and they keep up with writes made by other processes, rolled-back
transactions and rebuilds, because they follow the change log rather than this process."""

import random

import pytest
from django.db import connection, transaction

from search.backends import load_backend
from search.backends.database.memory import FacetMemory, memories
from search.documents import IndexDocument
from search.models import SearchChange
from search.query import DirectoryQuery
from search.registry import SearchIndex

pytestmark = pytest.mark.django_db

PHASES = ["aankomst", "vergunning", "intake", "inburgering", "werk", "wijk"]
PLACES = ["amsterdam", "utrecht", "rotterdam", "zwolle"]
LANGS = ["nl", "en", "ar", "ti", "fa"]
WORDS = ["taalcafe", "huiswerk", "vrijwilligers", "spreekuur", "wijk", "werk", "buddy"]
POINTS = [(52.37, 4.89), (52.09, 5.12), (51.92, 4.48), (52.51, 6.09)]


def random_documents(n, seed=7):
    rng = random.Random(seed)
    documents = []
    for i in range(n):
        place = rng.randrange(len(PLACES))
        lat, lon = POINTS[place]
        documents.append(
            IndexDocument(
                object_id=1000 + i,
                name=f"{rng.choice(WORDS).title()} {rng.choice(['Noord', 'Zuid', 'Oost'])} {i}",
                body=" ".join(rng.choices(WORDS, k=5)),
                facets={
                    "phase": rng.sample(PHASES, rng.randint(0, 3)),
                    "municipality": [PLACES[place]],
                    "organisation_type": [rng.choice(["sociaalwerk", "gemeente", "taal"])],
                    "language": rng.sample(LANGS, rng.randint(1, 3)),
                    "theme": rng.sample(["taal", "werk", "sport"], rng.randint(0, 2)),
                },
                points=[(lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05))],
                is_member=rng.random() < 0.3,
            )
        )
    return documents


def random_queries(n, seed=11):
    rng = random.Random(seed)
    queries = []
    for _ in range(n):
        params = {"page": rng.choice([1, 1, 2, 3]), "page_size": rng.choice([5, 20])}
        if rng.random() < 0.5:
            params["text"] = " ".join(rng.sample(WORDS, rng.randint(1, 2)))
            if rng.random() < 0.3:
                params["text"] = params["text"][:-2]  # a prefix still being typed
        if rng.random() < 0.5:
            params["phases"] = rng.sample(PHASES, rng.randint(1, 2))
        if rng.random() < 0.3:
            params["municipality"] = rng.choice(PLACES)
        if rng.random() < 0.3:
            params["languages"] = rng.sample(LANGS, 1)
        if rng.random() < 0.2:
            params["members_only"] = True
        if rng.random() < 0.3:
            params["near_point"] = rng.choice(POINTS)
            params["radius_km"] = rng.choice([3, 10, 80])
        if rng.random() < 0.3:
            sorts = ["name", "relevance"] + (["distance"] if "near_point" in params else [])
            params["sort"] = rng.choice(sorts)
        queries.append(DirectoryQuery(**params))
    return queries


def test_bitmaps_answer_exactly_like_the_grouped_sql():
    memory_backend = load_backend("database")
    sql_backend = load_backend("database", FACET_MEMORY=False)
    memory_backend.index_documents("directory", random_documents(300))
    compared = 0
    for query in random_queries(150):
        expected = sql_backend.search(query)
        got = memory_backend.search(query)
        assert got.total == expected.total, query
        assert got.ids == expected.ids, query
        assert got.facets == expected.facets, query
        assert got.distances == pytest.approx(expected.distances), query
        compared += bool(expected.total)
    assert compared > 50  # most random queries found something: the comparison means something


def fresh_memory():
    """What another process would hold: its own FacetMemory, synced from the database."""
    memory = FacetMemory("directory")
    sync(memory)
    return memory


def sync(memory):
    with connection.cursor() as cursor:
        memory.sync(
            cursor,
            "group_concat(document_id)"
            if connection.vendor == "sqlite"
            else "string_agg(CAST(document_id AS TEXT), ',')",
        )


def test_another_process_catches_up_by_patching_not_reloading():
    backend = load_backend("database")
    documents = random_documents(40)
    backend.index_documents("directory", documents)
    other = fresh_memory()
    assert other.reloads == 1
    assert len(other.all) == 40

    renamed = IndexDocument(
        object_id=1003, name="Aaa Eerste", facets={"phase": ["wijk"], "language": ["nl"]}
    )
    backend.index_documents("directory", [renamed], delete_ids=[1004])
    sync(other)
    assert other.reloads == 1  # patched from the log, not reloaded
    assert len(other.all) == 39
    assert other.object_of[other.name_order[0]] == 1003
    assert (
        other.counts("phase", other.all)["wijk"]
        == sum("wijk" in d.facets["phase"] for d in documents if d.object_id not in (1003, 1004))
        + 1
    )
    assert 1004 not in other.doc_of


def test_a_rolled_back_write_makes_other_processes_reload():
    backend = load_backend("database")
    backend.index_documents("directory", random_documents(10))
    other = fresh_memory()
    with pytest.raises(RuntimeError), transaction.atomic():
        backend.index_documents("directory", [IndexDocument(object_id=5, name="Weg")])
        sync(other)  # sees the uncommitted write in this same connection
        assert 5 in other.doc_of
        raise RuntimeError
    sync(other)
    assert other.reloads == 2
    assert 5 not in other.doc_of
    assert len(other.all) == 10


class _ListIndex(SearchIndex):
    name = "directory"

    def __init__(self, documents):
        self.documents = documents

    def iter_documents(self, chunk_size=None):
        yield self.documents


def test_a_rebuild_makes_other_processes_reload():
    backend = load_backend("database")
    backend.index_documents("directory", random_documents(10))
    other = fresh_memory()
    backend.rebuild(_ListIndex(random_documents(4, seed=3)))
    assert SearchChange.objects.filter(index_name="directory").count() == 1
    sync(other)
    assert other.reloads == 2
    assert len(other.all) == 4


def test_searches_follow_writes_in_the_same_process():
    backend = load_backend("database")
    backend.index_documents("directory", random_documents(20))
    assert backend.search(DirectoryQuery()).total == 20
    backend.index_documents("directory", [], delete_ids=[1000, 1001])
    result = backend.search(DirectoryQuery())
    assert result.total == 18
    assert 1000 not in result.ids


def test_the_registry_keeps_one_memory_per_database_and_index():
    first = memories.get(connection, "directory")
    assert memories.get(connection, "directory") is first
    assert memories.get(connection, "other") is not first


def test_all_matching_ids_come_from_the_bitmaps_and_equal_paging_through_search():
    from search.backends.base import BaseSearchBackend

    backend = load_backend("database")
    backend.index_documents("directory", random_documents(250))
    checked = 0
    for query in random_queries(40, seed=5):
        fast = [pk for batch in backend.iter_object_ids(query, batch_size=7) for pk in batch]
        paged = [
            pk
            for batch in BaseSearchBackend.iter_object_ids(backend, query, batch_size=50)
            for pk in batch
        ]
        assert len(fast) == len(set(fast))
        assert set(fast) == set(paged), query
        checked += bool(fast)
    assert checked > 10


def test_a_reload_of_a_large_index_freezes_the_long_lived_objects_and_a_small_one_does_not(
    monkeypatch,
):
    """A full garbage collection walks every object the process holds; the bitmaps' companions
    at 100,000 documents made one take ~250 ms in the middle of a request (memory.py)."""
    import gc

    from search.backends.database import memory as memory_module

    backend = load_backend("database")
    backend.index_documents("directory", random_documents(6))
    frozen = []
    monkeypatch.setattr(memory_module, "freeze_long_lived_objects", lambda: frozen.append(1))
    monkeypatch.setattr(memory_module, "FREEZE_AFTER_DOCUMENTS", 7)
    sync(fresh_memory())
    assert frozen == []
    monkeypatch.setattr(memory_module, "FREEZE_AFTER_DOCUMENTS", 6)
    sync(fresh_memory())
    assert frozen == [1]

    # The real thing: what is alive now leaves the collector's generations, and stays alive.
    monkeypatch.undo()
    kept = [[number] for number in range(1_000)]
    try:
        memory_module.freeze_long_lived_objects()
        assert gc.get_freeze_count() >= len(kept)
        in_oldest_generation = {id(obj) for obj in gc.get_objects(2)}
        assert gc.is_tracked(kept[0]) and id(kept[0]) not in in_oldest_generation
    finally:
        gc.unfreeze()
    assert kept[999] == [999]
