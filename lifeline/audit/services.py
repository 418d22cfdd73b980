"""Writes to the audit trail: append one sealed event to its stream inside the caller's work."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction

from lifeline.audit.chain import canonical_details, hash_event_fields, normalise_person_ids
from lifeline.audit.models import AuditEvent, AuditEventPerson, AuditStreamHead
from lifeline.core import clock
from lifeline.core.errors import DomainError, ValidationFailed

SYSTEM_ROLE = "system"
_PATTERNS = {
    "stream": re.compile(r"[a-z][a-z_]*:[A-Za-z0-9_.\-]{1,80}"),
    "action": re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+"),
    "subject_type": re.compile(r"[a-z][a-z0-9_]{0,63}"),
    "subject_id": re.compile(r"[A-Za-z0-9_.:\-]{1,64}"),
    "case_reference": re.compile(r"[A-Za-z0-9_.:\-]{0,64}"),
}
_EXAMPLES = {
    "stream": "request:42",
    "action": "request.submitted",
    "subject_type": "request",
    "subject_id": "42",
    "case_reference": "IOE0912345678",
}


class AuditOutsideTransaction(DomainError):
    code = "audit_outside_transaction"
    http_status = 500


class AuditFieldInvalid(ValidationFailed):
    code = "audit_field_invalid"


def _check_format(name: str, value: str) -> None:
    if not _PATTERNS[name].fullmatch(value):
        raise AuditFieldInvalid(
            f"Audit {name} {value!r} is not well formed (for example {_EXAMPLES[name]!r}).",
            details={"field": name},
        )


def _lock_head(stream: str) -> AuditStreamHead:
    """Lock this stream's head row, creating it on first use; other streams are untouched."""
    head = AuditStreamHead.objects.select_for_update().filter(stream=stream).first()
    if head is None:
        AuditStreamHead.objects.bulk_create([AuditStreamHead(stream=stream)], ignore_conflicts=True)
        head = AuditStreamHead.objects.select_for_update().get(stream=stream)
    return head


def record_audit_event(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    stream: str,
    subject_type: str,
    subject_id: str | int,
    details: Mapping[str, Any] | None = None,
    case_reference: str = "",
    person_ids: Sequence[int] = (),
    on_behalf_of: AbstractBaseUser | None = None,
) -> AuditEvent:
    """Append an event to `stream`; call it inside the transaction of the write it records."""
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            "record_audit_event must run inside the caller's transaction.atomic() block, "
            "so the audit event commits or rolls back with the change it records."
        )
    subject_id = str(subject_id)
    for name, value in (
        ("stream", stream),
        ("action", action),
        ("subject_type", subject_type),
        ("subject_id", subject_id),
        ("case_reference", case_reference),
    ):
        _check_format(name, value)
    fields: dict[str, Any] = {
        "stream": stream,
        "occurred_at": clock.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_role": getattr(actor, "role", "") if actor is not None else SYSTEM_ROLE,
        "on_behalf_of_id": on_behalf_of.pk if on_behalf_of is not None else None,
        "action": action,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "case_reference": case_reference,
        "person_ids": normalise_person_ids(person_ids),
        "details_json": canonical_details(details),
    }
    head = _lock_head(stream)
    fields["sequence"] = head.last_sequence + 1
    fields["previous_hash"] = head.last_hash
    event = AuditEvent.objects.create(**fields, hash=hash_event_fields(fields))
    AuditEventPerson.objects.bulk_create(
        [AuditEventPerson(event=event, person_id=person_id) for person_id in event.person_ids]
    )
    head.last_sequence = event.sequence
    head.last_hash = event.hash
    head.save(update_fields=["last_sequence", "last_hash"])
    return event


def record_audit_trail_viewed(
    *,
    auditor: AbstractBaseUser,
    event_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Audit an auditor's search (no event id) or reading of one event, on their own stream."""
    with transaction.atomic():
        return record_audit_event(
            actor=auditor,
            action="audit.viewed",
            stream=f"user:{auditor.pk}",
            subject_type="audit_trail" if event_id is None else "audit_event",
            subject_id="search" if event_id is None else event_id,
            details=details,
        )
