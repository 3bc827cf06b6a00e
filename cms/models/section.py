"""The dossier ("De wet inburgering") and the five attention points."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BaseStreamBlock

from .api_fields import ContactPersonField
from .base import BasePage, related_field


class SectionPage(BasePage):
    """A dossier that groups related content under one theme, such as the Wet inburgering."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)
    related = related_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("related"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body"), APIField("related")]

    parent_page_types = ["cms.HomePage", "cms.SectionPage"]
    subpage_types = [
        "cms.SectionPage",
        "cms.AttentionPointPage",
        "cms.BlogPage",
        "cms.InterviewPage",
        "cms.CommitteePage",
        "cms.InformationPackagePage",
        "cms.NewsIndexPage",
    ]

    class Meta:
        verbose_name = _("dossierpagina")
        verbose_name_plural = _("dossierpagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the listing plus one per page type (never one per page).
        context["child_pages"] = (
            self.get_children().live().public().not_type(AttentionPointPage).specific()
        )
        context["attention_points"] = (
            AttentionPointPage.objects.child_of(self).live().public().order_by("number", "path")
        )
        return context


class AttentionPointPage(BasePage):
    """One of the committee's attention points (aandachtspunten) in the journey.

    The number keeps the five in the order the committee gives them, whatever the tree order.
    """

    number = models.PositiveSmallIntegerField(_("volgnummer"), default=1)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)
    contact = models.ForeignKey(
        "cms.ContactPerson",
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related = related_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("number"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("contact"),
        FieldPanel("related"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [
        *BasePage.api_fields,
        APIField("number"),
        APIField("body"),
        APIField("contact", serializer=ContactPersonField()),
        APIField("related"),
    ]

    parent_page_types = ["cms.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("aandachtspunt")
        verbose_name_plural = _("aandachtspunten")
