"""Reads of the audit trail for auditors: search by case, person, actor, action and dates."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from lifeline.audit.models import AuditEvent
from lifeline.core.errors import NotFound


def list_audit_events(
    *,
    case_reference: str = "",
    person_id: int | None = None,
    actor_username: str = "",
    action: str = "",
    occurred_from: dt.date | None = None,
    occurred_until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events matching every filter given, newest first; dates are UTC days, both inclusive."""
    events = AuditEvent.objects.select_related("actor", "on_behalf_of")
    if case_reference:
        events = events.filter(case_reference=case_reference)
    if person_id is not None:
        events = events.filter(person_links__person_id=person_id)
    if actor_username:
        events = events.filter(actor__username=actor_username)
    if action:
        events = events.filter(action=action)
    if occurred_from:
        events = events.filter(occurred_at__gte=_utc_midnight(occurred_from))
    if occurred_until:
        events = events.filter(occurred_at__lt=_utc_midnight(occurred_until + dt.timedelta(days=1)))
    return events.order_by("-occurred_at", "-id")


def _utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def get_audit_event(*, event_id: int) -> AuditEvent:
    try:
        return AuditEvent.objects.select_related("actor", "on_behalf_of").get(pk=event_id)
    except AuditEvent.DoesNotExist as missing:
        raise NotFound(f"There is no audit event {event_id}.") from missing
