"""Bad input through the admin: alt text required, content checked, bombs refused, nothing saved."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def png_bytes(size=(32, 24), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.org", "pw")
    client.force_login(user)
    return client


def add_image(admin_client, name, content, description="Een test"):
    return admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Testbeeld",
            "description": description,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def add_document(admin_client, name, content):
    return admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Testdocument",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def form_errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def test_image_with_alt_text_is_saved(admin_client):
    response = add_image(admin_client, "beeld.png", png_bytes())
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.description == "Een test"
    assert image.default_alt_text == "Een test"


def test_image_without_alt_text_is_refused(admin_client):
    response = add_image(admin_client, "beeld.png", png_bytes(), description="")
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert get_image_model().objects.count() == 0


def test_image_model_refuses_blank_alt_text_outside_forms():
    from django.core.exceptions import ValidationError

    from tests.cms.test_uploads import png_bytes as _png

    image = get_image_model()(title="x", description="  ", file=SimpleUploadedFile("a.png", _png()))
    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()
    assert "alternatieve tekst" in str(excinfo.value)


def test_image_that_is_really_a_pdf_is_refused(admin_client):
    response = add_image(admin_client, "beeld.png", PDF_BYTES)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_image_model().objects.count() == 0


def test_image_with_wrong_extension_for_its_content_is_refused(admin_client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, format="GIF")
    response = add_image(admin_client, "beeld.png", buffer.getvalue())
    assert response.status_code == 200
    # Wagtail's own check or ours (whichever runs first) refuses it, in Dutch.
    assert ".png" in form_errors(response) or "png-afbeelding" in form_errors(response)
    assert get_image_model().objects.count() == 0


def test_decompression_bomb_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    # 2,000 x 2,000 single-colour PNG: a few kilobytes on disk, 4 megapixels decoded.
    response = add_image(admin_client, "bom.png", png_bytes(size=(2000, 2000), mode="1"))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_image_model().objects.count() == 0


def test_oversized_image_file_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add_image(admin_client, "beeld.png", png_bytes(size=(200, 200)))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_image_model().objects.count() == 0


def test_real_pdf_document_is_saved(admin_client):
    response = add_document(admin_client, "rapport.pdf", PDF_BYTES)
    assert response.status_code == 302
    assert get_document_model().objects.get().file_extension == "pdf"


def test_executable_named_pdf_is_refused(admin_client):
    response = add_document(admin_client, "rapport.pdf", EXE_BYTES)
    assert response.status_code == 200
    assert "past niet bij de extensie .pdf" in form_errors(response)
    assert get_document_model().objects.count() == 0


def test_document_type_outside_allow_list_is_refused(admin_client):
    response = add_document(admin_client, "programma.exe", EXE_BYTES)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert get_document_model().objects.count() == 0


def test_binary_named_csv_is_refused_and_real_csv_accepted(admin_client):
    refused = add_document(admin_client, "lijst.csv", EXE_BYTES)
    assert refused.status_code == 200
    assert "geen gewone tekst" in form_errors(refused)
    assert get_document_model().objects.count() == 0
    accepted = add_document(admin_client, "lijst.csv", "naam;plaats\nÉén;Utrecht\n".encode())
    assert accepted.status_code == 302
    assert get_document_model().objects.count() == 1
