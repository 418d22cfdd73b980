"""API tokens: issue one (shown once), find its user by the token's SHA-256, revoke it."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from lifeline.accounts.models import ApiToken, User
from lifeline.core import clock
from lifeline.core.errors import NotFound, ValidationFailed

TOKEN_PREFIX = "llt_"  # noqa: S105 - a public marker, not a secret
_LAST_USED_PRECISION_SECONDS = 60


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_api_token(*, user: User, name: str) -> str:
    """Create a token for `user` and return it; only its hash is stored, so it is shown once."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationFailed("Give the token a name of 1 to 100 characters.")
    if not user.is_active:
        raise ValidationFailed("An inactive account cannot be given an API token.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, token_sha256=hash_token(token))
    return token


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None or token.revoked_at is not None:
        raise NotFound(f"No active API token {token_id} of yours.")
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def revoke_all_api_tokens(*, user: User) -> int:
    """Revoke every live token of `user` (after a password change or reset); how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )


def get_user_for_token(token: str) -> User | None:
    """The active user a live token belongs to, or None; notes the last use once a minute."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(token_sha256=hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    now = clock.now()
    last_used_at = record.last_used_at
    if last_used_at is None or (now - last_used_at).total_seconds() > _LAST_USED_PRECISION_SECONDS:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
