"""Admin: the "Klantreis" group with the journey and its identities (never deleted)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from journey.models import Journey, Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, seeded):
    user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x")
    client.force_login(user)
    return client


def test_journey_edit_view_renders_all_tabs(admin_client):
    journey = Journey.objects.get()
    url = reverse(journey.snippet_viewset.get_url_name("edit"), args=[journey.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Fasen", "Actoren en taken", "Mindmap", "Wie doet wat, wanneer"):
        assert label in html
    assert "Aankomst en asielprocedure" in html


def test_identity_listings_render(admin_client):
    for model in (Phase,):
        response = admin_client.get(reverse(model.snippet_viewset.get_url_name("list")))
        assert response.status_code == 200
        assert "Brede intake en PIP" in response.content.decode()


def test_identities_cannot_be_deleted_even_by_a_superuser(admin_client):
    phase = Phase.objects.first()
    url = reverse(Phase.snippet_viewset.get_url_name("delete"), args=[phase.pk])
    response = admin_client.post(url)
    assert response.status_code in (302, 403)
    assert Phase.objects.filter(pk=phase.pk).exists()
    policy = Phase.snippet_viewset.permission_policy
    user = get_user_model().objects.get(username="beheer")
    assert not policy.user_has_permission(user, "delete")
    assert policy.user_has_permission(user, "change")


def test_anonymous_cannot_open_the_journey_admin(client, seeded):
    journey = Journey.objects.get()
    url = reverse(journey.snippet_viewset.get_url_name("edit"), args=[journey.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
