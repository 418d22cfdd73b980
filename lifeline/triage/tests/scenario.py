"""Builders shared by the workspace tests: submitted requests, staff, a case taken by an officer."""

from __future__ import annotations

from typing import Any

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.intake.documents import read_document
from lifeline.intake.enums import EvidenceScanStatus
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.intake.services import create_request, submit_request
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.programs.evaluation import list_required_evidence
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


def complete_the_file(request: ParoleRequest) -> ParoleRequest:
    """Every required document on file and no failed rule: a case an officer may approve without
    an override (the guardrail tests start from here and take something away)."""
    document = read_document(request)
    for item in list_required_evidence(document):
        EvidenceItem.objects.create(
            request=request,
            kind=item.id,
            original_filename=f"{item.id}.pdf",
            content_type="application/pdf",
            size_bytes=1000,
            sha256="0" * 64,
            scan_status=EvidenceScanStatus.CLEAN,
            uploaded_by=request.filed_by,
        )
    prescreen = request.prescreens.get(is_current=True)
    prescreen.rules = [
        {**rule, "result": "pass"} if rule["result"] in ("fail", "unknown") else rule
        for rule in prescreen.rules
    ]
    prescreen.save(update_fields=["rules"])
    return request


def taken_request(by: User, *, complete: bool = True, **document: Any) -> ParoleRequest:
    request = submitted_request(**document)
    case = assign_next_case(officer=by)
    assert case is not None and case.request_id == request.pk
    request.refresh_from_db()
    return complete_the_file(request) if complete else request
