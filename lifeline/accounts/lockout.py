"""Lockout after repeated failed sign-ins (django-axes), fed the name the person typed."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


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


def username_tried(http: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail address or user name typed into the sign-in form, lower-cased."""
    credentials = credentials or {}
    tried = (
        credentials.get("email")
        or credentials.get("username")
        or http.POST.get("login", "")
        or http.POST.get("username", "")
    )
    return str(tried).strip().lower()
