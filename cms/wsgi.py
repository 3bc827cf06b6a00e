"""WSGI entry point (gunicorn cms.wsgi).

Each server process starts warming the search backend in the background as soon as it has
loaded the application (search.warmup), so the first visitor does not wait for the directory's
facet bitmaps; `SEARCH_WARM_ON_START=false` switches that off.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.base")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - only usable once the application is loaded

if settings.SEARCH_WARM_ON_START:
    from search.warmup import warm_in_background  # noqa: E402

    warm_in_background()
