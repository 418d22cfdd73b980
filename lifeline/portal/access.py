"""Who may use a portal page: the signed-in person, and a representative's consenting client."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from lifeline.accounts.models import User
from lifeline.core.errors import NotFound
from lifeline.intake.access import access_request_for_user
from lifeline.intake.models import ParoleRequest


def portal_user(http: HttpRequest) -> User:
    """The signed-in user (views call it behind login_required)."""
    user = http.user
    if not isinstance(user, User):
        raise Http404
    return user


def access_request_for_portal(http: HttpRequest, reference: str) -> ParoleRequest:
    """A request the signed-in person may see; any other is "not found"."""
    try:
        return access_request_for_user(portal_user(http), reference=reference)
    except NotFound as missing:
        raise Http404(missing.message) from missing
