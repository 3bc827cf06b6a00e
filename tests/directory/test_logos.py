"""Members' logos: alt text edited in the draft, unused uploads deleted, used ones always kept.

A logo uploaded on the member screen is a Wagtail image at once; a later draft that replaces or
removes it makes it unused, and then it is deleted (at once, or by `delete_unused_logos`), but
never while an organisation, a draft that may still be published or anything in Wagtail's
reference index uses it. Only images in the logo collection are ever deleted.
"""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex, Site

from directory.logos import LOGO_COLLECTION_NAME, delete_unused_logos, logo_collection
from directory.moderation import approve, reject, submit_for_moderation

from .factories import OrganisationFactory
from .helpers import edit_form_data

pytestmark = pytest.mark.django_db

Image = get_image_model()


def edit_url(organisation):
    return reverse("directory_member:edit", kwargs={"uuid": organisation.uuid})


def png(name="logo.png", colour=(29, 78, 216)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def member_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def save(member_client, org_a, django_capture_on_commit_callbacks):
    """Post the member's edit form (with overrides), running what waits for the commit."""

    def post(organisation=org_a, client=member_client, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            data = edit_form_data(organisation, **overrides)
            response = client.post(edit_url(organisation), data)
        organisation.refresh_from_db()
        return response

    return post


def upload(save, name, alt, **extra):
    response = save(logo_file=png(name), logo_alt=alt, **extra)
    assert response.status_code == 302, response.context["form"].errors
    return Image.objects.get(title__startswith="Logo", file__contains=name.split(".")[0])


def old(days=40):
    return timezone.now() - timedelta(days=days)


def make_old(*images):
    Image.objects.filter(pk__in=[image.pk for image in images]).update(created_at=old())


def stored(image) -> bool:
    return image.file.storage.exists(image.file.name)


# --- Alternative text without a new upload ---------------------------------------------------


def test_member_changes_the_alt_text_alone_as_a_moderated_draft(
    save, member_client, client, org_a, moderator
):
    image = upload(save, "eerste.png", "Logo van Stichting A")
    approve(org_a, moderator)
    org_a.refresh_from_db()
    assert org_a.logo == image

    # The field shows the current text; changing only the text needs no new file.
    html = member_client.get(edit_url(org_a)).content.decode()
    assert 'value="Logo van Stichting A"' in html
    response = save(logo_alt="Beeldmerk van Stichting A: een blauwe rechthoek")
    assert response.status_code == 302
    assert Image.objects.count() == 1  # no new image
    image.refresh_from_db()
    assert image.description == "Logo van Stichting A"  # the image itself is not changed
    draft = org_a.get_latest_revision_as_object()
    assert draft.logo == image
    assert draft.get_logo_alt_text() == "Beeldmerk van Stichting A: een blauwe rechthoek"

    # The public keeps the old text until a moderator approves; the moderator sees the change.
    public = client.get(org_a.get_public_url()).content.decode()
    assert 'alt="Logo van Stichting A"' in public
    client.force_login(moderator)
    compare = reverse(
        "wagtailsnippets_directory_organisation:revisions_compare",
        args=[org_a.pk, "live", org_a.latest_revision_id],
    )
    assert "Beeldmerk van Stichting A: een blauwe rechthoek" in client.get(compare).content.decode()
    client.logout()

    api = f"/api/v1/organisations/{org_a.uuid}"
    assert client.get(api).json()["logo_alt_text"] == "Logo van Stichting A"

    approve(org_a, moderator)
    public = client.get(org_a.get_public_url()).content.decode()
    assert 'alt="Beeldmerk van Stichting A: een blauwe rechthoek"' in public
    assert 'alt="Logo van Stichting A"' not in public
    detail = client.get(api).json()
    assert detail["logo_alt_text"] == "Beeldmerk van Stichting A: een blauwe rechthoek"
    assert detail["logo_url"]


def test_the_alt_text_of_a_kept_logo_cannot_be_emptied(save, org_a, moderator):
    upload(save, "eerste.png", "Logo van Stichting A")
    response = save(logo_alt="  ")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef een alternatieve tekst voor het logo." in html
    assert 'href="#id_logo_alt"' in html


def test_a_new_upload_brings_its_own_alt_text(save, org_a):
    upload(save, "eerste.png", "Eerste logo")
    save(logo_alt="Aangepaste tekst")
    new = upload(save, "tweede.png", "Tweede logo")
    draft = org_a.get_latest_revision_as_object()
    assert draft.logo == new
    assert draft.logo_alt_text == ""
    assert draft.get_logo_alt_text() == "Tweede logo"


@pytest.mark.parametrize("role", ["owner_other", "editor_other", "plain_user", "anonymous"])
def test_others_cannot_change_the_alt_text(role, client, make_role_user, org_a, save):
    image = upload(save, "eerste.png", "Logo van Stichting A")
    revisions = org_a.revisions.count()
    user = make_role_user(role)
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    response = save(client=client, logo_alt="Overgenomen")
    assert response.status_code in (302, 404)
    if role == "anonymous":
        assert response.url.startswith(reverse("directory_member:login"))
    assert org_a.revisions.count() == revisions
    assert org_a.get_latest_revision_as_object().get_logo_alt_text() == "Logo van Stichting A"
    assert Image.objects.filter(pk=image.pk).exists()


# --- Unused uploads are deleted ----------------------------------------------------------------


def test_a_draft_logo_replaced_before_approval_is_deleted_at_once(save, org_a):
    first = upload(save, "eerste.png", "Eerste logo")
    assert first.collection.name == LOGO_COLLECTION_NAME
    assert stored(first)
    second = upload(save, "tweede.png", "Tweede logo")
    assert not Image.objects.filter(pk=first.pk).exists()
    assert not stored(first)  # the file goes too
    assert org_a.get_latest_revision_as_object().logo == second
    assert stored(second)


def test_a_draft_logo_removed_before_approval_is_deleted_at_once(save, org_a):
    first = upload(save, "eerste.png", "Eerste logo")
    assert save(remove_logo="on").status_code == 302
    assert not Image.objects.filter(pk=first.pk).exists()
    assert org_a.get_latest_revision_as_object().logo is None


def test_the_live_logo_is_kept_while_a_draft_replaces_it_then_goes_after_the_grace_period(
    save, org_a, moderator
):
    live = upload(save, "eerste.png", "Eerste logo")
    live_pk = live.pk
    approve(org_a, moderator)
    new = upload(save, "tweede.png", "Tweede logo")
    assert Image.objects.filter(pk=live.pk).exists()  # still on the live profile
    make_old(live, new)
    assert delete_unused_logos(older_than=timedelta(days=30)) == []

    approve(org_a, moderator)  # the new logo goes live: the old one is unused now
    org_a.refresh_from_db()
    assert org_a.logo == new
    assert Image.objects.filter(pk=live.pk).exists()  # kept until the command runs
    call_command("delete_unused_logos", "--dry-run", stdout=io.StringIO())
    assert Image.objects.filter(pk=live.pk).exists()
    out = io.StringIO()
    call_command("delete_unused_logos", stdout=out)
    assert "1 ongebruikte logo's verwijderd." in out.getvalue()
    assert not Image.objects.filter(pk=live.pk).exists()
    assert Image.objects.filter(pk=new.pk).exists()
    # The history still opens; that old version now has no logo.
    first_revision = org_a.revisions.order_by("pk").first()
    assert first_revision.content["logo"] == live_pk
    assert first_revision.as_object().logo is None


def test_a_rejected_draft_keeps_its_logo_until_a_later_draft_drops_it(save, org_a, moderator):
    rejected = upload(save, "eerste.png", "Eerste logo")
    reject(org_a, moderator, comment="Dit is niet ons logo.")
    make_old(rejected)
    # The rejected draft may still be resubmitted and published: kept.
    assert delete_unused_logos(older_than=timedelta(days=30)) == []
    assert Image.objects.filter(pk=rejected.pk).exists()

    upload(save, "tweede.png", "Tweede logo")  # the member replaces it
    assert not Image.objects.filter(pk=rejected.pk).exists()


def test_recent_unused_logos_wait_for_the_grace_period(org_a):
    recent = Image.objects.create(
        title="Logo", description="Logo", file=png(), collection=logo_collection()
    )
    out = io.StringIO()
    call_command("delete_unused_logos", stdout=out)
    assert "0 ongebruikte logo's verwijderd." in out.getvalue()
    assert Image.objects.filter(pk=recent.pk).exists()
    call_command("delete_unused_logos", "--older-than-days", "0", stdout=out)
    assert not Image.objects.filter(pk=recent.pk).exists()


# --- Used logos are kept ------------------------------------------------------------------------


def logo(name="elders.png"):
    image = Image.objects.create(
        title="Logo", description="Logo", file=png(name), collection=logo_collection()
    )
    make_old(image)
    return image


def test_images_outside_the_logo_collection_are_never_deleted():
    root = Collection.get_first_root_node()
    image = Image.objects.create(title="Foto", description="Foto", file=png(), collection=root)
    make_old(image)
    assert delete_unused_logos(older_than=timedelta(0)) == []
    assert delete_unused_logos([image.pk]) == []
    assert Image.objects.filter(pk=image.pk).exists()


def test_a_logo_used_by_another_organisation_is_kept(save, org_a, org_b):
    first = upload(save, "eerste.png", "Eerste logo")
    type(org_b).objects.filter(pk=org_b.pk).update(logo=first)  # a moderator chose it there
    upload(save, "tweede.png", "Tweede logo")
    assert Image.objects.filter(pk=first.pk).exists()


def test_a_logo_in_another_organisations_pending_draft_is_kept(save, org_a, org_b, moderator):
    first = upload(save, "eerste.png", "Eerste logo")
    draft = org_b.get_latest_revision_as_object()
    draft.logo = first
    draft.save_revision(user=moderator)
    submit_for_moderation(org_b, moderator)
    upload(save, "tweede.png", "Tweede logo")
    assert Image.objects.filter(pk=first.pk).exists()
    assert delete_unused_logos([first.pk], older_than=timedelta(0)) == []


def test_a_not_yet_published_organisation_keeps_its_logo():
    image = logo()
    OrganisationFactory(live=False, logo=image)
    assert delete_unused_logos(older_than=timedelta(0)) == []


def _section_page(**fields):
    from cms.models import SectionPage

    root = Site.objects.get(is_default_site=True).root_page
    return root.add_child(instance=SectionPage(title="Dossier", slug="dossier-logo", **fields))


def test_a_logo_used_by_a_live_page_is_kept(django_capture_on_commit_callbacks):
    image = logo()
    with django_capture_on_commit_callbacks(execute=True):
        _section_page(social_image=image)
    assert ReferenceIndex.get_references_to(image).exists()  # Wagtail's "usage"
    assert delete_unused_logos(older_than=timedelta(0)) == []
    assert Image.objects.filter(pk=image.pk).exists()


def test_a_logo_used_only_by_a_page_draft_is_kept():
    image = logo()
    page = _section_page()
    page.social_image = image
    page.save_revision()  # a draft: not in the reference index, but it may be published
    assert not ReferenceIndex.get_references_to(image).exists()
    assert delete_unused_logos(older_than=timedelta(0)) == []
    assert Image.objects.filter(pk=image.pk).exists()

    page.refresh_from_db()
    page.social_image = None
    page.save_revision()  # the newer draft drops it: unused now
    assert [i.pk for i in delete_unused_logos(older_than=timedelta(0))] == [image.pk]


def test_a_logo_in_a_revision_scheduled_to_go_live_is_kept(org_b, moderator):
    image = logo()
    draft = org_b.get_latest_revision_as_object()
    draft.logo = image
    scheduled = draft.save_revision(user=moderator)
    scheduled.approved_go_live_at = timezone.now() + timedelta(days=3)
    scheduled.save(update_fields=["approved_go_live_at"])
    org_b.refresh_from_db()
    later = org_b.get_latest_revision_as_object()
    later.logo = None
    later.save_revision(user=moderator)  # not the latest any more, but it will be published
    assert delete_unused_logos(older_than=timedelta(0)) == []
    assert Image.objects.filter(pk=image.pk).exists()
