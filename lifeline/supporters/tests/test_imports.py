"""Bulk declaration import: the same rows and events as declaring and confirming one by one."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.db import transaction

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.audit.verification import verify_audit_trail
from lifeline.core.errors import DuplicateDeclaration, NotFound, ValidationFailed
from lifeline.intake.tests.factories import make_user, person_document
from lifeline.people.models import Passport, Person
from lifeline.programs.documents import PersonDocument, SupporterDocument
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.imports import DeclarationImport, import_declarations
from lifeline.supporters.models import SupporterDeclaration
from lifeline.supporters.services import confirm_declaration, declare_support

pytestmark = pytest.mark.django_db

_DECLARATION_FIELDS = (
    "program",
    "status",
    "supporter_user_id",
    "beneficiary_email",
    "beneficiary_key",
    "status_in_us",
    "annual_income_usd",
    "household_size",
    "relationship",
    "other_beneficiaries_pledged",
    "submitted_from_ip",
    "confirmed_at",
    "confirmed_by_id",
    "version",
)
_PERSON_FIELDS = (
    "given_name",
    "family_name",
    "birth_date",
    "citizenships",
    "ssn",
    "ssn_hash",
    "bank_account",
    "bank_account_hash",
    "user_id",
)
_EVENT_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_role",
    "action",
    "subject_type",
    "details_json",
)


class _Undo(Exception):
    """Raised to roll back a savepoint after reading what it wrote."""


def _supporter(given_name: str = "Maria") -> SupporterDocument:
    person = person_document(
        given_name=given_name,
        family_name="Hughes",
        citizenships=["US"],
        current_country="US",
        passport=None,
        ssn="123-45-6789",
    )
    return SupporterDocument.model_validate(
        {
            "person": person,
            "status_in_us": "citizen",
            "annual_income_usd": 82_000,
            "household_size": 3,
            "relationship": "friend",
            "bank_account": "021000021-99",
        }
    )


def _item(supporter_user: Any, confirmer: Any, **overrides: Any) -> DeclarationImport:
    fields: dict[str, Any] = {
        "supporter_user": supporter_user,
        "program": "u4u",
        "supporter": _supporter(),
        "beneficiary": PersonDocument.model_validate(person_document()),
        "beneficiary_email": confirmer.email.upper(),
        "confirmed_by": confirmer,
        "submitted_from_ip": "203.0.113.9",
    } | overrides
    return DeclarationImport(**fields)


def _person(person: Person) -> tuple[Any, ...]:
    passport = Passport.objects.filter(person=person).values_list("country", "number_hash")
    return (*(getattr(person, name) for name in _PERSON_FIELDS), list(passport))


def _snapshot() -> list[dict[str, Any]]:
    return [
        {
            "declaration": [getattr(declaration, name) for name in _DECLARATION_FIELDS],
            "people": [_person(declaration.supporter), _person(declaration.beneficiary)],
            "events": list(
                AuditEvent.objects.filter(stream=f"declaration:{declaration.pk}")
                .order_by("sequence")
                .values_list(*_EVENT_FIELDS)
            ),
        }
        for declaration in SupporterDeclaration.objects.order_by("pk")
    ]


def _declared_one_by_one(items: list[DeclarationImport]) -> list[dict[str, Any]]:
    snapshot: list[dict[str, Any]] = []
    with pytest.raises(_Undo), transaction.atomic():
        for item in items:
            declaration = declare_support(
                actor=item.supporter_user,
                program=item.program,
                supporter=item.supporter,
                beneficiary=item.beneficiary,
                beneficiary_email=item.beneficiary_email,
                submitted_from_ip=item.submitted_from_ip,
            )
            confirm_declaration(actor=item.confirmed_by, reference=declaration.reference)
        snapshot = _snapshot()
        raise _Undo
    return snapshot


# A day both programs took declarations (the services refuse one under a closed program).
@time_machine.travel("2024-06-03 09:00:00Z", tick=False)
def test_an_import_writes_the_same_rows_and_events_as_the_services() -> None:
    confirmer = make_user(UserRole.BENEFICIARY)
    items = [
        _item(make_user(UserRole.SUPPORTER), confirmer),
        _item(make_user(UserRole.SUPPORTER), confirmer, program="chnv_haiti"),
    ]
    expected = _declared_one_by_one(items)
    declarations = import_declarations(items=items)
    assert _snapshot() == expected
    assert {d.status for d in declarations} == {DeclarationStatus.CONFIRMED}
    assert verify_audit_trail().is_intact


def test_a_co_supporter_joins_a_live_declaration_for_the_same_beneficiary() -> None:
    confirmer = make_user(UserRole.BENEFICIARY)
    (first,) = import_declarations(items=[_item(make_user(UserRole.SUPPORTER), confirmer)])
    (joined,) = import_declarations(
        items=[_item(make_user(UserRole.SUPPORTER), confirmer, joins=first)]
    )
    assert joined.joins == first
    created = AuditEvent.objects.get(stream=f"declaration:{joined.pk}", sequence=1)
    assert created.details == {"program": "u4u", "joins": first.reference}


def test_joining_a_declaration_for_another_beneficiary_is_refused() -> None:
    confirmer = make_user(UserRole.BENEFICIARY)
    (first,) = import_declarations(items=[_item(make_user(UserRole.SUPPORTER), confirmer)])
    other = PersonDocument.model_validate(person_document(given_name="Petro"))
    with pytest.raises(NotFound, match="to join"):
        import_declarations(
            items=[_item(make_user(UserRole.SUPPORTER), confirmer, joins=first, beneficiary=other)]
        )


@pytest.mark.parametrize("earlier", ["saved before", "earlier in the same import"])
def test_a_second_live_declaration_is_refused_and_nothing_is_saved(earlier: str) -> None:
    supporter, confirmer = make_user(UserRole.SUPPORTER), make_user(UserRole.BENEFICIARY)
    items = [_item(supporter, confirmer), _item(supporter, confirmer)]
    if earlier == "saved before":
        import_declarations(items=items[:1])
        items = items[1:]
    before = (SupporterDeclaration.objects.count(), Person.objects.count())
    with pytest.raises(DuplicateDeclaration, match="already has a live declaration"):
        import_declarations(items=items)
    assert (SupporterDeclaration.objects.count(), Person.objects.count()) == before


def test_only_the_invited_beneficiary_can_confirm() -> None:
    item = _item(
        make_user(UserRole.SUPPORTER),
        make_user(UserRole.BENEFICIARY),
        beneficiary_email="someone.else@example.org",
    )
    with pytest.raises(ValidationFailed, match="invited beneficiary"):
        import_declarations(items=[item])
    assert not SupporterDeclaration.objects.exists()


def test_an_unconfirmed_import_awaits_confirmation() -> None:
    confirmer = make_user(UserRole.BENEFICIARY)
    (declaration,) = import_declarations(
        items=[_item(make_user(UserRole.SUPPORTER), confirmer, confirmed_by=None)]
    )
    assert (declaration.status, declaration.version) == (DeclarationStatus.SUBMITTED, 1)
    confirm_declaration(actor=confirmer, reference=declaration.reference)
    assert verify_audit_trail().is_intact
