"""Fixed-window rate limits on the cache (Redis in production through CACHE_URL).

A counter per client per minute: `cache.add` starts the window, `cache.incr` counts, both
atomic on Redis. Clients are an API key (its own limit) or, without a key, an IP address
(the lower anonymous limit).
"""

import math
import time
from dataclasses import dataclass

from django.core.cache import cache

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_seconds),
        }


def hit(bucket: str, limit: int, *, now: float | None = None) -> RateDecision:
    """Count one request in `bucket` and decide whether it is within `limit` per minute."""
    now = time.time() if now is None else now
    window_start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
    key = f"apiplatform:rate:{bucket}:{window_start}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
            count = 1
    reset = max(1, math.ceil(window_start + WINDOW_SECONDS - now))
    return RateDecision(count <= limit, limit, max(0, limit - count), reset)


def client_ip(request, trust_forwarded: bool) -> str:
    if trust_forwarded:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")
