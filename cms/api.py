"""Composition of the public APIs.

- `/api/v2/` is Wagtail's stable page API (other sites already speak it). Wagtail 8's
  django-ninja page API (v3) is a preview, so we do not build on it yet.
- `/api/v1/` is our own django-ninja API; each app contributes a router from `<app>/api.py`.
"""

from ninja import NinjaAPI
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

page_api = WagtailAPIRouter("wagtailapi")
page_api.register_endpoint("pages", PagesAPIViewSet)
page_api.register_endpoint("images", ImagesAPIViewSet)
page_api.register_endpoint("documents", DocumentsAPIViewSet)

api = NinjaAPI(
    title="Ketenkaart API",
    version="1.0.0",
    urls_namespace="api-v1",
    description="De Klantreis, de partnergids en de vocabulaires van Ketenkaart.",
)

from journey.api import router as journey_router  # noqa: E402

api.add_router("/journey", journey_router)
