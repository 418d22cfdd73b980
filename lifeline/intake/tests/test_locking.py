"""Locking a request: one function for every app, whole or only a move's fields."""

from __future__ import annotations

import pytest
from django.db import transaction

from lifeline.accounts.enums import UserRole
from lifeline.core.errors import NotFound, StaleVersion
from lifeline.intake.locking import lock_request
from lifeline.intake.services import MOVE_FIELDS, create_request
from lifeline.intake.tests.factories import make_user, request_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fields", [None, MOVE_FIELDS], ids=["whole", "move fields"])
def test_a_locked_request_comes_back_at_its_current_version(fields: tuple | None) -> None:
    draft = create_request(actor=make_user(UserRole.BENEFICIARY), document=request_document())
    with transaction.atomic():
        locked = lock_request(draft.pk, expected_version=draft.version, fields=fields)
    assert (locked.pk, locked.reference, locked.version) == (
        draft.pk,
        draft.reference,
        draft.version,
    )
    assert locked.status == draft.status


def test_only_the_named_fields_are_read_and_the_rest_load_on_use() -> None:
    draft = create_request(actor=make_user(UserRole.BENEFICIARY), document=request_document())
    with transaction.atomic():
        locked = lock_request(draft.pk, fields=MOVE_FIELDS)
    assert "document" in locked.get_deferred_fields()
    assert locked.document == draft.document


@pytest.mark.parametrize("fields", [None, MOVE_FIELDS], ids=["whole", "move fields"])
def test_a_stale_version_is_refused_naming_both_versions(fields: tuple | None) -> None:
    draft = create_request(actor=make_user(UserRole.BENEFICIARY), document=request_document())
    stale = pytest.raises(StaleVersion, match="changed by someone else")
    with stale as refused, transaction.atomic():
        lock_request(draft.pk, expected_version=draft.version + 1, fields=fields)
    assert refused.value.details == {
        "expected_version": draft.version + 1,
        "current_version": draft.version,
    }


@pytest.mark.parametrize("fields", [None, MOVE_FIELDS], ids=["whole", "move fields"])
def test_a_missing_request_is_not_found(fields: tuple | None) -> None:
    with pytest.raises(NotFound, match="No request with id 987654"), transaction.atomic():
        lock_request(987654, fields=fields)
