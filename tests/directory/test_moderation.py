"""Member edits become drafts; moderators approve or reject with a comment; the public sees the
last approved version throughout and members are told the outcome by email."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from directory.models import Organisation
from directory.moderation import Status, approve, profile_status, reject

from .helpers import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, owner):
    client.force_login(owner)
    return client


def edit(client, organisation, **overrides):
    url = reverse("directory_member:edit", kwargs={"uuid": organisation.uuid})
    return client.post(url, edit_form_data(organisation, **overrides))


def test_member_edit_is_a_draft_and_the_public_keeps_the_live_version(member_client, org_a, org_b):
    response = edit(member_client, org_a, name="Stichting Voorbeeld A (nieuw)")
    assert response.status_code == 302, response.content.decode()[:2000]
    org_a.refresh_from_db()
    assert org_a.name == "Stichting Voorbeeld A"
    assert org_a.has_unpublished_changes
    assert org_a.get_latest_revision().content["name"] == "Stichting Voorbeeld A (nieuw)"
    assert list(Organisation.objects.listed().values_list("name", flat=True)) == [
        "Stichting Voorbeeld A",
        "Stichting Voorbeeld B",
    ]
    assert profile_status(org_a).code == Status.IN_MODERATION
    assert org_a.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_save_as_draft_does_not_submit(member_client, org_a):
    data = edit_form_data(org_a, name="Concepttitel")
    del data["submit"]
    data["draft"] = "1"
    url = reverse("directory_member:edit", kwargs={"uuid": org_a.uuid})
    assert member_client.post(url, data).status_code == 302
    org_a.refresh_from_db()
    assert profile_status(org_a).code == Status.DRAFT
    assert org_a.current_workflow_state is None


def test_reject_with_comment_reaches_member_on_screen_and_by_email(
    member_client, org_a, owner, moderator, django_capture_on_commit_callbacks
):
    edit(member_client, org_a, name="Verkeerde naam")
    with django_capture_on_commit_callbacks(execute=True):
        reject(org_a, moderator, comment="Graag de officiële naam gebruiken.")
    org_a.refresh_from_db()
    status = profile_status(org_a)
    assert status.code == Status.REJECTED
    assert status.comment == "Graag de officiële naam gebruiken."
    assert org_a.name == "Stichting Voorbeeld A"  # still the live version
    page = member_client.get(reverse("directory_member:profile", kwargs={"uuid": org_a.uuid}))
    assert "Afgewezen met opmerking" in page.content.decode()
    assert "Graag de officiële naam gebruiken." in page.content.decode()
    [message] = [m for m in mail.outbox if owner.email in m.to]
    assert message.to == [owner.email]
    assert "nog niet gepubliceerd" in message.subject
    assert "Graag de officiële naam gebruiken." in message.body


def test_resubmission_after_rejection_resumes_and_approval_publishes(
    member_client, org_a, owner, moderator, django_capture_on_commit_callbacks
):
    edit(member_client, org_a, name="Verkeerde naam")
    reject(org_a, moderator, comment="Naam klopt niet.")
    edit(member_client, org_a, name="Stichting Voorbeeld A Utrecht")
    org_a.refresh_from_db()
    assert profile_status(org_a).code == Status.IN_MODERATION
    assert org_a.workflow_states.count() == 1  # the same workflow resumed
    with django_capture_on_commit_callbacks(execute=True):
        approve(org_a, moderator, comment="Dank!")
    org_a.refresh_from_db()
    assert org_a.name == "Stichting Voorbeeld A Utrecht"
    assert org_a.live and not org_a.has_unpublished_changes
    assert org_a.last_reviewed_at is not None
    assert profile_status(org_a).code == Status.PUBLISHED
    to_owner = [m for m in mail.outbox if m.to == [owner.email]]
    approved = [m for m in to_owner if "zijn gepubliceerd" in m.subject]
    assert len(approved) == 1
    assert "Dank!" in approved[0].body


def test_member_cannot_approve_or_reject(member_client, org_a, owner):
    from django.core.exceptions import PermissionDenied

    edit(member_client, org_a, name="Zelf goedkeuren?")
    with pytest.raises(PermissionDenied):
        approve(org_a, owner)
    with pytest.raises(PermissionDenied):
        reject(org_a, owner, comment="nee")
    org_a.refresh_from_db()
    assert org_a.name == "Stichting Voorbeeld A"


def test_new_services_and_locations_stay_in_the_draft_until_approved(
    member_client, org_a, moderator
):
    from directory.models import Location, Service

    from .factories import PhaseFactory, PostcodeAreaFactory

    PostcodeAreaFactory(pc4="3511", latitude=52.09, longitude=5.12)
    phase = PhaseFactory(title="Integratie in de wijk")
    data = edit_form_data(org_a)
    data.update(
        {
            "locations-0-address": "Voorbeeldstraat 1",
            "locations-0-postcode": "3511ab",
            "services-0-name": "Taalcafé",
            "services-0-phase_tags": [str(phase.tag.pk)],
            "services-0-themes": "taal, ontmoeting",
        }
    )
    url = reverse("directory_member:edit", kwargs={"uuid": org_a.uuid})
    response = member_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert not Location.objects.filter(organisation=org_a).exists()
    assert not Service.objects.filter(organisation=org_a).exists()
    org_a.refresh_from_db()
    draft = org_a.get_latest_revision_as_object()
    [location] = draft.locations.all()
    assert location.latitude == 52.09  # geocoded in the draft already
    approve(org_a, moderator)
    service = Service.objects.get(organisation=org_a)
    assert list(service.phases.all()) == [phase.tag]
    assert sorted(t.name for t in service.themes.all()) == ["ontmoeting", "taal"]
    assert list(org_a.get_phases()) == [phase]
    assert Location.objects.get(organisation=org_a).postcode == "3511 AB"


def test_invalid_kvk_is_reported_in_dutch(member_client, org_a):
    url = reverse("directory_member:edit", kwargs={"uuid": org_a.uuid})
    response = member_client.post(url, edit_form_data(org_a, kvk_number="123"))
    assert response.status_code == 200
    assert "precies 8 cijfers" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    org_a.refresh_from_db()
    assert not org_a.has_unpublished_changes


def test_moderator_sees_diff_in_wagtail_admin(member_client, org_a, moderator, client):
    edit(member_client, org_a, name="Nieuwe naam")
    client.force_login(moderator)
    edit_url = reverse("wagtailsnippets_directory_organisation:edit", args=[org_a.pk])
    response = client.get(edit_url)
    assert response.status_code == 200
    revisions = list(org_a.revisions.order_by("pk").values_list("pk", flat=True))
    compare_url = reverse(
        "wagtailsnippets_directory_organisation:revisions_compare",
        args=[org_a.pk, "live", revisions[-1]],
    )
    response = client.get(compare_url)
    assert response.status_code == 200
    assert "Nieuwe naam" in response.content.decode()


def test_rendered_edit_form_round_trips_unchanged(member_client, org_a):
    """Submitting the page as rendered (like a browser) saves a draft without errors."""
    from .browser_form import form_fields

    url = reverse("directory_member:edit", kwargs={"uuid": org_a.uuid})
    data = form_fields(member_client.get(url).content.decode())
    data["description"] = ["Nieuwe beschrijving."]
    data["submit"] = ["1"]
    response = member_client.post(url, data)
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.get_latest_revision().content["description"] == "Nieuwe beschrijving."


def test_public_page_shows_the_live_version_while_a_draft_waits(client, org_a, moderator):
    """Drafts never reach the public organisation page; an unpublished organisation is a 404."""
    draft = org_a.get_latest_revision_as_object()
    draft.description = "GEHEIM CONCEPT"
    draft.save_revision()
    page = client.get(org_a.get_public_url())
    assert page.status_code == 200
    assert "GEHEIM CONCEPT" not in page.content.decode()
    assert org_a.name in page.content.decode()

    from .factories import OrganisationFactory

    never_published = OrganisationFactory(live=False, name="Nog Niet Gepubliceerd")
    assert client.get(never_published.get_public_url()).status_code == 404
    listing = client.get("/partners/")
    assert "Nog Niet Gepubliceerd" not in listing.content.decode()
