"""Serializer fields for the page API (Wagtail v2, Django REST framework).

The raw database value of an image or document is an id; a consumer needs renditions with alt
text and URLs. These fields turn the related objects into exactly that.
"""

from rest_framework.fields import Field

from cms.blocks import document_api_representation, image_api_representation


class ImageRenditionsField(Field):
    """An image as alt text plus small/medium/large renditions (absolute URLs)."""

    def to_representation(self, image):
        return image_api_representation(image)


class DocumentField(Field):
    """A document as title, URL, extension and size."""

    def to_representation(self, document):
        return document_api_representation(document)


class ContactPersonField(Field):
    """A contact person snippet as structured data."""

    def to_representation(self, contact):
        return contact.api_representation() if contact is not None else None


class PageLinkField(Field):
    """A linked page as id, title and public URL (absolute), or None."""

    def to_representation(self, page):
        if page is None:
            return None
        return {"id": page.pk, "title": page.title, "url": page.full_url}
