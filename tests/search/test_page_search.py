"""Pages use Wagtail's own search backends: the database by default (with PostgreSQL's `dutch`
configuration), Wagtail's Elasticsearch 9 backend when ELASTICSEARCH_URL is set; the site search
(cms.views.search) goes through them and never shows drafts."""

import importlib.util
from pathlib import Path

import pytest
from django.db import connection
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend


def settings_with(monkeypatch, **env):
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    # A fresh copy of cms/settings/base.py read with this environment (Django's own settings
    # object is untouched).
    import cms.settings

    path = Path(cms.settings.__file__).with_name("base.py")
    spec = importlib.util.spec_from_file_location("cms.settings._search_probe", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


def test_pages_default_to_the_database_backend_with_dutch_on_postgres(monkeypatch):
    conf = settings_with(monkeypatch, DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert conf["WAGTAILSEARCH_BACKENDS"]["default"] == {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
    conf = settings_with(monkeypatch, DATABASE_URL="sqlite:///x.sqlite3")
    assert (
        conf["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == "wagtail.search.backends.database"
    )


def test_pages_use_wagtails_elasticsearch9_with_the_same_url(monkeypatch, settings):
    conf = settings_with(monkeypatch, ELASTICSEARCH_URL="http://127.0.0.1:9200")
    backend_conf = conf["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend_conf["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert backend_conf["URLS"] == ["http://127.0.0.1:9200"]
    assert backend_conf["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"] == {
        "type": "dutch"
    }
    settings.WAGTAILSEARCH_BACKENDS = conf["WAGTAILSEARCH_BACKENDS"]
    backend = get_search_backend()
    assert type(backend).__module__.endswith("elasticsearch9")
    assert backend.index_prefix == "ketenkaart-pages-"


@pytest.fixture
def pages(db):
    root = Site.objects.get(is_default_site=True).root_page
    live = root.add_child(instance=Page(title="Vrijwilligers in de wijk", slug="vrijwilligers"))
    draft = root.add_child(
        instance=Page(title="Vrijwilligers concept geheim", slug="concept", live=False)
    )
    return live, draft


def test_site_search_finds_live_pages_and_never_drafts(client, pages):
    live, draft = pages
    response = client.get("/zoeken/", {"q": "vrijwilligers"})
    assert response.status_code == 200
    found = list(response.context["results"])
    assert live.specific in found or live in found
    assert all(page.pk != draft.pk for page in found)
    response = client.get("/zoeken/", {"q": "geheim"})
    assert list(response.context["results"]) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming needs PostgreSQL")
def test_site_search_stems_dutch_on_postgres(client, pages):
    live, _ = pages
    response = client.get("/zoeken/", {"q": "vrijwilliger"})
    assert [page.pk for page in response.context["results"]] == [live.pk]
