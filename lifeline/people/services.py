"""Writes for people: build or create a person from a request document's person section."""

from __future__ import annotations

from lifeline.accounts.models import User
from lifeline.core.crypto import keyed_hash
from lifeline.people.models import FamilyGroup, Passport, Person
from lifeline.programs.documents import ImmigrationHistory, PersonDocument


def build_person(
    *,
    document: PersonDocument,
    user: User | None = None,
    family_group: FamilyGroup | None = None,
    immigration_history: ImmigrationHistory | None = None,
    bank_account: str = "",
) -> Person:
    """An unsaved person from a document section, with its keyed hashes (one mapping for all)."""
    return Person(
        user=user,
        given_name=document.given_name,
        family_name=document.family_name,
        given_name_native=document.given_name_native,
        family_name_native=document.family_name_native,
        other_names=list(document.other_names),
        birth_date=document.birth_date,
        sex=document.sex,
        citizenships=list(document.citizenships),
        permanent_resident_of=list(document.permanent_resident_of or []),
        refugee_status_in=list(document.refugee_status_in or []),
        residence_history=[r.model_dump(mode="json") for r in document.residence_history],
        current_country=document.current_country,
        email=document.email,
        phone=document.phone,
        ssn=document.ssn,
        ssn_hash=keyed_hash(document.ssn.replace("-", "")) if document.ssn else "",
        a_number=document.a_number,
        a_number_hash=keyed_hash(document.a_number.lstrip("A")) if document.a_number else "",
        bank_account=bank_account,
        bank_account_hash=keyed_hash(bank_account) if bank_account else "",
        immigration_history=(
            immigration_history.model_dump(mode="json") if immigration_history else {}
        ),
        family_group=family_group,
    )


def build_passport(person: Person, document: PersonDocument) -> Passport | None:
    """The unsaved passport a document section lists for `person`, if any."""
    if document.passport is None:
        return None
    return Passport(
        person=person,
        country=document.passport.country,
        number=document.passport.number,
        number_hash=keyed_hash(document.passport.number),
        expires_on=document.passport.expires_on,
    )


def create_person(
    *,
    document: PersonDocument,
    user: User | None = None,
    family_group: FamilyGroup | None = None,
    immigration_history: ImmigrationHistory | None = None,
    bank_account: str = "",
) -> Person:
    """Create a person and their passport; the caller owns the transaction and audit event."""
    person = build_person(
        document=document,
        user=user,
        family_group=family_group,
        immigration_history=immigration_history,
        bank_account=bank_account,
    )
    person.save()
    passport = build_passport(person, document)
    if passport is not None:
        passport.save()
    return person


def identity_key(document: PersonDocument) -> str:
    """Keyed hash of a person's normalised name and birth date, for exact duplicate checks."""
    name = f"{document.given_name}|{document.family_name}".casefold()
    return keyed_hash(f"{name}|{document.birth_date.isoformat()}")
