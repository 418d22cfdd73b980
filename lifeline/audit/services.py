"""Writes to the audit trail: append sealed events to their streams inside the caller's work."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction

from lifeline.audit.chain import canonical_details, hash_event_fields, normalise_person_ids
from lifeline.audit.models import AuditEvent, AuditEventPerson, AuditStreamHead
from lifeline.core import clock
from lifeline.core.errors import DomainError, ValidationFailed

SYSTEM_ROLE = "system"
_BATCH = 500
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


@dataclass(frozen=True)
class AuditEventDraft:
    """One event to append: the same fields `record_audit_event` takes."""

    actor: AbstractBaseUser | None
    action: str
    stream: str
    subject_type: str
    subject_id: str | int
    details: Mapping[str, Any] | None = None
    case_reference: str = ""
    person_ids: Sequence[int] = ()
    on_behalf_of: AbstractBaseUser | None = None


def _sealable_fields(draft: AuditEventDraft) -> dict[str, Any]:
    """Check a draft's fields and turn them into the columns that are hashed."""
    subject_id = str(draft.subject_id)
    for name, value in (
        ("stream", draft.stream),
        ("action", draft.action),
        ("subject_type", draft.subject_type),
        ("subject_id", subject_id),
        ("case_reference", draft.case_reference),
    ):
        _check_format(name, value)
    actor = draft.actor
    return {
        "stream": draft.stream,
        "occurred_at": clock.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_role": getattr(actor, "role", "") if actor is not None else SYSTEM_ROLE,
        "on_behalf_of_id": draft.on_behalf_of.pk if draft.on_behalf_of is not None else None,
        "action": draft.action,
        "subject_type": draft.subject_type,
        "subject_id": subject_id,
        "case_reference": draft.case_reference,
        "person_ids": normalise_person_ids(draft.person_ids),
        "details_json": canonical_details(draft.details),
    }


def _lock_heads(streams: Sequence[str]) -> dict[str, AuditStreamHead]:
    """Lock these streams' head rows in stream order, creating the missing ones at genesis."""
    heads: dict[str, AuditStreamHead] = {}
    for start in range(0, len(streams), _BATCH):
        chunk = streams[start : start + _BATCH]
        locked = AuditStreamHead.objects.select_for_update().filter(stream__in=chunk)
        heads.update((head.stream, head) for head in locked.order_by("stream"))
    missing = [stream for stream in streams if stream not in heads]
    if missing:
        AuditStreamHead.objects.bulk_create(
            [AuditStreamHead(stream=stream) for stream in missing],
            ignore_conflicts=True,
            batch_size=_BATCH,
        )
        for start in range(0, len(missing), _BATCH):
            chunk = missing[start : start + _BATCH]
            locked = AuditStreamHead.objects.select_for_update().filter(stream__in=chunk)
            heads.update((head.stream, head) for head in locked.order_by("stream"))
    return heads


def _move_heads(heads: list[AuditStreamHead]) -> None:
    """One parameterised UPDATE per head, sent together (bulk_update's CASE grows quadratically)."""
    table, quote = AuditStreamHead._meta.db_table, connection.ops.quote_name
    # Only the model's own identifiers are interpolated; every value is a parameter.
    sql = f"UPDATE {quote(table)} SET last_sequence = %s, last_hash = %s WHERE stream = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(h.last_sequence, h.last_hash, h.stream) for h in heads])


def record_audit_events(events: Sequence[AuditEventDraft]) -> list[AuditEvent]:
    """Append many events, to one or many streams, in order; call it inside the caller's work.

    Each stream's head is locked once (in stream order, so two importers cannot deadlock),
    the chain is sealed in memory and the rows are inserted in bulk.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            "Audit events must be recorded inside the caller's transaction.atomic() block, "
            "so they commit or roll back with the change they record."
        )
    drafts = [_sealable_fields(draft) for draft in events]
    if not drafts:
        return []
    heads = _lock_heads(sorted({fields["stream"] for fields in drafts}))
    sealed: list[AuditEvent] = []
    for fields in drafts:
        head = heads[fields["stream"]]
        fields["sequence"] = head.last_sequence + 1
        fields["previous_hash"] = head.last_hash
        event = AuditEvent(**fields, hash=hash_event_fields(fields))
        head.last_sequence, head.last_hash = event.sequence, event.hash
        sealed.append(event)
    AuditEvent.objects.bulk_create(sealed, batch_size=_BATCH)
    AuditEventPerson.objects.bulk_create(
        [
            AuditEventPerson(event=event, person_id=person_id)
            for event in sealed
            for person_id in event.person_ids
        ],
        batch_size=_BATCH,
    )
    _move_heads(list(heads.values()))
    return sealed


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
    (event,) = record_audit_events(
        [
            AuditEventDraft(
                actor=actor,
                action=action,
                stream=stream,
                subject_type=subject_type,
                subject_id=subject_id,
                details=details,
                case_reference=case_reference,
                person_ids=person_ids,
                on_behalf_of=on_behalf_of,
            )
        ]
    )
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
