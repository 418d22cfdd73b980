"""Every opening of a case file is recorded in the request's audit stream."""

from __future__ import annotations

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.intake.models import ParoleRequest


def record_case_file_viewed(*, viewer: User, request: ParoleRequest, where: str) -> None:
    """Audit that `viewer` read `request` (its document, evidence or timeline) through `where`."""
    with transaction.atomic():
        audit_subject(
            request, actor=viewer, action=AuditAction.REQUEST_VIEWED, details={"where": where}
        )
