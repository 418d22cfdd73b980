"""A list fact left out is unknown and an empty list says "none", rule by rule and for v1 data."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.programs.documents import RequestDocument
from lifeline.programs.tests.builders import DROP, person, rule, screen
from lifeline.programs.upgrades import upgrade_stored_document

CHNV = ("chnv_cuba", "chnv_haiti", "chnv_nicaragua", "chnv_venezuela")
REMOVAL = "no_removal_order_in_prior_5_years"
IRREGULAR = "no_irregular_entry_after_notice"
ELSEWHERE = "principal_not_dual_national_resident_or_refugee_elsewhere"
# The CHNV base documents are postmarked on 2023-06-01 (see builders.BASES).
FIVE_YEARS_BEFORE = "2018-06-01"
A_DAY_LATER = "2018-06-02"


@pytest.mark.parametrize("program", CHNV)
@pytest.mark.parametrize(
    ("path", "value", "rule_id", "result", "outcome"),
    [
        ("immigration_history.removal_orders", DROP, REMOVAL, "unknown", "needs_information"),
        ("immigration_history.removal_orders", [], REMOVAL, "pass", "meets_criteria"),
        ("immigration_history.irregular_entries", DROP, IRREGULAR, "unknown", "needs_information"),
        ("immigration_history.irregular_entries", [], IRREGULAR, "pass", "meets_criteria"),
        ("beneficiary.permanent_resident_of", DROP, ELSEWHERE, "unknown", "needs_information"),
        ("beneficiary.permanent_resident_of", [], ELSEWHERE, "pass", "meets_criteria"),
        ("beneficiary.refugee_status_in", DROP, ELSEWHERE, "unknown", "needs_information"),
        ("beneficiary.refugee_status_in", None, ELSEWHERE, "unknown", "needs_information"),
        ("beneficiary.refugee_status_in", [], ELSEWHERE, "pass", "meets_criteria"),
    ],
)
def test_a_list_left_out_is_unknown_and_an_empty_list_is_none(
    program, path, value, rule_id, result, outcome
):
    screened = screen(program, {path: value})
    assert rule(screened, rule_id).result == result
    assert screened.outcome == outcome


@pytest.mark.parametrize(
    ("ordered_on", "result"),
    [(FIVE_YEARS_BEFORE, "pass"), (A_DAY_LATER, "fail")],
)
def test_a_removal_order_within_the_prior_five_years_is_a_stated_bar(ordered_on, result):
    """88 FR 1266: ineligible if "ordered removed from the United States within the prior five
    years"; an order on the day five years before the postmark is outside that window."""
    orders = [{"ordered_on": ordered_on, "removed_on": ordered_on}]
    screened = screen("chnv_cuba", {"immigration_history.removal_orders": orders})
    assert rule(screened, REMOVAL).result == result


def test_a_household_member_whose_lists_are_left_out_needs_information():
    member = {
        "relationship": "spouse",
        "person": person(citizenships=["CU"], current_country="CU", permanent_resident_of=None),
        "travelling_with_principal": True,
        "immigration_history": {"in_united_states": False, "in_removal_proceedings": False},
        "attestations": {"vaccinations": True},
    }
    screened = screen("chnv_cuba", {"household": [member]})
    spouse = next(p for p in screened.people if p.person == "household[0]")
    assert spouse.outcome == "needs_information"
    assert {r.id for r in spouse.rules if r.result == "unknown"} >= {REMOVAL, IRREGULAR}


@pytest.mark.parametrize(
    ("path", "stored", "after"),
    [
        (("immigration_history", "removal_orders"), [], None),
        (("immigration_history", "irregular_entries"), [], None),
        (("immigration_history", "pending_filings"), [], None),
        (
            ("immigration_history", "removal_orders"),
            [{"ordered_on": "2015-01-02"}],
            [{"ordered_on": dt.date(2015, 1, 2), "removed_on": None}],
        ),
        (("beneficiary", "permanent_resident_of"), [], None),
        (("beneficiary", "refugee_status_in"), [], None),
        (("beneficiary", "refugee_status_in"), ["CA"], ["CA"]),
    ],
)
def test_a_stored_v1_empty_list_was_written_by_default_and_becomes_unknown(path, stored, after):
    v1 = {
        "program": "general",
        "category": "medical",
        "filed_on": "2026-10-05",
        "beneficiary": person(),
        "immigration_history": {},
    }
    v1[path[0]][path[1]] = stored
    upgraded = RequestDocument.model_validate(upgrade_stored_document(v1))
    value = getattr(getattr(upgraded, path[0]), path[1])
    if after is not None and path[1] == "removal_orders":
        value = [order.model_dump() for order in value]
    assert value == after
