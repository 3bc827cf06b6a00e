"""The role matrix of `directory.roles`, walked over every role and action (DESIGN example 10).

Each role is asked about organisation A (the own organisation of "owner" and "editor"); the
"_other" roles are members of organisation B. Allowed and forbidden cases are both asserted.
"""

import pytest

from directory.models import Organisation
from directory.permissions import organisation_permission_policy as policy
from directory.roles import ALL_ACTIONS, EXPECTED_ON_OWN_ORGANISATION

ROLES = sorted(EXPECTED_ON_OWN_ORGANISATION)
MATRIX = [(role, action) for role in ROLES for action in ALL_ACTIONS]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action"), MATRIX)
def test_policy_on_own_organisation(role, action, make_role_user, org_a):
    user = make_role_user(role)
    expected = action in EXPECTED_ON_OWN_ORGANISATION[role]
    assert policy.user_has_permission_for_instance(user, action, org_a) is expected
    visible = policy.instances_user_has_permission_for(user, action)
    assert (org_a in visible) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "editor"])
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_members_have_no_rights_on_another_organisation(role, action, make_role_user, org_b):
    user = make_role_user(role)
    assert policy.user_has_permission_for_instance(user, action, org_b) is False
    assert org_b not in policy.instances_user_has_permission_for(user, action)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_queryset_for_user_matches_the_policy(role, make_role_user, org_a, org_b):
    user = make_role_user(role)
    editable = set(Organisation.objects.for_user(user, "change"))
    expected = {
        org
        for org in (org_a, org_b)
        if policy.user_has_permission_for_instance(user, "change", org)
    }
    assert editable == expected


@pytest.mark.django_db
def test_users_with_permission_for_instance(make_role_user, org_a):
    owner = make_role_user("owner")
    editor = make_role_user("editor")
    other = make_role_user("editor_other")
    moderator = make_role_user("moderator")
    inviters = set(policy.users_with_permission_for_instance("invite", org_a))
    assert owner in inviters and moderator in inviters
    assert editor not in inviters and other not in inviters
    changers = set(policy.users_with_permission_for_instance("change", org_a))
    assert {owner, editor, moderator} <= changers
    assert other not in changers


@pytest.mark.django_db
def test_policy_is_the_registered_one():
    from wagtail.permissions import policy_registry

    assert policy_registry.get_by_type(Organisation) is policy
