"""Composition of the public APIs.

- `/api/v1/` is our own django-ninja API; each app contributes a router from `<app>/api.py`.
  Conventions (NL API Design Rules 2.1: API-Version, problem+json, no trailing slashes,
  security headers, CORS, caching, rate limits) come from `apiplatform`.
- `/api/v2/` is Wagtail's stable page API (other sites already speak it). Wagtail 8's
  django-ninja page API (v3) is a preview, so we do not build on it yet. Its URLs end in a
  slash because Wagtail's router fixes them; every other convention applies to it too.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from apiplatform import scopes
from apiplatform.openapi import KetenkaartAPI
from apiplatform.openapi30 import downgrade
from cms.page_api import PublicDocumentsAPIViewSet

API_V1_VERSION = "1.0.0"

page_api = WagtailAPIRouter("wagtailapi")
page_api.register_endpoint("pages", PagesAPIViewSet)
page_api.register_endpoint("images", ImagesAPIViewSet)
page_api.register_endpoint("documents", PublicDocumentsAPIViewSet)

api = KetenkaartAPI(
    title="Ketenkaart API",
    version=API_V1_VERSION,
    urls_namespace="api-v1",
    server_url="/api/v1",
    description=str(
        _(
            "De Klantreis, de partnergids en de vocabulaires van Ketenkaart. Volgt de "
            "NL API Design Rules 2.1: versie in de kop API-Version, geen slash aan het einde "
            "van paden, fouten als application/problem+json (RFC 9457), CORS voor elke "
            "herkomst, ETag/Last-Modified met 304. Anoniem gebruik is toegestaan met een "
            "lagere limiet; met een API-sleutel (kop X-Api-Key) geldt een hogere."
        )
    ),
)

from journey.api import router as journey_router  # noqa: E402

api.add_router("/journey", journey_router)

from directory.api import autocomplete_router, vocabulary_router  # noqa: E402
from directory.api import router as directory_router  # noqa: E402

api.add_router("", directory_router)
api.add_router("", vocabulary_router)
api.add_router("/autocomplete", autocomplete_router)

scopes.register(
    scopes.ApiScope(
        prefix="/api/v1",
        version=API_V1_VERSION,
        cache_control=(
            (r"/openapi(-3\.0)?\.json", scopes.DOCS_CACHE_CONTROL),
            (r"/docs", scopes.DOCS_CACHE_CONTROL),
        ),
        html_paths=(r"/docs",),
    )
)
scopes.register(scopes.ApiScope(prefix="/api/v2", version="2.0.0", strict_slashes=False))
# Everything else under /api (an unknown version, a typo): the conventions of our current API,
# so even a 404 there is problem+json with API-Version (the longest prefix wins).
scopes.register(scopes.ApiScope(prefix="/api", version=API_V1_VERSION))
# HSDS fixes its root as "/", so /api/hsds/ is allowed to end in a slash (HSDS wins).
scopes.register(
    scopes.ApiScope(
        prefix="/api/hsds",
        version="3.0.0",
        slash_roots=("/",),
        cache_control=((r"/openapi\.json", scopes.DOCS_CACHE_CONTROL),),
    )
)


@require_safe
def openapi_30_document(request):
    """The same document rewritten as OpenAPI 3.0 (apiplatform/openapi30.py), for the NL API
    Design Rules linter and other tools that read only 3.0."""
    return JsonResponse(downgrade(api.get_openapi_schema()))
