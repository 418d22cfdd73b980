"""Who may work the queue: officers take cases; supervisors also assign, rebalance and expedite."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.core.errors import PermissionDenied

CASEWORK_ROLES = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR})
SUPERVISOR_ROLES = frozenset({UserRole.SUPERVISOR})


def can_work_cases(user: User) -> bool:
    return user.is_active and user.role in CASEWORK_ROLES


def can_supervise(user: User) -> bool:
    return user.is_active and user.role in SUPERVISOR_ROLES


def require_caseworker(user: User) -> None:
    if not can_work_cases(user):
        raise PermissionDenied("Only officers and supervisors work cases.")


def require_supervisor(user: User) -> None:
    if not can_supervise(user):
        raise PermissionDenied("Only a supervisor may do that.")


def caseworker_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A workspace page: signed in as an officer or supervisor, otherwise sent to sign in (or
    told the page is not theirs)."""

    @wraps(view)
    def wrapper(http: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not http.user.is_authenticated:
            return redirect_to_login(http.get_full_path())
        if not isinstance(http.user, User) or not can_work_cases(http.user):
            raise Http404("No such page.")
        return view(http, *args, **kwargs)

    return wrapper


def staff_user(http: HttpRequest) -> User:
    """The signed-in officer or supervisor of a `caseworker_page` view."""
    user = http.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in as staff.")
    return user
