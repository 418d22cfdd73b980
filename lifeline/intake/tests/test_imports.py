"""Bulk request import: the same rows and audit events as filing and submitting one by one."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.db import transaction

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.audit.models import AuditEvent
from lifeline.audit.verification import verify_audit_trail
from lifeline.core import clock
from lifeline.core.errors import PermissionDenied, ValidationFailed
from lifeline.intake.documents import plain_document
from lifeline.intake.enums import RequestStatus
from lifeline.intake.imports import RequestImport, import_requests
from lifeline.intake.models import ParoleRequest, PrescreenRecord, RequestStatusChange
from lifeline.intake.services import create_request, submit_request
from lifeline.intake.tests.factories import make_user, person_document, request_document
from lifeline.people.models import FamilyGroup, Passport, Person
from lifeline.triage.models import CaseTriage

pytestmark = pytest.mark.django_db

_REQUEST_FIELDS = (
    "program",
    "kind",
    "category",
    "status",
    "version",
    "filed_on",
    "submitted_at",
    "document",
    "language",
    "program_version",
    "prescreen_outcome",
    "fee_status",
    "filed_by_id",
    "representative_id",
    "family_group_id",
)
_PERSON_FIELDS = (
    "given_name",
    "family_name",
    "given_name_native",
    "birth_date",
    "citizenships",
    "residence_history",
    "immigration_history",
    "ssn",
    "ssn_hash",
    "a_number_hash",
    "family_group_id",
    "user_id",
)
_EVENT_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_role",
    "on_behalf_of_id",
    "action",
    "subject_type",
    "details_json",
)


class _Undo(Exception):
    """Raised to roll back a savepoint after reading what it wrote."""


def _person(person: Person | None) -> tuple[Any, ...] | None:
    if person is None:
        return None
    passport = Passport.objects.filter(person=person).values_list(
        "country", "number_hash", "expires_on"
    )
    return (*(getattr(person, name) for name in _PERSON_FIELDS), list(passport))


def _snapshot() -> list[dict[str, Any]]:
    """Everything a filed request wrote, without ids, references and hashes."""
    rows = []
    for request in ParoleRequest.objects.order_by("pk"):
        rows.append(
            {
                # the document's identifiers are sealed with a fresh nonce each time: compare opened
                "request": [
                    plain_document(request) if name == "document" else getattr(request, name)
                    for name in _REQUEST_FIELDS
                ],
                "people": [_person(request.beneficiary), _person(request.petitioner)],
                "declarations": request.declarations.count(),
                "history": list(
                    RequestStatusChange.objects.filter(request=request)
                    .order_by("pk")
                    .values_list(
                        "from_status", "to_status", "actor_id", "actor_role", "occurred_at"
                    )
                ),
                "prescreens": list(
                    PrescreenRecord.objects.filter(request=request).values_list(
                        "is_current",
                        "outcome",
                        "program_version",
                        "evaluated_at",
                        "route_to",
                        "parole_max_days",
                        "fees",
                        "rules",
                    )
                ),
                "events": list(
                    AuditEvent.objects.filter(stream=f"request:{request.pk}")
                    .order_by("sequence")
                    .values_list(*_EVENT_FIELDS)
                ),
                "triaged": CaseTriage.objects.filter(request=request).exists(),
            }
        )
    return rows


def _items() -> list[RequestImport]:
    beneficiary = make_user(UserRole.BENEFICIARY)
    representative, client = make_user(UserRole.REPRESENTATIVE), make_user(UserRole.BENEFICIARY)
    RepresentationConsent.objects.create(
        representative=representative, client=client, granted_at=clock.now()
    )
    petitioner = person_document(given_name="Ivan", birth_date="1960-01-01", passport=None)
    return [
        RequestImport(actor=beneficiary, document=request_document()),
        RequestImport(
            actor=representative,
            client=client,
            document=request_document(petitioner=petitioner, filed_on="2026-10-30"),
            family_group=FamilyGroup.objects.create(label="Household A"),
        ),
    ]


def _filed_one_by_one(items: list[RequestImport]) -> list[dict[str, Any]]:
    """What create_request and submit_request write for the same items, then rolled back."""
    snapshot: list[dict[str, Any]] = []
    with pytest.raises(_Undo), transaction.atomic():
        for item in items:
            draft = create_request(
                actor=item.actor,
                document=item.document,
                client=item.client,
                family_group=item.family_group,
            )
            submit_request(
                request_id=draft.pk, actor=item.actor, filed_on=item.document.postmarked_on
            )
        snapshot = _snapshot()
        raise _Undo
    return snapshot


@time_machine.travel("2026-11-02 09:00:00Z", tick=False)
def test_an_import_writes_the_same_rows_and_events_as_the_services() -> None:
    items = _items()
    expected = _filed_one_by_one(items)
    requests = import_requests(items=items)
    assert _snapshot() == expected
    assert [request.status for request in requests] == [RequestStatus.PRESCREENED] * 2
    assert expected[1]["request"][-2] == items[1].actor.pk  # the representative, as filed


@time_machine.travel("2026-11-02 09:00:00Z", tick=False)
def test_the_audit_trail_verifies_intact_after_an_import() -> None:
    import_requests(items=_items())
    report = verify_audit_trail()
    assert report.is_intact
    assert report.stream_count == 2


def test_a_representative_without_consent_imports_nothing() -> None:
    representative, client = make_user(UserRole.REPRESENTATIVE), make_user(UserRole.BENEFICIARY)
    items = [
        RequestImport(actor=make_user(UserRole.BENEFICIARY), document=request_document()),
        RequestImport(actor=representative, client=client, document=request_document()),
    ]
    with pytest.raises(PermissionDenied, match="Item 1"):
        import_requests(items=items)
    assert not ParoleRequest.objects.exists()
    assert not Person.objects.exists()


def test_an_officer_cannot_import_filings() -> None:
    officer: User = make_user(UserRole.OFFICER)
    with pytest.raises(PermissionDenied, match="only applicants"):
        import_requests(items=[RequestImport(actor=officer, document=request_document())])


def test_a_companion_request_in_another_family_group_is_refused() -> None:
    parent = make_user(UserRole.BENEFICIARY)
    group = FamilyGroup.objects.create(label="Household B")
    (parents,) = import_requests(
        items=[RequestImport(actor=parent, document=request_document(), family_group=group)]
    )
    minor = RequestImport(actor=parent, document=request_document(), travelling_with=parents)
    with pytest.raises(ValidationFailed, match="same family group"):
        import_requests(items=[minor])
    assert ParoleRequest.objects.count() == 1


def test_an_empty_import_writes_nothing() -> None:
    assert import_requests(items=[]) == []
    assert not ParoleRequest.objects.exists()
