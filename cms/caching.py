"""A content version for template fragment caches, bumped by signals on publish.

Fragments that show *other* pages (navigation, latest news, news listings) cannot key on the
current page alone. They key on `content_version()`, a counter in the cache that the signal
handlers in cms/signals.py bump whenever a page is published, unpublished, moved or deleted, or a
snippet that pages show is saved. Nothing is invalidated by hand in model methods; old fragments
simply stop being read and expire.
"""

from django.core.cache import cache

CONTENT_VERSION_KEY = "ketenkaart:content-version"
FRAGMENT_TIMEOUT = 60 * 60  # seconds; fragments also expire on their own


def content_version() -> int:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
    return version


def bump_content_version(**kwargs) -> None:
    """Signal receiver: make every content-keyed fragment stale."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)
