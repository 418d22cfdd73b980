"""Idempotency keys: one row per key, the first answer replayed, a new body refused."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from typing import Any

import pytest
from django.db import connection

from lifeline.core import crypto
from lifeline.core.errors import IdempotencyKeyReused, ValidationFailed
from lifeline.core.idempotency import fingerprint, run_idempotent
from lifeline.core.models import IdempotencyRecord
from lifeline.intake.tests.factories import make_user
from lifeline.people.models import FamilyGroup

pytestmark = pytest.mark.django_db


def _create_group(label: str) -> Any:
    def create() -> tuple[int, dict[str, Any]]:
        group = FamilyGroup.objects.create(label=label)
        return 201, {"id": group.pk, "label": label}

    return create


def test_the_same_key_and_body_replay_the_first_answer_without_a_second_row() -> None:
    user = make_user()
    first = run_idempotent(
        user=user,
        key="k1",
        operation="groups.create",
        payload={"label": "A"},
        create=_create_group("A"),
    )
    again = run_idempotent(
        user=user,
        key="k1",
        operation="groups.create",
        payload={"label": "A"},
        create=_create_group("A"),
    )
    assert first[:2] == again[:2] and (first[2], again[2]) == (False, True)
    assert FamilyGroup.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1


def test_the_same_key_with_a_different_body_is_a_conflict_and_writes_nothing() -> None:
    user = make_user()
    run_idempotent(
        user=user,
        key="k1",
        operation="groups.create",
        payload={"label": "A"},
        create=_create_group("A"),
    )
    with pytest.raises(IdempotencyKeyReused, match="different request"):
        run_idempotent(
            user=user,
            key="k1",
            operation="groups.create",
            payload={"label": "B"},
            create=_create_group("B"),
        )
    assert list(FamilyGroup.objects.values_list("label", flat=True)) == ["A"]


@pytest.mark.parametrize(
    ("other_user", "operation"), [(True, "groups.create"), (False, "groups.rename")]
)
def test_a_key_is_scoped_to_its_user_and_operation(other_user: bool, operation: str) -> None:
    user = make_user()
    run_idempotent(
        user=user,
        key="k1",
        operation="groups.create",
        payload={"label": "A"},
        create=_create_group("A"),
    )
    run_idempotent(
        user=make_user() if other_user else user,
        key="k1",
        operation=operation,
        payload={"label": "B"},
        create=_create_group("B"),
    )
    assert FamilyGroup.objects.count() == 2


def test_a_failed_create_leaves_no_row_and_no_record_so_the_key_can_be_used_again() -> None:
    user = make_user()

    def failing() -> tuple[int, dict[str, Any]]:
        FamilyGroup.objects.create(label="half")
        raise ValidationFailed("refused after a write")

    with pytest.raises(ValidationFailed):
        run_idempotent(
            user=user, key="k1", operation="groups.create", payload={"label": "A"}, create=failing
        )
    assert not FamilyGroup.objects.exists() and not IdempotencyRecord.objects.exists()
    status, _, is_replayed = run_idempotent(
        user=user,
        key="k1",
        operation="groups.create",
        payload={"label": "A"},
        create=_create_group("A"),
    )
    assert (status, is_replayed) == (201, False)


def test_the_fingerprint_ignores_key_order_and_spacing_but_not_values() -> None:
    assert fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})


def test_the_fingerprint_of_a_body_with_an_ssn_cannot_be_matched_without_the_key(
    settings: Any,
) -> None:
    """Everything but the SSN known, a plain SHA-256 would give the number away to guessing."""
    body = {"given_name": "Olena", "ssn": "123-45-6789"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    stored = fingerprint(body)
    assert stored != hashlib.sha256(canonical).hexdigest()
    assert len(stored) == 64
    keys = settings.FIELD_ENCRYPTION_KEYS
    settings.FIELD_ENCRYPTION_KEYS = [base64.b64encode(bytes(32)).decode(), *keys]
    crypto._keys.cache_clear()
    try:
        assert fingerprint(body) != stored  # another key, another digest
    finally:
        settings.FIELD_ENCRYPTION_KEYS = keys
        crypto._keys.cache_clear()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_creates_with_one_key_make_one_row_and_give_one_answer() -> None:
    user = make_user()
    both_inside = threading.Barrier(2, timeout=10)
    answers: list[tuple[int, Any, bool]] = []

    def create() -> tuple[int, dict[str, Any]]:
        group = FamilyGroup.objects.create(label="A")
        both_inside.wait()  # both calls have passed the lookup before either commits
        return 201, {"id": group.pk}

    def call() -> None:
        try:
            answers.append(
                run_idempotent(
                    user=user,
                    key="k1",
                    operation="groups.create",
                    payload={"label": "A"},
                    create=create,
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 2
    assert answers[0][:2] == answers[1][:2]
    assert sorted(is_replayed for _, _, is_replayed in answers) == [False, True]
    assert FamilyGroup.objects.count() == 1 and IdempotencyRecord.objects.count() == 1
