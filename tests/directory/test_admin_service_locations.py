"""The Wagtail admin's service panel: locations of the organisation's draft, links kept on save.

A member adds a location and offers a service there in one draft (the link is kept by UUID
until publication, see `test_service_locations.py`). A moderator who opens that draft in the
admin sees the location choice, saves, approves, and the published service is at the new
location. Everything is driven through the rendered admin form, like a browser.
"""

import json

import pytest
from django.urls import reverse

from directory.models import Location, Service
from directory.moderation import approve

from .browser_form import form_fields
from .factories import LocationFactory, PostcodeAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postcode_area(db):
    PostcodeAreaFactory(pc4="3511", latitude=52.09, longitude=5.12)


def member_edit_url(organisation):
    return reverse("directory_member:edit", kwargs={"uuid": organisation.uuid})


def admin_edit_url(organisation):
    return reverse("wagtailsnippets_directory_organisation:edit", args=[organisation.pk])


def admin_fields(client, organisation) -> dict:
    response = client.get(admin_edit_url(organisation))
    assert response.status_code == 200
    data = form_fields(response.content.decode())
    # The empty template rows that Wagtail's JavaScript copies are not part of the form.
    return {name: values for name, values in data.items() if "__prefix__" not in name}


def member_draft_with_service_at_new_location(client, owner, organisation, address):
    """The member adds a location and a service there, and submits: returns the UUID."""
    client.force_login(owner)
    data = form_fields(client.get(member_edit_url(organisation)).content.decode())
    rows = int(data["locations-INITIAL_FORMS"][0])
    data[f"locations-{rows}-address"] = [address]
    data[f"locations-{rows}-postcode"] = ["3511 AB"]
    new_uuid = data[f"locations-{rows}-row_uuid"][0]
    services = int(data["services-INITIAL_FORMS"][0])
    data[f"services-{services}-name"] = ["Spreekuur"]
    data[f"services-{services}-location_rows"] = [new_uuid]
    data.pop("draft", None)
    data["submit"] = ["1"]
    response = client.post(member_edit_url(organisation), data)
    assert response.status_code == 302
    client.logout()
    return new_uuid


def test_moderator_saves_and_approves_a_draft_with_a_service_at_a_new_location(
    client, owner, moderator, org_a
):
    new_uuid = member_draft_with_service_at_new_location(client, owner, org_a, "Nieuwe Straat 5")

    client.force_login(moderator)
    data = admin_fields(client, org_a)
    # The location row carries its UUID; the service offers it, ticked, by its address.
    assert data["locations-0-row_uuid"] == [new_uuid]
    assert data["services-0-location_rows"] == [new_uuid]
    html = client.get(admin_edit_url(org_a)).content.decode()
    assert "Nieuwe Straat 5" in html

    data["services-0-description"] = ["Elke dinsdag."]  # the moderator corrects something
    response = client.post(admin_edit_url(org_a), data)
    assert response.status_code == 302, response.context["form"].errors
    org_a.refresh_from_db()
    draft = org_a.get_latest_revision_as_object()
    [location] = draft.locations.all()
    [service] = draft.services.all()
    assert str(location.uuid) == new_uuid
    assert service.description == "Elke dinsdag."
    assert service.pending_location_uuids == [new_uuid]
    assert not Location.objects.filter(organisation=org_a).exists()  # still only a draft
    compare = reverse(
        "wagtailsnippets_directory_organisation:revisions_compare",
        args=[org_a.pk, "live", org_a.latest_revision_id],
    )
    assert "Elke dinsdag." in client.get(compare).content.decode()  # the diff still works

    # Approve from the admin's edit view (saves the form once more, then approves).
    data = admin_fields(client, org_a)
    data["action-workflow-action"] = ["1"]
    data["workflow-action-name"] = ["approve"]
    data["workflow-action-extra-data"] = [json.dumps({"comment": "Akkoord."})]
    response = client.post(admin_edit_url(org_a), data)
    assert response.status_code == 302, response.context["form"].errors

    location = Location.objects.get(organisation=org_a)
    service = Service.objects.get(organisation=org_a)
    assert str(location.uuid) == new_uuid
    assert list(service.locations.all()) == [location]
    assert service.pending_location_uuids == []
    assert service.description == "Elke dinsdag."


def test_moderator_links_a_service_to_a_draft_only_location_in_the_admin(
    client, owner, moderator, org_a
):
    live = LocationFactory(organisation=org_a, address="Bestaande Weg 2")
    new_uuid = member_draft_with_service_at_new_location(client, owner, org_a, "Nieuwe Weg 3")
    client.force_login(moderator)
    data = admin_fields(client, org_a)
    # Both rows are offered to every service, the new row (services-1) too.
    assert data["locations-0-row_uuid"] == [str(live.uuid)]
    assert data["locations-1-row_uuid"] == [new_uuid]
    data["services-0-location_rows"] = [str(live.uuid), new_uuid]
    assert client.post(admin_edit_url(org_a), data).status_code == 302

    approve(org_a, moderator)
    service = Service.objects.get(organisation=org_a)
    assert sorted(loc.address for loc in service.locations.all()) == [
        "Bestaande Weg 2",
        "Nieuwe Weg 3",
    ]


def test_moderator_unticks_a_location_in_the_admin(client, owner, moderator, org_a):
    member_draft_with_service_at_new_location(client, owner, org_a, "Nieuwe Straat 5")
    client.force_login(moderator)
    data = admin_fields(client, org_a)
    del data["services-0-location_rows"]
    assert client.post(admin_edit_url(org_a), data).status_code == 302
    approve(org_a, moderator)
    service = Service.objects.get(organisation=org_a)
    assert list(service.locations.all()) == []
    assert Location.objects.filter(organisation=org_a).count() == 1


def test_a_location_being_deleted_cannot_be_chosen_in_the_admin(client, owner, moderator, org_a):
    new_uuid = member_draft_with_service_at_new_location(client, owner, org_a, "Nieuwe Straat 5")
    client.force_login(moderator)
    data = admin_fields(client, org_a)
    revisions = org_a.revisions.count()
    data["locations-0-DELETE"] = ["1"]
    assert data["services-0-location_rows"] == [new_uuid]
    response = client.post(admin_edit_url(org_a), data)
    assert response.status_code == 200
    assert "Deze locatie wordt verwijderd; kies een andere." in response.content.decode()
    assert org_a.revisions.count() == revisions


def test_the_admin_offers_only_this_organisations_locations(client, moderator, org_a, org_b):
    own = LocationFactory(organisation=org_a, address="Eigen Straat 1")
    other = LocationFactory(organisation=org_b, address="Andermans Straat 1")
    service = Service.objects.create(organisation=org_a, name="Spreekuur")
    client.force_login(moderator)
    html = client.get(admin_edit_url(org_a)).content.decode()
    assert "Eigen Straat 1" in html and "Andermans Straat 1" not in html
    assert str(other.uuid) not in html

    data = admin_fields(client, org_a)
    assert data["services-0-id"] == [str(service.pk)]
    data["services-0-location_rows"] = [str(other.uuid)]
    response = client.post(admin_edit_url(org_a), data)
    assert response.status_code == 200  # not one of the choices
    assert response.context["form"].formsets["services"].forms[0].errors["location_rows"]

    data["services-0-location_rows"] = [str(own.uuid)]
    assert client.post(admin_edit_url(org_a), data).status_code == 302
    org_a.refresh_from_db()
    org_a.get_latest_revision().publish(user=moderator)
    assert list(Service.objects.get(pk=service.pk).locations.all()) == [own]
    assert not other.services.exists()


def test_a_new_admin_location_row_cannot_take_over_another_location(
    client, moderator, org_a, org_b
):
    """Rows added in the browser come without a UUID; a posted UUID of any existing location
    is ignored, so a new row never becomes (or links to) another organisation's location."""
    other = LocationFactory(organisation=org_b, address="Andermans Straat 1")
    client.force_login(moderator)
    response = client.get(admin_edit_url(org_a))
    template = form_fields(response.content.decode())
    assert template["locations-__prefix__-row_uuid"] == [""]  # the copied row has no UUID

    data = admin_fields(client, org_a)
    data.update(
        {
            "locations-TOTAL_FORMS": ["1"],
            "locations-0-id": [""],
            "locations-0-ORDER": ["1"],
            "locations-0-DELETE": [""],
            "locations-0-row_uuid": [str(other.uuid)],
            "locations-0-address": ["Eigen Straat 1"],
            "locations-0-postcode": ["3511 AB"],
        }
    )
    assert client.post(admin_edit_url(org_a), data).status_code == 302
    org_a.refresh_from_db()
    org_a.get_latest_revision().publish(user=moderator)
    own = Location.objects.get(organisation=org_a)
    assert own.uuid != other.uuid
    other.refresh_from_db()
    assert other.organisation == org_b and other.address == "Andermans Straat 1"


@pytest.mark.parametrize("role", ["owner", "owner_other", "plain_user", "anonymous"])
def test_only_moderators_reach_the_admin_service_panel(role, client, make_role_user, org_a):
    LocationFactory(organisation=org_a, address="Eigen Straat 1")
    user = make_role_user(role)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(admin_edit_url(org_a))
    assert response.status_code == 302
    assert "/admin/login/" in response.url
    response = client.post(admin_edit_url(org_a), {"name": "Overgenomen"})
    assert response.status_code == 302
    assert org_a.revisions.count() == 0


def test_an_autosave_gives_a_row_added_in_the_browser_its_uuid(client, moderator, org_a):
    """Wagtail autosaves in the background and keeps the page open: the answer tells the page
    the new location's UUID, so the next save keeps the same location (not a new one)."""
    client.force_login(moderator)
    data = admin_fields(client, org_a)
    data.update(
        {
            "locations-TOTAL_FORMS": ["1"],
            "locations-0-id": [""],
            "locations-0-ORDER": ["1"],
            "locations-0-DELETE": [""],
            "locations-0-row_uuid": [""],  # as copied from the template row
            "locations-0-address": ["Autosavestraat 1"],
            "locations-0-postcode": ["3511 AB"],
        }
    )
    response = client.post(admin_edit_url(org_a), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    updates = response.json()["field_updates"]
    org_a.refresh_from_db()
    [location] = org_a.get_latest_revision_as_object().locations.all()
    assert updates["locations-0-row_uuid"] == str(location.uuid)

    for name, value in updates.items():
        data[name] = [value]
    data["overwrite_revision_id"] = [str(response.json()["revision_id"])]
    assert client.post(admin_edit_url(org_a), data, HTTP_ACCEPT="application/json").json()[
        "success"
    ]
    org_a.refresh_from_db()
    [again] = org_a.get_latest_revision_as_object().locations.all()
    assert again.uuid == location.uuid
