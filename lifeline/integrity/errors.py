"""Errors the integrity engine raises for input a user can fix."""

from __future__ import annotations

from lifeline.core.errors import DomainError


class IntegrityInputError(DomainError):
    """A malformed file, an unknown field or column, or a missing identifier column."""

    code = "integrity_input_error"
    http_status = 422
