"""Generate clearly fictional news items for development and benchmarks (never real content).

Pages are created in bulk: the tree paths are computed once (treebeard's materialised path),
the `wagtailcore_page` rows are inserted with one bulk_create, then the NewsPage rows and the
tags. No revisions are written (an editor's first edit creates one), and the items are not
added to the search index unless --index is given, so 1,000 items take seconds, not minutes.
`make run` never calls this command.
"""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.caching import bump_content_version
from cms.models import NewsIndexPage, NewsPage, NewsPageTag

TITLE = "Fictief nieuwsbericht {n}"
INTRO = (
    "Dit is een fictief nieuwsbericht, gegenereerd voor ontwikkeling en tests. "
    "Het bevat geen echte informatie."
)
BODY = (
    "<p>Fictieve tekst {n}. Dit bericht is automatisch gemaakt om te zien hoe de site zich "
    "gedraagt met veel nieuws. Er staan geen echte gebeurtenissen, personen of cijfers in.</p>"
)
TAGS = ["fictief", "wonen", "werk", "taal", "onderwijs", "gezondheid", "vrijwilligers"]
BATCH = 500


class Command(BaseCommand):
    help = "Maakt N duidelijk fictieve nieuwsberichten aan (standaard 1000), voor ontwikkeling."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=17, help="Zaad voor de toevalsgenerator.")
        parser.add_argument(
            "--index", action="store_true", help="Voeg de berichten ook toe aan de zoekindex."
        )
        parser.add_argument(
            "--clear", action="store_true", help="Verwijder eerst alle fictieve berichten."
        )

    @transaction.atomic
    def handle(self, *args, count, seed, index, clear, **options):
        news_index = NewsIndexPage.objects.order_by("path").first()
        if news_index is None:
            raise CommandError("Er is geen nieuwsoverzicht; draai eerst load_seed_content.")
        if clear:
            deleted = self.clear(news_index)
            self.stdout.write(f"{deleted} fictieve berichten verwijderd.")
        if count <= 0:
            return
        pages = self.create(news_index, count, random.Random(seed))
        if index:
            from wagtail.search.index import insert_or_update_object

            for page in NewsPage.objects.filter(pk__in=[p.pk for p in pages]):
                insert_or_update_object(page)
        bump_content_version()
        self.stdout.write(self.style.SUCCESS(f"{count} fictieve nieuwsberichten aangemaakt."))

    def clear(self, news_index) -> int:
        fictional = NewsPage.objects.child_of(news_index).filter(slug__startswith="fictief-")
        deleted = 0
        for page in fictional.iterator():
            page.delete()
            deleted += 1
        return deleted

    def create(self, news_index: NewsIndexPage, count: int, rng: random.Random) -> list[Page]:
        news_index = Page.objects.get(pk=news_index.pk)  # fresh numchild/path
        existing = NewsPage.objects.child_of(news_index).filter(slug__startswith="fictief-")
        start = existing.count() + 1
        last_child = news_index.get_last_child()
        step = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
        depth = news_index.depth + 1
        content_type = ContentType.objects.get_for_model(NewsPage)
        now = timezone.now()
        tags = {
            name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in TAGS
        }

        base_pages, news_rows, tag_rows = [], [], []
        for offset in range(count):
            n = start + offset
            step += 1
            published = now - timedelta(days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 1440))
            slug = f"fictief-nieuwsbericht-{n}"
            title = TITLE.format(n=n)
            base_pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(news_index.path, depth, step),
                    depth=depth,
                    numchild=0,
                    url_path=f"{news_index.url_path}{slug}/",
                    content_type=content_type,
                    locale_id=news_index.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
            )
            news_rows.append(
                {
                    "intro": INTRO,
                    "date": timezone.localdate(published),
                    "body": [("paragraph", RichText(BODY.format(n=n)))],
                    "tags": ["fictief", *rng.sample(TAGS[1:], k=rng.randint(0, 2))],
                }
            )
        created = []
        for i in range(0, count, BATCH):
            created += Page.objects.bulk_create(base_pages[i : i + BATCH])
        for page, row in zip(created, news_rows, strict=True):
            news = NewsPage(page_ptr=page, intro=row["intro"], date=row["date"], body=row["body"])
            news.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.fields})
            # Insert only the NewsPage table row; the Page row exists already.
            news.save_base(raw=True)
            tag_rows += [
                NewsPageTag(tag=tags[name], content_object_id=page.pk) for name in row["tags"]
            ]
        NewsPageTag.objects.bulk_create(tag_rows, batch_size=BATCH)
        Page.objects.filter(pk=news_index.pk).update(numchild=news_index.numchild + count)
        return created
