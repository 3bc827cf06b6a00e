"""Blog posts and interviews: articles by or with named people.

Content honesty: the real people named in the seed are never given words they did not say.
Until an article's text exists, the page shows its title, people and summary and states
"volledige tekst volgt" (see `ArticlePage.has_full_text`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BaseStreamBlock, InterviewStreamBlock

from .base import ArticlePage, BasePage


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.BlogPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class InterviewPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.InterviewPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class BlogPage(ArticlePage):
    """A blog post by a named author from an organisation (the byline is structured data)."""

    author = models.CharField(_("auteur"), max_length=200)
    author_organisation = models.CharField(
        _("organisatie van de auteur"), max_length=200, blank=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("author_organisation"), FieldPanel("date")],
            heading=_("Auteur"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("related"),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("author"),
        index.SearchField("author_organisation"),
        index.SearchField("body"),
    ]
    api_fields = [
        *ArticlePage.api_fields,
        APIField("author"),
        APIField("author_organisation"),
        APIField("has_full_text"),
        APIField("body"),
        APIField("tags"),
    ]

    parent_page_types = ["cms.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("blog")
        verbose_name_plural = _("blogs")


class Interviewee(Orderable):
    """Someone interviewed, with the organisation they speak for."""

    page = ParentalKey("cms.InterviewPage", related_name="interviewees", on_delete=models.CASCADE)
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("organisation")]
    api_fields = [APIField("name"), APIField("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("geïnterviewde")
        verbose_name_plural = _("geïnterviewden")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class InterviewPage(ArticlePage):
    """An interview: the people and their organisations, a summary and a question/answer body."""

    body = StreamField(InterviewStreamBlock(), verbose_name=_("inhoud"), blank=True)
    tags = ClusterTaggableManager(through=InterviewPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        InlinePanel(
            "interviewees", heading=_("Geïnterviewden"), label=_("Geïnterviewde"), min_num=1
        ),
        FieldPanel("intro", heading=_("Samenvatting")),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("related"),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields(
            "interviewees", [index.SearchField("name"), index.SearchField("organisation")]
        ),
    ]
    api_fields = [
        *ArticlePage.api_fields,
        APIField("interviewees"),
        APIField("has_full_text"),
        APIField("body"),
        APIField("tags"),
    ]

    parent_page_types = ["cms.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
