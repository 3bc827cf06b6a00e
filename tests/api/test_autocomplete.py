"""Name suggestions: GET /api/v1/autocomplete/organisations and the directory page's own
/partners/zoeken/namen/ (both through directory.autocomplete.suggest_names).

Only live organisations are proposed, by their approved name: a draft, an unapproved rename
and an organisation unpublished before its index update are never suggested.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.models import Synonym

from .directory_data import build_directory, index

pytestmark = pytest.mark.django_db

API = "/api/v1/autocomplete/organisations"
PAGE = "/partners/zoeken/namen/"


@pytest.fixture
def directory():
    return build_directory()


def api_names(client, text, **params):
    response = client.get(API, {"text": text, **params})
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()]


def test_api_proposes_live_names_with_id_slug_and_page(client, directory):
    response = client.get(API, {"text": "fictief taalh"})
    assert response.status_code == 200
    taalhuis = directory["taalhuis"]
    assert response.json() == [
        {
            "id": str(taalhuis.uuid),
            "slug": taalhuis.slug,
            "name": "Fictief Taalhuis Utrecht",
            "url": f"/partners/{taalhuis.slug}/",
        }
    ]


def test_order_is_a_name_word_starting_with_the_last_word_then_by_name(client, directory):
    # "utr": both Utrecht organisations start a name word with it, in name order.
    assert api_names(client, "utr") == ["Fictief Taalhuis Utrecht", "Fictieve Opvang Utrecht"]
    assert api_names(client, "utr", limit=1) == ["Fictief Taalhuis Utrecht"]
    # A finished word (trailing space) is matched whole, stemmed.
    assert api_names(client, "fictief buurtteam ") == ["Fictief Buurtteam Zeist"]


def test_synonyms_of_the_search_apply(client, directory):
    Synonym.objects.create(terms="wijkteam, buurtteam")
    assert api_names(client, "wijkteam ") == ["Fictief Buurtteam Zeist"]


def test_drafts_are_never_proposed(client, directory):
    assert api_names(client, "concept") == []
    assert api_names(client, "fic") == [  # not "Fictief Concept", a draft
        "Fictief Buurtteam Zeist",
        "Fictief Taalhuis Utrecht",
        "Fictieve Opvang Utrecht",
    ]


def test_an_unapproved_rename_is_not_proposed_the_live_name_is(client, directory):
    taalhuis = directory["taalhuis"]
    taalhuis.name = "Fictief Geheim Leerhuis"
    taalhuis.save_revision()  # a draft: the public (and the index) keep the live version
    assert api_names(client, "geheim") == []
    assert api_names(client, "leerhuis") == []
    assert api_names(client, "taalhuis") == ["Fictief Taalhuis Utrecht"]


def test_an_unpublished_organisation_is_dropped_even_before_its_index_update(client, directory):
    opvang = directory["opvang"]
    type(opvang).objects.filter(pk=opvang.pk).update(live=False)  # index not updated yet
    assert api_names(client, "opvang") == []
    index(opvang)
    assert api_names(client, "opvang") == []


def test_short_or_empty_text_proposes_nothing(client, directory):
    assert api_names(client, "f") == []
    assert client.get(PAGE, {"q": ""}).json()["items"] == []
    assert client.get(PAGE).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "text"), ({"text": ""}, "text"), ({"text": "x" * 101}, "text"),
     ({"text": "taal", "limit": 0}, "limit"), ({"text": "taal", "limit": 21}, "limit"),
     ({"text": "taal", "limit": "veel"}, "limit")],
)  # fmt: skip
def test_api_bad_parameters_are_problem_json_naming_the_field(client, params, field):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert any(error["name"] == field for error in problem["invalidParams"]), problem


def test_query_count_is_fixed(client, directory):
    client.get(API, {"text": "fic"})  # warms the bitmaps
    with CaptureQueriesContext(connection) as few:
        assert len(api_names(client, "fic", limit=1)) == 1
    with CaptureQueriesContext(connection) as many:
        assert len(api_names(client, "fic", limit=20)) == 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_page_endpoint_gives_names_and_pages_and_may_be_cached(client, directory):
    response = client.get(PAGE, {"q": "taalh"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    taalhuis = directory["taalhuis"]
    assert response.json() == {
        "query": "taalh",
        "items": [{"name": "Fictief Taalhuis Utrecht", "url": f"/partners/{taalhuis.slug}/"}],
    }
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert client.post(PAGE, {"q": "taalh"}).status_code == 405


def test_the_page_endpoint_is_not_taken_by_an_organisation_slug(client, directory):
    taalhuis = directory["taalhuis"]
    type(taalhuis).objects.filter(pk=taalhuis.pk).update(slug="zoeken")
    assert client.get("/partners/zoeken/").status_code == 200
    assert client.get(PAGE, {"q": "taalh"}).json()["items"][0]["url"] == "/partners/zoeken/"


@pytest.mark.parametrize(
    ("params", "reason"),
    [({"text": ""}, "Gebruik minstens 1 teken."),
     ({"text": "x" * 101}, "Gebruik hoogstens 100 tekens.")],
)  # fmt: skip
def test_a_length_error_counts_in_dutch(client, params, reason):
    """'1 teken', '100 tekens': the reason takes the noun the number needs."""
    [error] = client.get(API, params).json()["invalidParams"]
    assert error["reason"] == reason
