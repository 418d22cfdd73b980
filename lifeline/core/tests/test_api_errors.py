"""Every API failure answers in one shape, with a clear message, and writes nothing."""

from __future__ import annotations

import pydantic
import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory

from config.api import api
from lifeline.core.errors import StaleVersion
from lifeline.core.models import IdempotencyRecord
from lifeline.core.tests.api_helpers import API, error_of, post_json, token_client
from lifeline.intake.models import ParoleRequest
from lifeline.intake.tests.factories import make_user
from lifeline.people.models import Person

pytestmark = pytest.mark.django_db


def _rows() -> tuple[int, int, int]:
    return (
        ParoleRequest.objects.count(),
        Person.objects.count(),
        IdempotencyRecord.objects.count(),
    )


def test_an_unknown_address_under_the_api_is_a_404_in_the_error_shape() -> None:
    response = token_client(make_user()).get(f"{API}/no/such/thing")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_wrong_method_is_a_405_that_names_the_allowed_ones() -> None:
    response = token_client(make_user()).delete(f"{API}/requests")
    assert response.status_code == 405
    error = error_of(response)
    assert error["code"] == "method_not_allowed"
    assert set(error["details"]["allowed"]) == {"GET", "POST"}
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


@pytest.mark.parametrize(
    ("body", "code", "words"),
    [
        (b'{"document": ', "malformed_json", "not valid JSON"),
        (b"\xff\xfe{}", "malformed_json", "not valid JSON"),
        (b'{"document": {"program": "a\\u0000b"}}', "malformed_json", "NUL"),
    ],
)
def test_a_body_that_is_not_json_is_a_400_and_writes_nothing(
    body: bytes, code: str, words: str
) -> None:
    client = token_client(make_user())
    before = _rows()
    response = post_json(client, "/requests", body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == code and words in error["message"]
    assert _rows() == before


def test_wrong_types_are_a_422_that_names_each_field_and_writes_nothing() -> None:
    client = token_client(make_user())
    before = _rows()
    response = post_json(
        client,
        "/requests",
        {"document": {"program": 42, "category": "medical", "filed_on": "2026-02-30"}},
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_failed"
    paths = {item["path"] for item in error["details"]["errors"]}
    assert {"document.program", "document.postmarked_on", "document.beneficiary"} <= paths
    assert "document.postmarked_on" in error["message"]
    assert _rows() == before


def test_a_create_without_an_idempotency_key_is_a_400_that_says_what_to_send() -> None:
    client = token_client(make_user())
    before = _rows()
    response = post_json(client, "/requests", {}, key=None)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "idempotency_key_missing" and "Idempotency-Key" in error["message"]
    assert _rows() == before


def test_a_body_over_the_size_limit_is_a_413(settings: object) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100  # type: ignore[attr-defined]
    response = post_json(token_client(make_user()), "/eligibility/check", {"x": "y" * 200})
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


@pytest.mark.parametrize(
    ("exception", "status", "code"),
    [
        (StaleVersion("Changed since you opened it."), 409, "stale_version"),
        (Http404("gone"), 404, "not_found"),
        (DjangoPermissionDenied(), 403, "permission_denied"),
        (RuntimeError("secret internals"), 500, "internal_error"),
    ],
)
def test_exceptions_become_the_error_shape_and_a_500_hides_its_cause(
    exception: Exception, status: int, code: str
) -> None:
    http = RequestFactory().get(f"{API}/me")
    response = api.on_exception(http, exception)
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code
    assert "secret internals" not in error["message"]


def test_an_answer_that_fails_its_own_schema_is_a_500_not_the_callers_fault() -> None:
    response_model = pydantic.create_model("NinjaResponseSchema", response=(int, ...))
    with pytest.raises(pydantic.ValidationError) as failure:
        response_model.model_validate({"response": "not a number"})
    response = api.on_exception(RequestFactory().get(f"{API}/me"), failure.value)
    assert response.status_code == 500
    assert error_of(response)["code"] == "internal_error"


def test_the_schema_and_docs_are_public_and_openapi_is_version_3_1() -> None:
    client = Client()
    schema = client.get(f"{API}/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.1")
    assert client.get(f"{API}/docs").status_code == 200
