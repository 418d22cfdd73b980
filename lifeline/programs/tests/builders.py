"""Request documents for rule tests: a valid base per program, changed by dotted paths."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import get_filing_fee_due_cents, prescreen
from lifeline.programs.results import PrescreenResult, RuleResult

DROP = object()
EVALUATED_AT = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)


def person(**fields: Any) -> dict[str, Any]:
    base = {
        "given_name": "Test",
        "family_name": "Person",
        "birth_date": "1985-06-15",
        "sex": "F",
        "citizenships": ["UA"],
        "current_country": "PL",
        "marital_status": "single",
        "permanent_resident_of": [],
        "refugee_status_in": [],
        "passport": {"country": "UA", "number": "TP1234567", "expires_on": "2032-01-01"},
    }
    return {**base, **fields}


def supporter(status: str = "citizen", **fields: Any) -> dict[str, Any]:
    return {
        "person": person(citizenships=["US"], current_country="US"),
        "status_in_us": status,
        "annual_income_usd": 70000,
        "household_size": 2,
        "is_organization": False,
        **fields,
    }


BASES: dict[str, dict[str, Any]] = {
    "general": {
        "program": "general",
        "kind": "initial",
        "category": "medical",
        "filed_on": "2026-10-05",
        "beneficiary": person(citizenships=["AF"], current_country="PK"),
        "supporters": [supporter()],
        "urgency": {"diagnosis": "Cardiomyopathy", "treatment_on": "2026-12-01"},
    },
    "u4u": {
        "program": "u4u",
        "kind": "initial",
        "category": "protection",
        "filed_on": "2023-03-14",
        "beneficiary": person(
            residence_history=[{"country": "UA", "from_on": "1985-06-15", "until_on": "2022-03-01"}]
        ),
        "supporters": [supporter()],
        "attestations": {"vaccinations": True},
    },
    "chnv_venezuela": {
        "program": "chnv_venezuela",
        "kind": "initial",
        "category": "protection",
        "filed_on": "2023-06-01",
        "beneficiary": person(
            citizenships=["VE"],
            current_country="CO",
            passport={"country": "VE", "number": "V1234567", "expires_on": "2030-01-01"},
        ),
        "supporters": [supporter("permanent_resident")],
        "attestations": {"vaccinations": True},
    },
    "chnv_cuba": {
        "program": "chnv_cuba",
        "kind": "initial",
        "category": "protection",
        "filed_on": "2023-06-01",
        "beneficiary": person(
            citizenships=["CU"],
            current_country="CU",
            passport={"country": "CU", "number": "K1234567", "expires_on": "2030-01-01"},
        ),
        "supporters": [supporter()],
        "attestations": {"vaccinations": True},
    },
    "frp": {
        "program": "frp",
        "kind": "initial",
        "category": "family_reunification",
        "filed_on": "2024-02-20",
        "beneficiary": person(citizenships=["CO"], current_country="CO"),
        "supporters": [supporter()],
        "invitation": {
            "code": "FRP-0001",
            "issued_on": "2023-07-31",
            "petitioner_status": "citizen",
            "i130_approved": True,
        },
        "was_invited": True,
        "attestations": {"medical_screening": True},
    },
    "afghan_reparole": {
        "program": "afghan_reparole",
        "kind": "reparole",
        "category": "protection",
        "filed_on": "2024-11-18",
        "beneficiary": person(citizenships=["AF"], current_country="US"),
        "immigration_history": {
            "in_united_states": True,
            "prior_parole": {
                "class_of_admission": "OAR",
                "paroled_on": "2021-09-02",
                "ends_on": "2025-08-31",
                "complied_with_conditions": True,
            },
        },
    },
    "cam": {
        "program": "cam",
        "kind": "initial",
        "category": "family_reunification",
        "filed_on": "2023-07-18",
        "beneficiary": person(citizenships=["SV"], current_country="SV", birth_date="2008-08-15"),
        "petitioner": person(citizenships=["SV"], current_country="US"),
        "petitioner_lawfully_present_in_us": True,
    },
}
for _program, _country, _number in (
    ("chnv_haiti", "HT", "H1234567"),
    ("chnv_nicaragua", "NI", "N1234567"),
):
    BASES[_program] = {
        **copy.deepcopy(BASES["chnv_cuba"]),
        "program": _program,
        "beneficiary": person(
            citizenships=[_country],
            current_country=_country,
            passport={"country": _country, "number": _number, "expires_on": "2030-01-01"},
        ),
    }


# Facts version 1 assumed when left out; a complete test request now states them.
STATED_HISTORY = {
    "in_united_states": False,
    "in_removal_proceedings": False,
    "immigrant_visa_issued": False,
    "removal_orders": [],
    "irregular_entries": [],
    "sea_interdictions": [],
    "pending_filings": [],
}


def document(program: str, changes: dict[str, Any] | None = None) -> RequestDocument:
    """The base document of `program` with each dotted path set (or removed with DROP).

    It sends the filing fee due for it, as a complete request does, unless a change states the
    amount (None: not stated).
    """
    data = copy.deepcopy(BASES[program])
    data["immigration_history"] = {**STATED_HISTORY, **data.get("immigration_history", {})}
    for path, value in (changes or {}).items():
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        if value is DROP:
            node.pop(last, None)
        else:
            node[last] = value
    parsed = RequestDocument.model_validate(data)
    if "filing_fee_remitted_cents" in data:
        return parsed
    due_cents = get_filing_fee_due_cents(parsed)
    return parsed.model_copy(update={"filing_fee_remitted_cents": due_cents})


def screen(program: str, changes: dict[str, Any] | None = None) -> PrescreenResult:
    return prescreen(document(program, changes), evaluated_at=EVALUATED_AT)


def rule(result: PrescreenResult, rule_id: str) -> RuleResult:
    return next(item for item in result.rules if item.id == rule_id)
