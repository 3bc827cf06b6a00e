"""The fictional news generator: clearly fictional, deterministic, a valid page tree."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def test_generates_fictional_items_in_a_valid_tree(client, seeded):
    call_command("generate_news", count=50, verbosity=0)
    items = NewsPage.objects.live().order_by("path")
    assert items.count() == 50
    assert all(item.title.startswith("Fictief nieuwsbericht ") for item in items)
    assert all("fictief" in item.tags.names() for item in items)
    assert Page.find_problems() == ([], [], [], [], [])
    index = NewsIndexPage.objects.get()
    assert index.numchild == 50
    first = items.first()
    assert client.get(first.url).status_code == 200
    # Wagtail still adds pages normally after a bulk insert.
    extra = NewsPage(title="Fictief handmatig", slug="fictief-handmatig")
    index.add_child(instance=extra)
    assert Page.find_problems() == ([], [], [], [], [])


def test_continues_numbering_and_clears(seeded):
    call_command("generate_news", count=3, verbosity=0)
    call_command("generate_news", count=2, verbosity=0)
    titles = set(NewsPage.objects.values_list("title", flat=True))
    assert titles == {f"Fictief nieuwsbericht {n}" for n in range(1, 6)}
    call_command("generate_news", count=0, clear=True, verbosity=0)
    assert NewsPage.objects.count() == 0


def test_needs_a_news_index(db):
    with pytest.raises(CommandError):
        call_command("generate_news", count=1)
