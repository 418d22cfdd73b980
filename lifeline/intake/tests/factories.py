"""Small builders for request documents, users and requests used across the test suite."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.intake.documents import stored_form
from lifeline.intake.models import ParoleRequest
from lifeline.people.models import Person
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import get_filing_fee_due_cents

_counter = itertools.count(1)


def make_user(role: str = UserRole.BENEFICIARY, **fields: Any) -> User:
    n = next(_counter)
    fields.setdefault("email", f"{role}{n}@example.org")
    return User.objects.create_user(username=f"{role}{n}", role=role, password=None, **fields)


def person_document(**overrides: Any) -> dict[str, Any]:
    person: dict[str, Any] = {
        "given_name": "Olena",
        "family_name": "Kovalenko",
        "given_name_native": "Олена",
        "family_name_native": "Коваленко",
        "birth_date": "1988-03-14",
        "sex": "F",
        "citizenships": ["UA"],
        "residence_history": [{"country": "UA", "from_on": "1988-03-14", "until_on": None}],
        "current_country": "PL",
        "passport": {"country": "UA", "number": "FE123456", "expires_on": "2030-01-01"},
    }
    person.update(overrides)
    return person


def request_document(**overrides: Any) -> RequestDocument:
    """A complete general request; it sends the filing fee due unless `overrides` state one."""
    document: dict[str, Any] = {
        "program": "general",
        "kind": "initial",
        "category": "medical",
        "filed_on": "2026-11-02",
        "beneficiary": person_document(),
        "urgency": {
            "diagnosis": "Acute leukaemia",
            "medical_emergency": True,
            "life_threatening": True,
            "treatment_on": "2026-12-15",
            "treatment_unavailable_at_home": True,
        },
        "narrative": "Needs a bone-marrow transplant that is unavailable at home.",
        "requested_duration_days": 180,
    }
    document.update(overrides)
    parsed = RequestDocument.model_validate(document)
    if "filing_fee_remitted_cents" in overrides:
        return parsed
    return parsed.model_copy(update={"filing_fee_remitted_cents": get_filing_fee_due_cents(parsed)})


def make_request(
    *, status: str = "draft", filed_by: User | None = None, **fields: Any
) -> ParoleRequest:
    """A request row in any status, without going through the workflow (for transition tests)."""
    filed_by = filed_by or make_user(UserRole.BENEFICIARY)
    document = request_document()
    beneficiary = Person.objects.create(
        given_name="Olena",
        family_name="Kovalenko",
        birth_date=dt.date(1988, 3, 14),
        sex="F",
        citizenships=["UA"],
        current_country="PL",
    )
    return ParoleRequest.objects.create(
        reference=f"HP-TEST{next(_counter):06d}",
        program=document.program,
        kind=document.kind,
        category=document.category,
        status=status,
        beneficiary=beneficiary,
        filed_by=filed_by,
        document=stored_form(document),
        **fields,
    )
