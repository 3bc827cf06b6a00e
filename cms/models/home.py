"""The home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, BaseStreamBlock, EntryPointsBlock

from .api_fields import PageLinkField
from .base import BasePage


class HomePage(BasePage):
    """The site root: what the committee does, latest news and the entry points.

    Child pages are not restricted here: the journey and directory apps hang their own page
    types under the home page, and every page type restricts its own parents instead.
    """

    purpose = RichTextField(_("doel van de commissie"), features=RICH_TEXT_FEATURES, blank=True)
    entry_points = StreamField(EntryPointsBlock(), verbose_name=_("ingangen"), blank=True)
    information_package = models.ForeignKey(
        "cms.InformationPackagePage",
        verbose_name=_("informatiepakket"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Het pakket dat op de homepagina wordt uitgelicht."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("purpose"),
        FieldPanel("entry_points"),
        FieldPanel("information_package"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("purpose"),
        index.SearchField("body"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("purpose"),
        APIField("entry_points"),
        APIField("information_package", serializer=PageLinkField()),
        APIField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("homepagina")
        verbose_name_plural = _("homepagina's")

    @property
    def package_in_entry_points(self) -> bool:
        """True when an entry point already links to the package (then no separate block)."""
        return any(
            getattr(block.value.get("page"), "pk", None) == self.information_package_id
            for block in self.entry_points
        )

    def latest_news(self, limit: int = 5):
        """The newest published news items on this site, in one query."""
        from .news import NewsPage

        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-pk")
            .only("title", "slug", "url_path", "path", "depth", "date", "intro")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = self.latest_news()
        return context
