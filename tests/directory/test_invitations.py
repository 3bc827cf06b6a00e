"""Invitations: hashed, single use, expiring; owners invite colleagues, moderators let an
organisation without users be claimed; removal keeps at least one owner."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from directory import invitations
from directory.models import Invitation, Membership, Role
from directory.models.membership import hash_token

from .factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"/mijn-organisatie/uitnodiging/([\w-]+)/")


def sent_token(message) -> str:
    return LINK_RE.search(message.body).group(1)


def invite(org, email, role, by, capture):
    with capture(execute=True):
        invitation = invitations.invite(org, email, role, by)
    return invitation, sent_token(mail.outbox[-1])


def test_owner_invites_by_email_and_only_the_hash_is_stored(
    org_a, owner, django_capture_on_commit_callbacks
):
    invitation, token = invite(
        org_a, "Collega@Voorbeeld.invalid", Role.EDITOR, owner, django_capture_on_commit_callbacks
    )
    message = mail.outbox[-1]
    assert message.to == ["collega@voorbeeld.invalid"]
    assert org_a.name in message.subject
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


@pytest.mark.parametrize("role", ["editor", "editor_other", "owner_other", "plain_user"])
def test_only_owners_and_moderators_may_invite(role, make_role_user, org_a):
    with pytest.raises(PermissionDenied):
        invitations.invite(org_a, "x@voorbeeld.invalid", Role.EDITOR, make_role_user(role))
    assert not Invitation.objects.exists()


def test_accepting_creates_membership_and_the_link_is_single_use(
    org_a, owner, django_capture_on_commit_callbacks
):
    _, token = invite(
        org_a, "nieuw@voorbeeld.invalid", Role.EDITOR, owner, django_capture_on_commit_callbacks
    )
    newcomer = UserFactory(username="nieuw", email="nieuw@voorbeeld.invalid")
    membership = invitations.accept(token, newcomer)
    assert (membership.organisation, membership.role) == (org_a, Role.EDITOR)
    with pytest.raises(invitations.InvitationError, match="al gebruikt"):
        invitations.accept(token, newcomer)


def test_expired_invitation_cannot_be_used(org_a, owner, django_capture_on_commit_callbacks):
    invitation, token = invite(
        org_a, "laat@voorbeeld.invalid", Role.EDITOR, owner, django_capture_on_commit_callbacks
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(1))
    user = UserFactory(username="laat", email="laat@voorbeeld.invalid")
    with pytest.raises(invitations.InvitationError, match="verlopen"):
        invitations.accept(token, user)
    assert not Membership.objects.filter(user=user).exists()


def test_revoked_and_unknown_tokens_are_refused(org_a, owner, django_capture_on_commit_callbacks):
    invitation, token = invite(
        org_a, "weg@voorbeeld.invalid", Role.EDITOR, owner, django_capture_on_commit_callbacks
    )
    invitations.revoke(invitation, owner)
    user = UserFactory(username="weg", email="weg@voorbeeld.invalid")
    with pytest.raises(invitations.InvitationError, match="ingetrokken"):
        invitations.accept(token, user)
    with pytest.raises(invitations.InvitationError, match="bestaat niet"):
        invitations.accept("verzonnen-token", user)


def test_invitation_is_for_the_invited_address_only(
    org_a, owner, django_capture_on_commit_callbacks
):
    _, token = invite(
        org_a, "juist@voorbeeld.invalid", Role.OWNER, owner, django_capture_on_commit_callbacks
    )
    intruder = UserFactory(username="indringer", email="indringer@voorbeeld.invalid")
    with pytest.raises(invitations.InvitationError):
        invitations.accept(token, intruder)
    assert not Membership.objects.filter(user=intruder).exists()


def test_moderator_invites_first_owner_and_the_organisation_is_claimed_over_http(
    client, moderator, django_capture_on_commit_callbacks
):
    unclaimed = OrganisationFactory(name="Onbeheerde Stichting")
    client.force_login(moderator)
    url = reverse("directory_admin_invite", args=[unclaimed.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "nog geen gebruikers" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "claim@voorbeeld.invalid", "role": "owner"})
    assert response.status_code == 302
    token = sent_token(mail.outbox[-1])
    client.logout()

    accept_url = reverse("directory_member:accept_invitation", kwargs={"token": token})
    page = client.get(accept_url)
    assert page.status_code == 200
    assert "Onbeheerde Stichting" in page.content.decode()
    response = client.post(
        accept_url,
        {
            "first_name": "Fictieve",
            "last_name": "Beheerder",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(organisation=unclaimed)
    assert membership.role == Role.OWNER
    assert membership.user.email == "claim@voorbeeld.invalid"
    profile = client.get(response.url)
    assert profile.status_code == 200  # logged in as the new owner
    assert client.get(accept_url).status_code == 410  # single use


def test_existing_account_is_asked_to_log_in(
    client, org_a, owner, django_capture_on_commit_callbacks
):
    UserFactory(username="bestaand", email="bestaand@voorbeeld.invalid")
    _, token = invite(
        org_a, "bestaand@voorbeeld.invalid", Role.EDITOR, owner, django_capture_on_commit_callbacks
    )
    page = client.get(reverse("directory_member:accept_invitation", kwargs={"token": token}))
    assert "Log in om de uitnodiging te accepteren" in page.content.decode()


def test_owner_removes_colleague_but_not_the_last_owner(org_a, owner, editor):
    editor_membership = Membership.objects.get(user=editor)
    owner_membership = Membership.objects.get(user=owner)
    with pytest.raises(PermissionDenied):
        invitations.remove_member(owner_membership, editor)
    invitations.remove_member(editor_membership, owner)
    assert not Membership.objects.filter(user=editor).exists()
    with pytest.raises(ValidationError):
        invitations.remove_member(owner_membership, owner)


def test_owner_of_other_organisation_cannot_remove_members(org_a, org_b, editor):
    other_owner = MembershipFactory(organisation=org_b, role=Role.OWNER).user
    with pytest.raises(PermissionDenied):
        invitations.remove_member(Membership.objects.get(user=editor), other_owner)
