"""Audit streams for tests: events appended one transaction at a time, as writers append them."""

from __future__ import annotations

from django.db import transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.models import AuditEvent
from lifeline.audit.services import record_audit_event


def record_many(stream: str, how_many: int) -> list[AuditEvent]:
    """`how_many` events on `stream` ("request:7"), numbered in their details."""
    events = []
    for number in range(how_many):
        with transaction.atomic():
            events.append(
                record_audit_event(
                    actor=None,
                    action=AuditAction.REQUEST_VIEWED,
                    stream=stream,
                    subject_type="request",
                    subject_id=stream.split(":")[1],
                    details={"number": number},
                )
            )
    return events
