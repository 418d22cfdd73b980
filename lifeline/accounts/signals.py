"""A new password ends what the old one opened: the account's API tokens are revoked."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver

from lifeline.accounts.models import User
from lifeline.accounts.tokens import revoke_all_api_tokens


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def revoke_tokens_after_new_password(sender: Any, user: User, **kwargs: Any) -> None:
    # Other browser sessions end by themselves: Django checks each session's password hash.
    revoke_all_api_tokens(user=user)
