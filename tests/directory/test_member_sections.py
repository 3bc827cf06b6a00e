"""The member screen edits the plugins' profile sections and the logo, always as a draft.

Plugin sections (built in: opening hours, languages, vacancies; and the external example
plugin's quality marks) appear on `/mijn-organisatie/<uuid>/bewerken/` from their Wagtail
panels, with no change to the member screen's code; what a member saves there is a draft
revision that the public sees only after a moderator approves it.
"""

import io
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from directory.moderation import approve
from directory.plugins.opening_hours.models import OpeningHours
from directory.plugins.vacancies.models import VolunteerVacancy

from .factories import LanguageFactory, MembershipFactory, UserFactory
from .helpers import edit_form_data

pytestmark = pytest.mark.django_db


def edit_url(organisation):
    return reverse("directory_member:edit", kwargs={"uuid": organisation.uuid})


@pytest.fixture
def member_client(client, owner):
    client.force_login(owner)
    return client


def png(name="logo.png", size=(40, 20)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (29, 78, 216)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def section_data(organisation, language=None, **overrides):
    """The edit form with one opening-hours slot, one vacancy and one quality mark added."""
    data = edit_form_data(organisation)
    data.update(
        {
            "opening_hours_slots-0-weekday": "2",
            "opening_hours_slots-0-opens": "09:00",
            "opening_hours_slots-0-closes": "12:30",
            "opening_hours_slots-0-note": "Inloopspreekuur",
            "volunteer_vacancies-0-title": "Taalmaatje",
            "volunteer_vacancies-0-hours_per_week": "2",
            "volunteer_vacancies-0-closes_on": "2099-12-31",
            "quality_marks-0-name": "Fictief Keurmerk Welzijn",
            "quality_marks-0-awarded_by": "Fictieve Keuringsdienst",
        }
    )
    if language is not None:
        data["languages"] = [str(language.pk)]
    data.update(overrides)
    return data


class _Labels(HTMLParser):
    """Form controls and the ids that a <label for> names (WCAG 1.3.1 / 4.1.2)."""

    def __init__(self):
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.controls.append(attrs.get("id") or f"(no id: {attrs.get('name')})")


def test_edit_screen_shows_every_plugin_section_with_labelled_controls(member_client, org_a):
    html = member_client.get(edit_url(org_a)).content.decode()
    for key in ("openingstijden", "talen", "vrijwilligersvacatures", "keurmerken"):
        assert f'id="sectie-{key}"' in html
    for relation in ("opening_hours_slots", "volunteer_vacancies", "quality_marks"):
        assert f'name="{relation}-TOTAL_FORMS"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="logo_file"' in html and 'name="logo_alt"' in html
    # Native date and time inputs on the member screen (not the admin's widgets).
    assert 'type="time" name="opening_hours_slots-0-opens"' in html
    assert 'type="date" name="volunteer_vacancies-0-closes_on"' in html
    parser = _Labels()
    parser.feed(html)
    unlabelled = [c for c in parser.controls if c not in parser.labelled]
    assert not unlabelled, unlabelled


def test_plugin_sections_and_languages_go_into_the_draft_and_publish_on_approval(
    member_client, org_a, moderator, client
):
    language = LanguageFactory(code="ti", name="Tigrinya")
    response = member_client.post(edit_url(org_a), section_data(org_a, language=language))
    assert response.status_code == 302, response.context["form"].errors

    # Nothing reached the live rows or the public page.
    assert not OpeningHours.objects.filter(organisation=org_a).exists()
    assert not VolunteerVacancy.objects.filter(organisation=org_a).exists()
    assert not org_a.quality_marks.exists()
    assert not org_a.languages.exists()
    public = client.get(org_a.get_public_url()).content.decode()
    assert "Taalmaatje" not in public and "Fictief Keurmerk Welzijn" not in public

    # The draft holds all of it, and the edit screen shows it back.
    org_a.refresh_from_db()
    assert org_a.has_unpublished_changes
    draft = org_a.get_latest_revision_as_object()
    [slot] = draft.opening_hours_slots.all()
    assert (slot.weekday, slot.opens.strftime("%H:%M"), slot.note) == (
        2,
        "09:00",
        "Inloopspreekuur",
    )
    assert [v.title for v in draft.volunteer_vacancies.all()] == ["Taalmaatje"]
    assert [m.name for m in draft.quality_marks.all()] == ["Fictief Keurmerk Welzijn"]
    assert list(draft.languages.all()) == [language]
    html = member_client.get(edit_url(org_a)).content.decode()
    assert 'value="Taalmaatje"' in html and 'value="Fictief Keurmerk Welzijn"' in html

    approve(org_a, moderator)
    assert OpeningHours.objects.filter(organisation=org_a).count() == 1
    assert VolunteerVacancy.objects.get(organisation=org_a).title == "Taalmaatje"
    assert org_a.quality_marks.get().name == "Fictief Keurmerk Welzijn"
    public = client.get(org_a.get_public_url()).content.decode()
    assert "Taalmaatje" in public
    assert "Fictief Keurmerk Welzijn" in public
    assert "Tigrinya" in public


def test_section_errors_are_linked_to_their_fields(member_client, org_a):
    data = section_data(org_a, **{"opening_hours_slots-0-closes": "08:00"})
    response = member_client.post(edit_url(org_a), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "De sluitingstijd moet na de openingstijd liggen." in html
    field_id = "id_opening_hours_slots-0-closes"
    assert f'href="#{field_id}"' in html  # the error summary links to the field
    assert f'aria-describedby="{field_id}_error"' in html
    assert 'aria-invalid="true"' in html
    org_a.refresh_from_db()
    assert not org_a.has_unpublished_changes


def test_plugin_validator_errors_reach_the_member(member_client, org_a):
    data = section_data(
        org_a,
        **{
            "opening_hours_slots-TOTAL_FORMS": "2",
            "opening_hours_slots-1-weekday": "2",
            "opening_hours_slots-1-opens": "11:00",
            "opening_hours_slots-1-closes": "13:00",
        },
    )
    data.update(logo_file=png("overlap.png"), logo_alt="Logo")  # uploaded with the failed save
    response = member_client.post(edit_url(org_a), data)
    assert response.status_code == 200
    assert "Openingstijden overlappen op dinsdag." in response.content.decode()
    org_a.refresh_from_db()
    assert not org_a.has_unpublished_changes
    # The rolled-back upload leaves nothing behind: no image, no file, no rendition.
    assert get_image_model().objects.count() == 0
    storage = get_image_model()._meta.get_field("file").storage
    if storage.exists("original_images"):
        assert not [n for n in storage.listdir("original_images")[1] if n.startswith("overlap")]
    assert "Er is nog geen logo." in response.content.decode()


@pytest.mark.parametrize("role", ["owner_other", "editor_other", "plain_user", "anonymous"])
def test_others_cannot_edit_sections_or_upload_a_logo(role, client, make_role_user, org_a):
    user = make_role_user(role)
    if user.is_authenticated:
        client.force_login(user)
    images_before = get_image_model().objects.count()
    data = section_data(org_a, logo_file=png(), logo_alt="Logo van iemand anders")
    response = client.post(edit_url(org_a), data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("directory_member:login"))
    else:
        assert response.status_code == 404
    org_a.refresh_from_db()
    assert not org_a.has_unpublished_changes
    assert org_a.revisions.count() == 0
    assert get_image_model().objects.count() == images_before


def test_member_uploads_a_logo_as_a_draft(member_client, org_a, owner, moderator, client):
    response = member_client.post(
        edit_url(org_a),
        edit_form_data(org_a, logo_file=png(), logo_alt="Logo van Stichting Voorbeeld A"),
    )
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get()
    assert image.description == "Logo van Stichting Voorbeeld A"
    assert image.uploaded_by_user == owner
    assert image.collection.name == "Logo's partnergids"
    org_a.refresh_from_db()
    assert org_a.logo is None  # the live profile keeps its (absent) logo
    assert org_a.get_latest_revision_as_object().logo == image
    assert (
        'alt="Logo van Stichting Voorbeeld A"'
        not in client.get(org_a.get_public_url()).content.decode()
    )
    # The edit screen shows the draft's logo with its alternative text.
    html = member_client.get(edit_url(org_a)).content.decode()
    assert 'alt="Logo van Stichting Voorbeeld A"' in html

    approve(org_a, moderator)
    org_a.refresh_from_db()
    assert org_a.logo == image
    public = client.get(org_a.get_public_url()).content.decode()
    assert 'alt="Logo van Stichting Voorbeeld A"' in public

    # Replacing: a new image, the draft points at it, the live logo stays until approval.
    response = member_client.post(
        edit_url(org_a), edit_form_data(org_a, logo_file=png("nieuw.png"), logo_alt="Nieuw logo")
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo == image
    assert org_a.get_latest_revision_as_object().logo.description == "Nieuw logo"

    # Removing is a draft as well.
    response = member_client.post(edit_url(org_a), edit_form_data(org_a, remove_logo="on"))
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo == image
    assert org_a.get_latest_revision_as_object().logo is None


def test_logo_needs_alt_text(member_client, org_a):
    response = member_client.post(edit_url(org_a), edit_form_data(org_a, logo_file=png()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef een alternatieve tekst voor het nieuwe logo." in html
    assert 'href="#id_logo_alt"' in html
    assert get_image_model().objects.count() == 0
    org_a.refresh_from_db()
    assert not org_a.has_unpublished_changes


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"dit is geen afbeelding " * 20, "image/png"),
            "",
        ),
        (SimpleUploadedFile("logo.exe", b"MZ\x90\x00" * 50, "application/octet-stream"), ""),
    ],
    ids=["text-named-png", "executable"],
)
def test_logo_upload_is_validated_like_every_image(member_client, org_a, upload, message):
    response = member_client.post(
        edit_url(org_a), edit_form_data(org_a, logo_file=upload, logo_alt="Logo")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get("logo_file")
    assert 'aria-invalid="true"' in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_logo_with_more_pixels_than_allowed_is_refused(member_client, org_a, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    response = member_client.post(
        edit_url(org_a), edit_form_data(org_a, logo_file=png(size=(20, 20)), logo_alt="Logo")
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("logo_file")
    assert get_image_model().objects.count() == 0


def test_editor_role_may_edit_sections_too(client, org_a):
    editor = MembershipFactory(organisation=org_a, role="editor").user
    client.force_login(editor)
    response = client.post(edit_url(org_a), section_data(org_a))
    assert response.status_code == 302
    assert org_a.revisions.count() == 1


def test_member_of_two_organisations_edits_each_separately(client, org_a, org_b):
    user = UserFactory(username="twee-petten")
    MembershipFactory(organisation=org_a, role="owner", user=user)
    client.force_login(user)
    response = client.post(edit_url(org_a), section_data(org_a))
    assert response.status_code == 302
    assert org_b.revisions.count() == 0
    assert client.get(edit_url(org_b)).status_code == 404
