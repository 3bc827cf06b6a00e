"""The committee page: purpose, members, planned members, chair and contact person.

Members are structured rows (organisation, who represents it, current or planned) rather than a
paragraph, so the API can list them and editors change one row, not a sentence. They are child
rows of the page (ParentalKey) so a change goes through drafts, revisions and moderation like
the rest of the page. Chair and contact are ContactPerson snippets, shared with other pages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, BaseStreamBlock

from .api_fields import ContactPersonField
from .base import BasePage


class CommitteeMember(Orderable):
    """An organisation that takes part in the committee (or is planned to), and in what role."""

    class Status(models.TextChoices):
        MEMBER = "member", _("deelnemer")
        PLANNED = "planned", _("beoogd (uitbreiding)")

    page = ParentalKey("cms.CommitteePage", related_name="members", on_delete=models.CASCADE)
    organisation = models.CharField(_("organisatie"), max_length=300)
    role = models.CharField(
        _("vertegenwoordiging"),
        max_length=300,
        blank=True,
        help_text=_("Wie de organisatie vertegenwoordigt, zoals 'directie'."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MEMBER
    )

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldPanel("status")]
    api_fields = [APIField("organisation"), APIField("role"), APIField("status")]

    class Meta(Orderable.Meta):
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self):
        return f"{self.organisation} ({self.role})" if self.role else self.organisation


class CommitteePage(BasePage):
    """The Commissie Vluchtelingen & Integratie."""

    purpose = RichTextField(_("doel"), features=RICH_TEXT_FEATURES, blank=True)
    chair = models.ForeignKey(
        "cms.ContactPerson",
        verbose_name=_("voorzitter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact = models.ForeignKey(
        "cms.ContactPerson",
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("purpose"),
        InlinePanel("members", heading=_("Deelnemers"), label=_("Deelnemer")),
        FieldPanel("chair"),
        FieldPanel("contact"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("purpose"),
        index.SearchField("body"),
        index.RelatedFields("members", [index.SearchField("organisation")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("purpose"),
        APIField("members"),
        APIField("chair", serializer=ContactPersonField()),
        APIField("contact", serializer=ContactPersonField()),
        APIField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("commissiepagina")
        verbose_name_plural = _("commissiepagina's")

    def current_members(self):
        return [m for m in self.members.all() if m.status == CommitteeMember.Status.MEMBER]

    def planned_members(self):
        return [m for m in self.members.all() if m.status == CommitteeMember.Status.PLANNED]
