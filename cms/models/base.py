"""What editorial page types share: SEO/social image, intro, related content, article fields."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from .api_fields import ImageRenditionsField


class RelatedPageBlock(blocks.StructBlock):
    """A link to related content on this site."""

    page = blocks.PageChooserBlock(label=_("Pagina"))

    class Meta:
        icon = "link"
        label = _("Gerelateerde pagina")

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        if page is None or not page.live:
            return None
        return {"id": page.pk, "title": page.title, "url": page.full_url}


def related_field():
    """Related content as a stream of page links (one bulk query to load, any page type)."""
    return StreamField(
        [("related_page", RelatedPageBlock())],
        verbose_name=_("gerelateerde inhoud"),
        blank=True,
        max_num=6,
    )


class BasePage(Page):
    """Fields every public page type has: an intro and a social-media image."""

    intro = models.TextField(
        _("inleiding"),
        blank=True,
        help_text=_("Korte inleiding; ook gebruikt als samenvatting in overzichten en bij delen."),
    )
    social_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("afbeelding voor delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("social_image", serializer=ImageRenditionsField())]

    class Meta:
        abstract = True

    @property
    def summary(self) -> str:
        """What overviews, Open Graph and JSON-LD show as the description."""
        return self.search_description or self.intro

    @property
    def schema_type(self) -> str:
        """The schema.org type for the page's JSON-LD ("WebPage" unless an article)."""
        return "WebPage"


class ArticlePage(BasePage):
    """A dated article (news, blog, interview): tagged, with related content."""

    date = models.DateField(_("datum"), default=timezone.localdate)
    related = related_field()

    search_fields = [*BasePage.search_fields, index.FilterField("date")]
    api_fields = [*BasePage.api_fields, APIField("date"), APIField("related")]

    class Meta:
        abstract = True

    @property
    def schema_type(self) -> str:
        return "Article"

    @property
    def has_full_text(self) -> bool:
        """False while only title and summary exist: the page says 'volledige tekst volgt'."""
        return bool(getattr(self, "body", None))
