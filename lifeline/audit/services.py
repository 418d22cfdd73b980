"""Writes to the audit trail: append sealed events to their streams inside the caller's work."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Model

from lifeline.audit.actions import AuditAction
from lifeline.audit.chain import (
    HASHED_FIELDS,
    canonical_details,
    normalise_person_ids,
    seal_event_fields,
)
from lifeline.audit.keys import chain_keys
from lifeline.audit.models import AuditEvent, AuditEventPerson, AuditStreamHead
from lifeline.audit.subjects import AuditSubject
from lifeline.core import clock
from lifeline.core.errors import DomainError, ValidationFailed

SYSTEM_ROLE = "system"
_BATCH = 500
_EVENT_COLUMNS = (*HASHED_FIELDS, "key_id", "hash")
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
    action: AuditAction
    stream: str
    subject_type: str
    subject_id: str | int
    details: Mapping[str, Any] | None = None
    case_reference: str = ""
    person_ids: Sequence[int] = ()
    on_behalf_of: AbstractBaseUser | None = None


def _check_action(action: object) -> str:
    """Only an `AuditAction` member is recorded: a free string could be misspelt for good."""
    if not isinstance(action, AuditAction):
        raise AuditFieldInvalid(
            f"Audit action {action!r} is not an AuditAction member; add one to "
            "lifeline/audit/actions.py (never rename a stored one).",
            details={"field": "action"},
        )
    return action.value


def _sealable_fields(draft: AuditEventDraft) -> dict[str, Any]:
    """Check a draft's fields and turn them into the columns that are hashed."""
    subject_id = str(draft.subject_id)
    action = _check_action(draft.action)
    for name, value in (
        ("stream", draft.stream),
        ("action", action),
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
        "action": action,
        "subject_type": draft.subject_type,
        "subject_id": subject_id,
        "case_reference": draft.case_reference,
        "person_ids": normalise_person_ids(draft.person_ids),
        "details_json": canonical_details(draft.details),
    }


@functools.lru_cache(maxsize=64)
def _quoted(vendor: str, model: type[Model], *attnames: str) -> tuple[str, ...]:
    """The model's table, its primary key column, then the columns of `attnames`, quoted.

    Only these identifiers are ever interpolated into the audit statements; values are
    parameters. Cached per database vendor (quoting differs): this is every write's audit path.
    """
    meta = model._meta
    columns = {field.attname: field.column for field in meta.concrete_fields}
    names = [meta.db_table, columns[meta.pk.attname], *(columns[name] for name in attnames)]
    return tuple(connection.ops.quote_name(str(name)) for name in names)


def _select_heads(cursor: CursorWrapper, streams: Sequence[str]) -> dict[str, list[Any]]:
    """Lock the existing heads of `streams` in stream order: {stream: [sequence, hash]}."""
    db = cursor.db
    table, stream, sequence, last_hash = _quoted(
        db.vendor, AuditStreamHead, "last_sequence", "last_hash"
    )
    lock = " FOR UPDATE" if db.features.has_select_for_update else ""
    heads: dict[str, list[Any]] = {}
    for start in range(0, len(streams), _BATCH):
        chunk = streams[start : start + _BATCH]
        marks = ", ".join(["%s"] * len(chunk))
        cursor.execute(
            f"SELECT {stream}, {sequence}, {last_hash} FROM {table} "  # noqa: S608
            f"WHERE {stream} IN ({marks}) ORDER BY {stream}{lock}",
            chunk,
        )
        heads.update((row[0], [row[1], row[2]]) for row in cursor.fetchall())
    return heads


def _lock_heads(cursor: CursorWrapper, streams: Sequence[str]) -> dict[str, list[Any]]:
    """Lock these streams' heads in stream order, creating the missing ones at genesis."""
    heads = _select_heads(cursor, streams)
    missing = [stream for stream in streams if stream not in heads]
    if missing:
        AuditStreamHead.objects.bulk_create(
            [AuditStreamHead(stream=stream) for stream in missing],
            ignore_conflicts=True,
            batch_size=_BATCH,
        )
        heads.update(_select_heads(cursor, missing))
    return heads


def _move_heads(cursor: CursorWrapper, heads: dict[str, list[Any]]) -> None:
    """One parameterised UPDATE per head (bulk_update's CASE grows quadratically)."""
    table, stream, sequence, last_hash = _quoted(
        cursor.db.vendor, AuditStreamHead, "last_sequence", "last_hash"
    )
    sql = f"UPDATE {table} SET {sequence} = %s, {last_hash} = %s WHERE {stream} = %s"  # noqa: S608
    rows = [(sequence_hash[0], sequence_hash[1], name) for name, sequence_hash in heads.items()]
    if len(rows) == 1:
        cursor.execute(sql, rows[0])
    else:
        cursor.executemany(sql, rows)


def _insert(
    cursor: CursorWrapper,
    model: type[Model],
    attnames: tuple[str, ...],
    rows: Sequence[Sequence[object]],
) -> list[int]:
    """Multi-row INSERTs of `rows` (values in `attnames` order); the new ids, in row order.

    The statement bulk_create would send, without its per-call planning (this is the audit
    path of every write).
    """
    db = cursor.db
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [by_attname[attname] for attname in attnames]
    table, pk, *columns = _quoted(db.vendor, model, *attnames)
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids: list[int] = []
    for start in range(0, len(rows), _BATCH):
        chunk = rows[start : start + _BATCH]
        params = [
            field.get_db_prep_save(value, db)
            for row in chunk
            for field, value in zip(fields, row, strict=True)
        ]
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES {', '.join([row_marks] * len(chunk))} RETURNING {pk}",
            params,
        )
        ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _save_events(cursor: CursorWrapper, events: list[AuditEvent]) -> None:
    """Insert sealed events, then their person index rows; the events get their ids."""
    ids = _insert(
        cursor,
        AuditEvent,
        _EVENT_COLUMNS,
        [[getattr(event, attname) for attname in _EVENT_COLUMNS] for event in events],
    )
    for event, event_id in zip(events, ids, strict=True):
        event.pk = event_id
        event._state.adding, event._state.db = False, cursor.db.alias
    links = [(event.pk, person_id) for event in events for person_id in event.person_ids]
    if links:
        _insert(cursor, AuditEventPerson, ("event_id", "person_id"), links)


def record_audit_events(events: Sequence[AuditEventDraft]) -> list[AuditEvent]:
    """Append many events, to one or many streams, in order; call it inside the caller's work.

    Each stream's head is locked once (in stream order, so two importers cannot deadlock),
    the chain is sealed in memory and the rows are inserted in bulk: one event on an existing
    stream costs four statements (lock the head, insert the event, its people, move the head).
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            "Audit events must be recorded inside the caller's transaction.atomic() block, "
            "so they commit or roll back with the change they record."
        )
    drafts = [_sealable_fields(draft) for draft in events]
    if not drafts:
        return []
    ring = chain_keys()
    key_id, key = ring.current_id, ring.keys[ring.current_id]
    with connection.cursor() as cursor:
        heads = _lock_heads(cursor, sorted({fields["stream"] for fields in drafts}))
        sealed: list[AuditEvent] = []
        for fields in drafts:
            head = heads[fields["stream"]]
            fields["sequence"] = head[0] + 1
            fields["previous_hash"] = head[1]
            seal = seal_event_fields(fields, key_id=key_id, key=key)
            event = AuditEvent(**fields, key_id=key_id, hash=seal)
            head[0], head[1] = event.sequence, event.hash
            sealed.append(event)
        _save_events(cursor, sealed)
        _move_heads(cursor, heads)
    return sealed


def record_audit_event(
    *,
    actor: AbstractBaseUser | None,
    action: AuditAction,
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
            action=AuditAction.AUDIT_VIEWED,
            stream=f"user:{auditor.pk}",
            subject_type="audit_trail" if event_id is None else "audit_event",
            subject_id="search" if event_id is None else event_id,
            details=details,
        )


def audit_draft(
    subject: AuditSubject,
    *,
    actor: AbstractBaseUser | None,
    action: AuditAction,
    details: Mapping[str, Any] | None = None,
    person_ids: Sequence[int] = (),
    on_behalf_of: AbstractBaseUser | None = None,
) -> AuditEventDraft:
    """The event `action` on `subject` (its stream, subject, reference and people; `person_ids`
    adds people it does not name itself)."""
    target = subject.audit_target()
    return AuditEventDraft(
        actor=actor,
        action=action,
        stream=target.stream,
        subject_type=target.subject_type,
        subject_id=target.subject_id,
        details={**target.context, **(details or {})},
        case_reference=target.case_reference,
        person_ids=[*target.person_ids, *person_ids],
        on_behalf_of=on_behalf_of,
    )


def audit_subject(
    subject: AuditSubject,
    *,
    actor: AbstractBaseUser | None,
    action: AuditAction,
    details: Mapping[str, Any] | None = None,
    person_ids: Sequence[int] = (),
    on_behalf_of: AbstractBaseUser | None = None,
) -> AuditEvent:
    """Append the event `action` on `subject`; call it inside the transaction of the write."""
    (event,) = record_audit_events(
        [
            audit_draft(
                subject,
                actor=actor,
                action=action,
                details=details,
                person_ids=person_ids,
                on_behalf_of=on_behalf_of,
            )
        ]
    )
    return event
