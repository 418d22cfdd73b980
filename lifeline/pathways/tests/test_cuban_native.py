"""The Cuban Adjustment Act turns on being a native (born in Cuba) or a citizen of Cuba, and on
inspection and admission or parole (Pub. L. 89-732 sec. 1: "any alien who is a native or
citizen of Cuba and who has been inspected and admitted or paroled into the United States")."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check


def _cuban_adjustment(person: dict[str, Any], arrivals: list[dict[str, Any]] | None = None) -> Any:
    request = {
        "person": person,
        "arrivals": arrivals or [{"on": "2024-05-01", "document": "parole"}],
        "parole": [{"program": "chnv_venezuela", "from_on": "2024-05-01", "until_on": "2026-04-30"}]
        if arrivals is None
        else [],
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date(2025, 6, 1))
    return next(option for option in answer.options if option.code == "cuban_adjustment")


def test_another_citizenship_without_the_country_of_birth_asks_for_the_country_of_birth():
    option = _cuban_adjustment({"citizenships": ["VE"]})
    assert option.status == "needs_information"
    assert option.missing_facts == ["person.birth_country"]


@pytest.mark.parametrize(
    ("birth_country", "status"), [("CU", "may_apply"), ("VE", "not_available")]
)
def test_the_country_of_birth_decides_for_a_citizen_of_another_country(
    birth_country: str, status: str
):
    assert (
        _cuban_adjustment({"citizenships": ["VE"], "birth_country": birth_country}).status == status
    )


def test_a_citizen_of_cuba_needs_no_country_of_birth():
    assert _cuban_adjustment({"citizenships": ["CU"]}).status == "may_apply"


def test_an_entry_without_inspection_and_no_parole_is_not_inspected_admitted_or_paroled():
    entered = [{"on": "2023-05-01", "document": "without_inspection"}]
    option = _cuban_adjustment({"citizenships": ["CU"], "birth_country": "CU"}, entered)
    assert option.status == "not_available"
    assert "without inspection" in option.summary
