"""How adjudication reacts to intake's events, inside the publisher's transaction."""

from __future__ import annotations

from lifeline.adjudication import workflow
from lifeline.adjudication.evidence_requests import answer_evidence_request
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.intake.enums import RequestStatus
from lifeline.intake.events import EvidenceAdded, RequestStatusChanged
from lifeline.intake.models import ParoleRequest, RequestStatusChange
from lifeline.intake.workflow import FINAL_STATUSES
from lifeline.notices.enums import NoticeKind
from lifeline.notices.services import issue_notice


def answer_open_evidence_request(event: EvidenceAdded) -> None:
    """New evidence answers an open evidence request, in the upload's own transaction."""
    answer_evidence_request(request_id=event.request_id, evidence_id=event.evidence_id)


def close_request_work(event: RequestStatusChanged) -> None:
    """A request that ends cancels its open evidence requests; one withdrawn by the program
    office gets its notice, in the applicant's language, with the office's reason."""
    if event.to_status not in FINAL_STATUSES:
        return
    cancelled = workflow.cancel_evidence_requests(event.request_id)
    if not cancelled and event.to_status != RequestStatus.PROGRAM_WITHDRAWN:
        return
    request = ParoleRequest.objects.get(pk=event.request_id)
    for evidence_request_id in cancelled:
        audit_subject(
            request,
            actor=None,
            action=AuditAction.EVIDENCE_CANCELLED,
            details={"evidence_request_id": evidence_request_id, "status": request.status},
        )
    if event.to_status == RequestStatus.PROGRAM_WITHDRAWN:
        _issue_program_withdrawal_notice(request)


def _issue_program_withdrawal_notice(request: ParoleRequest) -> None:
    change = (
        RequestStatusChange.objects.filter(
            request=request, to_status=RequestStatus.PROGRAM_WITHDRAWN
        )
        .order_by("-occurred_at", "-pk")
        .first()
    )
    issue_notice(
        request=request,
        kind=NoticeKind.PROGRAM_WITHDRAWAL,
        key=f"program_withdrawal:{request.pk}",
        context={"reasons": [{"text": change.reason}] if change and change.reason else []},
    )
