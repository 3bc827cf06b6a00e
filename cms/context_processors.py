"""Template context shared by every public page."""

from django.conf import settings


def site_context(request):
    """Expose the site name so templates never hard-code it."""
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}
