"""Member tokens: issue, find, and the ninja authentication for write endpoints."""

import hmac

from django.utils import timezone
from ninja.security import HttpBearer

from .keys import hash_token, new_token, split_prefix
from .models import MemberToken

TOKEN_KIND = "kkm"  # noqa: S105 (the public kind prefix, not a secret)


def issue_member_token(token: MemberToken) -> str:
    """Give an unsaved MemberToken its secret; return the token to show once."""
    raw, prefix, digest = new_token(TOKEN_KIND)
    token.prefix = prefix
    token.key_hash = digest
    return raw


def create_member_token(user, organisation, name: str) -> tuple[MemberToken, str]:
    token = MemberToken(user=user, organisation=organisation, name=name)
    raw = issue_member_token(token)
    token.save()
    return token, raw


def find_member_token(raw: str) -> MemberToken | None:
    prefix = split_prefix(raw.strip())
    if prefix is None or not raw.startswith(f"{TOKEN_KIND}_"):
        return None
    token = MemberToken.objects.select_related("user", "organisation").filter(prefix=prefix).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    if not hmac.compare_digest(token.key_hash, hash_token(raw.strip())):
        return None
    return token


class MemberTokenAuth(HttpBearer):
    """`Authorization: Bearer kkm_...`: the request acts as the token's user."""

    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        member_token = find_member_token(token)
        if member_token is None:
            return None
        MemberToken.objects.filter(pk=member_token.pk).update(last_used_at=timezone.now())
        request.member_token = member_token
        request.user = member_token.user
        return member_token
