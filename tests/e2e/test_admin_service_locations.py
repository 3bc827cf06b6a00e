"""In the Wagtail admin, a moderator adds a location and lets a service use it before saving.

The location row is added by InlinePanel's JavaScript; `directory/static/directory/admin/
service_locations.js` gives it a UUID and a checkbox in every service's "Locaties" list (also
for a service added afterwards), and takes the checkbox away again when the row is removed. The
saved draft links the service to the new location by that UUID; publishing links it for real.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from directory.models import Location, Organisation, Service
from directory.roles import MODERATOR_GROUP_NAME

from .axe import assert_no_serious_axe_violations
from .organisations import publish_with_service_at_location

pytestmark = pytest.mark.e2e

NEW_LOCATION = "Nieuwe locatie 2 (nog niet opgeslagen)"
REMOVED_LOCATION = "Nieuwe locatie 3 (nog niet opgeslagen)"


@pytest.fixture
def organisation(live_site):
    organisation = Organisation(name="Fictieve Buurtstichting Oost", description="Fictief.")
    return publish_with_service_at_location(organisation)


def _tab(admin, name):
    admin.get_by_role("tab", name=name, exact=True).click()


def _choices(admin, service_number):
    return admin.locator(f"#id_services-{service_number}-location_rows")


def test_a_location_added_in_the_browser_can_be_chosen_by_services_before_saving(
    open_page, create_user, organisation, browser_log
):
    moderator = create_user("moderator", first_name="Mo", last_name="Derator")
    moderator.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))
    admin = open_page(moderator)
    admin.goto(reverse("wagtailsnippets_directory_organisation:edit", args=[organisation.pk]))
    assert _choices(admin, 0).get_by_label(NEW_LOCATION).count() == 0

    _tab(admin, "Locaties")
    admin.locator("#id_locations-ADD").click()
    admin.fill("input[name='locations-1-address']", "Fictieve Laan 2")
    admin.fill("input[name='locations-1-postcode']", "3511 CD")
    new_uuid = admin.locator("input[name='locations-1-row_uuid']").input_value()
    assert len(new_uuid) == 36
    choice = _choices(admin, 0).get_by_label(NEW_LOCATION)
    assert choice.get_attribute("value") == new_uuid
    _tab(admin, "Diensten")
    choice.check()  # keyboard users reach it as any other checkbox: it has a real label

    # A second added location that is removed again disappears from the lists.
    _tab(admin, "Locaties")
    admin.locator("#id_locations-ADD").click()
    assert _choices(admin, 0).get_by_label(REMOVED_LOCATION).count() == 1
    admin.locator("#id_locations-2-DELETE-button").click()
    admin.wait_for_function(
        "() => !document.querySelector('#id_services-0-location_rows')"
        ".textContent.includes('Nieuwe locatie 3')"
    )

    # A service added afterwards is offered the new location too.
    _tab(admin, "Diensten")
    assert _choices(admin, 0).get_by_label(NEW_LOCATION).is_checked()
    admin.locator("#id_services-ADD").click()
    admin.fill("input[name='services-1-name']", "Fictief spreekuur")
    _choices(admin, 1).get_by_label(NEW_LOCATION).check()
    assert _choices(admin, 1).get_by_label(REMOVED_LOCATION).count() == 0
    assert_no_serious_axe_violations(admin)

    with admin.expect_navigation():
        admin.locator("button.action-save").first.click()
    assert admin.locator(".error-message, .help-critical").count() == 0, admin.content()

    # The draft links both services to the new location by its UUID; nothing is public yet.
    organisation.refresh_from_db()
    draft = organisation.latest_revision.as_object()
    location_uuids = {str(location.uuid) for location in draft.locations.all()}
    assert new_uuid in location_uuids
    services = {service.name: service for service in draft.services.all()}
    assert services["Taalcafé"].pending_location_uuids == [new_uuid]
    assert services["Fictief spreekuur"].pending_location_uuids == [new_uuid]
    assert Location.objects.filter(uuid=new_uuid).count() == 0

    # Published, the links are real.
    organisation.latest_revision.publish()
    for name in ("Taalcafé", "Fictief spreekuur"):
        service = Service.objects.get(organisation=organisation, name=name)
        assert str(new_uuid) in {str(location.uuid) for location in service.locations.all()}
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []
