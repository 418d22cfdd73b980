"""Sample requests every expression is tried on at load, to refuse type errors before use."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from lifeline.programs.documents import RequestDocument
from lifeline.programs.facts import build_context
from lifeline.programs.policy import ProgramVersionPolicy, expression_slots

# A missing fact (absent key, empty list) is normal at run time: the rule is "unknown".
MISSING_FACT_ERRORS = (KeyError, IndexError)


def _person(**overrides: Any) -> dict[str, Any]:
    person = {
        "given_name": "Probe",
        "family_name": "Person",
        "birth_date": "1990-05-01",
        "sex": "F",
        "citizenships": ["UA"],
        "permanent_resident_of": [],
        "refugee_status_in": [],
        "residence_history": [{"country": "UA", "from_on": "1990-05-01"}],
        "current_country": "PL",
        "marital_status": "married",
        "passport": {"country": "UA", "number": "PR0000001", "expires_on": "2031-01-01"},
    }
    return {**person, **overrides}


@cache
def probe_documents() -> tuple[RequestDocument, ...]:
    adult = RequestDocument.model_validate(
        {
            "program": "probe",
            "kind": "initial",
            "category": "medical",
            "postmarked_on": "2024-06-03",
            "beneficiary": _person(),
            "petitioner": _person(current_country="US"),
            "supporters": [
                {
                    "person": _person(current_country="US"),
                    "status_in_us": "citizen",
                    "annual_income_usd": 80000,
                    "household_size": 2,
                }
            ],
            "immigration_history": {
                "removal_orders": [{"ordered_on": "2015-01-02", "removed_on": "2015-02-01"}],
                "irregular_entries": [{"country": "MX", "entered_on": "2019-03-01"}],
                "pending_filings": [{"kind": "i485", "filed_on": "2024-01-10"}],
            },
            "urgency": {
                "life_threatening": True,
                "treatment_on": "2024-07-01",
                "event_kind": "funeral",
                "event_on": "2024-07-02",
            },
            "invitation": {
                "code": "PROBE-1",
                "issued_on": "2024-01-05",
                "petitioner_status": "citizen",
            },
            "attestations": {"vaccinations": True, "medical_screening": True, "tb_screening": True},
        }
    )
    child = RequestDocument.model_validate(
        {
            "program": "probe",
            "kind": "reparole",
            "category": "family_reunification",
            "postmarked_on": "2024-06-03",
            "beneficiary": _person(birth_date="2012-02-29", marital_status="single"),
            "relationship_to_principal": "child",
            "principal": _person(),
            "travelling_with": {"relationship": "parent", "person": _person()},
            "immigration_history": {
                "in_united_states": True,
                "prior_parole": {
                    "class_of_admission": "UHP",
                    "paroled_on": "2022-06-01",
                    "ends_on": "2024-06-01",
                },
            },
        }
    )
    return adult, child


def probe_problems(policy: ProgramVersionPolicy) -> list[tuple[Sequence[str | int], str]]:
    """Problems found running every compiled expression on the sample requests."""
    contexts = []
    for document in probe_documents():
        context = build_context(document)
        context.add_variable("params", policy.cel_params)
        contexts.append(context)
    problems: list[tuple[Sequence[str | int], str]] = []
    for path, owner, attribute, _source in expression_slots(policy):
        compiled = getattr(owner, attribute)
        for context in contexts:
            try:
                value = compiled.run(context)
            except MISSING_FACT_ERRORS:
                continue
            except Exception as exc:  # any other error is a mistake in the expression
                problems.append((path, f"{path[-1]}: cannot be evaluated: {_first_line(exc)}"))
                break
            if not isinstance(value, bool):
                problems.append(
                    (
                        path,
                        f"{path[-1]}: must give true or false, "
                        f"gave {type(value).__name__} {value!r}",
                    )
                )
                break
    return problems


def _first_line(exc: Exception) -> str:
    text = str(exc).split(". ", 1)[0]
    return f"{type(exc).__name__}: {text}"
