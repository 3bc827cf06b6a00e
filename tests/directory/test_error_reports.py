"""Visitors' error reports: the admin list for moderators, and what members may read.

The rule lives in the one policy module (`directory.permissions`): moderators see and handle
every report in "Partnergids → Foutmeldingen"; members read the reports about their own
organisation on the member screen, without the reporter's e-mail address; nobody else sees
anything, and nobody adds reports in the back office.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from directory.permissions import error_report_permission_policy as policy
from directory.public.models import ErrorReport
from directory.roles import EXPECTED_ON_OWN_ORGANISATION, VIEW_REPORTS

from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = sorted(EXPECTED_ON_OWN_ORGANISATION)
ADMIN = "wagtailsnippets_directory_public_errorreport"


def report(organisation, message, status=ErrorReport.Status.NEW, **kwargs):
    return ErrorReport.objects.create(
        organisation=organisation,
        topic=kwargs.pop("topic", ErrorReport.Topic.ADDRESS),
        message=message,
        reporter_email=kwargs.pop("reporter_email", "melder@voorbeeld.invalid"),
        reporter_hash="x" * 64,
        status=status,
    )


@pytest.fixture
def reports(org_a, org_b):
    return {
        "a_new": report(org_a, "Adres van A klopt niet"),
        "a_done": report(org_a, "Oude melding over A", status=ErrorReport.Status.HANDLED),
        "b_new": report(org_b, "Telefoon van B klopt niet", topic=ErrorReport.Topic.CONTACT),
    }


# --- the admin list ---------------------------------------------------------------------------


def test_moderator_sees_every_report_with_a_dutch_menu_item(client, moderator, reports):
    client.force_login(moderator)
    assert "Foutmeldingen" in client.get(reverse("wagtailadmin_home")).content.decode()
    html = client.get(reverse(f"{ADMIN}:list")).content.decode()
    assert "Stichting Voorbeeld A" in html and "Stichting Voorbeeld B" in html
    assert reverse(f"{ADMIN}:add") not in html  # reports come from visitors only


def test_moderator_filters_by_status_and_organisation(client, moderator, reports, org_a):
    client.force_login(moderator)
    url = reverse(f"{ADMIN}:list_results")
    by_status = client.get(url, {"status": "nieuw"})
    shown = {r.pk for r in by_status.context["object_list"]}
    assert shown == {reports["a_new"].pk, reports["b_new"].pk}
    by_org = client.get(url, {"organisation": org_a.pk})
    assert {r.pk for r in by_org.context["object_list"]} == {
        reports["a_new"].pk,
        reports["a_done"].pk,
    }
    both = client.get(url, {"organisation": org_a.pk, "status": "nieuw"})
    assert [r.pk for r in both.context["object_list"]] == [reports["a_new"].pk]


def test_moderator_marks_a_report_handled_in_the_edit_view(client, moderator, reports):
    client.force_login(moderator)
    target = reports["a_new"]
    url = reverse(f"{ADMIN}:edit", args=[target.pk])
    page = client.get(url).content.decode()
    assert "Adres van A klopt niet" in page  # shown read-only
    assert "melder@voorbeeld.invalid" in page  # moderators may answer the reporter
    response = client.post(url, {"status": "afgehandeld", "message": "overschreven?"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.status == ErrorReport.Status.HANDLED
    assert target.message == "Adres van A klopt niet"  # read-only fields stay as they were


def test_moderator_marks_several_reports_handled_at_once(client, moderator, reports):
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["directory_public", "errorreport", "mark_handled"])
    ids = f"?id={reports['a_new'].pk}&id={reports['b_new'].pk}"
    confirm = client.get(url + ids)
    assert confirm.status_code == 200
    assert "Markeer als afgehandeld" in confirm.content.decode()
    response = client.post(url + ids)
    assert response.status_code == 302
    assert set(ErrorReport.objects.values_list("status", flat=True)) == {"afgehandeld"}


def test_nobody_adds_reports_in_the_admin(client, reports):
    superuser = UserFactory(username="beheer", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    response = client.get(reverse(f"{ADMIN}:add"))
    assert response.status_code in (302, 403)
    assert not policy.user_has_permission(superuser, "add")


def test_member_without_admin_access_cannot_open_the_admin_list(client, owner, reports):
    client.force_login(owner)
    response = client.get(reverse(f"{ADMIN}:list"))
    assert response.status_code == 302
    assert "Adres van A klopt niet" not in response.content.decode()


def test_member_with_admin_access_sees_only_own_reports_and_changes_none(client, owner, reports):
    """Should a member also have admin access (say, as a page editor), the list is filtered."""
    owner.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    client.force_login(owner)
    response = client.get(reverse(f"{ADMIN}:list_results"))
    assert response.status_code == 200
    assert {r.pk for r in response.context["object_list"]} == {
        reports["a_new"].pk,
        reports["a_done"].pk,
    }
    for key in ("a_new", "b_new"):
        url = reverse(f"{ADMIN}:edit", args=[reports[key].pk])
        assert reports[key].message not in client.get(url).content.decode()
        response = client.post(url, {"status": "afgehandeld"})
        assert response.status_code in (302, 403, 404)
        assert ErrorReport.objects.get(pk=reports[key].pk).status == "nieuw"
    bulk = reverse("wagtail_bulk_action", args=["directory_public", "errorreport", "mark_handled"])
    client.post(f"{bulk}?id={reports['b_new'].pk}&id={reports['a_new'].pk}")
    assert ErrorReport.objects.filter(status="nieuw").count() == 2


# --- the policy and the member screen ---------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_policy_matrix_for_reading_reports(role, make_role_user, org_a, org_b, reports):
    user = make_role_user(role)
    allowed = VIEW_REPORTS in EXPECTED_ON_OWN_ORGANISATION[role]
    visible = set(policy.instances_user_has_permission_for(user, "view"))
    assert (reports["a_new"] in visible) is allowed
    assert policy.user_has_permission_for_instance(user, "view", reports["a_new"]) is allowed
    if role not in ("moderator", "superuser"):
        # Nobody but moderators sees another organisation's reports or changes any report.
        assert reports["b_new"] not in visible or role.endswith("_other")
        assert not policy.user_has_permission_for_instance(user, "change", reports["a_new"])
        assert not policy.user_has_permission_for_instance(user, "delete", reports["a_new"])
    if role.endswith("_other"):
        assert reports["a_new"] not in visible and reports["a_done"] not in visible


@pytest.mark.parametrize("role", ROLES)
def test_member_screen_reports_page(role, client, make_role_user, org_a, reports):
    user = make_role_user(role)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(reverse("directory_member:reports", kwargs={"uuid": org_a.uuid}))
    if role in ("anonymous", "inactive_owner"):
        assert response.status_code == 302
        assert response.url.startswith(reverse("directory_member:login"))
        return
    if VIEW_REPORTS not in EXPECTED_ON_OWN_ORGANISATION[role]:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert "Adres van A klopt niet" in html and "Oude melding over A" in html
    assert "Telefoon van B klopt niet" not in html  # another organisation's report
    assert "melder@voorbeeld.invalid" not in html  # the reporter's address stays private
    assert '<th scope="col">' in html


def test_profile_links_to_reports_with_the_number_of_new_ones(client, owner, org_a, reports):
    client.force_login(owner)
    html = client.get(reverse("directory_member:profile", kwargs={"uuid": org_a.uuid}))
    html = html.content.decode()
    assert reverse("directory_member:reports", kwargs={"uuid": org_a.uuid}) in html
    assert "Foutmeldingen (1 nieuw)" in html


def test_member_of_two_organisations_reads_each_ones_reports_only_there(
    client, org_a, org_b, reports
):
    user = UserFactory(username="twee-petten")
    MembershipFactory(organisation=org_b, role="editor", user=user)
    client.force_login(user)
    assert (
        client.get(reverse("directory_member:reports", kwargs={"uuid": org_a.uuid})).status_code
        == 404
    )
    html = client.get(
        reverse("directory_member:reports", kwargs={"uuid": org_b.uuid})
    ).content.decode()
    assert "Telefoon van B klopt niet" in html and "Adres van A klopt niet" not in html
