"""Member write access: a personal token updates only its own organisation, via moderation."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import WorkflowState

from apiplatform.member_tokens import create_member_token
from apiplatform.models import MemberToken
from directory import moderation
from directory.models import Language, Membership, Role
from directory.roles import MODERATOR_GROUP_NAME
from tests.directory.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_a():
    return OrganisationFactory(name="Fictieve Stichting A", description="Oud")


@pytest.fixture
def org_b():
    return OrganisationFactory(name="Fictieve Stichting B", description="Van B")


@pytest.fixture
def owner(org_a):
    return MembershipFactory(organisation=org_a, role=Role.OWNER, user__username="eigenaar").user


@pytest.fixture
def token(owner, org_a):
    return create_member_token(owner, org_a, "Ons CRM")[1]


def patch(client, ident, data, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.patch(
        f"/api/v1/organisations/{ident}", data, content_type="application/json", **headers
    )


def test_member_update_becomes_a_moderated_draft(client, org_a, token, owner):
    response = patch(
        client, org_a.uuid, {"description": "Nieuw", "website": "https://a.example"}, token
    )
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "in_moderation"
    assert response["Cache-Control"] == "private, no-store"
    org_a.refresh_from_db()
    assert org_a.description == "Oud"  # the live row is untouched
    draft = org_a.get_latest_revision_as_object()
    assert draft.description == "Nieuw"
    assert draft.website == "https://a.example"
    state = org_a.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    # The public API still shows the live version.
    assert client.get(f"/api/v1/organisations/{org_a.uuid}").json()["description"] == "Oud"


def test_approved_change_reaches_the_public_api(
    client, org_a, token, django_capture_on_commit_callbacks
):
    assert patch(client, org_a.slug, {"description": "Goedgekeurd"}, token).status_code == 202
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(org_a, moderator)
    detail = client.get(f"/api/v1/organisations/{org_a.uuid}").json()
    assert detail["description"] == "Goedgekeurd"


def test_save_as_draft_without_submitting(client, org_a, token):
    response = patch(client, org_a.uuid, {"phone": "030 000 0000", "submit": False}, token)
    assert response.status_code == 202
    assert response.json()["status"] == "draft"
    assert org_a.current_workflow_state is None


def test_token_cannot_touch_another_organisation(client, org_a, org_b, token):
    response = patch(client, org_b.uuid, {"description": "Gekaapt"}, token)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    org_b.refresh_from_db()
    assert org_b.latest_revision is None
    assert org_b.description == "Van B"


def test_token_stops_working_when_membership_ends(client, org_a, token, owner):
    Membership.objects.filter(user=owner).delete()
    assert patch(client, org_a.uuid, {"description": "Nee"}, token).status_code == 403


@pytest.mark.parametrize("header", [None, "Bearer kkm_000000000000_onzin", "Bearer kk_x_y"])
def test_missing_or_wrong_token_is_401(client, org_a, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.patch(
        f"/api/v1/organisations/{org_a.uuid}",
        {"description": "x"},
        content_type="application/json",
        **extra,
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")


def test_revoked_token_is_401(client, org_a, token):
    MemberToken.objects.update(is_active=False)
    assert patch(client, org_a.uuid, {"description": "x"}, token).status_code == 401


def test_invalid_fields_are_all_named(client, org_a, token):
    Language.objects.get_or_create(code="nl", defaults={"name": "Nederlands"})
    response = patch(
        client,
        org_a.uuid,
        {
            "website": "geen url",
            "email": "geen-mail",
            "kvk_number": "12",
            "languages": ["nl", "xx"],
            "municipalities": ["nergenshuizen"],
            "name": "",
        },
        token,
    )
    assert response.status_code == 400
    named = {p["name"] for p in response.json()["invalidParams"]}
    assert {"name"} <= named
    response = patch(
        client,
        org_a.uuid,
        {
            "website": "geen url",
            "email": "geen-mail",
            "kvk_number": "12",
            "languages": ["nl", "xx"],
            "municipalities": ["nergenshuizen"],
        },
        token,
    )
    named = {p["name"] for p in response.json()["invalidParams"]}
    assert named == {"website", "email", "kvk_number", "languages", "municipalities"}
    assert org_a.latest_revision is None


def test_member_creates_and_revokes_a_token_on_its_screen(client, org_a, owner):
    client.force_login(owner)
    url = f"/mijn-organisatie/{org_a.uuid}/api-tokens/"
    response = client.post(url, {"name": "Website-koppeling"})
    assert response.status_code == 200
    raw = re.search(r'value="(kkm_[0-9a-f]{12}_[\w-]+)"', response.content.decode()).group(1)
    assert raw not in client.get(url).content.decode()  # shown once
    assert patch(client, org_a.uuid, {"description": "Via token"}, raw).status_code == 202
    token = MemberToken.objects.get(name="Website-koppeling")
    assert token.user == owner and token.key_hash != raw
    client.post(f"{url}{token.pk}/intrekken/")
    assert patch(client, org_a.uuid, {"description": "Weer"}, raw).status_code == 401


def test_member_of_another_organisation_cannot_open_the_token_screen(client, org_a, org_b):
    other = MembershipFactory(organisation=org_b, role=Role.OWNER, user__username="ander").user
    client.force_login(other)
    assert client.get(f"/mijn-organisatie/{org_a.uuid}/api-tokens/").status_code == 404
    assert (
        client.post(f"/mijn-organisatie/{org_a.uuid}/api-tokens/", {"name": "x"}).status_code == 404
    )
    assert not MemberToken.objects.exists()


TOKENS_LINK = re.compile(
    r'<a [^>]*href="/mijn-organisatie/[0-9a-f-]+/api-tokens/"[^>]*>API-tokens beheren</a>'
)


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_profile_links_to_the_token_screen_for_members_who_may_edit(client, org_a, role):
    user = MembershipFactory(organisation=org_a, role=role, user__username=role).user
    client.force_login(user)
    html = client.get(f"/mijn-organisatie/{org_a.uuid}/").content.decode()
    link = TOKENS_LINK.search(html)
    assert link and f"/mijn-organisatie/{org_a.uuid}/api-tokens/" in link.group(0)
    assert client.get(f"/mijn-organisatie/{org_a.uuid}/api-tokens/").status_code == 200


def test_profile_hides_the_token_link_from_users_who_may_only_view(client, org_a):
    """A back-office user with only the view permission sees the profile, not the link (the
    token screen would be a 404 for them)."""
    viewer = UserFactory(username="meekijker")
    viewer.user_permissions.add(
        Permission.objects.get(content_type__app_label="directory", codename="view_organisation")
    )
    client.force_login(viewer)
    response = client.get(f"/mijn-organisatie/{org_a.uuid}/")
    assert response.status_code == 200
    assert "api-tokens" not in response.content.decode()
    assert client.get(f"/mijn-organisatie/{org_a.uuid}/api-tokens/").status_code == 404


def test_member_of_another_organisation_sees_neither_profile_nor_link(client, org_a, org_b):
    other = MembershipFactory(organisation=org_b, role=Role.OWNER, user__username="ander").user
    client.force_login(other)
    assert client.get(f"/mijn-organisatie/{org_a.uuid}/").status_code == 404
    own = client.get(f"/mijn-organisatie/{org_b.uuid}/").content.decode()
    assert f"/mijn-organisatie/{org_b.uuid}/api-tokens/" in own
    assert f"/mijn-organisatie/{org_a.uuid}/api-tokens/" not in own
