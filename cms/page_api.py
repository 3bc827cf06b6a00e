"""Endpoints of Wagtail's page API (/api/v2/) that need more than Wagtail's defaults.

Pages: Wagtail's PagesAPIViewSet already serves only live, public pages of the requesting site
(drafts and privacy-restricted pages never appear). Documents: Wagtail lists every document,
including those in collections with a privacy restriction; the public API must not.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.models import CollectionViewRestriction


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents, minus those in (descendants of) collections with a view restriction."""

    def get_queryset(self):
        queryset = super().get_queryset()
        restricted_paths = list(
            CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        )
        if not restricted_paths:
            return queryset
        restricted = reduce(
            or_, (Q(collection__path__startswith=path) for path in restricted_paths)
        )
        return queryset.exclude(restricted)
