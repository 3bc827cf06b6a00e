"""A service can be offered at a location that is new in the same draft.

New locations have no database id until a moderator publishes the draft, so the draft keeps
their UUID (stable from one save to the next) and the service points at it; publishing turns
that into a real link. Everything is driven through the rendered member form, like a browser.
"""

import uuid

import pytest
from django.urls import reverse

from directory.models import Location, Service
from directory.moderation import approve

from .browser_form import form_fields
from .factories import LocationFactory, PostcodeAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, owner):
    PostcodeAreaFactory(pc4="3511", latitude=52.09, longitude=5.12)
    client.force_login(owner)
    return client


def edit_url(organisation):
    return reverse("directory_member:edit", kwargs={"uuid": organisation.uuid})


def rendered(client, organisation):
    return form_fields(client.get(edit_url(organisation)).content.decode())


def post(client, organisation, data, submit=True):
    data = dict(data)
    data.pop("draft", None)
    data.pop("submit", None)
    data["submit" if submit else "draft"] = ["1"]
    response = client.post(edit_url(organisation), data)
    organisation.refresh_from_db()  # latest_revision moved on
    return response


def add_location(data, row, address="Nieuwe Straat 5", postcode="3511 AB"):
    data[f"locations-{row}-address"] = [address]
    data[f"locations-{row}-postcode"] = [postcode]


def test_service_at_a_location_added_in_the_same_edit(member_client, org_a, moderator):
    data = rendered(member_client, org_a)
    add_location(data, 0)
    new_location_key = data["locations-0-row_uuid"][0]
    data["services-0-name"] = ["Spreekuur"]
    data["services-0-location_rows"] = [new_location_key]
    response = post(member_client, org_a, data)
    assert response.status_code == 302, response.context["form"].formsets["services"].errors

    # Only in the draft: no rows yet, the service points at the new location's UUID.
    assert not Location.objects.filter(organisation=org_a).exists()
    draft = org_a.get_latest_revision_as_object()
    [location] = draft.locations.all()
    [service] = draft.services.all()
    assert str(location.uuid) == new_location_key
    assert service.pending_location_uuids == [new_location_key]
    assert list(service.locations.all()) == []

    approve(org_a, moderator)
    location = Location.objects.get(organisation=org_a)
    service = Service.objects.get(organisation=org_a)
    assert str(location.uuid) == new_location_key
    assert list(service.locations.all()) == [location]
    assert service.pending_location_uuids == []
    # The public page shows the live link.
    assert "Nieuwe Straat 5" in member_client.get(org_a.get_public_url()).content.decode()


def test_draft_location_keeps_its_identity_and_can_be_chosen_later(member_client, org_a, moderator):
    data = rendered(member_client, org_a)
    add_location(data, 0, address="Conceptstraat 1")
    assert post(member_client, org_a, data, submit=False).status_code == 302
    first_uuid = org_a.get_latest_revision_as_object().locations.all()[0].uuid

    # The next visit offers the draft-only location to services, by its address.
    html = member_client.get(edit_url(org_a)).content.decode()
    assert "Conceptstraat 1" in html
    data = form_fields(html)
    assert data["locations-0-row_uuid"] == [str(first_uuid)]
    data["services-0-name"] = ["Taalcafé"]
    data["services-0-location_rows"] = [str(first_uuid)]
    assert post(member_client, org_a, data).status_code == 302
    draft = org_a.get_latest_revision_as_object()
    assert draft.locations.all()[0].uuid == first_uuid  # not renewed by the second save
    assert draft.services.all()[0].pending_location_uuids == [str(first_uuid)]

    # The choice is shown ticked when the member comes back.
    data = rendered(member_client, org_a)
    assert data["services-0-location_rows"] == [str(first_uuid)]

    approve(org_a, moderator)
    service = Service.objects.get(organisation=org_a)
    assert [location.uuid for location in service.locations.all()] == [first_uuid]


def test_live_and_new_locations_together(member_client, org_a, moderator):
    live = LocationFactory(organisation=org_a, address="Bestaande Weg 2")
    data = rendered(member_client, org_a)
    assert data["locations-0-row_uuid"] == [str(live.uuid)]
    add_location(data, 1, address="Nieuwe Weg 3")
    data["services-0-name"] = ["Inloop"]
    data["services-0-location_rows"] = [str(live.uuid), data["locations-1-row_uuid"][0]]
    response = post(member_client, org_a, data)
    assert response.status_code == 302
    draft_service = org_a.get_latest_revision_as_object().services.all()[0]
    assert [loc.pk for loc in draft_service.locations.all()] == [live.pk]
    assert len(draft_service.pending_location_uuids) == 1

    approve(org_a, moderator)
    service = Service.objects.get(organisation=org_a)
    assert sorted(loc.address for loc in service.locations.all()) == [
        "Bestaande Weg 2",
        "Nieuwe Weg 3",
    ]


def test_ticking_the_empty_new_location_is_an_error(member_client, org_a):
    data = rendered(member_client, org_a)
    data["services-0-name"] = ["Spreekuur"]
    data["services-0-location_rows"] = [data["locations-0-row_uuid"][0]]
    response = post(member_client, org_a, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul de nieuwe locatie in, of vink haar hier uit." in html
    assert 'href="#id_services-0-location_rows"' in html
    assert org_a.revisions.count() == 0


def test_a_service_cannot_point_at_a_location_being_deleted(member_client, org_a):
    live = LocationFactory(organisation=org_a, address="Weg 9")
    data = rendered(member_client, org_a)
    data["locations-0-DELETE"] = ["on"]
    data["services-0-name"] = ["Spreekuur"]
    data["services-0-location_rows"] = [str(live.uuid)]
    response = post(member_client, org_a, data)
    assert response.status_code == 200
    assert "Deze locatie wordt verwijderd; kies een andere." in response.content.decode()


def test_another_organisations_location_cannot_be_chosen_or_taken_over(
    member_client, org_a, org_b, moderator
):
    other = LocationFactory(organisation=org_b, address="Andermans Straat 1")
    data = rendered(member_client, org_a)
    assert "Andermans Straat 1" not in member_client.get(edit_url(org_a)).content.decode()
    data["services-0-name"] = ["Spreekuur"]
    data["services-0-location_rows"] = [str(other.uuid)]
    response = post(member_client, org_a, data)
    assert response.status_code == 200  # not one of the choices
    assert org_a.revisions.count() == 0

    # Posting the other organisation's UUID as a new row's identity does not take it over.
    data = rendered(member_client, org_a)
    add_location(data, 0, address="Eigen Straat 1")
    data["locations-0-row_uuid"] = [str(other.uuid)]
    data["services-0-name"] = ["Spreekuur"]
    data["services-0-location_rows"] = [str(other.uuid)]
    response = post(member_client, org_a, data)
    assert response.status_code == 302
    approve(org_a, moderator)
    own = Location.objects.get(organisation=org_a)
    assert own.uuid != other.uuid
    other.refresh_from_db()
    assert other.organisation == org_b and other.address == "Andermans Straat 1"
    assert list(Service.objects.get(organisation=org_a).locations.all()) == [own]
    assert not other.services.exists()


def test_unknown_uuid_is_not_a_choice(member_client, org_a):
    data = rendered(member_client, org_a)
    data["services-0-name"] = ["Spreekuur"]
    data["services-0-location_rows"] = [str(uuid.uuid4())]
    response = post(member_client, org_a, data)
    assert response.status_code == 200
    assert org_a.revisions.count() == 0


def test_an_api_write_keeps_the_draft_links_to_new_locations(
    member_client, org_a, owner, moderator
):
    """The member API changes the same draft: its services keep their draft-only locations."""
    from apiplatform.member_tokens import create_member_token

    data = rendered(member_client, org_a)
    add_location(data, 0)
    new_location_key = data["locations-0-row_uuid"][0]
    data["services-0-name"] = ["Spreekuur"]
    data["services-0-location_rows"] = [new_location_key]
    assert post(member_client, org_a, data, submit=False).status_code == 302

    token = create_member_token(owner, org_a, "Ons CRM")[1]
    response = member_client.patch(
        f"/api/v1/organisations/{org_a.uuid}",
        {"description": "Via de API"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 202, response.content
    approve(org_a, moderator)
    service = Service.objects.get(organisation=org_a)
    assert [str(location.uuid) for location in service.locations.all()] == [new_location_key]
    org_a.refresh_from_db()
    assert org_a.description == "Via de API"
