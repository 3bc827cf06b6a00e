"""Upload validators judge content, not names."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from cms.validators import validate_document_file, validate_image_file, validate_image_pixels


def upload(name, content):
    return SimpleUploadedFile(name, content)


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7\n%%EOF"),
        ("a.txt", "gewone tekst met één accent".encode()),
        ("a.csv", b"a;b\n1;2\n"),
    ],
)
def test_accepted_documents(name, content):
    validate_document_file(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.pdf", b"MZ\x90\x00" + b"\x00" * 64, "document_content_mismatch"),
        ("a.docx", b"%PDF-1.7\n", "document_content_mismatch"),
        ("a.txt", b"\x00\x01\x02binary", "document_content_mismatch"),
        ("a.exe", b"MZ\x90\x00", "document_type_not_allowed"),
        ("a.html", b"<script>", "document_type_not_allowed"),
        ("zonder-extensie", b"%PDF-1.7\n", "document_type_not_allowed"),
    ],
)
def test_refused_documents(name, content, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_document_file(upload(name, content))
    assert excinfo.value.code == code


def test_images_checked_by_content():
    validate_image_file(upload("a.png", png()))
    with pytest.raises(ValidationError):
        validate_image_file(upload("a.jpg", png()))
    with pytest.raises(ValidationError):
        validate_image_file(upload("a.svg", b"<svg/>"))


def test_pixel_limit(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    validate_image_pixels(10, 100)
    with pytest.raises(ValidationError) as excinfo:
        validate_image_pixels(100, 100)
    assert "te groot" in str(excinfo.value)
