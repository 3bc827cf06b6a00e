"""Every page type renders with the seed content, accessibly and with its metadata."""

import json
import re

import pytest
from wagtail.models import Page

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


@pytest.fixture
def news_item(seeded):
    index = NewsIndexPage.objects.get()
    item = NewsPage(title="Fictief testbericht", slug="fictief-testbericht", intro="Fictief.")
    index.add_child(instance=item)
    item.tags.add("wonen")
    item.save_revision().publish()
    return item


def page_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


EXPECTED = [
    (HomePage, ["Wat de commissie doet", "Laatste nieuws", "Informatiepakket inburgering"]),
    (SectionPage, ["De wet inburgering", "Aandachtspunten", "Niet-legaal verblijf"]),
    (AttentionPointPage, ["Aandachtspunt"]),
    (CommitteePage, ["COA", "Divosa", "Jennifer Elich", "elich@sociaalwerk.nl", "Voorzitter"]),
    (
        InformationPackagePage,
        ["Binnenkort online", "A3-formaat", "Waar het goed met je gaat, is je thuis"],
    ),
    (BlogPage, ["Gon Mevis", "ContourdeTwern", "Volledige tekst volgt"]),
    (
        InterviewPage,
        ["Eric Wichgers", "Figulus Welzijn", "Tineke Parson", "Volledige tekst volgt"],
    ),
    (NewsIndexPage, ["Fictief testbericht", "wonen", "RSS"]),
    (NewsPage, ["Fictief testbericht"]),
]


@pytest.mark.parametrize(("model", "snippets"), EXPECTED, ids=lambda v: getattr(v, "__name__", ""))
def test_page_type_renders(client, news_item, model, snippets):
    page = model.objects.live().first()
    html = page_html(client, page)
    for snippet in snippets:
        assert snippet in html, (model.__name__, snippet)
    # Accessibility basics on every page: language, one h1, landmarks, skip link.
    assert '<html lang="nl">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert 'href="#main"' in html
    assert 'aria-label="Hoofdnavigatie"' in html


def test_heading_levels_never_skip(client, news_item):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        html = page_html(client, page)
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
        for previous, current in zip(levels, levels[1:], strict=False):
            assert current <= previous + 1, (page.url, levels)


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_article_json_ld_and_open_graph(client, seeded):
    blog = BlogPage.objects.get()
    html = page_html(client, blog)
    graph = json_ld(html)["@graph"]
    organisation, article = graph
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == "Sociaal Werk Nederland"
    assert organisation["contactPoint"]["email"] == "elich@sociaalwerk.nl"
    assert article["@type"] == "Article"
    assert article["headline"] == blog.title
    assert article["author"] == {
        "@type": "Person",
        "name": "Gon Mevis",
        "affiliation": {"@type": "Organization", "name": "ContourdeTwern"},
    }
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{blog.title}">' in html
    assert 'property="og:locale" content="nl_NL"' in html


def test_home_json_ld_is_a_webpage_with_the_organisation(client, seeded):
    graph = json_ld(page_html(client, seeded))["@graph"]
    assert [node["@type"] for node in graph] == ["Organization", "WebPage"]


def test_friendly_404(client, seeded):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert 'href="/zoeken/"' in html


def test_500_template_renders_without_context(seeded):
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Er ging iets mis" in html and 'lang="nl"' in html


def test_robots_txt(client, seeded):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_published_pages(client, seeded):
    body = client.get("/sitemap.xml").content.decode()
    assert "/commissie/" in body and "/wet-inburgering/niet-legaal-verblijf/" in body


def test_search_finds_pages(client, seeded):
    response = client.get("/zoeken/", {"q": "Divosa"})
    assert response.status_code == 200
    assert "Commissie Vluchtelingen &amp; Integratie" in response.content.decode()
    empty = client.get("/zoeken/", {"q": "zzzgeenresultaat"})
    assert "Geen resultaten" in empty.content.decode()


def test_preview_renders_draft_for_editors_only(client, seeded):
    """Wagtail's preview renders unpublished changes (and is not cached as public HTML)."""
    blog = BlogPage.objects.get()
    blog.title = "Titel in voorbeeldweergave"
    response = blog.make_preview_request()
    assert response.status_code == 200
    assert "Titel in voorbeeldweergave" in response.content.decode()
    assert "Titel in voorbeeldweergave" not in client.get(blog.url).content.decode()


def test_main_navigation_links_sections_and_apps(client, seeded):
    html = client.get("/commissie/").content.decode()
    nav = html.split('aria-label="Hoofdnavigatie"')[1].split("</nav>")[0]
    for href in ('href="/wet-inburgering/"', 'href="/nieuws/"', 'href="/zoeken/"'):
        assert href in nav
    assert 'href="/commissie/" aria-current="page"' in nav
