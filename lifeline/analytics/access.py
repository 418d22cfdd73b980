"""Who may read the analytics pages: supervisors and program administrators."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User

ANALYTICS_ROLES = frozenset({UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR})


def can_read_analytics(user: object) -> bool:
    return isinstance(user, User) and user.is_active and user.role in ANALYTICS_ROLES


def analytics_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """An analytics page: anonymous visitors are sent to sign in; staff of other roles get a
    403 page that says who may read it (staff MFA is enforced by the accounts middleware)."""

    @wraps(view)
    def wrapper(http: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not http.user.is_authenticated:
            return redirect_to_login(http.get_full_path())
        if not can_read_analytics(http.user):
            return render(http, "analytics/forbidden.html", status=403)
        return view(http, *args, **kwargs)

    return wrapper
