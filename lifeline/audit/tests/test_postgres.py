"""On PostgreSQL: the audit tables refuse UPDATE and DELETE, and streams append concurrently."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, OperationalError, connection, transaction

from lifeline.audit.actions import AuditAction
from lifeline.audit.models import AuditEvent, AuditEventPerson, AuditStreamHead
from lifeline.audit.services import record_audit_event
from lifeline.audit.verification import verify_audit_trail

pytestmark = pytest.mark.postgres
THREAD_TIMEOUT_SECONDS = 30


def _record(stream: str = "request:1", **fields: Any) -> AuditEvent:
    with transaction.atomic():
        return record_audit_event(
            actor=None,
            action=AuditAction.REQUEST_VIEWED,
            stream=stream,
            subject_type="request",
            subject_id=stream.split(":")[1],
            **fields,
        )


def _update_event(event: AuditEvent) -> None:
    event.action = "request.approved"
    event.save()


def _move_head_back(event: AuditEvent) -> None:
    AuditStreamHead.objects.filter(stream=event.stream).update(last_sequence=0)


ATTEMPTS: dict[str, Callable[[AuditEvent], object]] = {
    "save an edited event": _update_event,
    "update events in bulk": lambda event: AuditEvent.objects.update(action="x.y"),
    "delete an event": lambda event: event.delete(),
    "delete events in bulk": lambda event: AuditEvent.objects.filter(
        person_links__isnull=True
    ).delete(),
    "delete a person link": lambda event: AuditEventPerson.objects.all().delete(),
    "delete a stream head": lambda event: AuditStreamHead.objects.all().delete(),
    "move a stream head back": _move_head_back,
}


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_the_database_refuses_to_change_recorded_audit_history(attempt: str) -> None:
    _record(person_ids=[7])
    event = _record()
    with pytest.raises(DatabaseError, match="pgtrigger: Cannot"), transaction.atomic():
        ATTEMPTS[attempt](event)
    assert verify_audit_trail().is_intact


def _in_thread(work: Callable[[], None], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed to the test thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_writers_to_different_streams_do_not_wait_for_each_other() -> None:
    holding, other_committed = threading.Event(), threading.Event()
    outcome: dict[str, bool] = {}
    errors: list[BaseException] = []

    def hold_stream_one_open() -> None:
        with transaction.atomic():
            _record("request:1")
            holding.set()
            outcome["other committed while held"] = other_committed.wait(THREAD_TIMEOUT_SECONDS)

    def append_to_stream_two() -> None:
        assert holding.wait(THREAD_TIMEOUT_SECONDS)
        _record("request:2")
        other_committed.set()

    threads = [_in_thread(hold_stream_one_open, errors), _in_thread(append_to_stream_two, errors)]
    for thread in threads:
        thread.join(THREAD_TIMEOUT_SECONDS * 2)
    assert errors == []
    assert outcome == {"other committed while held": True}
    assert verify_audit_trail().is_intact


@pytest.mark.django_db(transaction=True)
def test_a_second_writer_to_the_same_stream_waits_for_the_first() -> None:
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    refused: list[BaseException] = []

    def hold_stream_open() -> None:
        with transaction.atomic():
            _record("request:1")
            holding.set()
            release.wait(THREAD_TIMEOUT_SECONDS)

    def append_with_short_patience() -> None:
        assert holding.wait(THREAD_TIMEOUT_SECONDS)
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '200ms'")
                _record("request:1")
        except OperationalError as waited_too_long:
            refused.append(waited_too_long)
        finally:
            release.set()

    threads = [_in_thread(hold_stream_open, errors), _in_thread(append_with_short_patience, errors)]
    for thread in threads:
        thread.join(THREAD_TIMEOUT_SECONDS * 2)
    assert errors == []
    assert len(refused) == 1
    assert "lock timeout" in str(refused[0])


@pytest.mark.django_db(transaction=True)
def test_eight_threads_appending_to_one_stream_leave_a_perfect_chain() -> None:
    threads_count, events_per_thread = 8, 20
    start = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def append_many() -> None:
        start.wait(THREAD_TIMEOUT_SECONDS)
        for _ in range(events_per_thread):
            _record("program:u4u")

    threads = [_in_thread(append_many, errors) for _ in range(threads_count)]
    for thread in threads:
        thread.join(THREAD_TIMEOUT_SECONDS * 2)
    assert errors == []
    total = threads_count * events_per_thread
    sequences = list(
        AuditEvent.objects.filter(stream="program:u4u")
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, total + 1))
    assert AuditStreamHead.objects.get(stream="program:u4u").last_sequence == total
    report = verify_audit_trail()
    assert (report.is_intact, report.event_count) == (True, total)
