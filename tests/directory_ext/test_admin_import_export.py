"""Admin import (dry run, then confirm; all or nothing) and export (what the user may see)."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import Membership, Organisation, Role
from directory.roles import MODERATOR_GROUP_NAME

pytestmark = pytest.mark.django_db
IMPORT = "directory_plugins_import"
EXPORT = "directory_plugins_export"


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@voorbeeld.invalid", "x")
    user.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))
    client.force_login(user)
    return client


def upload(text, name="partners.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_dry_run_then_confirm(world, moderator_client):
    csv_text = "naam,postcode,adres\nFictieve Adminstichting,3511 AB,Straat 1\n"
    page = moderator_client.post(reverse(IMPORT), {"format": "csv", "file": upload(csv_text)})
    html = page.content.decode()
    assert page.status_code == 200
    assert "alle 1 organisaties zijn in orde" in html or "1 organisatie is in orde" in html
    assert not Organisation.objects.exists()  # a dry run writes nothing
    token = moderator_client.session["directory_import"]["token"]
    done = moderator_client.post(reverse(IMPORT), {"confirm": "1", "token": token}, follow=True)
    assert "1 organisaties geïmporteerd" in done.content.decode()
    assert Organisation.objects.filter(name="Fictieve Adminstichting", live=True).exists()


def test_errors_are_listed_per_line_and_field_and_there_is_no_import_button(
    world, moderator_client
):
    csv_text = "naam,postcode,adres\n,3511 AB,Straat 1\nFictief,99,Straat 2\n"
    html = moderator_client.post(
        reverse(IMPORT), {"format": "csv", "file": upload(csv_text)}
    ).content.decode()
    assert "<td>2</td><td>naam</td>" in html
    assert "<td>3</td><td>postcode</td>" in html
    assert 'name="confirm"' not in html
    assert "directory_import" not in moderator_client.session


def test_confirm_without_a_checked_file_does_nothing(world, moderator_client):
    response = moderator_client.post(reverse(IMPORT), {"confirm": "1", "token": "verzonnen"})
    assert response.status_code == 302
    assert not Organisation.objects.exists()


def test_member_may_not_import(world, client, django_user_model):
    org = world.organisation("Fictieve Ledenstichting")
    user = django_user_model.objects.create_user("lid", "lid@voorbeeld.invalid", "x")
    Membership.objects.create(user=user, organisation=org, role=Role.OWNER)
    client.force_login(user)
    assert client.get(reverse(IMPORT)).status_code in (302, 403)


def test_export_streams_what_the_user_may_see(world, moderator_client):
    world.organisation("Fictieve Exportstichting")
    world.organisation("Fictieve Conceptexport", live=False)
    response = moderator_client.get(reverse(EXPORT), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    assert "Fictieve Exportstichting" in body
    # Moderators may change every organisation, so they also get the unpublished one.
    assert "Fictieve Conceptexport" in body


def test_export_page_lists_formats(world, moderator_client):
    html = moderator_client.get(reverse(EXPORT)).content.decode()
    assert "?format=csv" in html and "?format=hsds" in html
