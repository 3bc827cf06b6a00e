"""The information package (inburgeringspakket): an ordered list of items.

Each item is a page on this site, a document to download, or a path (for tools built by other
apps, such as the Klantreis), with a state: available, or "binnenkort online" until it exists.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BaseStreamBlock

from .api_fields import ContactPersonField, DocumentField, PageLinkField
from .base import BasePage


class PackageItem(Orderable):
    """One item of the package."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("beschikbaar")
        COMING_SOON = "coming_soon", _("binnenkort online")

    page = ParentalKey("cms.InformationPackagePage", related_name="items", on_delete=models.CASCADE)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.CharField(
        _("of een adres"),
        max_length=500,
        blank=True,
        help_text=_("Een pad op deze site, zoals /klantreis/, als het geen pagina of document is."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AVAILABLE
    )
    print_a3 = models.BooleanField(
        _("printen op A3"),
        default=False,
        help_text=_("Toon de tip om dit op A3-formaat te printen, zodat alles leesbaar blijft."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("link_page"),
        FieldPanel("link_document"),
        FieldPanel("link_url"),
        FieldPanel("status"),
        FieldPanel("print_a3"),
    ]
    api_fields = [
        APIField("title"),
        APIField("description"),
        APIField("status"),
        APIField("print_a3"),
        APIField("link_page", serializer=PageLinkField()),
        APIField("link_document", serializer=DocumentField()),
        APIField("link_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.status == self.Status.AVAILABLE and not (
            self.link_page_id or self.link_document_id or self.link_url
        ):
            raise ValidationError(
                _("Een beschikbaar onderdeel heeft een pagina, document of adres nodig.")
            )

    @property
    def is_available(self) -> bool:
        return self.status == self.Status.AVAILABLE

    @property
    def url(self) -> str:
        """Where the item lives; empty while it is not available or its page is not live."""
        if not self.is_available:
            return ""
        if self.link_page_id and self.link_page and self.link_page.live:
            return self.link_page.url or ""
        if self.link_document_id and self.link_document:
            return self.link_document.url
        return self.link_url


class InformationPackagePage(BasePage):
    """The information package for social-work organisations."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)
    contact = models.ForeignKey(
        "cms.ContactPerson",
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("items", heading=_("Onderdelen"), label=_("Onderdeel")),
        FieldPanel("body"),
        FieldPanel("contact"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields(
            "items", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("items"),
        APIField("body"),
        APIField("contact", serializer=ContactPersonField()),
    ]

    parent_page_types = ["cms.HomePage", "cms.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("informatiepakket")
        verbose_name_plural = _("informatiepakketten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["package_items"] = self.items.select_related("link_page", "link_document")
        return context
