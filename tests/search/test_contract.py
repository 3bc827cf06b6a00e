"""One contract suite for every backend (DESIGN example 6, after django-modelsearch's
tests/test_backends.py): the same documents, the same queries, the same expected ids, totals and
facet counts. `BackendTests` is subclassed per backend; the database backend runs on whatever
DATABASE_URL points at (SQLite by default, PostgreSQL in CI), Elasticsearch only when
ELASTICSEARCH_URL is set.
"""

import os
from dataclasses import replace

import pytest
from django.db import connection

from search.backends import load_backend
from search.models import Synonym
from search.query import DirectoryQuery

from .fixtures import AMSTERDAM_CENTRAAL, DOCUMENTS

ALL_BY_NAME = [4, 6, 1, 3, 2, 5]


class BackendTests:
    """Mixin: subclasses provide the `backend` fixture, loaded with DOCUMENTS."""

    def search(self, backend, **kwargs):
        result = backend.search(DirectoryQuery(**kwargs))
        assert result.fallback is False
        return result

    # Listing and sorting ------------------------------------------------------------------
    def test_everything_sorted_by_name(self, backend):
        result = self.search(backend)
        assert result.ids == ALL_BY_NAME
        assert result.total == 6

    def test_pagination(self, backend):
        result = self.search(backend, page=2, page_size=2)
        assert result.ids == [1, 3]
        assert result.total == 6
        assert result.num_pages == 3
        assert result.has_next and result.has_previous
        assert self.search(backend, page=4, page_size=2).ids == []

    # Facets: "counts if you also chose this" -------------------------------------------------
    def test_facets_without_filters(self, backend):
        facets = self.search(backend).facets
        assert facets["phases"] == {
            "inburgering": 2,
            "wijk": 2,
            "aankomst": 1,
            "vergunning": 1,
            "werk": 1,
        }
        assert facets["municipality"] == {"amsterdam": 3, "utrecht": 3, "rotterdam": 1}
        assert facets["organisation_types"]["sociaalwerk"] == 2
        assert facets["languages"] == {"nl": 6, "ar": 2, "en": 1, "fa": 1, "ti": 1}
        assert facets["themes"] == {"taal": 2, "ontmoeting": 1, "vrijwilligerswerk": 1, "werk": 1}
        assert facets["members_only"] == {"true": 3}

    def test_facet_ignores_its_own_filter(self, backend):
        result = self.search(backend, phases=["wijk"])
        assert result.ids == [4, 2]
        # Choosing "wijk" still shows what the other phases would give.
        assert result.facets["phases"]["inburgering"] == 2
        assert result.facets["phases"]["wijk"] == 2
        assert result.facets["municipality"] == {"amsterdam": 1, "utrecht": 1}

    def test_facets_with_two_filters(self, backend):
        result = self.search(backend, phases=["wijk"], municipality="utrecht")
        assert result.ids == [4]
        assert result.total == 1
        assert result.facets["phases"] == {
            "aankomst": 1,
            "inburgering": 1,
            "vergunning": 1,
            "wijk": 1,
        }
        assert result.facets["municipality"] == {"amsterdam": 1, "utrecht": 1}
        assert result.facets["languages"] == {"nl": 1}
        assert result.facets["members_only"] == {}

    def test_values_within_a_filter_are_alternatives(self, backend):
        assert self.search(backend, languages=["ti", "fa"]).ids == [6, 3]

    def test_members_only(self, backend):
        result = self.search(backend, members_only=True)
        assert result.ids == [1, 3, 5]
        assert result.facets["members_only"] == {"true": 3}
        assert result.facets["phases"] == {
            "aankomst": 1,
            "inburgering": 1,
            "vergunning": 1,
            "werk": 1,
        }

    def test_organisation_type_and_theme(self, backend):
        assert self.search(backend, organisation_types=["sociaalwerk"]).ids == [4, 6]
        assert self.search(backend, themes=["taal"]).ids == [1, 2]

    # Distance --------------------------------------------------------------------------------
    def test_near_point_sorted_by_distance(self, backend):
        result = self.search(backend, near_point=AMSTERDAM_CENTRAAL, radius_km=10)
        assert result.ids == [1, 2]
        assert result.distances[1] == pytest.approx(1.0, abs=0.1)
        assert result.distances[2] == pytest.approx(2.8, abs=0.2)
        assert result.facets["municipality"] == {"amsterdam": 2}

    def test_near_postcode_and_radius(self, backend):
        assert self.search(backend, near_postcode="3511 AB", radius_km=5).ids == [3, 4]
        assert self.search(backend, near_postcode="3511", radius_km=1).ids == [3]

    def test_near_sorted_by_name(self, backend):
        result = self.search(backend, near_postcode="3511", radius_km=5, sort="name")
        assert result.ids == [4, 3]

    def test_nothing_near(self, backend):
        result = self.search(backend, near_postcode="9999", radius_km=5)
        assert result.ids == []
        assert result.total == 0

    # Text and Dutch relevance ----------------------------------------------------------------
    def test_accents_are_folded_and_name_ranks_first(self, backend):
        assert self.search(backend, text="taalcafe").ids == [1, 4]
        assert self.search(backend, text="Taalcafé").ids == [1, 4]

    def test_stemming_finds_singular_from_plural(self, backend):
        result = self.search(backend, text="vrijwilligers")
        # 2 says "vrijwilliger" (and its name starts with the word), 1 says "vrijwilligers".
        assert result.ids == [2, 1]

    def test_all_words_must_match(self, backend):
        assert self.search(backend, text="taalcafe wijk").ids == [4]

    def test_prefix_of_a_name_word(self, backend):
        assert self.search(backend, text="vluchtel").ids == [3]

    def test_relevance_ties_are_in_name_order(self, backend):
        """Same tier (no name match): name order, on every backend, not term statistics."""
        assert self.search(backend, text="inburgering").ids == [6, 1]
        assert self.search(backend, text="wijk").ids == [4, 2]

    def test_text_with_facets(self, backend):
        result = self.search(backend, text="taalcafe", municipality="utrecht")
        assert result.ids == [4]
        assert result.facets["municipality"] == {"amsterdam": 1, "utrecht": 1}

    def test_synonyms_editors_add(self, backend):
        assert self.search(backend, text="statushouder").ids == [5]
        assert self.search(backend, text="vwn").ids == []
        Synonym.objects.create(terms="statushouder, vergunninghouder")
        Synonym.objects.create(terms="VWN, VluchtelingenWerk")
        backend.sync_synonyms()
        assert sorted(self.search(backend, text="statushouder").ids) == [3, 5]
        assert self.search(backend, text="vergunninghouders").total == 2
        assert self.search(backend, text="vwn").ids == [3]

    def test_suggestions_when_nothing_matches(self, backend):
        result = self.search(backend, text="taalcaffe")
        assert result.ids == []
        assert result.total == 0
        assert result.suggestions
        assert result.suggestions[0] == "taalcafe"

    def test_no_suggestions_when_something_matches(self, backend):
        assert self.search(backend, text="taalcafe").suggestions == []

    def test_autocomplete_on_names(self, backend):
        assert backend.autocomplete("vluch") == [(3, "VluchtelingenWerk Midden-Nederland")]
        assert [pk for pk, _ in backend.autocomplete("taa")] == [1]
        assert backend.autocomplete("midden neder") == [(3, "VluchtelingenWerk Midden-Nederland")]
        # A word of the description is not a name.
        assert backend.autocomplete("taalmaat") == []
        assert backend.autocomplete("x") == []

    def test_autocomplete_order_is_the_search_relevance_order(self, backend):
        """A name word starting with the last typed word first, then by name; a name that
        matches only through a synonym comes after those."""
        extra = [
            replace(DOCUMENTS[0], object_id=11, name="Taalhuis Oost"),
            replace(DOCUMENTS[0], object_id=12, name="Het Taalhuis"),
        ]
        backend.index_documents("directory", extra)
        Synonym.objects.create(terms="taalhuis, taalcafe")
        backend.sync_synonyms()
        assert backend.autocomplete("taalhuis") == [
            (12, "Het Taalhuis"),
            (11, "Taalhuis Oost"),
            (1, "Taalcafé De Brug"),
        ]
        assert [pk for pk, _ in backend.autocomplete("taa", limit=2)] == [12, 1]
        assert [pk for pk, _ in backend.autocomplete("taa")] == [12, 1, 11]

    def test_a_prefix_is_matched_unstemmed(self, backend):
        """The typed word is a prefix of the name as written: stemmed, "taal" is "tal" and
        "straat" is "strat", which start neither "Taalhuis" nor "Straatwerk"; and a prefix
        of a word whose stem undoubles a vowel ("straa" of "Straat", stem "strat") finds it."""
        extra = [
            replace(DOCUMENTS[0], object_id=11, name="Taalhuis Oost", body="", keywords=[]),
            replace(DOCUMENTS[0], object_id=12, name="Op Straat", body="", keywords=[]),
            replace(DOCUMENTS[0], object_id=13, name="Straatwerk Zuid", body="", keywords=[]),
        ]
        backend.index_documents("directory", extra)
        self.refresh(backend)
        assert [pk for pk, _ in backend.autocomplete("taal")] == [1, 11]
        assert [pk for pk, _ in backend.autocomplete("straa")] == [12, 13]
        assert [pk for pk, _ in backend.autocomplete("straat")] == [12, 13]
        assert 11 in self.search(backend, text="taal").ids
        assert self.search(backend, text="straa").ids == [12, 13]

    # Writing ---------------------------------------------------------------------------------
    def test_reindex_and_remove(self, backend):
        renamed = DOCUMENTS[3].__class__(**{**DOCUMENTS[3].__dict__, "name": "Buurthuis Het Anker"})
        backend.index_documents("directory", [renamed], delete_ids=[6])
        self.refresh(backend)
        assert self.search(backend, text="schakel").ids == []
        assert self.search(backend, text="anker").ids == [4]
        assert self.search(backend).total == 5
        assert backend.count() == 5
        facets = self.search(backend).facets
        assert facets["municipality"] == {"amsterdam": 2, "utrecht": 2, "rotterdam": 1}
        assert facets["organisation_types"]["sociaalwerk"] == 1
        assert facets["languages"] == {"nl": 5, "ar": 2, "en": 1, "ti": 1}
        assert facets["members_only"] == {"true": 3}

    def refresh(self, backend):
        """Make writes visible (Elasticsearch refreshes; the database needs nothing)."""


def _load(backend):
    backend.index_documents("directory", DOCUMENTS)
    return backend


@pytest.mark.django_db
class TestDatabaseBackend(BackendTests):
    """The default: text and places in SQL, facets on in-memory bitmaps."""

    @pytest.fixture
    def backend(self):
        return _load(load_backend("database"))


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite always matches text in SQL (FTS5)"
)
class TestDatabaseBackendTextInSQL(BackendTests):
    """PostgreSQL with TEXT_MEMORY off: the text in SQL (GIN), facets on bitmaps."""

    @pytest.fixture
    def backend(self):
        return _load(load_backend("database", TEXT_MEMORY=False))


@pytest.mark.django_db
class TestDatabaseBackendGroupedQueries(BackendTests):
    """FACET_MEMORY off: the whole search, facets included, in one SQL statement."""

    @pytest.fixture
    def backend(self):
        return _load(load_backend("database", FACET_MEMORY=False))


ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.mark.elasticsearch
@pytest.mark.django_db
@pytest.mark.skipif(
    not ELASTICSEARCH_URL, reason="Elasticsearch contract tests need ELASTICSEARCH_URL"
)
class TestElasticsearchBackend(BackendTests):
    @pytest.fixture
    def backend(self):
        backend = load_backend(
            {
                "BACKEND": "search.backends.elasticsearch9",
                "URLS": [ELASTICSEARCH_URL],
                "INDEX_PREFIX": "kktest",
                "REFRESH": True,
            }
        )
        backend.create_index("directory")
        _load(backend)
        yield backend
        backend.drop_index("directory")

    def refresh(self, backend):
        backend.refresh("directory")
