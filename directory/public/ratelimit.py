"""A small per-visitor rate limit on the cache (fixed one-hour window).

The visitor is identified by a keyed hash of the IP address, never the address itself.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60 * 60


def visitor_hash(request) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def hit(scope: str, visitor: str, limit: int) -> bool:
    """Count one attempt; return False when the visitor is over the limit for this window."""
    key = f"ratelimit:{scope}:{visitor}"
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return True
    return count <= limit
