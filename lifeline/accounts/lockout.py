"""Lockout after repeated failed sign-ins (django-axes), counted per account, not per name typed."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.db.models import Q
from django.http import HttpRequest

from lifeline.accounts.models import User


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]  # django-axes ships no type hints
    """Axes' lockout check for every sign-in made from a web request.

    Axes refuses calls without a request; sign-ins made in code (management commands, the test
    client's login()) have no client to lock out, so they pass to the next backend instead.
    """

    def authenticate(
        self,
        http: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if http is None:
            return None
        super().authenticate(http, username, password, **kwargs)  # raises if locked out
        return None


def username_tried(http: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The account the sign-in was for: its user name, whether its user name or one of its
    e-mail addresses was typed; what was typed, lower-cased, when no account matches.

    So five failures count against the account however they were spread over its identifiers.
    """
    credentials = credentials or {}
    post = http.POST if http is not None else {}
    tried = str(
        credentials.get("email")
        or credentials.get("username")
        or post.get("login", "")
        or post.get("username", "")
    ).strip()
    return _account_username(tried) or tried.lower()


def _account_username(tried: str) -> str | None:
    if not tried:
        return None
    by_name = User.objects.filter(username__iexact=tried).values_list("username", flat=True)
    by_email = User.objects.filter(
        Q(email__iexact=tried) | Q(emailaddress__email__iexact=tried)
    ).values_list("username", flat=True)
    return by_name.first() or by_email.order_by("pk").first()
