"""Template tags of the public site: navigation, SEO metadata and the content version."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms import seo
from cms.caching import content_version
from cms.models import OrganisationSettings

register = template.Library()


@register.simple_tag
def cache_version():
    """The content version fragment caches key on (bumped on every publish)."""
    return content_version()


# Sections served by other apps' views rather than pages; shown when their URL is mounted.
APP_SECTIONS = [("journey:index", _("Klantreis")), ("directory_public:list", _("Partners"))]


def app_sections() -> list[tuple[str, str]]:
    sections = []
    for name, label in APP_SECTIONS:
        try:
            sections.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return sections


@register.inclusion_tag("cms/includes/navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root = site.root_page if site else None
    items = root.get_children().live().public().in_menu() if root else []
    current = context.get("page")
    request_path = request.path if request else ""
    return {
        "request": request,
        "root": root,
        "items": items,
        "current_path": getattr(current, "path", ""),
        "request_path": request_path,
        "app_sections": [
            (url, label, request_path.startswith(url)) for url, label in app_sections()
        ],
    }


@register.simple_tag(takes_context=True)
def page_metadata(context, page):
    """JSON-LD (organisation + page) and Open Graph tags for a Wagtail page."""
    request = context.get("request")
    if page is None or not hasattr(page, "schema_type"):
        return ""
    org = OrganisationSettings.for_request(request) if request else None
    return seo.open_graph(page, request, settings.WAGTAIL_SITE_NAME) + seo.json_ld_script(
        seo.page_data(page, request, org)
    )
