"""Image and document models with the checks the editorial site needs.

Why custom models rather than Wagtail's defaults: alt text must be *required* on every image
(WCAG 2.1 AA; the public pages and the API always have a text alternative), and both images and
documents are checked by content, not by name, before they are stored. Model-level validation
(`clean`) runs in every admin form, including Wagtail's multiple-upload view, which keeps an
upload as an `UploadedFile` until the required alt text is filled in, so nothing is half-saved.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from cms.validators import validate_document_file, validate_image_file, validate_image_pixels


class CustomImage(AbstractImage):
    """An image whose `description` is its required alternative text."""

    # Wagtail already uses `description` as the default alt text (see `default_alt_text`);
    # we make it required and name it for what it is.
    description = models.CharField(
        _("alternatieve tekst"),
        max_length=255,
        help_text=_(
            "Beschrijf wat er op de afbeelding te zien is, voor wie haar niet kan zien (verplicht)."
        ),
    )

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")
        permissions = [("choose_image", "Can choose image")]

    def clean(self):
        super().clean()
        if not (self.description or "").strip():
            raise ValidationError(
                {
                    "description": _(
                        "Een afbeelding zonder alternatieve tekst kan niet worden opgeslagen."
                    )
                }
            )
        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_image_file(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
            validate_image_pixels(self.width, self.height)

    @property
    def default_alt_text(self):
        return self.description


class CustomRendition(AbstractRendition):
    """Renditions of `CustomImage` (Wagtail requires one rendition model per image model)."""

    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """A document checked against the allow-list by its content, not its file name."""

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        permissions = [("choose_document", "Can choose document")]

    def clean(self):
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_document_file(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
