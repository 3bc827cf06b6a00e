"""The news index serves valid RSS 2.0 and Atom 1.0 feeds of published items."""

import feedparser
import pytest

from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(seeded):
    index = NewsIndexPage.objects.get()
    for n in range(3):
        page = NewsPage(
            title=f"Fictief feedbericht {n}", slug=f"fictief-feed-{n}", intro="Fictief."
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    draft = NewsPage(title="Conceptbericht", slug="concept", live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    return index


@pytest.mark.parametrize(
    ("path", "version", "content_type"),
    [("rss/", "rss20", "application/rss+xml"), ("atom/", "atom10", "application/atom+xml")],
)
def test_feed_is_valid(client, news, path, version, content_type):
    response = client.get(news.url + path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 3 and "Conceptbericht" not in titles
    assert all(entry.link.startswith("http://testserver/nieuws/") for entry in feed.entries)


def test_index_links_its_feeds(client, news):
    html = client.get(news.url).content.decode()
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
