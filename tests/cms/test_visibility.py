"""Drafts never reach the public: not in HTML, not in the API, not in feeds or search."""

import pytest

from cms.models import BlogPage, NewsIndexPage, NewsPage, SectionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_news(seeded):
    """A news item that was saved as a draft and never published."""
    index = NewsIndexPage.objects.get()
    page = NewsPage(title="Geheim conceptbericht", slug="geheim-concept", live=False)
    index.add_child(instance=page)
    page.save_revision()
    return page


def test_never_published_draft_is_invisible(client, draft_news):
    assert client.get("/nieuws/geheim-concept/").status_code == 404
    assert "Geheim conceptbericht" not in client.get("/nieuws/").content.decode()
    assert "Geheim conceptbericht" not in client.get("/nieuws/rss/").content.decode()
    assert "Geheim conceptbericht" not in client.get("/").content.decode()
    assert client.get(f"/api/v2/pages/{draft_news.pk}/").status_code == 404
    listing = client.get("/api/v2/pages/", {"type": "cms.NewsPage"}).json()
    assert all(item["id"] != draft_news.pk for item in listing["items"])
    assert "geheim-concept" not in client.get("/sitemap.xml").content.decode()
    search = client.get("/zoeken/", {"q": "conceptbericht"}).content.decode()
    assert "Geen resultaten" in search and 'href="/nieuws/geheim-concept/"' not in search


def test_draft_changes_to_a_live_page_stay_private(client, seeded):
    blog = BlogPage.objects.get()
    blog.title = "Nieuwe titel in concept"
    blog.save_revision()  # a draft revision, not published
    html = client.get(blog.url).content.decode()
    assert "Waar het goed met je gaat, is je thuis" in html
    assert "Nieuwe titel in concept" not in html
    api = client.get(f"/api/v2/pages/{blog.pk}/").json()
    assert api["title"] == "Waar het goed met je gaat, is je thuis"


def test_publish_then_unpublish(client, draft_news):
    draft_news.get_latest_revision().publish()
    assert client.get("/nieuws/geheim-concept/").status_code == 200
    assert "Geheim conceptbericht" in client.get("/nieuws/").content.decode()
    assert "Geheim conceptbericht" in client.get("/").content.decode()
    assert client.get(f"/api/v2/pages/{draft_news.pk}/").status_code == 200

    NewsPage.objects.get(pk=draft_news.pk).unpublish()
    assert client.get("/nieuws/geheim-concept/").status_code == 404
    # Cached fragments (latest news, news listing) are invalidated by the unpublish signal.
    assert "Geheim conceptbericht" not in client.get("/nieuws/").content.decode()
    assert "Geheim conceptbericht" not in client.get("/").content.decode()
    assert client.get(f"/api/v2/pages/{draft_news.pk}/").status_code == 404


def test_unpublished_section_hides_its_children_from_the_api_listing(client, seeded):
    dossier = SectionPage.objects.get()
    for page in dossier.get_descendants(inclusive=True).live().specific():
        page.unpublish()
    listing = client.get("/api/v2/pages/", {"type": "cms.AttentionPointPage"}).json()
    assert listing["meta"]["total_count"] == 0


def test_scheduled_publishing_keeps_page_private_until_go_live(client, draft_news):
    from datetime import timedelta

    from django.utils import timezone

    draft_news.go_live_at = timezone.now() + timedelta(days=1)
    revision = draft_news.save_revision(approved_go_live_at=draft_news.go_live_at)
    revision.publish()
    assert client.get("/nieuws/geheim-concept/").status_code == 404
    assert NewsPage.objects.get(pk=draft_news.pk).live is False


def test_moderation_workflow_approves_before_anything_is_public(client, draft_news, settings):
    """Wagtail's workflow runs for our page types: in moderation is not public; approval is."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    assert settings.WAGTAIL_WORKFLOW_ENABLED and settings.WAGTAIL_MODERATION_ENABLED
    moderators = Group.objects.get_or_create(name="Moderatoren")[0]
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=moderators,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    task = GroupApprovalTask.objects.create(name="Eindredactie")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Redactie")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    users = get_user_model().objects
    editor = users.create_user("redacteur", "r@example.org", "pw")
    moderator = users.create_user("eindredacteur", "e@example.org", "pw")
    moderator.groups.add(moderators)

    page = NewsPage.objects.get(pk=draft_news.pk)
    assert page.get_workflow() == workflow
    state = page.get_workflow().start(page, editor)
    assert state.status == "in_progress"
    assert client.get("/nieuws/geheim-concept/").status_code == 404
    state.current_task_state.task.specific.on_action(state.current_task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live
    assert client.get("/nieuws/geheim-concept/").status_code == 200


def test_no_page_type_opts_out_of_revisions_or_preview():
    from wagtail.models import Page

    from cms import models

    page_types = [m for m in vars(models).values() if isinstance(m, type) and issubclass(m, Page)]
    assert len(page_types) == 9
    for model in page_types:
        assert model.preview_modes, model
        assert model.get_preview_template is Page.get_preview_template, model
