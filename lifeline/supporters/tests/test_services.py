"""Supporter declarations: declare, join, confirm, withdraw, and the duplicate refusal."""

from __future__ import annotations

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import (
    DuplicateDeclaration,
    NotFound,
    PermissionDenied,
    TransitionNotAllowed,
    ValidationFailed,
)
from lifeline.intake.tests.factories import make_user, person_document
from lifeline.people.models import Person
from lifeline.programs.documents import PersonDocument, SupporterDocument
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration
from lifeline.supporters.services import confirm_declaration, declare_support, withdraw_declaration

pytestmark = pytest.mark.django_db


def _supporter(**overrides: object) -> SupporterDocument:
    fields: dict[str, object] = {
        "person": person_document(
            given_name="Maria",
            family_name="Hughes",
            citizenships=["US"],
            current_country="US",
            passport=None,
            ssn="123-45-6789",
        ),
        "status_in_us": "citizen",
        "annual_income_usd": 82_000,
        "household_size": 3,
        "relationship": "friend",
    }
    fields.update(overrides)
    return SupporterDocument.model_validate(fields)


def _declare(actor, **overrides):  # type: ignore[no-untyped-def]
    arguments = {
        "actor": actor,
        "program": "general",
        "supporter": _supporter(),
        "beneficiary": PersonDocument.model_validate(person_document()),
        "beneficiary_email": "Olena@Example.org",
    }
    arguments.update(overrides)
    return declare_support(**arguments)


def test_a_supporter_declares_support_and_it_is_audited_with_encrypted_ssn() -> None:
    supporter = make_user(UserRole.SUPPORTER)
    declaration = _declare(supporter)
    assert declaration.status == DeclarationStatus.SUBMITTED
    assert declaration.beneficiary_email == "olena@example.org"
    assert declaration.supporter.ssn == "123-45-6789"
    assert declaration.supporter.ssn_hash
    assert AuditEvent.objects.filter(
        stream=f"declaration:{declaration.pk}", action="declaration.created"
    ).exists()


def test_a_second_declaration_for_one_beneficiary_and_program_is_refused_saving_nothing() -> None:
    supporter = make_user(UserRole.SUPPORTER)
    _declare(supporter)
    people_before = Person.objects.count()
    with pytest.raises(DuplicateDeclaration, match="already have a declaration"):
        _declare(supporter)
    assert SupporterDeclaration.objects.count() == 1
    assert Person.objects.count() == people_before


def test_after_withdrawing_the_supporter_may_declare_again() -> None:
    supporter = make_user(UserRole.SUPPORTER)
    first = _declare(supporter)
    withdraw_declaration(actor=supporter, reference=first.reference)
    assert _declare(supporter).status == DeclarationStatus.SUBMITTED


def test_a_co_supporter_joins_an_existing_declaration() -> None:
    first = _declare(make_user(UserRole.SUPPORTER))
    joined = _declare(make_user(UserRole.SUPPORTER), joins_reference=first.reference)
    assert joined.joins == first
    assert list(first.co_supporters.all()) == [joined]


def test_joining_a_declaration_for_someone_else_is_refused() -> None:
    first = _declare(make_user(UserRole.SUPPORTER))
    other_beneficiary = PersonDocument.model_validate(person_document(given_name="Iryna"))
    with pytest.raises(NotFound):
        _declare(
            make_user(UserRole.SUPPORTER),
            joins_reference=first.reference,
            beneficiary=other_beneficiary,
        )


def test_only_supporters_declare_and_organizations_cannot_be_the_supporter() -> None:
    with pytest.raises(PermissionDenied):
        _declare(make_user(UserRole.BENEFICIARY))
    with pytest.raises(ValidationFailed, match="organization"):
        _declare(make_user(UserRole.SUPPORTER), supporter=_supporter(is_organization=True))


def test_the_invited_beneficiary_confirms_once_and_others_cannot() -> None:
    declaration = _declare(make_user(UserRole.SUPPORTER))
    stranger = make_user(UserRole.BENEFICIARY)
    with pytest.raises(NotFound):
        confirm_declaration(actor=stranger, reference=declaration.reference)
    beneficiary = make_user(UserRole.BENEFICIARY, email="olena@example.org")
    confirmed = confirm_declaration(actor=beneficiary, reference=declaration.reference)
    assert confirmed.status == DeclarationStatus.CONFIRMED
    assert confirmed.beneficiary.user == beneficiary
    with pytest.raises(TransitionNotAllowed):
        confirm_declaration(actor=beneficiary, reference=declaration.reference)
