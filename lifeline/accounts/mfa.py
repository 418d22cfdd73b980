"""Multi-factor sign-in for staff: every staff role needs TOTP (django-allauth MFA)."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lifeline.accounts.enums import STAFF_ROLES
from lifeline.accounts.models import User
from lifeline.core import clock

# Paths a staff member may use before finishing the second factor.
OPEN_PREFIXES = ("/accounts/", "/static/", "/language/", "/healthz", "/verify/", "/api/")
TOTP_PERIOD_SECONDS = 30


def is_mfa_required(user: User) -> bool:
    return user.is_authenticated and (user.role in STAFF_ROLES or user.is_superuser)


def has_totp(user: User) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


class StaffMfaMiddleware:
    """A staff session must have passed TOTP: without an authenticator the person is sent to
    set one up; a session signed in without the second factor is signed out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http: HttpRequest) -> HttpResponse:
        user = http.user
        if (
            getattr(settings, "LIFELINE_STAFF_MFA_REQUIRED", True)
            and is_mfa_required(user)  # type: ignore[arg-type]
            and not _is_open(http.path_info)
        ):
            if not has_totp(user):  # type: ignore[arg-type]
                messages.info(http, _("Staff accounts need an authenticator app: set it up now."))
                return redirect("mfa_activate_totp")
            records = get_authentication_records(http, user)
            if not any(record.get("method") == "mfa" for record in records):
                logout(http)
                messages.info(http, _("Sign in again with your authenticator code."))
                return redirect("account_login")
        return self.get_response(http)


def _is_open(path: str) -> bool:
    trimmed = "/" + path.lstrip("/").split("/", 1)[-1] if path.count("/") > 1 else path
    return path.startswith(OPEN_PREFIXES) or trimmed.startswith(OPEN_PREFIXES)


def ensure_totp_secret(user: User) -> str:
    """The user's TOTP secret, enrolling a new authenticator if they have none (demo, set-up)."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return str(decrypt(existing.data["secret"]))
    secret: str = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret: str) -> str:
    counter = int(clock.now().timestamp()) // TOTP_PERIOD_SECONDS
    return str(format_hotp_value(hotp_value(secret, counter)))
