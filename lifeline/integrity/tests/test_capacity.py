"""Sponsor capacity ledger against the HHS poverty guidelines."""

import pytest

from lifeline.core.errors import ValidationFailed
from lifeline.integrity.screening.capacity import assess_capacity, poverty_guideline_usd


@pytest.mark.parametrize(
    ("year", "region", "people", "expected"),
    [
        (2022, "48", 1, 13590),
        (2023, "48", 1, 14580),
        (2024, "48", 1, 15060),
        (2025, "48", 1, 15650),
        (2025, "48", 4, 32150),
        (2025, "48", 8, 54150),
        (2025, "AK", 1, 19550),
        (2025, "HI", 1, 17990),
        (2024, "48", 2, 20440),
    ],
)
def test_guideline_values(year, region, people, expected):
    assert poverty_guideline_usd(year=year, region=region, people=people) == expected


@pytest.mark.parametrize(
    ("income", "over_pledged"), [(32149, True), (32150, False), (32151, False)]
)
def test_over_pledging_boundary_is_the_guideline_itself(income, over_pledged):
    # a household of two pledging two more: the 2025 guideline for four is $32,150
    result = assess_capacity(
        year=2025, state="IL", household_size=2, beneficiaries_pledged=2, annual_income_usd=income
    )
    assert result.is_over_pledged is over_pledged
    assert result.shortfall_usd == max(0, 32150 - income)


def test_alaska_and_hawaii_use_their_own_tables():
    kwargs = {"year": 2025, "household_size": 1, "beneficiaries_pledged": 0}
    assert assess_capacity(state="ak", annual_income_usd=0, **kwargs).required_income_usd == 19550
    assert assess_capacity(state="HI", annual_income_usd=0, **kwargs).region == "HI"
    assert assess_capacity(state="DC", annual_income_usd=0, **kwargs).region == "48"


@pytest.mark.parametrize(("income", "supported"), [(15649, 0), (21149, 0), (21150, 1), (32150, 3)])
def test_most_beneficiaries_an_income_supports(income, supported):
    result = assess_capacity(
        year=2025, state="TX", household_size=1, beneficiaries_pledged=0, annual_income_usd=income
    )
    assert result.max_beneficiaries_supported == supported


def test_a_higher_percentage_of_the_guideline_raises_the_bar():
    result = assess_capacity(
        year=2025, state="TX", household_size=1, beneficiaries_pledged=0,
        annual_income_usd=15650, percent_of_guideline=125,
    )  # fmt: skip
    assert result.required_income_usd == 19563
    assert result.is_over_pledged


@pytest.mark.parametrize(
    "kwargs",
    [
        {"year": 1999, "household_size": 1, "beneficiaries_pledged": 0, "annual_income_usd": 1},
        {"year": 2025, "household_size": 0, "beneficiaries_pledged": 0, "annual_income_usd": 1},
        {"year": 2025, "household_size": 1, "beneficiaries_pledged": -1, "annual_income_usd": 1},
        {"year": 2025, "household_size": 1, "beneficiaries_pledged": 0, "annual_income_usd": -5},
    ],
)
def test_bad_ledger_input_is_refused(kwargs):
    with pytest.raises(ValidationFailed):
        assess_capacity(state="TX", **kwargs)
