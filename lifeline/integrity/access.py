"""Who sees integrity pages: integrity analysts work flags; supervisors may read them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.core.errors import PermissionDenied

READER_ROLES = frozenset({UserRole.INTEGRITY_ANALYST, UserRole.SUPERVISOR})


def can_read_flags(user: User) -> bool:
    return user.is_active and user.role in READER_ROLES


def can_work_flags(user: User) -> bool:
    return user.is_active and user.role == UserRole.INTEGRITY_ANALYST


def require_analyst(user: User) -> None:
    if not can_work_flags(user):
        raise PermissionDenied("Only an integrity analyst may decide flags or resolve identities.")


def integrity_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """An integrity page: sign in first; any role but analyst or supervisor gets 403."""

    @wraps(view)
    def wrapper(http: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not http.user.is_authenticated:
            return redirect_to_login(http.get_full_path())
        if not isinstance(http.user, User) or not can_read_flags(http.user):
            raise Forbidden("Integrity pages are for integrity analysts and supervisors.")
        return view(http, *args, **kwargs)

    return wrapper


def page_user(http: HttpRequest) -> User:
    """The signed-in user of an `integrity_page` view."""
    user = http.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in as staff.")
    return user
