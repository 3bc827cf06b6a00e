"""Template smoke test: crawl the public site from the home page; every link resolves."""

import warnings
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

# Machine-readable endpoints are fetched (must be 200) but not parsed for links.
NOT_HTML = ("/sitemap.xml", "/api/", "/robots.txt")
# Routes other apps link to before their owner has mounted them. While such a route answers
# 404 the crawl reports it as a warning instead of failing; once it answers, it is checked
# like every other link. Remove an entry when its app has landed.
PENDING_ROUTES: dict[str, str] = {}


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("a", "link") and attributes.get("href"):
            self.links.append(attributes["href"])


def internal(base: str, href: str) -> str | None:
    url = urldefrag(urljoin(base, href))[0]
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel") or (parts.netloc and parts.netloc != "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if not path.startswith("/admin/") else None


def test_every_public_url_returns_200_without_broken_links(client, seeded):
    index = NewsIndexPage.objects.get()
    for n in range(25):  # enough for a second page of the news index
        page = NewsPage(title=f"Fictief bericht {n}", slug=f"fictief-{n}", intro="Fictief.")
        index.add_child(instance=page)
        page.tags.add("fictief")
        page.save_revision().publish()

    seen: dict[str, int] = {}
    queue = ["/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        if path.startswith(settings.STATIC_URL):
            # Static files are served by whitenoise after collectstatic; check they exist.
            seen[path] = 200 if finders.find(path.removeprefix(settings.STATIC_URL)) else 404
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code != 200 or path.startswith(NOT_HTML):
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode())
        for href in parser.links:
            target = internal(path, href)
            if target and target not in seen:
                queue.append(target)
    broken = {path: status for path, status in seen.items() if status != 200}
    pending = {p: s for p, s in broken.items() if p.startswith(tuple(PENDING_ROUTES)) and s == 404}
    if pending:
        warnings.warn(f"Links naar nog niet gemounte routes: {sorted(pending)}", stacklevel=1)
    broken = {p: s for p, s in broken.items() if p not in pending}
    assert not broken, broken
    # The crawl reached every kind of page, the feeds and pagination.
    for expected in ("/commissie/", "/informatiepakket/", "/nieuws/rss/", "/nieuws/?page=2"):
        assert expected in seen, expected
    assert len(seen) > 40
