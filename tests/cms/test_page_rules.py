"""Which page types may live where (parent_page_types / subpage_types)."""

import pytest

from cms.models import (
    AttentionPointPage,
    BlogPage,
    CommitteePage,
    HomePage,
    InformationPackagePage,
    InterviewPage,
    NewsIndexPage,
    NewsPage,
    SectionPage,
)

ALLOWED = [
    (HomePage, SectionPage),
    (HomePage, NewsIndexPage),
    (HomePage, CommitteePage),
    (HomePage, InformationPackagePage),
    (SectionPage, SectionPage),
    (SectionPage, AttentionPointPage),
    (SectionPage, BlogPage),
    (SectionPage, InterviewPage),
    (NewsIndexPage, NewsPage),
]
FORBIDDEN = [
    (HomePage, HomePage),
    (HomePage, NewsPage),
    (HomePage, AttentionPointPage),
    (SectionPage, NewsPage),
    (NewsIndexPage, BlogPage),
    (NewsIndexPage, SectionPage),
    (NewsPage, NewsPage),
    (AttentionPointPage, AttentionPointPage),
    (CommitteePage, NewsPage),
    (InformationPackagePage, BlogPage),
    (BlogPage, BlogPage),
    (InterviewPage, NewsPage),
]


@pytest.mark.parametrize(("parent", "child"), ALLOWED)
def test_allowed(parent, child):
    assert child.can_create_at.__func__  # sanity: classmethod exists
    assert child in parent.allowed_subpage_models()
    assert parent in child.allowed_parent_page_models()


@pytest.mark.parametrize(("parent", "child"), FORBIDDEN)
def test_forbidden(parent, child):
    assert not (
        child in parent.allowed_subpage_models() and parent in child.allowed_parent_page_models()
    )


@pytest.mark.django_db
def test_only_one_home_page(seeded):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)
