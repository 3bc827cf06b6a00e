"""Every public page type renders with a fixed number of SQL queries, whatever the content.

The ceilings are measured on a cold cache (fragment caches empty), with 1,000 generated news
items present, so they hold for the first visitor after a publish as well.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command

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

pytestmark = pytest.mark.django_db

CEILINGS = {
    HomePage: 16,
    SectionPage: 24,
    AttentionPointPage: 16,
    CommitteePage: 17,
    InformationPackagePage: 16,
    BlogPage: 16,
    InterviewPage: 17,
    NewsIndexPage: 19,
    NewsPage: 17,
}


def url_for(model):
    page = model.objects.live().order_by("path").first()
    return page.url


def test_query_ceiling_per_page_type_with_1000_news_items(
    client, seeded, django_assert_max_num_queries
):
    call_command("generate_news", count=1000, verbosity=0)
    assert NewsPage.objects.live().count() == 1000
    for model, ceiling in CEILINGS.items():
        url = url_for(model)
        cache.clear()
        with django_assert_max_num_queries(ceiling, info=model.__name__):
            assert client.get(url).status_code == 200


def test_news_index_pages_and_filters_cost_the_same(client, seeded, django_assert_max_num_queries):
    call_command("generate_news", count=1000, verbosity=0)
    index_url = url_for(NewsIndexPage)
    for query in ("", "?page=2", "?page=50", "?tag=wonen", "?tag=taal&page=3"):
        cache.clear()
        with django_assert_max_num_queries(CEILINGS[NewsIndexPage], info=query):
            assert client.get(index_url + query).status_code == 200
    for feed in ("rss/", "atom/"):
        with django_assert_max_num_queries(12, info=feed):
            assert client.get(index_url + feed).status_code == 200


def test_query_count_does_not_grow_with_news(client, seeded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    urls = [url_for(HomePage), url_for(NewsIndexPage)]
    call_command("generate_news", count=30, verbosity=0)
    few = [count(u) for u in urls]
    call_command("generate_news", count=300, verbosity=0)
    many = [count(u) for u in urls]
    assert few == many
