"""Canonical JSON and hashing of audit events."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

import pytest

from lifeline.audit.chain import (
    GENESIS_HASH,
    AuditDetailsInvalid,
    canonical_details,
    hash_event_fields,
    normalise_person_ids,
)


def _fields(**changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "stream": "request:1",
        "sequence": 1,
        "occurred_at": dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC),
        "actor_id": 5,
        "actor_role": "officer",
        "on_behalf_of_id": None,
        "action": "request.viewed",
        "subject_type": "request",
        "subject_id": "1",
        "case_reference": "IOE0000000001",
        "person_ids": [3],
        "details_json": "{}",
        "previous_hash": GENESIS_HASH,
    }
    return fields | changes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"b": 1, "a": [True, None]}, '{"a":[true,null],"b":1}'),
        ({"on": dt.date(2026, 2, 1)}, '{"on":"2026-02-01"}'),
        (
            {"at": dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))},
            '{"at":"2026-02-01T14:30:00.000000+00:00"}',
        ),
        ({"fee": decimal.Decimal("580.00")}, '{"fee":"580.00"}'),
        ({"id": uuid.UUID(int=1)}, '{"id":"00000000-0000-0000-0000-000000000001"}'),
        ({"tags": {"b", "a"}}, '{"tags":["a","b"]}'),
        ({"name": "Олена"}, '{"name":"Олена"}'),
        (None, "{}"),
    ],
)
def test_canonical_details_gives_one_fixed_text_per_value(value: object, expected: str) -> None:
    assert canonical_details(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        {"at": dt.datetime(2026, 2, 1, 9, 30)},
        {"ratio": float("nan")},
        {"fee": decimal.Decimal("Infinity")},
        {"thing": object()},
        {1: "a", "b": 2},
        ["not", "a", "mapping"],
    ],
)
def test_canonical_details_refuses_values_without_one_json_form(value: object) -> None:
    with pytest.raises(AuditDetailsInvalid):
        canonical_details(value)  # type: ignore[arg-type]


def test_normalise_person_ids_sorts_and_deduplicates() -> None:
    assert normalise_person_ids([7, 3, 7]) == [3, 7]


@pytest.mark.parametrize("person_ids", [[0], [-1], ["7"], [True], "7", [1.5]])
def test_normalise_person_ids_refuses_anything_but_positive_integers(person_ids: object) -> None:
    with pytest.raises(AuditDetailsInvalid):
        normalise_person_ids(person_ids)  # type: ignore[arg-type]


def test_hash_is_stable_across_time_zones_of_the_same_instant() -> None:
    kyiv = dt.timezone(dt.timedelta(hours=2))
    same_instant = dt.datetime(2026, 3, 1, 14, 0, tzinfo=kyiv)
    assert hash_event_fields(_fields()) == hash_event_fields(_fields(occurred_at=same_instant))


@pytest.mark.parametrize(
    "change",
    [
        {"sequence": 2},
        {"actor_id": 6},
        {"action": "request.submitted"},
        {"person_ids": [3, 4]},
        {"details_json": '{"a":1}'},
        {"previous_hash": "1" * 64},
        {"occurred_at": dt.datetime(2026, 3, 1, 12, 0, 0, 1, tzinfo=dt.UTC)},
    ],
)
def test_hash_changes_when_any_hashed_field_changes(change: dict[str, object]) -> None:
    assert hash_event_fields(_fields()) != hash_event_fields(_fields(**change))
