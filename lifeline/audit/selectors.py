"""Reads of the audit trail for auditors: search by case, person and actor; one event."""

from __future__ import annotations

from django.db.models import QuerySet

from lifeline.audit.models import AuditEvent
from lifeline.core.errors import NotFound


def list_audit_events(
    *, case_reference: str = "", person_id: int | None = None, actor_username: str = ""
) -> QuerySet[AuditEvent]:
    """Events matching every filter given, newest first."""
    events = AuditEvent.objects.select_related("actor", "on_behalf_of")
    if case_reference:
        events = events.filter(case_reference=case_reference)
    if person_id is not None:
        events = events.filter(person_links__person_id=person_id)
    if actor_username:
        events = events.filter(actor__username=actor_username)
    return events.order_by("-occurred_at", "-id")


def get_audit_event(*, event_id: int) -> AuditEvent:
    try:
        return AuditEvent.objects.select_related("actor", "on_behalf_of").get(pk=event_id)
    except AuditEvent.DoesNotExist as missing:
        raise NotFound(f"There is no audit event {event_id}.") from missing
