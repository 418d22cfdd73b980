"""Builders for portal tests: accounts that can sign in, and answers for the step forms."""

from __future__ import annotations

import itertools
from typing import Any

from allauth.account.models import EmailAddress
from django.test import Client

from lifeline.accounts.models import User
from lifeline.supporters.models import SupporterDeclaration

PASSWORD = "correct horse battery staple 42"
_numbers = itertools.count(1)


def make_account(role: str, *, email: str = "", language: str = "en") -> User:
    """An active account with a verified address and PASSWORD."""
    number = next(_numbers)
    email = email or f"{role}{number}@example.org"
    user = User.objects.create_user(
        username=f"{role}-{number}", email=email, password=PASSWORD, role=role,
        preferred_language=language,
    )  # fmt: skip
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def date_parts(prefix: str, name: str, iso: str) -> dict[str, str]:
    year, month, day = iso.split("-")
    return {f"{prefix}-{name}_0": month, f"{prefix}-{name}_1": day, f"{prefix}-{name}_2": year}


def declaration_answers(beneficiary_email: str, **beneficiary: str) -> dict[str, dict[str, Any]]:
    person = {"given_name": "Olena", "family_name": "Kovalenko", "birth_date": "1988-03-14"}
    person.update(beneficiary)
    return {
        "beneficiary": {
            "program": "general",
            "given_name": person["given_name"],
            "family_name": person["family_name"],
            **date_parts("beneficiary", "birth_date", person["birth_date"]),
            "sex": "F",
            "citizenship": "UA",
            "current_country": "PL",
            "beneficiary_email": beneficiary_email,
            "joins_reference": "",
        },
        "identity": {
            "given_name": "Mark",
            "family_name": "Kovalenko",
            **date_parts("identity", "birth_date", "1980-05-02"),
            "sex": "M",
            "citizenship": "US",
            "current_country": "US",
            "phone": "+1 202 555 0100",
        },
        "status": {"status_in_us": "citizen", "a_number": "", "ssn": "123-45-6789"},
        "finances": {
            "annual_income_usd": "86000",
            "household_size": "3",
            "other_beneficiaries_pledged": "0",
        },
        "relationship": {"relationship": "sibling", "attest": "on"},
    }


def request_answers(declarations: list[str], **beneficiary: str) -> dict[str, dict[str, Any]]:
    person = {"given_name": "Olena", "family_name": "Kovalenko", "birth_date": "1988-03-14"}
    person.update(beneficiary)
    return {
        "program": {"program": "general", "category": "medical"},
        "beneficiary": {
            "given_name": person["given_name"],
            "family_name": person["family_name"],
            **date_parts("beneficiary", "birth_date", person["birth_date"]),
            "sex": "F",
            "marital_status": "married",
        },
        "residence": {"citizenship": "UA", "current_country": "PL"},
        "passport": {
            "passport_country": "UA",
            "passport_number": "FE123456",
            **date_parts("passport", "passport_expires_on", "2030-01-01"),
        },
        "history": {
            "in_united_states": "no",
            "in_removal_proceedings": "no",
            "ever_ordered_removed": "no",
            "ever_entered_irregularly": "no",
            "ever_interdicted_at_sea": "no",
            "resident_or_refugee_elsewhere": "no",
        },
        "household": {"count": "0"},
        "reason": {
            "narrative": "Needs a bone-marrow transplant that is not available at home.",
            "diagnosis": "Acute leukaemia",
            **date_parts("reason", "treatment_on", "2027-01-15"),
            "medical_emergency": "yes",
            "life_threatening": "yes",
            "treatment_unavailable_at_home": "yes",
            "requested_duration_days": "180",
        },
        "support": {"declarations": declarations},
        "fee": {"filing_fee": "send"},
        "attestations": {
            "vaccinations": "yes",
            "medical_screening": "yes",
            "tb_screening": "unknown",
            "attest": "on",
        },
    }


def post_steps(
    client: Client, base: str, answers: dict[str, dict[str, Any]], *, query: str = ""
) -> Any:
    """Post every step (prefixing field names), then the review; returns the last response."""
    for step, fields in answers.items():
        data = {k if k.startswith(f"{step}-") else f"{step}-{k}": v for k, v in fields.items()}
        response = client.post(f"{base}{step}/{query}", data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return client.post(f"{base}review/{query}")


def beneficiary_with_a_confirmed_declaration(email: str = "olena@example.org") -> User:
    """A supporter declares for `email`; the beneficiary signs up with it and confirms."""
    post_steps(
        signed_in(make_account("supporter")), "/declarations/new/", declaration_answers(email)
    )
    user = make_account("beneficiary", email=email)
    declaration = SupporterDeclaration.objects.get()
    signed_in(user).post(f"/declarations/{declaration.reference}/confirm/")
    return user
