"""Shared StreamField blocks, built for both the site and headless consumers.

Every block has an icon, a template, a preview value and a description for the editor's block
picker (DESIGN.md example 3). Where the stored value is not what an API consumer needs (an image
id, a document id, an internal page id, database rich text), `get_api_representation` returns
the useful form: renditions with alt text, document URLs, resolved link URLs. Rich text is
expanded to display HTML through WAGTAILAPI_RICH_TEXT_FORMAT = "html".
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]

# Rendition sizes offered to API consumers; the site templates use the same specs.
IMAGE_RENDITIONS = {"small": "width-480", "medium": "width-960", "large": "width-1600"}


def image_api_representation(image, specs=None) -> dict | None:
    """Serialise an image as its alt text plus a few ready-made renditions."""
    if image is None:
        return None
    renditions = {}
    for name, spec in (specs or IMAGE_RENDITIONS).items():
        rendition = image.get_rendition(spec)
        renditions[name] = {
            "url": rendition.full_url,
            "width": rendition.width,
            "height": rendition.height,
        }
    return {"id": image.pk, "title": image.title, "alt": image.default_alt_text, **renditions}


def document_api_representation(document) -> dict | None:
    """Serialise a document as what a consumer needs to link to it."""
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": document.url,
        "file_extension": document.file_extension,
        "file_size": document.get_file_size(),
    }


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with the limited feature set editors need (no free headings above h3)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "cms/blocks/paragraph.html"
        label = _("Tekst")
        description = _("Lopende tekst met opmaak en links.")
        preview_value = "<p>Sinds 1 januari 2022 zijn de gemeenten verantwoordelijk.</p>"


class HeadingBlock(blocks.StructBlock):
    """A section heading; h2 or h3 so the page outline stays in order under the page's h1."""

    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Tussenkop")
        description = _("Een tussenkop die de pagina in delen opdeelt.")
        preview_value = {"text": "De Commissie Vluchtelingen & Integratie", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with its attribution; only real, sourced quotes belong here."""

    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Wie zei het"), max_length=200)
    source = blocks.CharBlock(label=_("Bron"), max_length=300, required=False)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Citaat")
        description = _("Een citaat met de naam van wie het zei en de bron.")
        preview_value = {"text": "Voorbeeldcitaat.", "attribution": "Naam", "source": ""}


class ImageBlock(blocks.StructBlock):
    """An image with caption; alt text comes from the image (required there) or an override."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(label=_("Onderschrift"), max_length=300, required=False)
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst in deze context"),
        max_length=255,
        required=False,
        help_text=_("Laat leeg om de alternatieve tekst van de afbeelding zelf te gebruiken."),
    )

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Afbeelding")
        description = _("Een afbeelding met onderschrift en verplichte alternatieve tekst.")
        preview_value = {"caption": "Onderschrift bij de afbeelding"}

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if (
            image is not None
            and not (value.get("alt_text") or image.default_alt_text or "").strip()
        ):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [ValidationError(_("Deze afbeelding heeft een alternatieve tekst nodig."))]
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        representation = image_api_representation(value.get("image"))
        if representation and value.get("alt_text"):
            representation["alt"] = value["alt_text"]
        return {"image": representation, "caption": value.get("caption", "")}


class DocumentLinkBlock(blocks.StructBlock):
    """A download link to a document from the library, with its type and size shown."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Linktekst"),
        max_length=200,
        required=False,
        help_text=_("Laat leeg om de titel van het document te gebruiken."),
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_link.html"
        label = _("Document")
        description = _("Een link om een document te downloaden.")
        preview_value = {"title": "Klantreis (pdf)"}

    def get_api_representation(self, value, context=None):
        representation = document_api_representation(value.get("document"))
        if representation and value.get("title"):
            representation["title"] = value["title"]
        return representation


class EmbedBlock(blocks.StructBlock):
    """An embedded video or post, with a title so screen readers can name the frame."""

    url = WagtailEmbedBlock(label=_("Adres (URL)"))
    title = blocks.CharBlock(label=_("Titel"), max_length=200)

    class Meta:
        icon = "media"
        template = "cms/blocks/embed.html"
        label = _("Ingesloten media")
        description = _("Een video of bericht van een andere website.")
        preview_value = {"title": "Video"}

    def get_api_representation(self, value, context=None):
        embed = value.get("url")
        return {"url": getattr(embed, "url", embed) or "", "title": value.get("title", "")}


class CallToActionBlock(blocks.StructBlock):
    """A highlighted link to a page or address: the entry points of the site."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.CharBlock(
        label=_("Of een adres"),
        max_length=500,
        required=False,
        help_text=_("Een pad op deze site (zoals /klantreis/) of een volledige URL."),
    )
    link_text = blocks.CharBlock(label=_("Linktekst"), max_length=100)

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"
        label = _("Oproep tot actie")
        description = _("Een opvallende link naar een pagina of adres.")
        preview_value = {
            "title": "De klantreis",
            "text": "Van aankomst tot integratie in de wijk.",
            "url": "/",
            "link_text": "Bekijk de klantreis",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError(_("Kies een pagina of vul een adres in."))])
                }
            )
        return value

    @staticmethod
    def link_url(value) -> str:
        page = value.get("page")
        if page is not None:
            return page.url or ""
        return value.get("url") or ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["link_url"] = self.link_url(value)
        return context

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {
            "title": value.get("title"),
            "text": value.get("text"),
            "link_text": value.get("link_text"),
            "url": page.full_url if page is not None else value.get("url"),
            "page": page.pk if page is not None else None,
        }


class FactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Getal of feit"), max_length=60)
    label = blocks.CharBlock(label=_("Toelichting"), max_length=200)

    class Meta:
        icon = "pick"
        label = _("Feit")


class FactsAndFiguresBlock(blocks.StructBlock):
    """Facts and figures; a source is required, because statistics must never be invented."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    facts = blocks.ListBlock(FactBlock(), label=_("Feiten"), min_num=1)
    source = blocks.CharBlock(label=_("Bron"), max_length=300)
    source_url = blocks.URLBlock(label=_("Link naar de bron"), required=False)

    class Meta:
        icon = "table"
        template = "cms/blocks/facts_and_figures.html"
        label = _("Feiten en cijfers")
        description = _("Cijfers met hun bron (verplicht).")
        preview_value = {
            "title": "Wet inburgering",
            "facts": [{"value": "2022", "label": "Wet inburgering 2021 van kracht"}],
            "source": "Rijksoverheid",
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=300)
    answer = ParagraphBlock(label=_("Antwoord"))

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")


class FAQBlock(blocks.StructBlock):
    """Frequently asked questions, rendered as disclosure widgets that work without JavaScript."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200, required=False)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Vragen"), min_num=1)

    class Meta:
        icon = "help"
        template = "cms/blocks/faq.html"
        label = _("Veelgestelde vragen")
        description = _("Vragen met uitklapbare antwoorden.")
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [{"question": "Wie voert de regie?", "answer": "<p>De gemeente.</p>"}],
        }


class QuestionAnswerBlock(blocks.StructBlock):
    """One question and answer of an interview; the answer is attributed to a speaker."""

    question = blocks.TextBlock(label=_("Vraag"))
    speaker = blocks.CharBlock(label=_("Wie antwoordt"), max_length=200, required=False)
    answer = ParagraphBlock(label=_("Antwoord"))

    class Meta:
        icon = "openquote"
        template = "cms/blocks/question_answer.html"
        label = _("Vraag en antwoord (interview)")
        description = _("Een vraag uit het interview en het antwoord.")
        preview_value = {"question": "Vraag?", "speaker": "Naam", "answer": "<p>Antwoord.</p>"}


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every editorial page."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    embed = EmbedBlock()
    call_to_action = CallToActionBlock()
    facts = FactsAndFiguresBlock()
    faq = FAQBlock()


class InterviewStreamBlock(BaseStreamBlock):
    """An interview body: the shared blocks plus question/answer pairs."""

    question_answer = QuestionAnswerBlock()


class EntryPointsBlock(blocks.StreamBlock):
    """The home page's entry points (journey, directory, package...)."""

    call_to_action = CallToActionBlock()
