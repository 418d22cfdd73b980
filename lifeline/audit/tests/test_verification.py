"""Verification names the first event that was modified, deleted, unlinked or forged."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lifeline.audit.chain import HASHED_FIELDS, seal_event_fields
from lifeline.audit.keys import chain_keys
from lifeline.audit.models import AuditEvent
from lifeline.audit.tests.builders import record_many
from lifeline.audit.verification import BreakKind, verify_audit_trail

pytestmark = pytest.mark.django_db
Tamper = Callable[..., None]


def test_an_untouched_trail_is_intact_with_counts() -> None:
    record_many("request:1", 3)
    record_many("person:7", 2)
    report = verify_audit_trail()
    assert report.is_intact
    assert report.first_break is None
    assert (report.stream_count, report.event_count) == (2, 5)


def test_an_empty_trail_is_intact() -> None:
    report = verify_audit_trail()
    assert (report.is_intact, report.stream_count, report.event_count) == (True, 0, 0)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("details_json", '{"number":99}'),
        ("action", "request.approved"),
        ("case_reference", "IOE0000000000"),
        ("actor_role", "supervisor"),
        ("occurred_at", "2020-01-01 00:00:00"),
    ],
)
def test_a_modified_event_is_named(tamper: Tamper, column: str, value: str) -> None:
    events = record_many("request:1", 4)
    sql = f"UPDATE audit_auditevent SET {column} = %s WHERE id = %s"  # noqa: S608 - column from the table above
    tamper(sql, (value, events[1].pk))
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert (first_break.kind, first_break.stream, first_break.sequence, first_break.event_id) == (
        BreakKind.MODIFIED,
        "request:1",
        2,
        events[1].pk,
    )


def _sealed_with_the_real_key(fields: dict) -> str:
    ring = chain_keys()
    return seal_event_fields(fields, key_id=ring.current_id, key=ring.keys[ring.current_id])


def _rewrite_consistently(tamper: Tamper, event: AuditEvent, action: str) -> None:
    """Change an event's action and re-seal it, as a forger holding the key would."""
    fields = {name: getattr(event, name) for name in HASHED_FIELDS} | {"action": action}
    tamper(
        "UPDATE audit_auditevent SET action = %s, hash = %s WHERE id = %s",
        (action, _sealed_with_the_real_key(fields), event.pk),
    )


def test_an_earlier_event_rewritten_with_a_fresh_hash_unlinks_the_next(tamper: Tamper) -> None:
    events = record_many("request:1", 3)
    _rewrite_consistently(tamper, events[0], "request.approved")
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert (first_break.kind, first_break.sequence, first_break.event_id) == (
        BreakKind.UNLINKED,
        2,
        events[1].pk,
    )


def test_a_deleted_middle_event_is_named_by_its_sequence(tamper: Tamper) -> None:
    events = record_many("request:1", 5)
    tamper("DELETE FROM audit_auditevent WHERE id = %s", (events[2].pk,))
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert (first_break.kind, first_break.sequence, first_break.event_id) == (
        BreakKind.DELETED,
        3,
        None,
    )
    assert f"before event {events[3].pk}" in first_break.describe()


def test_a_deleted_newest_event_is_caught_by_the_stream_head(tamper: Tamper) -> None:
    events = record_many("request:1", 3)
    tamper("DELETE FROM audit_auditevent WHERE id = %s", (events[2].pk,))
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert (first_break.kind, first_break.stream, first_break.sequence) == (
        BreakKind.DELETED,
        "request:1",
        3,
    )


def test_a_whole_stream_deleted_under_its_head_is_caught(tamper: Tamper) -> None:
    record_many("request:1", 2)
    tamper("DELETE FROM audit_auditevent WHERE stream = %s", ("request:1",))
    report = verify_audit_trail()
    assert report.first_break is not None
    assert (report.first_break.kind, report.first_break.sequence) == (BreakKind.DELETED, 1)
    assert report.stream_count == 1


def test_a_deleted_then_renumbered_event_breaks_the_link(tamper: Tamper) -> None:
    events = record_many("request:1", 3)
    tamper("DELETE FROM audit_auditevent WHERE id = %s", (events[1].pk,))
    tamper("UPDATE audit_auditevent SET sequence = 2 WHERE id = %s", (events[2].pk,))
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert (first_break.kind, first_break.event_id) == (BreakKind.MODIFIED, events[2].pk)


def test_the_newest_event_rewritten_with_a_fresh_hash_is_caught_by_the_head(
    tamper: Tamper,
) -> None:
    events = record_many("request:1", 2)
    _rewrite_consistently(tamper, events[1], "request.approved")
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert (first_break.kind, first_break.event_id) == (BreakKind.MODIFIED, events[1].pk)
    assert "stream head" in first_break.explanation


def test_a_deleted_head_is_reported_as_unrecorded_events(tamper: Tamper) -> None:
    record_many("request:1", 2)
    tamper("DELETE FROM audit_auditstreamhead WHERE stream = %s", ("request:1",))
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert first_break.kind == BreakKind.UNRECORDED


def test_one_break_is_reported_per_broken_stream_and_others_stay_clean(tamper: Tamper) -> None:
    broken_a = record_many("request:1", 2)
    record_many("request:2", 2)
    broken_b = record_many("request:3", 2)
    tamper("UPDATE audit_auditevent SET action = 'x.y' WHERE id = %s", (broken_a[0].pk,))
    tamper("UPDATE audit_auditevent SET action = 'x.y' WHERE id = %s", (broken_a[1].pk,))
    tamper("UPDATE audit_auditevent SET action = 'x.y' WHERE id = %s", (broken_b[1].pk,))
    report = verify_audit_trail()
    assert [(found.stream, found.event_id) for found in report.breaks] == [
        ("request:1", broken_a[0].pk),
        ("request:3", broken_b[1].pk),
    ]
    assert report.event_count == 6


def test_progress_is_reported_for_every_event() -> None:
    record_many("request:1", 3)
    record_many("request:2", 2)
    progressed: list[int] = []
    verify_audit_trail(on_progress=progressed.append, chunk_size=2)
    assert sum(progressed) == 5


def test_an_event_appended_around_the_service_is_reported_unrecorded() -> None:
    newest = record_many("request:1", 1)[0]
    fields = {name: getattr(newest, name) for name in HASHED_FIELDS}
    fields |= {"sequence": 2, "previous_hash": newest.hash}
    AuditEvent.objects.create(
        **fields, key_id=newest.key_id, hash=_sealed_with_the_real_key(fields)
    )
    first_break = verify_audit_trail().first_break
    assert first_break is not None
    assert (first_break.kind, first_break.sequence) == (BreakKind.UNRECORDED, 2)
