"""Guard: every API address needs a signed-in caller unless it is listed here as public."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern

from config.api import api, urlpatterns
from lifeline.core.tests.api_helpers import API, error_of

pytestmark = pytest.mark.django_db

PUBLIC = {("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/programs")}


def _documented_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return sorted(
        (method.upper(), path.removeprefix(API))
        for path, operations in schema["paths"].items()
        for method in operations
    )


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "HP-0000000000", path)


def test_every_routed_api_address_is_documented_or_listed_public() -> None:
    routed = {
        "/" + re.sub(r"<([^>]+)>", r"{\1}", str(pattern.pattern))
        for pattern in urlpatterns[0].url_patterns
        if isinstance(pattern, URLPattern)
    }
    documented = {path for _, path in _documented_operations()}
    assert routed - documented - {path for _, path in PUBLIC} == {"/"}


@pytest.mark.parametrize(("method", "path"), _documented_operations())
def test_every_non_public_operation_refuses_an_anonymous_caller(method: str, path: str) -> None:
    response = Client().generic(
        method, API + _concrete(path), data="{}", content_type="application/json"
    )
    if (method, path) in PUBLIC:
        assert response.status_code == 200
    else:
        assert response.status_code == 401, (method, path, response.content)
        assert error_of(response)["code"] == "not_authenticated"


@pytest.mark.parametrize(("method", "path"), sorted(PUBLIC))
def test_the_public_addresses_answer_without_signing_in(method: str, path: str) -> None:
    assert Client().generic(method, API + path).status_code == 200


def test_the_api_root_is_not_an_open_door() -> None:
    response = Client().get(f"{API}/")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
