"""Errors raised by the analytics app."""

from __future__ import annotations

from lifeline.core.errors import ValidationFailed


class DecisionTableInvalid(ValidationFailed):
    """The table of decisions cannot be read or does not make sense."""

    code = "decision_table_invalid"
