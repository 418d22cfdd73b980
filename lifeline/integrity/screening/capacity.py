"""Sponsor capacity ledger: people pledged against declared income and the HHS guidelines."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lifeline.core.errors import ValidationFailed

GUIDELINES_FILE = Path(__file__).resolve().parent.parent / "data" / "hhs_poverty_guidelines.csv"
# I-134 / I-134A: the supporter should show income at or above 100% of the HHS poverty
# guideline for a household made of the supporter's own household plus everyone pledged.
DEFAULT_PERCENT_OF_GUIDELINE = 100


@dataclass(frozen=True)
class CapacityAssessment:
    """The ledger for one supporter in one guideline year."""

    year: int
    region: str
    household_size: int
    beneficiaries_pledged: int
    annual_income_usd: int
    required_income_usd: int
    max_beneficiaries_supported: int

    @property
    def is_over_pledged(self) -> bool:
        return self.annual_income_usd < self.required_income_usd

    @property
    def shortfall_usd(self) -> int:
        return max(0, self.required_income_usd - self.annual_income_usd)


@cache
def _guidelines() -> dict[tuple[int, str], tuple[int, int]]:
    with GUIDELINES_FILE.open(encoding="utf-8") as handle:
        return {
            (int(row["year"]), row["region"]): (
                int(row["base_usd"]),
                int(row["per_additional_person_usd"]),
            )
            for row in csv.DictReader(handle)
        }


def region_for_state(state: str) -> str:
    """'AK' and 'HI' have their own guidelines; every other state and DC use the 48's."""
    code = state.strip().upper()
    return code if code in {"AK", "HI"} else "48"


def poverty_guideline_usd(*, year: int, region: str, people: int) -> int:
    """The HHS poverty guideline for a household of `people` in that year and region."""
    if people < 1:
        raise ValidationFailed("A household has at least one person.")
    try:
        base, step = _guidelines()[(year, region)]
    except KeyError:
        raise ValidationFailed(
            f"No HHS poverty guideline for {year} ({region}) is shipped; add it to the data file."
        ) from None
    return base + (people - 1) * step


def assess_capacity(
    *,
    year: int,
    state: str,
    household_size: int,
    beneficiaries_pledged: int,
    annual_income_usd: int,
    percent_of_guideline: int = DEFAULT_PERCENT_OF_GUIDELINE,
) -> CapacityAssessment:
    """Required income = percent x guideline(household_size + beneficiaries_pledged); the
    supporter is over-pledged when the declared income is below it."""
    if household_size < 1 or beneficiaries_pledged < 0 or annual_income_usd < 0:
        raise ValidationFailed("Household size >= 1, pledges and income >= 0 are required.")
    region = region_for_state(state)

    def required(pledged: int) -> int:
        guideline = poverty_guideline_usd(year=year, region=region, people=household_size + pledged)
        return -(-guideline * percent_of_guideline // 100)  # round up to whole dollars

    required_now = required(beneficiaries_pledged)  # also refuses a year with no guideline
    base, step = _guidelines()[(year, region)]
    estimate = (annual_income_usd * 100 // percent_of_guideline - base) // step
    supported = max(0, estimate - household_size + 1)
    while supported > 0 and required(supported) > annual_income_usd:
        supported -= 1
    while required(supported + 1) <= annual_income_usd:
        supported += 1
    return CapacityAssessment(
        year=year,
        region=region,
        household_size=household_size,
        beneficiaries_pledged=beneficiaries_pledged,
        annual_income_usd=annual_income_usd,
        required_income_usd=required_now,
        max_beneficiaries_supported=supported,
    )
