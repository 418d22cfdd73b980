"""The rows a submission writes, built in memory: status history, pre-screen and audit drafts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import AuditEventDraft, audit_draft
from lifeline.core import clock
from lifeline.intake import workflow
from lifeline.intake.enums import RequestStatus
from lifeline.intake.events import RequestSubmitted
from lifeline.intake.models import ParoleRequest, PrescreenRecord, RequestStatusChange
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import prescreen

SUBMITTED_FIELDS = [
    "filed_on",
    "submitted_at",
    "document",
    "status",
    "version",
    "program_version",
    "prescreen_outcome",
]


@dataclass(frozen=True)
class RequestEvent:
    """An audit event about a request, drafted before the request may have its id."""

    actor: User | None
    action: AuditAction
    details: dict[str, Any]
    on_behalf_of: User | None = None

    def draft_for(self, request: ParoleRequest) -> AuditEventDraft:
        return audit_draft(
            request,
            actor=self.actor,
            action=self.action,
            details=self.details,
            on_behalf_of=self.on_behalf_of,
        )


@dataclass
class Submission:
    """What submitting one request writes besides the request row itself."""

    status_changes: list[RequestStatusChange] = field(default_factory=list)
    prescreen: PrescreenRecord | None = None
    events: list[RequestEvent] = field(default_factory=list)


def check_move(request: ParoleRequest, to_status: str, role: str) -> None:
    """Refuse a move the workflow table does not allow for this role."""
    workflow.check(request.status, to_status, role)


def _move(
    request: ParoleRequest,
    submission: Submission,
    *,
    to_status: str,
    actor: User | None,
    on_behalf_of: User | None = None,
) -> None:
    role = workflow.SYSTEM if actor is None else actor.role
    check_move(request, to_status, role)
    from_status, request.status = request.status, to_status
    request.version += 1
    submission.status_changes.append(
        RequestStatusChange(
            request=request,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_role=role,
            reason="",
            occurred_at=clock.now(),
        )
    )
    details = {"from": from_status, "to": to_status, "reason": ""}
    submission.events.append(
        RequestEvent(actor, AuditAction.for_request_status(to_status), details, on_behalf_of)
    )


def build_prescreen(request: ParoleRequest, document: RequestDocument) -> PrescreenRecord:
    """Pre-screen the document and stamp the outcome on the request (in memory)."""
    result = prescreen(document, evaluated_at=clock.now())
    request.program_version = result.program_version
    request.prescreen_outcome = result.outcome
    request.version += 1
    return PrescreenRecord(
        request=request,
        outcome=result.outcome,
        program=result.program,
        program_version=result.program_version,
        evaluated_at=result.evaluated_at,
        route_to=result.route_to or "",
        parole_max_days=result.parole_max_days,
        fees=[fee.model_dump(mode="json") for fee in result.fees],
        rules=[rule.model_dump(mode="json") for rule in result.rules],
        parole=result.parole.model_dump(mode="json") if result.parole else None,
        people=[person.model_dump(mode="json") for person in result.people],
    )


def prescreen_event(record: PrescreenRecord) -> RequestEvent:
    details = {"outcome": record.outcome, "program_version": record.program_version}
    return RequestEvent(None, AuditAction.REQUEST_PRESCREEN_RECORDED, details)


def submitted_event(request: ParoleRequest) -> RequestSubmitted:
    """What a submission (one, or each of an import's) announces once its rows are written."""
    return RequestSubmitted(
        request_id=request.pk,
        reference=request.reference,
        status=request.status,
        prescreen_outcome=request.prescreen_outcome,
    )


def build_submission(
    request: ParoleRequest,
    document: RequestDocument,
    *,
    actor: User,
    on_behalf_of: User | None,
) -> Submission:
    """Move a draft (with its filing date set) to submitted and pre-screened, in memory."""
    submission = Submission()
    _move(
        request,
        submission,
        to_status=RequestStatus.SUBMITTED,
        actor=actor,
        on_behalf_of=on_behalf_of,
    )
    submission.prescreen = build_prescreen(request, document)
    submission.events.append(prescreen_event(submission.prescreen))
    _move(request, submission, to_status=RequestStatus.PRESCREENED, actor=None)
    return submission
