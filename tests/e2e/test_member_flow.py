"""A member edits its profile, a moderator approves it in Wagtail, the visitor sees it.

Real browser, real workflow: the member's edit is a draft (the public keeps seeing the live
version) until the moderator approves it in the Wagtail admin.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from directory.logos import logo_collection
from directory.models import Membership, Organisation, Role, Service
from directory.roles import MODERATOR_GROUP_NAME

from .axe import assert_no_serious_axe_violations
from .organisations import publish_with_service_at_location

pytestmark = pytest.mark.e2e

OLD = "Wij organiseren taalcafés voor nieuwkomers."
NEW = "Wij organiseren taalcafés en maatjesprojecten voor nieuwkomers."


OLD_ALT = "Logo van Fictieve Welzijnsstichting Zuid"
NEW_ALT = "Beeldmerk van Fictieve Welzijnsstichting Zuid: een blauwe rechthoek"


def _logo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (29, 78, 216)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="Logo Fictieve Welzijnsstichting Zuid",
        description=OLD_ALT,
        file=SimpleUploadedFile("logo-zuid.png", buffer.getvalue(), content_type="image/png"),
        collection=logo_collection(),
    )


@pytest.fixture
def organisation(live_site):
    organisation = Organisation(name="Fictieve Welzijnsstichting Zuid", description=OLD)
    organisation.save()
    organisation.save_revision().publish()
    return organisation


@pytest.fixture
def organisation_with_logo_and_service(organisation):
    """A logo, and a service at a location: both screens must carry them through unchanged."""
    organisation.logo = _logo()
    return publish_with_service_at_location(organisation)


def test_member_edits_moderator_approves_visitor_sees(
    open_page, create_user, organisation_with_logo_and_service, browser_log
):
    organisation = organisation_with_logo_and_service
    member = create_user("lid", first_name="Lotte", last_name="Lid")
    Membership.objects.create(user=member, organisation=organisation, role=Role.OWNER)
    moderator = create_user("moderator", first_name="Mo", last_name="Derator")
    moderator.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))

    # The member edits the profile on its own screen and submits it.
    member_page = open_page(member)
    member_page.goto("/mijn-organisatie/")
    assert_no_serious_axe_violations(member_page)
    member_page.get_by_role("link", name="Profiel bewerken").click()
    assert_no_serious_axe_violations(member_page)
    member_page.get_by_label("Beschrijving").fill(NEW)
    # Only the logo's alternative text changes: no new upload needed.
    member_page.get_by_label("Alternatieve tekst van het logo").fill(NEW_ALT)
    member_page.get_by_role("button", name="Opslaan en aanbieden aan de redactie").click()
    member_page.wait_for_load_state()
    member_page.wait_for_url(f"**/mijn-organisatie/{organisation.uuid}/")
    assert "Ter beoordeling" in member_page.locator("main").inner_text()
    assert_no_serious_axe_violations(member_page)

    # The public still sees the live version.
    organisation.refresh_from_db()
    assert organisation.description == OLD
    assert list(Organisation.objects.listed().values_list("description", flat=True)) == [OLD]
    visitor = open_page()
    url = reverse("directory_public:organisation", kwargs={"slug": organisation.slug})
    assert organisation.get_public_url() == url
    visitor.goto(url)
    assert OLD in visitor.locator("main").inner_text()
    assert NEW not in visitor.content() and NEW_ALT not in visitor.content()
    assert visitor.locator(f'img[alt="{OLD_ALT}"]').count() == 1

    # The moderator approves in the Wagtail admin.
    admin = open_page(moderator)
    admin.goto(reverse("wagtailsnippets_directory_organisation:edit", args=[organisation.pk]))
    approve = admin.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    if not approve.is_visible():  # in the "more actions" dropdown of the footer
        admin.locator(".w-dropdown-button button[aria-expanded]").first.click()
    with admin.expect_navigation():
        approve.click()
    organisation.refresh_from_db()
    assert organisation.description == NEW
    # The admin form (service panel with its location choice) kept the service's location.
    [service] = Service.objects.filter(organisation=organisation)
    assert [loc.address for loc in service.locations.all()] == ["Fictieve Straat 1"]

    # The member sees it published; the visitor sees the new text.
    member_page.reload()
    assert "Gepubliceerd" in member_page.locator("main").inner_text()
    visitor.goto(url)
    assert NEW in visitor.locator("main").inner_text()
    assert visitor.locator(f'img[alt="{NEW_ALT}"]').count() == 1
    assert list(Organisation.objects.listed().values_list("description", flat=True)) == [NEW]
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []


def test_member_login_page_is_accessible_and_works(open_page, create_user, organisation):
    from .conftest import DEFAULT_PASSWORD

    member = create_user("lid2")
    Membership.objects.create(user=member, organisation=organisation, role=Role.EDITOR)
    page = open_page()
    page.goto("/mijn-organisatie/")
    assert "/mijn-organisatie/inloggen/" in page.url
    assert_no_serious_axe_violations(page)
    page.get_by_label("Gebruikersnaam").fill("lid2")
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**/mijn-organisatie/{organisation.uuid}/")
    assert organisation.name in page.locator("h1").inner_text()


def test_member_reports_page_and_edit_errors_are_accessible(open_page, create_user, organisation):
    from directory.public.models import ErrorReport

    member = create_user("lid2", first_name="Lies", last_name="Lid")
    Membership.objects.create(user=member, organisation=organisation, role=Role.EDITOR)
    ErrorReport.objects.create(
        organisation=organisation,
        topic=ErrorReport.Topic.ADDRESS,
        message="Het adres is verhuisd.",
        reporter_email="melder@voorbeeld.invalid",
        reporter_hash="x" * 64,
    )
    page = open_page(member)
    page.goto(f"/mijn-organisatie/{organisation.uuid}/")
    page.get_by_role("link", name="Foutmeldingen (1 nieuw)").click()
    page.wait_for_url(f"**/mijn-organisatie/{organisation.uuid}/meldingen/")
    text = page.locator("main").inner_text()
    assert "Het adres is verhuisd." in text
    assert "melder@voorbeeld.invalid" not in text
    assert_no_serious_axe_violations(page)

    # An error in a plugin section and at the logo: announced, linked, still accessible.
    page.goto(f"/mijn-organisatie/{organisation.uuid}/bewerken/")
    page.locator("#id_opening_hours_slots-0-weekday").select_option("2")
    page.locator("#id_opening_hours_slots-0-opens").fill("12:00")
    page.locator("#id_opening_hours_slots-0-closes").fill("09:00")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.wait_for_load_state()
    assert (
        "De sluitingstijd moet na de openingstijd liggen."
        in page.locator("#foutmeldingen").inner_text()
    )
    assert_no_serious_axe_violations(page)
