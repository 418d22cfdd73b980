"""A family member stated neither to travel with nor join the principal is not part of the
request: not screened, not priced, and counted apart (ADR 0278)."""

from __future__ import annotations

from typing import Any

import pytest

from lifeline.programs.evaluation import get_filing_fee_due_cents, prescreen
from lifeline.programs.tests.builders import BASES, EVALUATED_AT, document, person

PROGRAMS = ["general", "u4u", "chnv_venezuela"]


def _member(program: str, relationship: str, born: str, travelling: bool | None) -> dict[str, Any]:
    principal = BASES[program]["beneficiary"]
    return {
        "relationship": relationship,
        "person": person(
            given_name="Other",
            birth_date=born,
            citizenships=principal["citizenships"],
            current_country=principal["current_country"],
            passport={**principal["passport"], "number": "X7654321"},
        ),
        "travelling_with_principal": travelling,
    }


def _spouse(program: str, travelling: bool | None) -> dict[str, Any]:
    return _member(program, "spouse", "1984-02-02", travelling)


def _adult_child(program: str, travelling: bool | None) -> dict[str, Any]:
    return _member(program, "child", "2003-04-04", travelling)


def _request(program: str, household: list[dict[str, Any]], **changes: Any):
    return document(
        program,
        {"beneficiary.marital_status": "married", "household": household, **changes},
    )


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("make", [_spouse, _adult_child], ids=["spouse", "adult_child"])
def test_a_member_stated_not_to_travel_is_not_screened_or_priced(program, make):
    result = prescreen(_request(program, [make(program, False)]), evaluated_at=EVALUATED_AT)
    alone = prescreen(_request(program, []), evaluated_at=EVALUATED_AT)

    member = result.people[1]
    assert member.outcome == "not_applicable"
    assert "not part of this request" in member.outcome_explanation
    assert member.rules == [] and member.fees == []
    assert result.household is not None
    assert result.household.people == 1
    assert result.household.not_part_of_request == 1
    assert sum(result.household.outcomes.values()) == 1
    assert "not part of the request" in result.outcome_explanation
    # The principal's answer is the one they would have alone.
    assert result.outcome == alone.outcome
    assert [(r.id, r.result) for r in result.rules] == [(r.id, r.result) for r in alone.rules]


@pytest.mark.parametrize("make", [_spouse, _adult_child], ids=["spouse", "adult_child"])
def test_the_filing_fee_due_leaves_out_a_member_not_travelling(make):
    """General parole charges a filing fee a person (U4U and CHNV none: their fee lines are
    checked above, empty for a member not travelling)."""
    staying = _request("general", [make("general", False)])
    unknown = _request("general", [make("general", None)])
    per_person = get_filing_fee_due_cents(_request("general", []))
    assert per_person > 0
    assert get_filing_fee_due_cents(staying) == per_person
    assert get_filing_fee_due_cents(unknown) == 2 * per_person


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("travelling", [None, True])
def test_a_member_travelling_or_not_said_is_screened_and_priced(program, travelling):
    result = prescreen(_request(program, [_spouse(program, travelling)]), evaluated_at=EVALUATED_AT)
    member = result.people[1]
    assert member.outcome != "not_applicable"
    assert member.rules and member.fees
    assert result.household is not None
    assert result.household.people == 2
    assert result.household.not_part_of_request == 0


def test_general_parole_prices_and_screens_only_the_members_who_travel():
    """The case of the issue: a spouse answered "No" is neither priced ($630 filing, $1,000
    parole fee) nor asked for information."""
    filed = {"filed_on": "2025-11-01", "urgency": {"diagnosis": "x", "treatment_on": "2025-12-01"}}
    staying = _request("general", [_spouse("general", False)], **filed)
    unknown = _request("general", [_spouse("general", None)], **filed)
    assert get_filing_fee_due_cents(staying) == 630_00
    assert get_filing_fee_due_cents(unknown) == 1_260_00
    result = prescreen(staying, evaluated_at=EVALUATED_AT)
    assert result.people[1].outcome == "not_applicable"
    remitted = next(r for r in result.rules if r.id == "filing_fee_remitted")
    assert remitted.result == "pass"
    open_result = prescreen(unknown, evaluated_at=EVALUATED_AT)
    assert open_result.people[1].outcome == "needs_information"
    assert any(fee.amount_usd == 1000 for fee in open_result.people[1].fees)


@pytest.mark.parametrize(
    ("program", "companion", "minor_rule"),
    [
        # CHNV and U4U: a minor must travel with a parent or guardian. One stated not to travel
        # with the principal but with nobody fails that rule, with the companion not said is
        # asked about it, and with their other parent passes it.
        ("chnv_venezuela", "none", "fail"),
        ("chnv_venezuela", None, "unknown"),
        ("chnv_venezuela", "parent", "pass"),
        ("u4u", "none", "fail"),
        ("u4u", "parent", "pass"),
    ],
)
def test_a_minor_not_travelling_with_the_principal_stays_in_the_request(
    program, companion, minor_rule
):
    child = _member(program, "child", "2015-05-05", False)
    if companion == "none":
        child["travelling_with"] = {"none": True}
    elif companion is not None:
        child["travelling_with"] = {
            "relationship": companion,
            "person": person(given_name="Mother", birth_date="1986-03-03"),
        }
    result = prescreen(_request(program, [child]), evaluated_at=EVALUATED_AT)
    member = result.people[1]
    assert member.outcome != "not_applicable"
    ran = {rule.id: rule.result for rule in member.rules}
    assert ran["minor_travels_with_parent_or_guardian"] == minor_rule
    assert member.fees
    assert result.household is not None and result.household.not_part_of_request == 0
