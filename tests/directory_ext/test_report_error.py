"""'Report an error': stored, emailed to moderators, CSRF-protected, honeypot, rate-limited."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from directory.public.models import ErrorReport
from directory.roles import MODERATOR_GROUP_NAME
from tests.directory.helpers import assert_self_contained_accessible_html, html_part

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", "moderator@voorbeeld.invalid", "x")
    group, _ = Group.objects.get_or_create(name=MODERATOR_GROUP_NAME)
    user.groups.add(group)
    return user


def url(org):
    return reverse("directory_public:report_error", args=[org.slug])


def payload(**extra):
    return {"topic": "adres", "message": "Het adres is verhuisd.", "reporter_email": "", **extra}


def test_report_is_stored_and_emailed_to_moderators(world, client, moderator):
    org = world.organisation("Fictieve Meldstichting")
    page = client.get(url(org))
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(url(org), payload(reporter_email="melder@voorbeeld.invalid"))
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.organisation == org and report.topic == "adres"
    assert len(report.reporter_hash) == 64  # a keyed hash, never the IP address
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@voorbeeld.invalid"]
    assert "Fictieve Meldstichting" in mail.outbox[0].subject
    assert "Het adres is verhuisd." in mail.outbox[0].body


def test_invalid_report_shows_errors(world, client):
    org = world.organisation("Fictieve Leegmeldstichting")
    response = client.post(url(org), payload(message=""))
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_csrf_is_required(world):
    org = world.organisation("Fictieve CSRF-stichting")
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(org), payload()).status_code == 403
    assert not ErrorReport.objects.exists()


def test_honeypot_stores_nothing(world, client, moderator):
    org = world.organisation("Fictieve Honingstichting")
    response = client.post(url(org), payload(homepage="http://spam.invalid"))
    assert response.status_code == 302
    assert not ErrorReport.objects.exists()
    assert mail.outbox == []


def test_rate_limit(world, client, settings):
    settings.DIRECTORY_REPORT_RATE_LIMIT = 2
    org = world.organisation("Fictieve Drukke Stichting")
    assert client.post(url(org), payload()).status_code == 302
    assert client.post(url(org), payload()).status_code == 302
    blocked = client.post(url(org), payload())
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"
    assert ErrorReport.objects.count() == 2


def test_no_reports_about_unpublished_organisations(world, client):
    org = world.organisation("Fictieve Verborgen Stichting", live=False)
    assert client.get(url(org)).status_code == 404
    assert client.post(url(org), payload()).status_code == 404


def test_moderators_email_has_an_accessible_html_part_and_links_to_the_report(
    world, client, moderator, django_user_model
):
    second = django_user_model.objects.create_user("tweede", "tweede@voorbeeld.invalid", "x")
    second.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))
    org = world.organisation("Huis & Haard <Zorg>")
    message = "Het adres is verhuisd.\nNu: <Nieuwe Straat 1>."
    response = client.post(
        url(org), payload(message=message, reporter_email="melder@voorbeeld.invalid")
    )
    assert response.status_code == 302
    report = ErrorReport.objects.get()

    # One message per moderator, so no moderator sees the others' addresses.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "moderator@voorbeeld.invalid",
        "tweede@voorbeeld.invalid",
    ]
    assert all(len(m.to) == 1 for m in mail.outbox)
    email = mail.outbox[0]
    assert email.subject == "Foutmelding over Huis & Haard <Zorg>"
    report_url = "http://testserver" + reverse(
        "wagtailsnippets_directory_public_errorreport:edit", args=[report.pk]
    )
    # The text part, unescaped.
    assert message in email.body
    assert "melder@voorbeeld.invalid" in email.body
    assert report_url in email.body
    # The HTML part: self-contained, Dutch, escaped, the same facts and the link to the report.
    html = html_part(email)
    assert_self_contained_accessible_html(html)
    assert "Huis &amp; Haard &lt;Zorg&gt;" in html and "<Zorg>" not in html
    assert "Nu: &lt;Nieuwe Straat 1&gt;." in html
    assert "Adres of locatie" in html
    assert 'href="mailto:melder@voorbeeld.invalid"' in html
    assert f'href="{report_url}"' in html
    assert "moderator bent" in html

    # The link opens the report for a moderator only.
    client.force_login(moderator)
    assert client.get(report_url).status_code == 200
    client.logout()
    assert client.get(report_url).status_code == 302
