"""/api/hsds/service_at_locations/{id} is a direct lookup, not a scan of every pair.

The id is a uuid5 of the service's and location's UUIDs (stable, also in the file export);
`apiplatform.hsds.sal` keeps an id → pair table that a miss after a content change brings up to
date. Counting calls of `derived_id` shows whether anything was hashed: a scan hashes every pair.
"""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apiplatform import generation
from apiplatform.hsds import sal
from apiplatform.models import ServiceAtLocationId
from directory.plugins.hsds.export import derived_id
from tests.directory.factories import LocationFactory, OrganisationFactory, ServiceFactory

from .directory_data import build_directory

pytestmark = pytest.mark.django_db

URL = "/api/hsds/service_at_locations/{}"


@pytest.fixture
def directory():
    return build_directory()


def many_pairs(n=40):
    """An organisation whose services are offered at several locations: n extra pairs."""
    org = OrganisationFactory(name="Fictieve Grote Stichting")
    locations = [LocationFactory(organisation=org, postcode="3511 AB") for _ in range(4)]
    for i in range(n // 4):
        service = ServiceFactory(organisation=org, name=f"Fictieve dienst {i}")
        service.locations.set(locations)
        service.save()
    org.save()
    return org


def pair_id(service, location):
    return derived_id("sal", service.uuid, location.uuid)


def get(client, sal_id):
    with mock.patch("apiplatform.hsds.sal.derived_id", wraps=derived_id) as hashed:
        response = client.get(URL.format(sal_id))
    return response, hashed.call_count


def test_lookup_is_direct_once_the_table_is_current(client, directory):
    org = many_pairs()
    service = org.services.first()
    location = service.locations.first()
    wanted = pair_id(service, location)

    first, hashed_first = get(client, wanted)  # first use after the data changed: fills the table
    assert first.status_code == 200
    assert hashed_first == ServiceAtLocationId.objects.count() == 41  # each pair once, ever

    with CaptureQueriesContext(connection) as queries:
        again, hashed_again = get(client, wanted)
    assert again.status_code == 200 and hashed_again == 0  # no scan, no hashing
    assert again.json() == first.json()
    # A fixed handful of queries (generation, pk lookup, live check, nested objects), not
    # one per pair; the same whatever the number of pairs.
    assert len(queries) <= 10, [q["sql"] for q in queries]


def test_every_pair_of_the_list_is_found_by_its_id(client, directory):
    many_pairs(8)
    contents = client.get("/api/hsds/service_at_locations?per_page=100").json()["contents"]
    assert len(contents) == 9
    for item in contents:
        data = client.get(URL.format(item["id"])).json()
        assert (data["service_id"], data["location_id"]) == (
            item["service_id"],
            item["location_id"],
        )


def test_a_new_pair_is_found_after_the_content_changed(client, directory):
    client.get(URL.format(pair_id(*_taalhuis_pair(directory))))  # table filled
    taalhuis = directory["taalhuis"]
    new_location = LocationFactory(organisation=taalhuis, postcode="3512 AA")
    service = taalhuis.services.first()
    service.locations.add(new_location)
    service.save()
    # Saving directory data bumps the content generation after commit; the test transaction
    # never commits (and already holds a pending bump), so do what the commit would.
    generation._bump_now()
    response, hashed = get(client, pair_id(service, new_location))
    assert response.status_code == 200
    assert hashed == 1  # only the new pair was hashed


def _taalhuis_pair(directory):
    service = directory["taalhuis"].services.first()
    return service, service.locations.first()


# Negative cases ---------------------------------------------------------------------------


def test_unknown_ids_are_404_without_rescanning(client, directory):
    many_pairs(8)
    sal.sync()
    for _ in range(3):
        response, hashed = get(client, "0b0e7c52-95b6-4c3f-9c63-8d1f0d0a6b11")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")
        assert hashed == 0  # the generation did not move: no sync, no scan
    assert client.get(URL.format("geen-uuid")).status_code == 404


def test_pair_of_an_unpublished_organisation_is_404(client, directory):
    service, location = _taalhuis_pair(directory)
    wanted = pair_id(service, location)
    assert client.get(URL.format(wanted)).status_code == 200
    directory["taalhuis"].unpublish()
    assert client.get(URL.format(wanted)).status_code == 404


def test_pair_of_a_draft_organisation_is_404(client, directory):
    draft = directory["draft"]
    service = ServiceFactory(organisation=draft, name="Fictieve conceptdienst")
    location = draft.locations.first()
    service.locations.add(location)
    service.save()
    assert client.get(URL.format(pair_id(service, location))).status_code == 404


def test_removed_pair_is_404_even_with_a_stale_row(client, directory):
    service, location = _taalhuis_pair(directory)
    wanted = pair_id(service, location)
    assert client.get(URL.format(wanted)).status_code == 200
    with mock.patch("apiplatform.generation.bump"):  # the table cannot know (no sync)
        service.locations.remove(location)
        service.save()  # ParentalManyToMany changes are written on save
    assert ServiceAtLocationId.objects.filter(pk=wanted).exists()
    assert client.get(URL.format(wanted)).status_code == 404
    sal.sync()  # the next sync drops the row
    assert not ServiceAtLocationId.objects.filter(pk=wanted).exists()


def test_deleting_a_service_drops_its_rows(directory):
    sal.sync()
    service, _location = _taalhuis_pair(directory)
    before = ServiceAtLocationId.objects.filter(service=service).count()
    assert before == 1
    service.delete()
    assert not ServiceAtLocationId.objects.filter(service_id=service.pk).exists()


def test_sync_is_idempotent_and_pages_by_key(directory, monkeypatch):
    many_pairs(12)
    monkeypatch.setattr(sal, "BATCH", 5)  # several pages
    assert sal.sync() == 13
    assert sal.sync() == 0
    assert ServiceAtLocationId.objects.count() == 13
    for row in ServiceAtLocationId.objects.select_related("service", "location"):
        assert str(row.id) == pair_id(row.service, row.location)


def test_pairs_written_in_bulk_without_a_generation_bump_are_found(client, directory):
    """Bulk importers write link rows directly (no signals); the newest key gives them away."""
    client.get(URL.format(pair_id(*_taalhuis_pair(directory))))  # table filled
    taalhuis = directory["taalhuis"]
    with mock.patch("apiplatform.generation.bump"):
        location = LocationFactory(organisation=taalhuis, postcode="3512 AA")
        service = taalhuis.services.first()
        type(service).locations.through.objects.create(service=service, location=location)
    response, hashed = get(client, pair_id(service, location))
    assert response.status_code == 200
    assert hashed == 1
