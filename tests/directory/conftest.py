"""Fixtures of the directory tests: the roles of the permission matrix, one organisation each."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from directory.models import Role
from directory.roles import MODERATOR_GROUP_NAME

from .factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Stichting Voorbeeld A")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Stichting Voorbeeld B")


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderator")
    user.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))
    return user


@pytest.fixture
def owner(org_a):
    return MembershipFactory(organisation=org_a, role=Role.OWNER, user__username="eigenaar").user


@pytest.fixture
def editor(org_a):
    return MembershipFactory(organisation=org_a, role=Role.EDITOR, user__username="redacteur").user


@pytest.fixture
def make_role_user(db, org_a, org_b):
    """Build the user for a role name of `directory.roles.EXPECTED_ON_OWN_ORGANISATION`."""

    def make(role: str):
        if role == "anonymous":
            return AnonymousUser()
        if role == "moderator":
            user = UserFactory(username="moderator")
            user.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))
            return user
        if role == "superuser":
            return UserFactory(username="beheer", is_superuser=True, is_staff=True)
        if role == "plain_user":
            return UserFactory(username="bezoeker")
        organisation = org_b if role.endswith("_other") else org_a
        member_role = Role.OWNER if role.startswith(("owner", "inactive_owner")) else Role.EDITOR
        membership = MembershipFactory(
            organisation=organisation, role=member_role, user__username=role
        )
        if role == "inactive_owner":
            membership.user.is_active = False
            membership.user.save()
        return membership.user

    return make
