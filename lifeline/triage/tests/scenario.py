"""Builders shared by the workspace tests: submitted requests, staff, a case taken by an officer."""

from __future__ import annotations

from typing import Any

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.intake.models import ParoleRequest
from lifeline.intake.services import create_request, submit_request
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.triage.services import assign_next_case

# Scores every rubric factor of the general program as met.
GENERAL_RUBRIC = {
    factor: "meets"
    for factor in (
        "urgency",
        "welfare_effect",
        "suffering_if_refused",
        "public_benefit",
        "alternatives",
        "support_and_duration",
        "identity_and_security",
    )
}
RATIONALE = "The medical records show an urgent, life-threatening need that cannot wait."


def officer(**fields: Any) -> User:
    return make_user(UserRole.OFFICER, **fields)


def supervisor(**fields: Any) -> User:
    return make_user(UserRole.SUPERVISOR, **fields)


def submitted_request(*, filer: User | None = None, **document: Any) -> ParoleRequest:
    """A request filed and submitted through the services, so it is pre-screened and queued."""
    filer = filer or make_user(UserRole.BENEFICIARY)
    draft = create_request(actor=filer, document=request_document(**document))
    return submit_request(request_id=draft.pk, actor=filer)


def taken_request(by: User, **document: Any) -> ParoleRequest:
    request = submitted_request(**document)
    case = assign_next_case(officer=by)
    assert case is not None and case.request_id == request.pk
    request.refresh_from_db()
    return request
