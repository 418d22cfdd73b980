"""Audit events about a request: its own stream, its reference, and the people it names."""

from __future__ import annotations

from typing import Any

from lifeline.accounts.models import User
from lifeline.audit.services import AuditEventDraft, record_audit_events
from lifeline.intake.models import ParoleRequest


def request_event_draft(
    request: ParoleRequest,
    *,
    actor: User | None,
    action: str,
    details: dict[str, Any],
    on_behalf_of: User | None = None,
) -> AuditEventDraft:
    return AuditEventDraft(
        actor=actor,
        action=action,
        stream=f"request:{request.pk}",
        subject_type="request",
        subject_id=request.pk,
        case_reference=request.reference,
        person_ids=[pid for pid in (request.beneficiary_id, request.petitioner_id) if pid],
        details=details,
        on_behalf_of=on_behalf_of,
    )


def audit_request(
    request: ParoleRequest,
    *,
    actor: User | None,
    action: str,
    details: dict[str, Any],
    on_behalf_of: User | None = None,
) -> None:
    """Append one event to the request's stream, inside the caller's transaction."""
    record_audit_events(
        [
            request_event_draft(
                request, actor=actor, action=action, details=details, on_behalf_of=on_behalf_of
            )
        ]
    )
