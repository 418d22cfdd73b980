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
from django.utils.translation import gettext_lazy as _

from lifeline.accounts.enums import STAFF_ROLES
from lifeline.accounts.models import User
from lifeline.core import clock
from lifeline.core.errors import DomainError

# Paths a signed-in staff member may use before giving the code (or with a session that never
# gave it): public pages and signing out. Everything else, the admin site and the authenticator
# settings included, needs a session that passed the second factor. The API answers such a
# session 401 itself (SessionAuth), so that a bearer token in the same request still counts.
OPEN_PREFIXES = ("/static/", "/language/", "/healthz", "/verify/", "/accounts/logout/", "/api/")
# Pages a staff member without any authenticator needs to enrol one.
ENROLMENT_PREFIXES = ("/accounts/2fa/totp/activate/", "/accounts/reauthenticate/")
TOTP_PERIOD_SECONDS = 30


class SecondFactorRequired(DomainError):
    code = "second_factor_required"
    http_status = 401


def is_mfa_required(user: User) -> bool:
    return (
        getattr(settings, "LIFELINE_STAFF_MFA_REQUIRED", True)
        and user.is_authenticated
        and (user.role in STAFF_ROLES or user.is_superuser or user.is_staff)
    )


def has_totp(user: User) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


def passed_second_factor(http: HttpRequest, user: User) -> bool:
    """Whether this session was signed in with the authenticator code."""
    records = get_authentication_records(http, user)
    return any(record.get("method") == "mfa" for record in records)


def check_api_session(http: HttpRequest, user: User) -> None:
    """Refuse a staff session that signed in with its password alone."""
    if is_mfa_required(user) and not passed_second_factor(http, user):
        raise SecondFactorRequired(
            "Staff sessions must sign in with the authenticator code before using the API."
        )


class StaffMfaMiddleware:
    """A staff session must have passed TOTP: without an authenticator the person is sent to
    set one up; a session signed in without the second factor is signed out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http: HttpRequest) -> HttpResponse:
        user = http.user
        if not is_mfa_required(user) or _starts(http.path_info, OPEN_PREFIXES):  # type: ignore[arg-type]
            return self.get_response(http)
        if passed_second_factor(http, user):  # type: ignore[arg-type]
            return self.get_response(http)
        if not has_totp(user):  # type: ignore[arg-type]
            if _starts(http.path_info, ENROLMENT_PREFIXES):
                return self.get_response(http)
            messages.info(http, _("Staff accounts need an authenticator app: set it up now."))
            return redirect("mfa_activate_totp")
        logout(http)
        messages.info(http, _("Sign in again with your authenticator code."))
        return redirect("account_login")


def _starts(path: str, prefixes: tuple[str, ...]) -> bool:
    """Whether the path, with or without its language prefix (/es/...), starts with one."""
    trimmed = "/" + path.lstrip("/").split("/", 1)[-1] if path.count("/") > 1 else path
    return path.startswith(prefixes) or trimmed.startswith(prefixes)


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
