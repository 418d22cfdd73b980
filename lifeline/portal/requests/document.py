"""Turn the request form's answers into the request document the services and rules read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from lifeline.people.models import Person
from lifeline.portal.requests.facts import (
    FEE_SENT,
    FEE_WAIVER,
    HISTORY_LIST_QUESTIONS,
    PERSON_LIST_QUESTIONS,
    facts,
    stated_none,
)
from lifeline.portal.requests.household import household_document
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import get_filing_fee_due_cents
from lifeline.supporters.models import SupporterDeclaration


def _person(person: Person) -> dict[str, Any]:
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.sex,
        "citizenships": list(person.citizenships) or [person.current_country],
        "current_country": person.current_country,
    }


def supporter_section(declaration: SupporterDeclaration) -> dict[str, Any]:
    return {
        "person": _person(declaration.supporter),
        "status_in_us": declaration.status_in_us,
        "annual_income_usd": declaration.annual_income_usd,
        "household_size": declaration.household_size,
        "relationship": declaration.relationship,
        "other_beneficiaries_pledged": declaration.other_beneficiaries_pledged,
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _arrival(answers: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Since when a person here has lived in the United States; left out for "I don't know"
    (the pre-screen then asks for it) and when the step was not asked (ADR 0274)."""
    since = answers.get("arrival", {}).get("in_us_since")
    return {"in_united_states_since": since.isoformat()} if since else {}


def build_document(
    answers: dict[str, dict[str, Any]],
    declarations: list[SupporterDeclaration],
    *,
    filed_on: dt.date,
    beneficiary: dict[str, Any],
) -> dict[str, Any]:
    """The request document (see lifeline.programs.documents.RequestDocument) as JSON data."""
    program, history = answers["program"], answers["history"]
    reason, attestations = answers["reason"], answers["attestations"]
    document: dict[str, Any] = {
        "program": program["program"],
        "kind": "initial",
        "category": program["category"],
        "postmarked_on": filed_on.isoformat(),
        "beneficiary": {**beneficiary, **stated_none(history, PERSON_LIST_QUESTIONS)},
        "supporters": [supporter_section(declaration) for declaration in declarations],
        "immigration_history": {
            **facts(history, "in_united_states", "in_removal_proceedings", "immigrant_visa_issued"),
            **stated_none(history, HISTORY_LIST_QUESTIONS),
            **_arrival(answers),
        },
        "urgency": {
            "diagnosis": reason["diagnosis"],
            "treatment_on": _date(reason["treatment_on"]),
            "event_kind": reason["event_kind"],
            "event_on": _date(reason["event_on"]),
            **facts(
                reason,
                "medical_emergency",
                "life_threatening",
                "treatment_unavailable_at_home",
                "threat_evidence",
                "individually_targeted",
            ),
        },
        "attestations": facts(attestations, "vaccinations", "medical_screening", "tb_screening"),
        "narrative": reason["narrative"],
        "requested_duration_days": reason["requested_duration_days"],
        "fee_waiver_requested": answers["fee"]["filing_fee"] == FEE_WAIVER,
    }
    document.update(facts(history, "was_invited", "petitioner_lawfully_present_in_us"))
    members = answers.get("household", {}).get("members", [])
    if members:
        document["household"] = household_document(members, principal=beneficiary)
    if answers["fee"]["filing_fee"] == FEE_SENT:
        document["filing_fee_remitted_cents"] = _fee_due_cents(document)
    return document


def _fee_due_cents(document: dict[str, Any]) -> int | None:
    """The filing fees due for everyone in the request; None while the answers do not parse
    (saving the request then says what is wrong)."""
    try:
        parsed = RequestDocument.model_validate(document)
    except PydanticValidationError:
        return None
    return get_filing_fee_due_cents(parsed)
