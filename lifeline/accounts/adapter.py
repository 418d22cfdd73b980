"""How django-allauth treats Lifeline accounts: role and language at sign-up, messages, mail."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lifeline.accounts.enums import UserRole
from lifeline.accounts.landing import home_url_for
from lifeline.accounts.models import User
from lifeline.accounts.services import adopt_issued_email_address
from lifeline.accounts.tokens import revoke_all_api_tokens

logger = logging.getLogger(__name__)

# The messages a sign-in, sign-up or reset page can show, in the portal's own catalog (Django
# and allauth ship no Pashto, and allauth's wording is not ours).
_MESSAGES = {
    "account_inactive": _("This account is closed. Contact the program office for help."),
    "email_password_mismatch": _("The e-mail address or the password is not right."),
    "username_password_mismatch": _("The user name or the password is not right."),
    "email_taken": _("An account already uses this e-mail address. Sign in instead."),
    "username_taken": _("An account already uses this user name."),
    "invalid_login": _("The e-mail address or the password is not right."),
    "invalid_password_reset": _("This password reset link is no longer valid. Ask for a new one."),
    "invalid_or_expired_key": _("This link is no longer valid. Ask for a new one."),
    "too_many_login_attempts": _("Too many failed attempts. Wait 15 minutes and try again."),
    "rate_limited": _("Too many attempts in a short time. Wait a few minutes and try again."),
    "unknown_email": _("No account uses this e-mail address."),
    "unverified_primary_email": _("Confirm your e-mail address first."),
    "incorrect_password": _("The password is not right."),
    "enter_current_password": _("Type your current password."),
    "same_as_current": _("The new value must be different from the current one."),
}


MAIL_NOT_SENT = _(
    "We could not send the e-mail just now. Your account is saved: sign in again in a few "
    "minutes and we will send the confirmation link again."
)


_deferred: ContextVar[list[Callable[[], None]] | None] = ContextVar("deferred_mail", default=None)


@contextmanager
def deferred_mail() -> Iterator[None]:
    """Mail asked for inside the block leaves when the block ends without an error."""
    outbox: list[Callable[[], None]] = []
    token = _deferred.set(outbox)
    try:
        yield
    finally:
        _deferred.reset(token)
    for send in outbox:
        send()


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no type hints
    error_messages = {**DefaultAccountAdapter.error_messages, **_MESSAGES}

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Send now, or after the sign-up's transaction when one is open (deferred_mail); a
        relay failure is said on the page, never a 500."""
        http = self.request
        deferred = _deferred.get()
        if deferred is None:
            self._send_or_say(http, template_prefix, email, context)
        else:
            deferred.append(lambda: self._send_or_say(http, template_prefix, email, context))

    def _send_or_say(
        self,
        http: HttpRequest | None,
        template_prefix: str,
        email: str,
        context: dict[str, Any],
    ) -> None:
        try:
            super().send_mail(template_prefix, email, context)
        except (smtplib.SMTPException, OSError):
            logger.warning("mail %s not sent: the relay failed", template_prefix, exc_info=True)
            if http is not None:
                messages.error(http, MAIL_NOT_SENT)

    def set_password(self, user: AbstractBaseUser, password: str) -> None:
        """A new password (changed, set or reset) ends what the old one opened: the account's
        API tokens are revoked with it; other browser sessions end by Django's hash check."""
        with transaction.atomic():
            super().set_password(user, password)
            assert isinstance(user, User)
            revoke_all_api_tokens(user=user)

    def save_user(
        self, http: HttpRequest, user: AbstractBaseUser, form: Any, commit: bool = True
    ) -> AbstractBaseUser:
        """A new account gets the role chosen at sign-up and the language in use."""
        assert isinstance(user, User)
        user.role = form.cleaned_data.get("role") or UserRole.BENEFICIARY
        user.preferred_language = get_language() or "en"
        saved: AbstractBaseUser = super().save_user(http, user, form, commit=commit)
        return saved

    def pre_login(
        self, http: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse | None:
        if isinstance(user, User):
            adopt_issued_email_address(user=user)
        response: HttpResponse | None = super().pre_login(http, user, **kwargs)
        return response

    def get_login_redirect_url(self, http: HttpRequest) -> str:
        """Staff start on their own pages (the queue, the audit trail), the public on the portal."""
        user = http.user
        return (
            home_url_for(user) if isinstance(user, User) else super().get_login_redirect_url(http)
        )
