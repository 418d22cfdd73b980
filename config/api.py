"""The API root: /api/v1/ with its routers, authentication, error shape and OpenAPI schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.parser import Parser

from lifeline.accounts.api import SessionAuth, TokenAuth
from lifeline.accounts.api import router as accounts_router
from lifeline.core.api_errors import error_response, install_error_handlers
from lifeline.intake.api import router as intake_router
from lifeline.intake.policy_api import router as program_versions_router
from lifeline.pathways.api import router as pathways_router
from lifeline.programs.api import router as programs_router
from lifeline.supporters.api import router as supporters_router


class NulCharacterInBody(ValueError):
    """Text with a NUL character: no database column can hold it."""


def _refuse_nul(value: Any) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise NulCharacterInBody("a text value contains a NUL character")
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key)
            _refuse_nul(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_nul(item)


class StrictJSONParser(Parser):
    def parse_body(self, http: HttpRequest) -> Any:
        data = json.loads(http.body)
        _refuse_nul(data)
        return data


api = NinjaAPI(
    title="Lifeline API",
    version="1",
    description="Humanitarian parole requests, supporter declarations and eligibility checks. "
    'Errors always answer {"error": {"code", "message", "details"}}.',
    auth=[TokenAuth(), SessionAuth()],
    parser=StrictJSONParser(),
    urls_namespace="api-v1",
)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/", programs_router)
api.add_router("/", pathways_router)
api.add_router("/", supporters_router)
api.add_router("/", intake_router)
api.add_router("/", program_versions_router)


def _json_method_not_allowed(view: Callable[..., HttpResponseBase]) -> Callable[..., Any]:
    """Ninja answers a wrong method with a plain-text 405; give it the one error shape."""

    @wraps(view)
    def wrapper(http: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(http, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        allowed = response.get("Allow", "")
        replacement = error_response(
            405,
            "method_not_allowed",
            f"{http.method} is not allowed here; allowed: {allowed or 'none'}.",
            {"allowed": [m.strip() for m in allowed.split(",") if m.strip()]},
        )
        replacement["Allow"] = allowed
        return replacement

    return wrapper


@csrf_exempt
def _unknown_endpoint(http: HttpRequest, rest: str = "") -> HttpResponse:
    return error_response(
        404, "not_found", "There is no API endpoint at this address; see /api/v1/docs."
    )


def _api_urls() -> list[URLPattern | URLResolver]:
    patterns, _, _ = api.urls
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            # The root keeps its name (the schema is built by reversing it) but answers 404.
            callback = (
                _unknown_endpoint
                if pattern.name == "api-root"
                else _json_method_not_allowed(pattern.callback)
            )
            pattern = URLPattern(pattern.pattern, callback, pattern.default_args, pattern.name)
        wrapped.append(pattern)
    return wrapped


urlpatterns = [
    path("api/v1/", (_api_urls(), "ninja", "api-v1")),
    re_path(r"^api/v1/(?P<rest>.*)$", _unknown_endpoint),
]
