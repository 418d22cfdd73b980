"""Writes for accounts: the language a person reads, and addresses of accounts we issued."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from lifeline.accounts.models import User
from lifeline.core.errors import ValidationFailed


def set_preferred_language(*, user: User, language: str) -> User:
    """Remember the language a person chose; notices to them are written in it."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationFailed(f"{language!r} is not one of the languages Lifeline offers.")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def adopt_issued_email_address(*, user: User) -> bool:
    """Treat the address of an account we issued (no sign-up record) as verified.

    Sign-up always records the address, unverified until its link is followed; an account
    with no record was created by an administrator or the demo, who set the address.
    """
    if not user.email or EmailAddress.objects.filter(user=user).exists():
        return False
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return True
