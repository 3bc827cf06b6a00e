"""Upload validation: files are judged by their content, never by their name.

Editors can upload documents and images. A file called `rapport.pdf` that is really an
executable, or a PNG that decompresses to gigapixels, must be refused with a clear Dutch message
before anything is stored. The checks read only the first bytes (magic numbers, via `filetype`)
and the image header (via Pillow, without decoding the pixels).
"""

from __future__ import annotations

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Extension -> the content types a file with that extension may really be.
DOCUMENT_TYPES: dict[str, set[str]] = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    "odp": {"application/vnd.oasis.opendocument.presentation"},
}
# Plain-text formats have no magic number: they must decode as text and contain no NUL bytes.
TEXT_EXTENSIONS = {"csv", "txt"}

IMAGE_TYPES: dict[str, set[str]] = {
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "gif": {"image/gif"},
    "webp": {"image/webp"},
    "avif": {"image/avif"},
}

_HEAD_BYTES = 8192


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def _read_head(file) -> bytes:
    """Read the first bytes of an uploaded or stored file and rewind it."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(position)
    return head


def _is_plain_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off at the end of the sample is still text.
        if exc.start < len(head) - 4:
            return False
    return True


def validate_document_file(file) -> None:
    """Refuse documents whose extension is not allowed or whose content does not match it."""
    extension = _extension(getattr(file, "name", ""))
    allowed = set(getattr(settings, "WAGTAILDOCS_EXTENSIONS", DOCUMENT_TYPES))
    if extension not in allowed or extension not in DOCUMENT_TYPES.keys() | TEXT_EXTENSIONS:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan zijn: %(types)s."),
            code="document_type_not_allowed",
            params={"types": ", ".join(sorted(allowed))},
        )
    head = _read_head(file)
    if extension in TEXT_EXTENSIONS:
        if not _is_plain_text(head):
            raise ValidationError(
                _("Dit bestand heet .%(ext)s maar bevat geen gewone tekst."),
                code="document_content_mismatch",
                params={"ext": extension},
            )
        return
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_TYPES[extension]:
        raise ValidationError(
            _(
                "De inhoud van dit bestand past niet bij de extensie .%(ext)s. "
                "Upload een echt %(ext)s-bestand."
            ),
            code="document_content_mismatch",
            params={"ext": extension},
        )


def validate_image_file(file) -> None:
    """Refuse images whose content is not the image type their name claims.

    Size in bytes and pixels (decompression bombs) is checked by Wagtail's image field with
    WAGTAILIMAGES_MAX_UPLOAD_SIZE and WAGTAILIMAGES_MAX_IMAGE_PIXELS; see `validate_image_pixels`
    for the same check on files that do not pass through that field.
    """
    extension = _extension(getattr(file, "name", ""))
    if extension not in IMAGE_TYPES:
        raise ValidationError(
            _("Dit afbeeldingstype is niet toegestaan. Toegestaan zijn: %(types)s."),
            code="image_type_not_allowed",
            params={"types": ", ".join(sorted(IMAGE_TYPES))},
        )
    kind = filetype.guess(_read_head(file))
    if kind is None or kind.mime not in IMAGE_TYPES[extension]:
        raise ValidationError(
            _("De inhoud van dit bestand is geen %(ext)s-afbeelding."),
            code="image_content_mismatch",
            params={"ext": extension},
        )


def validate_image_pixels(width: int | None, height: int | None) -> None:
    """Refuse images with more pixels than WAGTAILIMAGES_MAX_IMAGE_PIXELS allows."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)
    if width and height and limit and width * height > limit:
        raise ValidationError(
            _(
                "Deze afbeelding is te groot (%(pixels)s miljoen pixels); het maximum is "
                "%(limit)s miljoen pixels."
            ),
            code="image_too_many_pixels",
            params={
                "pixels": round(width * height / 1_000_000, 1),
                "limit": round(limit / 1_000_000, 1),
            },
        )
