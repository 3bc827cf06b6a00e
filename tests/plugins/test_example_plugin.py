"""The external example plugin adds a section end to end (admin, public page, API), installed
as its own distribution and discovered through its entry point, with no change to core code."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory.models import Organisation
from directory.plugins.api import sections_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("beheer", "beheer@voorbeeld.invalid", "x")
    client.force_login(user)
    return client


def test_admin_editor_shows_the_plugin_tab(world, admin_client):
    org = world.organisation("Fictieve Keurmerkstichting")
    url = reverse("wagtailsnippets_directory_organisation:edit", args=[org.pk])
    html = admin_client.get(url).content.decode()
    assert "Keurmerken" in html
    assert 'name="quality_marks-TOTAL_FORMS"' in html
    # The built-in plugins' tabs are there too.
    assert 'name="opening_hours_slots-TOTAL_FORMS"' in html
    assert 'name="volunteer_vacancies-TOTAL_FORMS"' in html


def _form(name, marks):
    return nested_form_data(
        {
            "name": name,
            "slug": "",
            "description": "Een verzonnen organisatie.",
            "website": "",
            "email": "",
            "phone": "",
            "kvk_number": "",
            "locations": inline_formset([]),
            "services": inline_formset([]),
            "opening_hours_slots": inline_formset([]),
            "volunteer_vacancies": inline_formset([]),
            "quality_marks": inline_formset(marks),
        }
    )


def test_section_goes_from_admin_draft_through_publication_to_page_and_api(
    world, admin_client, client
):
    add_url = reverse("wagtailsnippets_directory_organisation:add")
    response = admin_client.post(
        add_url,
        _form(
            "Fictieve Stichting Keurmerk",
            [{"name": "Fictief Keurmerk Welzijn", "awarded_by": "Fictieve Keuringsdienst"}],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    org = Organisation.objects.get(name="Fictieve Stichting Keurmerk")
    # Saved as a draft: not live, the section lives in the revision only.
    assert not org.live
    assert client.get(reverse("directory_public:organisation", args=[org.slug])).status_code == 404

    org.latest_revision.publish()
    org.refresh_from_db()
    assert org.live
    html = client.get(reverse("directory_public:organisation", args=[org.slug])).content.decode()
    assert 'id="sectie-keurmerken"' in html
    assert "Fictief Keurmerk Welzijn (Fictieve Keuringsdienst)" in html
    assert sections_payload(org)["keurmerken"] == [
        {
            "name": "Fictief Keurmerk Welzijn",
            "awarded_by": "Fictieve Keuringsdienst",
            "valid_until": None,
        }
    ]


def test_draft_changes_to_the_section_stay_out_of_public_view(world, client):
    from kk_example_plugin.models import QualityMark

    org = Organisation(name="Fictieve Conceptkeurmerken", live=False)
    org.save()
    org.quality_marks = [QualityMark(name="Gepubliceerd Keurmerk")]
    org.save_revision().publish()
    org.refresh_from_db()
    org.quality_marks = [QualityMark(name="Nog Niet Goedgekeurd")]
    org.save_revision()  # a draft, awaiting moderation
    html = client.get(reverse("directory_public:organisation", args=[org.slug])).content.decode()
    assert "Gepubliceerd Keurmerk" in html
    assert "Nog Niet Goedgekeurd" not in html


def test_admin_validation_reaches_the_plugin_validator(world, admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_directory_organisation:add"), _form("FICTIEVE SCHREEUWNAAM", [])
    )
    assert response.status_code == 200
    assert "Schrijf de naam niet helemaal in hoofdletters." in response.content.decode()
    assert not Organisation.objects.filter(name="FICTIEVE SCHREEUWNAAM").exists()
