"""How django-allauth treats Lifeline accounts: role and language at sign-up, messages, mail."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lifeline.accounts.enums import UserRole
from lifeline.accounts.landing import home_url_for
from lifeline.accounts.models import User
from lifeline.accounts.services import adopt_issued_email_address

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


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no type hints
    error_messages = {**DefaultAccountAdapter.error_messages, **_MESSAGES}

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
