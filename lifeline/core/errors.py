"""One domain error hierarchy; every interface turns these into the same error shape."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the user can understand and act on."""

    code = "domain_error"
    http_status = 400

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class ValidationFailed(DomainError):
    code = "validation_failed"
    http_status = 422


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class PermissionDenied(DomainError):
    code = "permission_denied"
    http_status = 403


class Conflict(DomainError):
    code = "conflict"
    http_status = 409


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"


class StaleVersion(Conflict):
    code = "stale_version"


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"


class DuplicateDeclaration(Conflict):
    code = "duplicate_declaration"


class UploadRejected(DomainError):
    code = "upload_rejected"
    http_status = 422
