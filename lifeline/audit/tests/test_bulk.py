"""Recording many audit events at once: same chain as one by one, heads, refused input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.models import AuditEvent, AuditEventPerson, AuditStreamHead
from lifeline.audit.services import (
    AuditEventDraft,
    AuditFieldInvalid,
    AuditOutsideTransaction,
    record_audit_event,
    record_audit_events,
)
from lifeline.audit.verification import verify_audit_trail

pytestmark = pytest.mark.django_db

_COMPARED = (
    "stream",
    "sequence",
    "actor_id",
    "actor_role",
    "on_behalf_of_id",
    "action",
    "subject_type",
    "subject_id",
    "case_reference",
    "person_ids",
    "details_json",
    "previous_hash",
    "hash",
)


def _drafts(actor: Any, client: Any) -> list[AuditEventDraft]:
    return [
        AuditEventDraft(
            actor=actor,
            action=AuditAction.REQUEST_CREATED,
            stream="request:7",
            subject_type="request",
            subject_id=7,
            case_reference="HP-0000000007",
            person_ids=[3, 1],
            details={"program": "u4u"},
            on_behalf_of=client,
        ),
        AuditEventDraft(
            actor=None,
            action=AuditAction.DECLARATION_CREATED,
            stream="declaration:2",
            subject_type="declaration",
            subject_id="2",
            person_ids=[5],
        ),
        AuditEventDraft(
            actor=actor,
            action=AuditAction.REQUEST_SUBMITTED,
            stream="request:7",
            subject_type="request",
            subject_id=7,
            person_ids=[1, 3],
            details={"from": "draft", "to": "submitted"},
        ),
        AuditEventDraft(
            actor=None,
            action=AuditAction.REQUEST_PRESCREENED,
            stream="request:7",
            subject_type="request",
            subject_id=7,
        ),
    ]


def _chain() -> list[tuple[Any, ...]]:
    return list(AuditEvent.objects.order_by("stream", "sequence").values_list(*_COMPARED))


class _Undo(Exception):
    """Raised to roll back a savepoint after reading what it wrote."""


def _sequential_chain(drafts: list[AuditEventDraft]) -> list[tuple[Any, ...]]:
    """The chain one-by-one calls write, read and then rolled back."""
    chain: list[tuple[Any, ...]] = []
    with pytest.raises(_Undo), transaction.atomic():
        for draft in drafts:
            record_audit_event(**vars(draft))
        chain = _chain()
        raise _Undo
    return chain


@time_machine.travel("2026-03-01 12:00:00+00:00", tick=False)
def test_bulk_events_chain_exactly_as_sequential_calls_would(
    make_user: Callable[..., Any],
) -> None:
    representative, client = make_user("representative"), make_user("beneficiary")
    with transaction.atomic():
        record_audit_event(**vars(_drafts(representative, client)[0]))  # an existing head
    drafts = _drafts(representative, client)
    sequential = _sequential_chain(drafts)
    with transaction.atomic():
        events = record_audit_events(drafts)
    assert _chain() == sequential
    assert [event.sequence for event in events] == [2, 1, 3, 4]
    assert all(event.pk is not None for event in events)
    assert verify_audit_trail().is_intact


def test_bulk_events_move_each_stream_head_to_its_last_event(
    make_user: Callable[..., Any],
) -> None:
    with transaction.atomic():
        events = record_audit_events(_drafts(make_user("representative"), None))
    heads = dict(AuditStreamHead.objects.values_list("stream", "last_sequence"))
    assert heads == {"request:7": 3, "declaration:2": 1}
    assert AuditStreamHead.objects.get(stream="request:7").last_hash == events[-1].hash


def test_bulk_events_index_every_person_they_concern(make_user: Callable[..., Any]) -> None:
    with transaction.atomic():
        events = record_audit_events(_drafts(make_user("representative"), None))
    links = set(AuditEventPerson.objects.values_list("event_id", "person_id"))
    assert links == {
        (events[0].pk, 1),
        (events[0].pk, 3),
        (events[1].pk, 5),
        (events[2].pk, 1),
        (events[2].pk, 3),
    }


def test_an_empty_batch_writes_nothing() -> None:
    with transaction.atomic():
        assert record_audit_events([]) == []
    assert not AuditStreamHead.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_bulk_events_outside_a_transaction_are_refused() -> None:
    with pytest.raises(AuditOutsideTransaction):
        record_audit_events(_drafts(None, None))


def test_one_malformed_event_refuses_the_whole_batch() -> None:
    bad = AuditEventDraft(
        actor=None,
        action="Not An Action",
        stream="request:7",
        subject_type="request",
        subject_id=7,
    )
    with pytest.raises(AuditFieldInvalid), transaction.atomic():
        record_audit_events([*_drafts(None, None), bad])
    assert not AuditEvent.objects.exists()
    assert not AuditStreamHead.objects.exists()


def test_many_streams_in_one_batch_verify_intact() -> None:
    drafts = [
        AuditEventDraft(
            actor=None,
            action=AuditAction.REQUEST_VIEWED,
            stream=f"request:{number % 700}",
            subject_type="request",
            subject_id=number % 700,
            person_ids=[number + 1],
        )
        for number in range(1500)
    ]
    with transaction.atomic():
        record_audit_events(drafts[:200])
    with transaction.atomic():
        record_audit_events(drafts[200:])
    report = verify_audit_trail()
    assert report.is_intact
    assert (report.stream_count, report.event_count) == (700, 1500)
