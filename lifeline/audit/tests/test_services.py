"""Recording audit events: chaining, streams, the caller's transaction, refused input."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.chain import GENESIS_HASH, AuditDetailsInvalid
from lifeline.audit.models import AuditEvent, AuditEventPerson, AuditStreamHead
from lifeline.audit.services import (
    AuditFieldInvalid,
    AuditOutsideTransaction,
    record_audit_event,
    record_audit_trail_viewed,
)
from lifeline.audit.verification import verify_audit_trail

pytestmark = pytest.mark.django_db


def _record(stream: str = "request:1", **fields: Any) -> AuditEvent:
    arguments: dict[str, Any] = {
        "actor": None,
        "action": AuditAction.REQUEST_VIEWED,
        "stream": stream,
        "subject_type": "request",
        "subject_id": 1,
    } | fields
    with transaction.atomic():
        return record_audit_event(**arguments)


def test_events_of_a_stream_chain_from_genesis_in_sequence() -> None:
    first, second, third = (_record() for _ in range(3))
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    head = AuditStreamHead.objects.get(stream="request:1")
    assert (head.last_sequence, head.last_hash) == (3, third.hash)


def test_each_stream_keeps_its_own_sequence_and_chain() -> None:
    _record("request:1")
    _record("request:1")
    other = _record("request:2")
    assert (other.sequence, other.previous_hash) == (1, GENESIS_HASH)
    assert verify_audit_trail().is_intact


def test_recorded_event_snapshots_actor_role_and_representative(
    make_user: Callable[..., Any],
) -> None:
    representative = make_user("representative")
    client = make_user("beneficiary")
    with time_machine.travel(dt.datetime(2026, 4, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        event = _record(
            actor=representative,
            on_behalf_of=client,
            action=AuditAction.REQUEST_SUBMITTED,
            case_reference="IOE0912345678",
            person_ids=[9, 4, 9],
            details={"fee": decimal.Decimal("0.00"), "filed_on": dt.date(2026, 4, 2)},
        )
    event.refresh_from_db()
    assert event.actor == representative
    assert event.actor_role == "representative"
    assert event.on_behalf_of == client
    assert event.occurred_at == dt.datetime(2026, 4, 2, 8, 0, tzinfo=dt.UTC)
    assert event.person_ids == [4, 9]
    assert event.details == {"fee": "0.00", "filed_on": "2026-04-02"}
    assert sorted(AuditEventPerson.objects.values_list("person_id", flat=True)) == [4, 9]
    assert verify_audit_trail().is_intact


def test_system_events_have_no_actor_and_the_system_role() -> None:
    event = _record()
    assert (event.actor_id, event.actor_role) == (None, "system")


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused() -> None:
    with pytest.raises(AuditOutsideTransaction, match=r"transaction\.atomic"):
        record_audit_event(
            actor=None,
            action=AuditAction.REQUEST_VIEWED,
            stream="request:1",
            subject_type="request",
            subject_id=1,
        )
    assert not AuditEvent.objects.exists()


def test_event_rolls_back_with_the_write_it_records() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        record_audit_event(
            actor=None,
            action=AuditAction.REQUEST_SUBMITTED,
            stream="request:1",
            subject_type="request",
            subject_id=1,
        )
        raise RuntimeError("the write failed")
    assert not AuditEvent.objects.exists()
    assert _record().sequence == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("stream", "request"),
        ("stream", "Request:1"),
        ("stream", "request:"),
        ("stream", "request:1 OR 1=1"),
        ("action", "submitted"),
        ("action", "Request.Submitted"),
        ("action", "request.submitted"),
        ("subject_type", ""),
        ("subject_id", ""),
        ("subject_id", "x" * 65),
        ("case_reference", "IOE 091"),
        ("case_reference", "IOE\x00"),
    ],
)
def test_malformed_fields_are_refused_and_nothing_is_saved(field: str, value: str) -> None:
    with pytest.raises(AuditFieldInvalid, match=field):
        _record(**{field: value})
    assert not AuditEvent.objects.exists()
    assert not AuditStreamHead.objects.exists()


def test_details_that_are_not_plain_json_are_refused() -> None:
    with pytest.raises(AuditDetailsInvalid):
        _record(details={"when": dt.datetime(2026, 1, 1)})
    assert not AuditEvent.objects.exists()


def test_an_auditors_look_is_audited_on_their_own_stream(make_user: Callable[..., Any]) -> None:
    auditor = make_user("auditor")
    search = record_audit_trail_viewed(auditor=auditor, details={"page": 1})
    reading = record_audit_trail_viewed(auditor=auditor, event_id=search.pk)
    assert (search.stream, search.action, search.subject_type) == (
        f"user:{auditor.pk}",
        "audit.viewed",
        "audit_trail",
    )
    assert (reading.subject_type, reading.subject_id, reading.sequence) == (
        "audit_event",
        str(search.pk),
        2,
    )
