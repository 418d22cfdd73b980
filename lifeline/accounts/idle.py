"""Sessions end after a spell without activity: short for staff, longer for applicants."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lifeline.accounts.enums import STAFF_ROLES
from lifeline.core import clock

LAST_SEEN_KEY = "lifeline_last_seen_at"
# The stamp is rewritten at most this often, so that reading pages does not write every time.
_STAMP_PRECISION_SECONDS = 30


def idle_limit_minutes(user: object) -> float:
    is_staff = getattr(user, "role", None) in STAFF_ROLES or getattr(user, "is_staff", False)
    return float(
        settings.LIFELINE_STAFF_IDLE_MINUTES if is_staff else settings.LIFELINE_PUBLIC_IDLE_MINUTES
    )


class IdleTimeoutMiddleware:
    """Signs a session out when its last request is older than its role's idle limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http: HttpRequest) -> HttpResponse:
        user = http.user
        if user.is_authenticated:
            now = clock.now().timestamp()
            last_seen = http.session.get(LAST_SEEN_KEY)
            limit_minutes = idle_limit_minutes(user)
            if isinstance(last_seen, int | float) and now - last_seen > limit_minutes * 60:
                logout(http)  # the view then sees an anonymous visitor (401, or sign-in)
                messages.info(
                    http,
                    _("You were signed out after %(minutes)d minutes without activity.")
                    % {"minutes": limit_minutes},
                )
            elif last_seen is None or now - last_seen >= _STAMP_PRECISION_SECONDS:
                http.session[LAST_SEEN_KEY] = now
        return self.get_response(http)
