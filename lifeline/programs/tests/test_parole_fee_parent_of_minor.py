"""The parole fee's exception for the parent or guardian of a minor with a medical emergency,
8 U.S.C. 1804(b)(2), read from the household of one request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.programs.evaluation import prescreen
from lifeline.programs.tests.builders import document, person

# The fee is priced on the grant date, or without one on the date of the question.
AS_OF = dt.datetime(2025, 11, 10, 12, 0, tzinfo=dt.UTC)
B1 = "8 U.S.C. 1804(b)(1)"
B2 = "8 U.S.C. 1804(b)(2)"


def _child(born: str, **facts: Any) -> dict[str, Any]:
    return {
        "relationship": "child",
        "person": person(birth_date=born, citizenships=["AF"], current_country="PK"),
        "travelling_with_principal": True,
        **facts,
    }


def _spouse() -> dict[str, Any]:
    return {
        "relationship": "spouse",
        "person": person(
            given_name="Other", birth_date="1984-02-02", citizenships=["AF"], current_country="PK"
        ),
        "travelling_with_principal": True,
    }


def _parole_fees(household: list[dict[str, Any]]) -> list[Any]:
    doc = document(
        "general",
        {
            "filed_on": "2025-11-01",
            "beneficiary.marital_status": "married",
            "urgency": {"diagnosis": "x", "treatment_on": "2025-12-01"},
            "household": household,
        },
    )
    result = prescreen(doc, evaluated_at=AS_OF)
    return [
        next(fee for fee in person.fees if fee.kind == "parole_grant") for person in result.people
    ]


EMERGENCY = {"medical_emergency": True, "treatment_unavailable_at_home": True}


@pytest.mark.parametrize(
    ("born", "facts", "parent_usd", "child_usd"),
    [
        # (b)(1): "(A) the alien has a medical emergency; and (B)(i) the alien cannot obtain
        # necessary treatment in the foreign state in which the alien is residing"; (b)(2): "(A)
        # the alien is the parent or legal guardian of an alien described in paragraph (1); and
        # (B) the alien described in paragraph (1) is a minor".
        ("2015-03-01", EMERGENCY, 0, 0),
        # A minor on the day the fee is priced: 17 on 10 November 2025, not 18.
        ("2007-11-11", EMERGENCY, 0, 0),
        ("2007-11-10", EMERGENCY, 1000, 0),
        # Paragraph (1) needs both conditions.
        (
            "2015-03-01",
            {"medical_emergency": True, "treatment_unavailable_at_home": False},
            1000,
            1000,
        ),
        (
            "2015-03-01",
            {"medical_emergency": False, "treatment_unavailable_at_home": True},
            1000,
            1000,
        ),
        ("2015-03-01", {"medical_emergency": True}, 1000, 1000),
        ("2015-03-01", {}, 1000, 1000),
    ],
)
def test_the_parent_of_a_minor_exempt_under_paragraph_1_is_exempt_under_paragraph_2(
    born, facts, parent_usd, child_usd
):
    parent, child = _parole_fees([_child(born, **facts)])
    assert (parent.amount_usd, child.amount_usd) == (parent_usd, child_usd)
    if parent_usd == 0:
        assert parent.reason.startswith(f"Exempt: {B2}")
        assert "the parent or legal guardian of an alien described in" in parent.reason
        assert parent.citation is not None and "1804(b)(2)" in parent.citation.authority
    if child_usd == 0:
        assert child.reason.startswith(f"Exempt: {B1}")


def test_a_minor_whose_treatment_at_home_is_not_known_leaves_both_exceptions_open():
    parent, child = _parole_fees([_child("2015-03-01", medical_emergency=True)])
    assert "Not known whether exempt" in parent.reason and B2 in parent.reason
    assert "Not known whether exempt" in child.reason and B1 in child.reason


def test_no_emergency_stated_for_a_child_leaves_the_parent_exception_to_the_officer_only():
    parent, _child_fee = _parole_fees([_child("2015-03-01")])
    assert B2 not in parent.reason  # neither applied nor left open
    assert "the accompanying parent or guardian of a minor in a medical emergency" in parent.reason


@pytest.mark.parametrize(
    ("companion", "spouse_usd"),
    [
        # The child travels in the spouse's care as parent or legal guardian.
        ("parent", 0),
        ("legal_guardian", 0),
        # Another adult, or no companion stated: the spouse's tie to the child is not shown.
        ("other_adult", 1000),
        (None, 1000),
    ],
)
def test_a_spouse_is_exempt_only_where_the_request_shows_them_as_the_minors_parent_or_guardian(
    companion, spouse_usd
):
    spouse = _spouse()
    child = _child("2015-03-01", **EMERGENCY)
    if companion is not None:
        child["travelling_with"] = {"relationship": companion, "person": spouse["person"]}
    parent, spouse_fee, child_fee = _parole_fees([spouse, child])
    assert (parent.amount_usd, spouse_fee.amount_usd, child_fee.amount_usd) == (0, spouse_usd, 0)


def test_a_child_is_not_exempt_under_paragraph_2_for_a_sibling():
    ill = _child("2015-03-01", **EMERGENCY)
    sibling = _child("2013-05-05")
    sibling["person"] = {**sibling["person"], "given_name": "Sibling"}
    _parent, _ill, sibling_fee = _parole_fees([ill, sibling])
    assert sibling_fee.amount_usd == 1000
