"""URL configuration: admin, APIs, sitemap and Wagtail's page serving last."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from apiplatform.hsds.api import hsds_api, hsds_openapi

from . import views
from .api import api, openapi_30_document, page_api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", page_api.urls),
    path("api/v1/openapi-3.0.json", openapi_30_document, name="openapi_30"),
    path("api/v1/", api.urls),
    path("api/hsds/openapi.json", hsds_openapi, name="hsds_openapi"),
    path("api/hsds/", hsds_api.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("zoeken/", views.search, name="search"),
    path("klantreis/", include("journey.urls")),
    path("mijn-organisatie/", include("directory.member.urls")),
    path("partners/", include("directory.public.urls")),
    path("", include("apiplatform.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
