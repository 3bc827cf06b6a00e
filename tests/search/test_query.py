"""The typed query: defaults, normalisation and every validation error, per field, in Dutch."""

import pytest
from django.http import QueryDict

from search.query import DEFAULT_RADIUS_KM, DirectoryQuery, QueryError, Sort


def errors_of(**kwargs):
    with pytest.raises(QueryError) as caught:
        DirectoryQuery(**kwargs)
    return caught.value.errors


def test_defaults_sort_by_name_without_text_or_place():
    query = DirectoryQuery()
    assert query.sort == Sort.NAME
    assert query.page == 1 and query.page_size == 20 and query.offset == 0


def test_text_defaults_to_relevance_and_place_to_distance():
    assert DirectoryQuery(text="  taal   cafe ").text == "taal cafe"
    assert DirectoryQuery(text="taal").sort == Sort.RELEVANCE
    query = DirectoryQuery(near_postcode="1012ab")
    assert query.sort == Sort.DISTANCE
    assert query.near_postcode == "1012"
    assert query.radius_km == DEFAULT_RADIUS_KM
    assert query.point == (52.3735, 4.8951)


def test_values_are_cleaned_and_deduplicated():
    query = DirectoryQuery(phases=["wijk", " wijk", "", "werk"], languages="nl, ar")
    assert query.phases == ("wijk", "werk")
    assert query.languages == ("nl", "ar")
    assert query.facet_filters() == {"phase": ("wijk", "werk"), "language": ("nl", "ar")}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "x" * 201}, "text"),
        ({"page": 0}, "page"),
        ({"page_size": 101}, "page_size"),
        ({"page_size": "20"}, "page_size"),
        ({"sort": "popularity"}, "sort"),
        ({"sort": "distance"}, "sort"),
        ({"near_postcode": "12345"}, "near_postcode"),
        ({"near_postcode": "1234"}, "near_postcode"),
        ({"near_point": (91, 5)}, "near_point"),
        ({"near_point": ("a", 5)}, "near_point"),
        ({"near_postcode": "1012", "near_point": (52, 5)}, "near_postcode"),
        ({"near_postcode": "1012", "radius_km": 0}, "radius_km"),
        ({"near_postcode": "1012", "radius_km": 500}, "radius_km"),
        ({"radius_km": 5}, "radius_km"),
        ({"phases": [str(i) for i in range(51)]}, "phases"),
        ({"members_only": "ja"}, "members_only"),
    ],
)
def test_invalid_fields_are_named(kwargs, field):
    errors = errors_of(**kwargs)
    assert field in errors
    assert all(isinstance(message, str) and message for message in errors[field])


def test_all_errors_at_once_in_dutch():
    errors = errors_of(page=0, page_size=0, sort="x")
    assert set(errors) == {"page", "page_size", "sort"}
    assert "Sorteer op relevantie, afstand of naam." in errors["sort"]


def test_from_params_reads_a_querydict():
    params = QueryDict(
        "q=taalcafe&phases=wijk&phases=werk&languages=nl,ar&near=3511&radius_km=5"
        "&members_only=true&page=2&sort=name"
    )
    query = DirectoryQuery.from_params(params)
    assert query.text == "taalcafe"
    assert query.phases == ("wijk", "werk")
    assert query.languages == ("nl", "ar")
    assert query.near_postcode == "3511" and query.radius_km == 5.0
    assert query.members_only is True and query.page == 2 and query.sort == Sort.NAME


def test_from_params_reads_a_point_and_names_bad_parameters():
    query = DirectoryQuery.from_params({"near": "52.09,5.12"})
    assert query.near_point == (52.09, 5.12)
    with pytest.raises(QueryError) as caught:
        DirectoryQuery.from_params({"near": "52,x", "page": "two", "members_only": "soms"})
    assert set(caught.value.errors) == {"near", "page", "members_only"}
    with pytest.raises(QueryError) as caught:
        DirectoryQuery.from_params({"near": "0000"})
    assert set(caught.value.errors) == {"near"}


def test_replace_validates_again():
    query = DirectoryQuery(text="taal")
    assert query.replace(page=3).page == 3
    with pytest.raises(QueryError):
        query.replace(page=-1)
