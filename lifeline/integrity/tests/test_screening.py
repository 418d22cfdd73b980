"""Flags raised as supporter forms and requests arrive, through the queued screening task."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.intake.tests.factories import make_user, person_document
from lifeline.integrity.models import FlagStatus, IntegrityFlag, ScreeningKey
from lifeline.integrity.screening.arriving import screen_declaration
from lifeline.programs.documents import PersonDocument, SupporterDocument
from lifeline.supporters.models import SupporterDeclaration
from lifeline.supporters.services import declare_support, withdraw_declaration

pytestmark = pytest.mark.django_db
_names = itertools.count(1)
FAMILY_NAMES = ["Hughes", "Lopez", "Nguyen", "Okafor", "Silva", "Petrenko", "Haddad", "Kim"]
GIVEN_NAMES = ["Anna", "Boris", "Carmen", "Dmytro", "Elena", "Farid", "Grace", "Hector",
               "Iryna", "Jorge", "Katya", "Luis", "Mykola", "Nadia", "Oscar", "Pavlo", "Rosa",
               "Sofia", "Taras", "Vera", "Yusuf", "Zoya"]  # fmt: skip


def supporter_document(
    given: str = "Maria", family: str = "Hughes", *, birth: str = "1975-05-20", **fields: Any
) -> SupporterDocument:
    person = person_document(
        given_name=given, family_name=family, given_name_native="", family_name_native="",
        birth_date=birth, citizenships=["US"], current_country="US", passport=None,
        phone=fields.pop("phone", ""), ssn=fields.pop("ssn", ""), email=fields.pop("email", ""),
    )  # fmt: skip
    return SupporterDocument.model_validate(
        {
            "person": person,
            "status_in_us": "citizen",
            "annual_income_usd": fields.pop("income", 150_000),
            "household_size": fields.pop("household_size", 2),
            "relationship": "friend",
            "bank_account": fields.pop("bank_account", ""),
        }
    )


def declare(
    django_capture_on_commit_callbacks: Any,
    supporter: SupporterDocument,
    *,
    address: str = "",
    ip: str | None = None,
    user: Any = None,
) -> SupporterDeclaration:
    """File one supporter form as the portal does; the screen runs when it commits."""
    n = next(_names)
    beneficiary = PersonDocument.model_validate(
        person_document(given_name=GIVEN_NAMES[n % len(GIVEN_NAMES)], family_name=f"Benef{n}x")
    )
    with django_capture_on_commit_callbacks(execute=True):
        declaration = declare_support(
            actor=user or make_user(UserRole.SUPPORTER),
            program="general",
            supporter=supporter,
            beneficiary=beneficiary,
            beneficiary_email=f"b{n}@example.org",
            submitted_from_ip=ip,
        )
        if address:
            declaration.supporter.current_location = address
            declaration.supporter.save(update_fields=["current_location"])
    return declaration


def open_flags(code: str) -> list[IntegrityFlag]:
    return list(IntegrityFlag.objects.filter(rule_code=code, status=FlagStatus.OPEN))


def test_a_serial_sponsor_is_flagged_on_the_nth_form_and_not_before(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    user = make_user(UserRole.SUPPORTER)
    forms = [
        declare(django_capture_on_commit_callbacks, supporter_document("Ivan", "Serial"), user=user)
        for _ in range(19)
    ]
    assert open_flags("SERIAL_SPONSOR") == []  # N - 1 = 19 forms
    forms.append(
        declare(django_capture_on_commit_callbacks, supporter_document("Ivan", "Serial"), user=user)
    )
    flags = open_flags("SERIAL_SPONSOR")
    assert {f.declaration_id for f in flags} == {d.pk for d in forms}
    assert flags[0].evidence["forms"] == 20 and flags[0].evidence["threshold"] == 20
    assert "person-linkage-v2" in flags[0].version and "N=20" in flags[0].version
    later = declare(
        django_capture_on_commit_callbacks, supporter_document("Ivan", "Serial"), user=user
    )
    newest = IntegrityFlag.objects.get(rule_code="SERIAL_SPONSOR", declaration=later)
    assert newest.evidence["forms"] == 21 and len(open_flags("SERIAL_SPONSOR")) == 21


def test_one_phone_across_unrelated_households_is_flagged_but_one_big_family_is_not(
    django_capture_on_commit_callbacks: Any,
) -> None:
    for given in ["Anna", "Boris", "Carmen", "Dmytro", "Elena", "Farid"]:
        declare(
            django_capture_on_commit_callbacks,
            supporter_document(given, "Moroz", phone="+1 305 555 2233"),
            address="12 Palm Ave, Miami, FL 33101",
        )
    assert open_flags("SHARED_PHONE") == [] and open_flags("SHARED_ADDRESS") == []
    for family in FAMILY_NAMES[:5]:
        declare(
            django_capture_on_commit_callbacks,
            supporter_document("Rosa", family, phone="(786) 555-0199"),
        )
    flags = open_flags("SHARED_PHONE")
    assert len(flags) == 5
    assert flags[0].evidence["households"] == 5 and flags[0].evidence["value"] == "+17865550199"


def test_a_hub_value_such_as_a_shelter_phone_is_never_counted(
    django_capture_on_commit_callbacks: Any,
) -> None:
    for family in FAMILY_NAMES:
        declare(
            django_capture_on_commit_callbacks,
            supporter_document("Rosa", family, phone="+1 312 555 0100"),  # example shelter
        )
    assert open_flags("SHARED_PHONE") == []
    assert not ScreeningKey.objects.filter(kind="phone").exists()


def test_an_ssn_under_two_names_and_a_never_issued_ssn_are_flagged(
    django_capture_on_commit_callbacks: Any,
) -> None:
    first = declare(
        django_capture_on_commit_callbacks, supporter_document("Ana", "Ruiz", ssn="212-34-5678")
    )
    assert open_flags("SSN_MULTIPLE_NAMES") == []
    second = declare(
        django_capture_on_commit_callbacks, supporter_document("Omar", "Haddad", ssn="212345678")
    )
    flagged = {f.declaration_id for f in open_flags("SSN_MULTIPLE_NAMES")}
    assert flagged == {first.pk, second.pk}
    assert open_flags("SSN_MULTIPLE_NAMES")[0].evidence["value"] == "SSN ending 5678"
    bad = declare(
        django_capture_on_commit_callbacks, supporter_document("Li", "Wong", ssn="666-12-3456")
    )
    [invalid] = open_flags("SSN_INVALID")
    assert invalid.declaration_id == bad.pk and invalid.evidence["problems"] == [
        "area_never_issued"
    ]


def test_an_over_pledged_supporter_is_flagged_from_the_hhs_guideline(
    django_capture_on_commit_callbacks: Any,
) -> None:
    declare(
        django_capture_on_commit_callbacks,
        supporter_document("Ana", "Poor", income=18_000, household_size=4),
        address="5 Main St, Austin, TX 78701",
    )
    [flag] = open_flags("OVER_PLEDGED")
    assert flag.evidence["beneficiaries_pledged"] == 1
    assert flag.evidence["required_income_usd"] > 18_000
    assert "HHS 2025 48" in flag.version


def test_screening_twice_raises_nothing_twice_and_is_audited_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    forms = [
        declare(
            django_capture_on_commit_callbacks,
            supporter_document("Rosa", family, email="x@example.com"),
        )
        for family in FAMILY_NAMES[:3]
    ]
    before = IntegrityFlag.objects.count()
    events = AuditEvent.objects.filter(action="integrity.flags_raised").count()
    assert before == 3 and events >= 1
    for form in forms:
        assert screen_declaration(form.pk) == 0
    assert IntegrityFlag.objects.count() == before
    assert AuditEvent.objects.filter(action="integrity.flags_raised").count() == events


def test_a_withdrawn_form_no_longer_counts_towards_a_shared_value(
    django_capture_on_commit_callbacks: Any,
) -> None:
    forms = [
        declare(
            django_capture_on_commit_callbacks,
            supporter_document("Rosa", family, email="x@example.com"),
        )
        for family in FAMILY_NAMES[:2]
    ]
    withdraw_declaration(actor=forms[0].supporter_user, reference=forms[0].reference)
    assert not ScreeningKey.objects.filter(declaration=forms[0]).exists()
    declare(
        django_capture_on_commit_callbacks,
        supporter_document("Rosa", FAMILY_NAMES[2], email="x@example.com"),
    )
    assert open_flags("SHARED_EMAIL") == []  # two live households, not three
