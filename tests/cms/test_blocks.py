"""Shared blocks: validation of what would break a page, and their headless output."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.blocks import BaseStreamBlock, CallToActionBlock, FactsAndFiguresBlock, ImageBlock


def test_every_block_is_documented_for_editors():
    for name, block in BaseStreamBlock.base_blocks.items():
        assert block.meta.icon, name
        assert block.meta.template, name
        assert block.get_description(), name
        assert block.get_preview_value() is not None, name


def test_call_to_action_needs_a_target():
    with pytest.raises(StructBlockValidationError):
        CallToActionBlock().clean(
            {"title": "x", "text": "", "page": None, "url": "", "link_text": "y"}
        )


def test_facts_need_a_source():
    block = FactsAndFiguresBlock()
    value = block.to_python(
        {
            "title": "Cijfers",
            "facts": [{"value": "1", "label": "x"}],
            "source": "",
            "source_url": "",
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.django_db
def test_image_block_uses_the_images_alt_text_or_an_override():
    image = get_image_model().objects.create(
        title="Foto", description="Een bord met de tekst welkom", file=get_test_image_file()
    )
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "caption": "Welkom", "alt_text": ""})
    html = block.render(value)
    assert 'alt="Een bord met de tekst welkom"' in html
    override = block.to_python({"image": image.pk, "caption": "", "alt_text": "Welkomstbord"})
    assert block.get_api_representation(override)["image"]["alt"] == "Welkomstbord"


@pytest.mark.django_db
def test_image_block_refuses_an_image_without_alt_text():
    image = get_image_model().objects.create(
        title="Foto", description="", file=get_test_image_file()
    )
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": image.pk, "caption": "", "alt_text": ""}))
