"""Writes for evidence requests: ask, answer (new evidence), remind, and expire on no answer."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.adjudication import workflow
from lifeline.adjudication.enums import EvidenceRequestStatus
from lifeline.adjudication.models import EvidenceRequest
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import Conflict, PermissionDenied, ValidationFailed
from lifeline.core.local_formats import format_date_local
from lifeline.intake.enums import RequestStatus
from lifeline.intake.locking import lock_request
from lifeline.intake.selectors import applicant_language, policy_for
from lifeline.intake.services import transition_request
from lifeline.notices.enums import NoticeKind
from lifeline.notices.services import issue_notice
from lifeline.notices.texts import evidence_reminder_subject
from lifeline.notifications.enums import Channel
from lifeline.notifications.services import queue_notification
from lifeline.triage import services as triage
from lifeline.triage.access import require_caseworker
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage

REMINDER_DAYS_BEFORE_DUE = 7
NO_ANSWER_NOTE = "No answer to the evidence request by its due date: decide on the record."


@transaction.atomic
def request_evidence(
    *,
    officer: User,
    request_id: int,
    expected_version: int,
    item_ids: list[str],
    free_text: str = "",
) -> EvidenceRequest:
    """Ask for evidence from the program's list (and free text); the clock stops until answered."""
    require_caseworker(officer)
    request = lock_request(request_id, expected_version=expected_version)
    case = CaseTriage.objects.filter(request=request).first()
    if case is None or case.assigned_to_id != officer.pk or case.state != QueueState.ASSIGNED:
        raise PermissionDenied("Only the officer holding the case may request evidence.")
    policy = policy_for(request)
    known = {item.id: item.label for item in policy.evidence_items(request.category, request.kind)}
    unknown = [item for item in item_ids if item not in known]
    if unknown:
        raise ValidationFailed(
            f"Not on this program's evidence list: {', '.join(unknown)}.",
            details={"unknown": unknown, "known": sorted(known)},
        )
    if not item_ids and not free_text.strip():
        raise ValidationFailed("Pick at least one evidence item or describe what is needed.")
    if EvidenceRequest.objects.filter(request=request, status=EvidenceRequestStatus.OPEN).exists():
        raise Conflict("An evidence request is already open for this case.")
    due_on = clock.today() + dt.timedelta(days=policy.adjudication.evidence_response_days)
    evidence_request = EvidenceRequest.objects.create(
        request=request,
        officer=officer,
        items=[{"id": i, "label": known[i]} for i in item_ids],
        free_text=free_text.strip()[:2000],
        due_on=due_on,
    )
    transition_request(
        request_id=request.pk,
        to_status=RequestStatus.EVIDENCE_REQUESTED,
        actor=officer,
        reason=f"Evidence due on {due_on}",
    )
    triage.pause_sla(request_id=request.pk, note=f"Evidence due on {due_on}", role=officer.role)
    audit_subject(
        request,
        actor=officer,
        action=AuditAction.EVIDENCE_REQUESTED,
        details={
            "evidence_request_id": evidence_request.pk,
            "items": item_ids,
            "due_on": due_on.isoformat(),
        },
    )
    issue_notice(
        request=request,
        kind=NoticeKind.EVIDENCE_REQUEST,
        key=f"evidence_request:{evidence_request.pk}",
        context={
            "evidence_items": evidence_request.items,
            "free_text": evidence_request.free_text,
            "due_on": due_on.isoformat(),
        },
    )
    return evidence_request


@transaction.atomic
def answer_evidence_request(*, request_id: int, evidence_id: int) -> EvidenceRequest | None:
    """New evidence on a request with an open evidence request answers it: the case goes back
    in the queue at its priority and the clock runs again. None when nothing was open."""
    request = lock_request(request_id)
    evidence_request = (
        EvidenceRequest.objects.select_for_update()
        .filter(request=request, status=EvidenceRequestStatus.OPEN)
        .first()
    )
    if evidence_request is None or request.status != RequestStatus.EVIDENCE_REQUESTED:
        return None
    workflow.move_evidence_request(
        evidence_request, EvidenceRequestStatus.ANSWERED, role=workflow.SYSTEM
    )
    evidence_request.answered_at = clock.now()
    evidence_request.save(update_fields=["status", "answered_at"])
    transition_request(
        request_id=request.pk,
        to_status=RequestStatus.IN_REVIEW,
        actor=None,
        reason="New evidence arrived.",
    )
    triage.resume_sla(request_id=request.pk, note="New evidence arrived.")
    audit_subject(
        request,
        actor=None,
        action=AuditAction.EVIDENCE_ANSWERED,
        details={"evidence_request_id": evidence_request.pk, "evidence_id": evidence_id},
    )
    return evidence_request


def send_evidence_reminders() -> int:
    """Remind applicants once when a due date is a week away or less; returns reminders queued."""
    soon = clock.today() + dt.timedelta(days=REMINDER_DAYS_BEFORE_DUE)
    due = EvidenceRequest.objects.filter(
        status=EvidenceRequestStatus.OPEN,
        due_on__lte=soon,
        due_on__gte=clock.today(),
        reminders_sent=0,
    ).select_related("request", "request__filed_by")
    count = 0
    for evidence_request in due:
        with transaction.atomic():
            locked = EvidenceRequest.objects.select_for_update().get(pk=evidence_request.pk)
            if locked.reminders_sent or locked.status != EvidenceRequestStatus.OPEN:
                continue
            request = evidence_request.request
            language = applicant_language(request)
            subject = evidence_reminder_subject(
                language, request.reference, format_date_local(locked.due_on, language)
            )
            queue_notification(
                key=f"evidence_request:{locked.pk}:reminder:1",
                channel=Channel.PORTAL,
                subject=subject,
                body=subject,
                recipient_id=request.filed_by_id,
                language=language,
            )
            if request.filed_by.email:
                queue_notification(
                    key=f"evidence_request:{locked.pk}:reminder:1:email",
                    channel=Channel.EMAIL,
                    subject=subject,
                    body=subject,
                    address=request.filed_by.email,
                    language=language,
                    send_until=locked.due_on,
                )
            locked.reminders_sent += 1
            locked.save(update_fields=["reminders_sent"])
            audit_subject(
                request,
                actor=None,
                action=AuditAction.EVIDENCE_REMINDER_SENT,
                details={"evidence_request_id": locked.pk},
            )
            count += 1
    return count


def expire_evidence_requests() -> int:
    """Past the due date with no answer: the case returns to its officer's queue to be decided
    on the record. Returns how many expired."""
    expired = (
        EvidenceRequest.objects.filter(status=EvidenceRequestStatus.OPEN, due_on__lt=clock.today())
        .values_list("pk", "request_id")
        .order_by("pk")
    )
    count = 0
    for evidence_request_id, request_id in expired:
        with transaction.atomic():
            request = lock_request(request_id)
            locked = EvidenceRequest.objects.select_for_update().get(pk=evidence_request_id)
            if locked.status != EvidenceRequestStatus.OPEN:
                continue
            workflow.move_evidence_request(
                locked, EvidenceRequestStatus.EXPIRED, role=workflow.SYSTEM
            )
            locked.save(update_fields=["status"])
            transition_request(
                request_id=request.pk,
                to_status=RequestStatus.IN_REVIEW,
                actor=None,
                reason=NO_ANSWER_NOTE,
            )
            triage.resume_sla(request_id=request.pk, note=NO_ANSWER_NOTE)
            audit_subject(
                request,
                actor=None,
                action=AuditAction.EVIDENCE_EXPIRED,
                details={"evidence_request_id": locked.pk, "due_on": locked.due_on.isoformat()},
            )
            count += 1
    return count
