"""Errors raised by the programs app; each names what is wrong in words a user can act on."""

from __future__ import annotations

from lifeline.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class UnknownProgram(NotFound):
    code = "unknown_program"


class NoVersionInForce(NotFound):
    code = "no_version_in_force"


class CapUsageInvalid(ValidationFailed):
    """Cap usage that names no cap of the program, or leaves out the month of a monthly cap."""

    code = "cap_usage_invalid"


class PolicyFileInvalid(ValidationFailed):
    """A policy or fee file with a mistake: the message names the file, line and rule id."""

    code = "policy_file_invalid"


class PolicyVersionConflict(Conflict):
    code = "policy_version_conflict"


class PublishNotAllowed(PermissionDenied):
    code = "publish_not_allowed"
