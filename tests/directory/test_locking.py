"""A moderator's lock (Wagtail's "Vergrendelen" in the admin) holds on the member screen and the
API too: while it lasts, members cannot save or submit a draft of that profile."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from apiplatform.member_tokens import create_member_token
from directory.moderation import ProfileLocked, save_draft, submit_for_moderation

from .helpers import edit_form_data

pytestmark = pytest.mark.django_db

LOCKED = "De redactie werkt aan dit profiel en heeft het tijdelijk vergrendeld."


@pytest.fixture
def locked(org_a, moderator, client):
    client.force_login(moderator)
    response = client.post(reverse("wagtailsnippets_directory_organisation:lock", args=[org_a.pk]))
    assert response.status_code == 302
    client.logout()
    org_a.refresh_from_db()
    assert org_a.locked and org_a.locked_by == moderator
    return org_a


def edit_url(organisation):
    return reverse("directory_member:edit", kwargs={"uuid": organisation.uuid})


def profile_url(organisation):
    return reverse("directory_member:profile", kwargs={"uuid": organisation.uuid})


def stored_files(prefix: str) -> list[str]:
    storage = get_image_model()._meta.get_field("file").storage
    if not storage.exists("original_images"):
        return []
    return [name for name in storage.listdir("original_images")[1] if name.startswith(prefix)]


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), (29, 78, 216)).save(buffer, format="PNG")
    return SimpleUploadedFile("vergrendeld.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_members_cannot_edit_a_locked_profile(role, client, make_role_user, locked):
    org_a = locked
    client.force_login(make_role_user(role))
    profile = client.get(profile_url(org_a)).content.decode()
    assert LOCKED in profile
    assert edit_url(org_a) not in profile  # no "Profiel bewerken"
    assert client.get(edit_url(org_a)).url == profile_url(org_a)

    # A form posted anyway (opened before the lock) is refused with the reason, nothing stored.
    images = get_image_model().objects.count()
    data = edit_form_data(org_a, description="Tijdens de vergrendeling", logo_file=png())
    data["logo_alt"] = "Logo"
    response = client.post(edit_url(org_a), data)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert org_a.revisions.count() == 0
    assert get_image_model().objects.count() == images
    assert stored_files("vergrendeld") == []  # nor its file

    client.post(reverse("directory_member:submit", kwargs={"uuid": org_a.uuid}))
    assert org_a.current_workflow_state is None


def test_the_lock_is_also_kept_by_the_service_layer(locked, owner):
    draft = locked.get_latest_revision_as_object()
    draft.description = "Via de servicelaag"
    with pytest.raises(ProfileLocked):
        save_draft(draft, owner)
    with pytest.raises(ProfileLocked):
        submit_for_moderation(locked, owner)
    assert locked.revisions.count() == 0


def test_the_api_answers_409_while_locked(client, locked, owner):
    token = create_member_token(owner, locked, "Ons CRM")[1]
    response = client.patch(
        f"/api/v1/organisations/{locked.uuid}",
        {"description": "Via de API"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert LOCKED in response.json()["detail"]
    assert locked.revisions.count() == 0


def test_members_edit_again_once_the_moderator_unlocks(client, owner, moderator, locked):
    client.force_login(moderator)
    client.post(reverse("wagtailsnippets_directory_organisation:unlock", args=[locked.pk]))
    client.force_login(owner)
    assert client.get(edit_url(locked)).status_code == 200
    response = client.post(edit_url(locked), edit_form_data(locked, description="Weer open"))
    assert response.status_code == 302
    locked.refresh_from_db()
    assert locked.get_latest_revision().content["description"] == "Weer open"


def test_the_moderator_who_locked_it_still_edits(locked, moderator):
    draft = locked.get_latest_revision_as_object()
    draft.description = "Door de redactie"
    save_draft(draft, moderator)
    assert locked.revisions.count() == 1


def test_a_workflow_under_review_does_not_lock_members_out(client, owner, org_a):
    """Deliberately not Wagtail's workflow lock: a member may improve a draft under review."""
    client.force_login(owner)
    client.post(edit_url(org_a), edit_form_data(org_a, description="Eerste versie"))
    org_a.refresh_from_db()
    assert org_a.current_workflow_state is not None
    assert org_a.get_lock() is not None and org_a.get_lock().for_user(owner)  # Wagtail's view
    response = client.post(edit_url(org_a), edit_form_data(org_a, description="Beter"))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.get_latest_revision().content["description"] == "Beter"


def test_a_scheduled_publication_locks_members_out(client, owner, org_a, moderator):
    draft = org_a.get_latest_revision_as_object()
    draft.go_live_at = timezone.now() + timezone.timedelta(days=2)
    revision = draft.save_revision(user=moderator)
    revision.publish(user=moderator)  # with go_live_at in the future: scheduled
    org_a.refresh_from_db()
    client.force_login(owner)
    assert LOCKED in client.get(profile_url(org_a)).content.decode()
    response = client.post(edit_url(org_a), edit_form_data(org_a, description="Te vroeg"))
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
