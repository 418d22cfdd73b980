"""Every reaction of adjudication to other apps' writes, in one place."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from lifeline.adjudication import notices, workflow
from lifeline.adjudication.enums import NoticeKind
from lifeline.adjudication.evidence_requests import answer_evidence_request
from lifeline.intake.auditing import audit_request
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import EvidenceItem, ParoleRequest, RequestStatusChange
from lifeline.intake.workflow import FINAL_STATUSES


def on_evidence_added(sender: type, instance: EvidenceItem, created: bool, **_: Any) -> None:
    """New evidence answers an open evidence request, in the upload's own transaction."""
    if created:
        answer_evidence_request(request_id=instance.request_id, evidence_id=instance.pk)


def on_request_saved(
    sender: type, instance: ParoleRequest, update_fields: frozenset[str] | None, **_: Any
) -> None:
    """A request that ends cancels its open evidence requests; one withdrawn by the program
    office gets its notice, in the applicant's language, with the office's reason."""
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status not in FINAL_STATUSES:
        return
    cancelled = workflow.cancel_evidence_requests(instance.pk)
    if not cancelled and instance.status != RequestStatus.PROGRAM_WITHDRAWN:
        return
    request = ParoleRequest.objects.get(pk=instance.pk)
    for evidence_request_id in cancelled:
        audit_request(
            request,
            actor=None,
            action="evidence.cancelled",
            details={"evidence_request_id": evidence_request_id, "status": request.status},
        )
    if request.status == RequestStatus.PROGRAM_WITHDRAWN:
        change = (
            RequestStatusChange.objects.filter(
                request=request, to_status=RequestStatus.PROGRAM_WITHDRAWN
            )
            .order_by("-occurred_at", "-pk")
            .first()
        )
        notices.issue_notice(
            request=request,
            kind=NoticeKind.PROGRAM_WITHDRAWAL,
            key=f"program_withdrawal:{request.pk}",
            context={"reasons": [{"text": change.reason}] if change and change.reason else []},
        )


def connect() -> None:
    post_save.connect(
        on_evidence_added, sender=EvidenceItem, dispatch_uid="adjudication.on_evidence_added"
    )
    post_save.connect(
        on_request_saved, sender=ParoleRequest, dispatch_uid="adjudication.on_request_saved"
    )
