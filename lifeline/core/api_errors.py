"""One JSON error shape for every API failure, and the handlers that produce it."""

from __future__ import annotations

import json
import logging
from typing import Any

import pydantic
from django.core.exceptions import (
    PermissionDenied as DjangoPermissionDenied,
)
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from lifeline.core.db_errors import RETRY_AFTER_SECONDS, is_database_unavailable
from lifeline.core.errors import DomainError

logger = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "Idempotency-Key"
_NINJA_RESPONSE_MODEL = "NinjaResponseSchema"
MAX_LISTED_ERRORS = 20
MAX_MESSAGE_CHARACTERS = 1000
_HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    429: "too_many_requests",
}


def _listed(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The first MAX_LISTED_ERRORS errors and how many there are in all: a body with many
    thousand bad fields gets a short answer, not one as large as itself."""
    return {"errors": errors[:MAX_LISTED_ERRORS], "error_count": len(errors)}


def _short(message: str) -> str:
    """A field's message without pydantic's prefix, cut to MAX_MESSAGE_CHARACTERS."""
    message = message.removeprefix("Value error, ")
    if len(message) <= MAX_MESSAGE_CHARACTERS:
        return message
    return message[: MAX_MESSAGE_CHARACTERS - 1] + "…"


def error_response(
    status: int, code: str, message: str, details: dict[str, Any] | None = None
) -> JsonResponse:
    """The one error body: {"error": {"code", "message", "details"}}."""
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JsonResponse(body, status=status)


def _field_errors(exc: ValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        source = location[0] if location else "body"
        # ninja puts the parameter name after the source ("body", "payload", ...): drop it.
        path = location[2:] if source == "body" and len(location) > 1 else location[1:]
        errors.append(
            {
                "in": source,
                "path": ".".join(path),
                "message": _short(str(error.get("msg", "is invalid"))),
                "type": str(error.get("type", "")),
            }
        )
    return errors


def _validation_failed(http: HttpRequest, exc: ValidationError) -> JsonResponse:
    errors = _field_errors(exc)
    if any(e["in"] == "header" and e["path"] == IDEMPOTENCY_HEADER for e in errors):
        return error_response(
            400,
            "idempotency_key_missing",
            f"Send an {IDEMPOTENCY_HEADER} header (1 to 200 visible characters, for example a "
            "UUID) with every create, so that a retry cannot create the same thing twice.",
        )
    listed = "; ".join(f"{e['path'] or e['in']}: {e['message']}" for e in errors[:5])
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return error_response(
        422,
        "validation_failed",
        f"The request has invalid fields: {listed}{more}.",
        _listed(errors),
    )


def _stored_document_invalid(http: HttpRequest, exc: pydantic.ValidationError) -> JsonResponse:
    """A document a service checks again (e.g. with the filing date stamped) no longer holds."""
    if exc.title == _NINJA_RESPONSE_MODEL:  # our own answer failed its schema: a server fault
        return _unexpected(http, exc)
    errors = [
        {
            "in": "document",
            "path": ".".join(str(part) for part in error["loc"]),
            "message": _short(error["msg"]),
            "type": error["type"],
        }
        for error in exc.errors(include_url=False)
    ]
    listed = "; ".join(f"{e['path'] or 'document'}: {e['message']}" for e in errors[:5])
    return error_response(
        422,
        "validation_failed",
        f"The request document is not valid: {listed}.",
        _listed(errors),
    )


def _domain_error(http: HttpRequest, exc: DomainError) -> JsonResponse:
    return error_response(exc.http_status, exc.code, exc.message, exc.details)


def _http_error(http: HttpRequest, exc: HttpError) -> JsonResponse:
    status = exc.status_code
    if isinstance(exc, AuthenticationError):
        response = error_response(
            401,
            "not_authenticated",
            "Sign in first: send 'Authorization: Bearer <token>' or use a signed-in session.",
        )
        response["WWW-Authenticate"] = 'Bearer realm="lifeline"'
        return response
    if status == 403 and "CSRF" in str(exc):
        return error_response(
            403,
            "csrf_failed",
            "The CSRF check failed: a signed-in browser session must send the CSRF token in "
            "the X-CSRFToken header on every POST.",
        )
    if status == 400 and isinstance(exc.__cause__, ValueError):
        return error_response(
            400,
            "malformed_json",
            f"The request body is not valid JSON ({_why(exc.__cause__)}).",
        )
    return error_response(status, _HTTP_ERROR_CODES.get(status, "http_error"), str(exc))


def _why(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    if isinstance(error, UnicodeDecodeError):
        return "it is not UTF-8 text"
    return str(error) or "it could not be read"


def _not_found(http: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response(404, "not_found", "There is nothing at this address.")


def _forbidden(http: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response(403, "permission_denied", "You may not do that.")


def _too_big(http: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response(413, "payload_too_large", "The request body is too large.")


def _unreadable(http: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response(
        400, "bad_request", "The request could not be read; check its Content-Type and body."
    )


def _unexpected(http: HttpRequest, exc: Exception) -> JsonResponse:
    logger.exception("Unhandled error in %s %s", http.method, http.path, exc_info=exc)
    return error_response(
        500,
        "internal_error",
        "Something went wrong on our side; nothing was saved. Please try again later.",
    )


def unavailable_api_response() -> JsonResponse:
    """The API's one error shape, 503 `service_unavailable`, with Retry-After."""
    response = error_response(
        503,
        "service_unavailable",
        f"The database cannot be reached just now. Try again in {RETRY_AFTER_SECONDS} "
        "seconds; send a create again with the same Idempotency-Key, so that it is made once.",
        {"retry_after_seconds": RETRY_AFTER_SECONDS},
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _database_error(http: HttpRequest, exc: Exception) -> JsonResponse:
    """An unreachable database answers 503 with Retry-After; any other database error (a
    missing table, bad SQL) is a fault of ours, answered as one."""
    if not is_database_unavailable(exc):
        return _unexpected(http, exc)
    logger.warning("database unavailable for %s %s: %s", http.method, http.path, exc)
    return unavailable_api_response()


def install_error_handlers(api: NinjaAPI) -> None:
    """Make every failure of `api` answer in the one error shape."""
    handlers: list[tuple[type[Exception], Any]] = [
        (Exception, _unexpected),
        (DomainError, _domain_error),
        (OperationalError, _database_error),
        (InterfaceError, _database_error),
        (ValidationError, _validation_failed),
        (pydantic.ValidationError, _stored_document_invalid),
        (HttpError, _http_error),
        (Http404, _not_found),
        (DjangoPermissionDenied, _forbidden),
        (SuspiciousOperation, _unreadable),
        (MultiPartParserError, _unreadable),
        (RequestDataTooBig, _too_big),
        (TooManyFieldsSent, _too_big),
        (TooManyFilesSent, _too_big),
    ]
    for exception_class, handler in handlers:
        api.add_exception_handler(exception_class, handler)
