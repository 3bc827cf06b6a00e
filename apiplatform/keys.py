"""Secret tokens stored as hashes: API keys for external sites (and member tokens).

A token reads `<kind>_<prefix>_<secret>`. The prefix is stored in clear to find the row; the
whole token is stored only as its SHA-256. Tokens carry 256 bits of randomness, so a slow
password hash would add nothing but latency to every request.
"""

import hashlib
import hmac
import secrets

from django.db.models import F
from django.utils import timezone

from .models import ApiKey, ApiKeyDailyUsage

API_KEY_HEADER = "X-Api-Key"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(kind: str) -> tuple[str, str, str]:
    """Return (token, prefix, hash) for a fresh token of the given kind ("kk" or "kkm")."""
    prefix = secrets.token_hex(6)
    token = f"{kind}_{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, hash_token(token)


def split_prefix(token: str) -> str | None:
    parts = token.split("_", 2)
    if len(parts) != 3 or not parts[1] or not parts[2]:
        return None
    return parts[1]


def issue_api_key(api_key: ApiKey) -> str:
    """Give an unsaved (or existing) ApiKey a fresh secret; return the token to show once."""
    token, prefix, digest = new_token("kk")
    api_key.prefix = prefix
    api_key.key_hash = digest
    return token


def find_api_key(token: str) -> ApiKey | None:
    """The active key for this token, or None (unknown, revoked or tampered)."""
    prefix = split_prefix(token.strip())
    if prefix is None:
        return None
    key = ApiKey.objects.filter(prefix=prefix).first()
    if key is None or not key.is_active:
        return None
    if not hmac.compare_digest(key.key_hash, hash_token(token.strip())):
        return None
    return key


def record_usage(api_key: ApiKey) -> None:
    """Count one request for this key: the running total and today's count."""
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key.pk).update(
        request_count=F("request_count") + 1, last_used_at=now
    )
    today = timezone.localdate(now)
    updated = ApiKeyDailyUsage.objects.filter(api_key_id=api_key.pk, day=today).update(
        count=F("count") + 1
    )
    if not updated:
        _, created = ApiKeyDailyUsage.objects.get_or_create(
            api_key_id=api_key.pk, day=today, defaults={"count": 1}
        )
        if not created:  # another request created today's row in between
            ApiKeyDailyUsage.objects.filter(api_key_id=api_key.pk, day=today).update(
                count=F("count") + 1
            )
