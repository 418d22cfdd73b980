"""Answers with personal data are not stored by browsers or proxies (Cache-Control: no-store)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

API_PREFIX = "/api/"


class NoStoreMiddleware:
    """Every API answer, and every page seen while signed in, carries no-store."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http: HttpRequest) -> HttpResponse:
        # Read before the view runs: a sign-out page still showed a signed-in person's data.
        signed_in = http.user.is_authenticated
        response = self.get_response(http)
        if signed_in or http.user.is_authenticated or http.path_info.startswith(API_PREFIX):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
