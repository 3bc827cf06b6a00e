"""Every role against every screen that touches an organisation (member screens and admin).

Expected outcomes come from `directory.roles.EXPECTED_ON_OWN_ORGANISATION`: a role that lacks
the action gets a 404 (it does not learn the organisation exists), anonymous visitors are sent
to a login page, and nothing is written.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from directory.models import Invitation
from directory.roles import CHANGE, EXPECTED_ON_OWN_ORGANISATION, INVITE, VIEW

from .helpers import edit_form_data

pytestmark = pytest.mark.django_db

ROLES = sorted(EXPECTED_ON_OWN_ORGANISATION)
MEMBER_PAGES = [("profile", VIEW), ("edit", CHANGE), ("members", INVITE)]


def login_as(client, user):
    if user.is_authenticated:
        client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "action"), MEMBER_PAGES)
def test_member_pages(role, page, action, client, make_role_user, org_a):
    user = make_role_user(role)
    login_as(client, user)
    response = client.get(reverse(f"directory_member:{page}", kwargs={"uuid": org_a.uuid}))
    if role in ("anonymous", "inactive_owner"):
        assert response.status_code == 302
        assert response.url.startswith(reverse("directory_member:login"))
    elif action in EXPECTED_ON_OWN_ORGANISATION[role]:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_member_edit_post(role, client, make_role_user, org_a):
    data = edit_form_data(org_a, name="Overgenomen!")
    user = make_role_user(role)
    login_as(client, user)
    response = client.post(reverse("directory_member:edit", kwargs={"uuid": org_a.uuid}), data)
    org_a.refresh_from_db()
    assert org_a.name != "Overgenomen!"  # never straight to the public version
    if CHANGE in EXPECTED_ON_OWN_ORGANISATION[role] and role not in ("inactive_owner",):
        assert response.status_code == 302
        assert org_a.get_latest_revision().content["name"] == "Overgenomen!"
    else:
        assert response.status_code in (302, 404)
        assert org_a.revisions.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_member_invite_post(role, client, make_role_user, org_a):
    login_as(client, make_role_user(role))
    url = reverse("directory_member:members", kwargs={"uuid": org_a.uuid})
    response = client.post(url, {"email": "nieuw@voorbeeld.invalid", "role": "owner"})
    allowed = INVITE in EXPECTED_ON_OWN_ORGANISATION[role] and role != "inactive_owner"
    assert Invitation.objects.filter(organisation=org_a).exists() is allowed
    assert response.status_code in ((302,) if allowed else (302, 404))


@pytest.mark.parametrize("role", ROLES)
def test_wagtail_admin(role, client, make_role_user, org_a, org_b):
    """Members never reach the Wagtail admin (no page explorer); moderators see everything."""
    user = make_role_user(role)
    login_as(client, user)
    listing = client.get(reverse("wagtailsnippets_directory_organisation:list"))
    explorer = client.get(reverse("wagtailadmin_explore_root"))
    edit = client.get(reverse("wagtailsnippets_directory_organisation:edit", args=[org_a.pk]))
    if role in ("moderator", "superuser"):
        assert listing.status_code == 200
        assert org_a.name in listing.content.decode() and org_b.name in listing.content.decode()
        assert edit.status_code == 200
    else:
        for response in (listing, explorer, edit):
            assert response.status_code == 302
            assert "/admin/login/" in response.url


@pytest.fixture
def owner_with_admin_access(make_role_user):
    """A member who (by mistake) also got Wagtail admin access: the policy still rules."""
    user = make_role_user("owner")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    return user


def test_admin_listing_and_chooser_are_filtered_by_the_policy(
    client, owner_with_admin_access, org_a, org_b
):
    client.force_login(owner_with_admin_access)
    listing = client.get(reverse("wagtailsnippets_directory_organisation:list"))
    assert listing.status_code == 200
    assert org_a.name in listing.content.decode()
    assert org_b.name not in listing.content.decode()
    chooser = client.get(reverse("wagtailsnippetchoosers_directory_organisation:choose"))
    assert org_b.name not in chooser.json()["html"]
    assert org_a.name in chooser.json()["html"]


@pytest.mark.parametrize(
    "url_name", ["edit", "history", "delete", "usage", "workflow_history", "lock", "unlock"]
)
def test_admin_object_urls_of_another_organisation_are_404(
    url_name, client, owner_with_admin_access, org_b
):
    client.force_login(owner_with_admin_access)
    url = reverse(f"wagtailsnippets_directory_organisation:{url_name}", args=[org_b.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_admin_edit_of_own_organisation_works_for_member_with_admin_access(
    client, owner_with_admin_access, org_a
):
    client.force_login(owner_with_admin_access)
    url = reverse("wagtailsnippets_directory_organisation:edit", args=[org_a.pk])
    assert client.get(url).status_code == 200
    # ... but publishing is not among a member's actions
    from directory.permissions import organisation_permission_policy as policy

    assert not policy.user_has_permission(owner_with_admin_access, "publish")


def test_member_cannot_pull_another_organisations_location_into_its_draft(
    client, make_role_user, org_a, org_b
):
    from directory.models import Location

    from .factories import LocationFactory

    foreign = LocationFactory(organisation=org_b, address="Geheime straat 9")
    client.force_login(make_role_user("owner"))
    data = edit_form_data(org_a)
    data.update(
        {
            "locations-INITIAL_FORMS": "1",
            "locations-0-id": str(foreign.pk),
            "locations-0-address": "Overgenomen 1",
            "locations-0-postcode": "3511 AB",
        }
    )
    client.post(reverse("directory_member:edit", kwargs={"uuid": org_a.uuid}), data)
    foreign.refresh_from_db()
    assert foreign.address == "Geheime straat 9"
    assert foreign.organisation == org_b
    org_a.refresh_from_db()
    draft = org_a.get_latest_revision_as_object()
    assert all(location.pk != foreign.pk for location in draft.locations.all())
    assert Location.objects.filter(organisation=org_a).count() == 0
