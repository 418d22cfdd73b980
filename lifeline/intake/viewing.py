"""Every opening of a case file is recorded in the request's audit stream."""

from __future__ import annotations

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.services import record_audit_event
from lifeline.intake.models import ParoleRequest


def record_case_file_viewed(*, viewer: User, request: ParoleRequest, where: str) -> None:
    """Audit that `viewer` read `request` (its document, evidence or timeline) through `where`."""
    with transaction.atomic():
        record_audit_event(
            actor=viewer,
            action="request.viewed",
            stream=f"request:{request.pk}",
            subject_type="request",
            subject_id=request.pk,
            case_reference=request.reference,
            person_ids=[pid for pid in (request.beneficiary_id, request.petitioner_id) if pid],
            details={"where": where},
        )
