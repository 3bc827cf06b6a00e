"""News: the news index (paginated, filterable by tag, with RSS and Atom feeds) and news items."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.search import index

from cms.blocks import BaseStreamBlock

from .api_fields import ImageRenditionsField
from .base import ArticlePage, BasePage

NEWS_PER_PAGE = 20


class NewsPageTag(TaggedItemBase):
    """Through model for news tags (a ParentalKey, so tags live in revisions with the page)."""

    content_object = ParentalKey(
        "cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news overview; also serves the RSS (`rss/`) and Atom (`atom/`) feeds of its items."""

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage", "cms.SectionPage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    def news_items(self, tag: str | None = None):
        """Published news items under this index, newest first, optionally with one tag."""
        items = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        if tag:
            items = items.filter(tags__slug=tag)
        return items

    def tags_in_use(self):
        """The tags used by published items here, for the filter (one query)."""
        return (
            Tag.objects.filter(
                cms_newspagetag_items__content_object__live=True,
                cms_newspagetag_items__content_object__path__startswith=self.path,
            )
            .distinct()
            .order_by("name")
        )

    @path("")
    def index_route(self, request):
        tag = request.GET.get("tag") or None
        paginator = Paginator(
            self.news_items(tag)
            .only("title", "slug", "url_path", "path", "depth", "date", "intro", "live")
            .prefetch_related("tags"),
            NEWS_PER_PAGE,
        )
        try:
            items = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        active_tag = Tag.objects.filter(slug=tag).first() if tag else None
        return self.render(
            request,
            context_overrides={
                "items": items,
                "tags": self.tags_in_use(),
                "active_tag": active_tag,
                "tag_slug": tag or "",
            },
        )

    @path("rss/", name="rss")
    def rss_route(self, request):
        from cms.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from cms.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(ArticlePage):
    """A news item."""

    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("related"),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        *ArticlePage.api_fields,
        APIField("image", serializer=ImageRenditionsField()),
        APIField("body"),
        APIField("tags"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
