"""Family adjustment reads the Visa Bulletin month of the as-of date, at each cut-off's edge.

Final action dates as shipped from the bulletins' family-sponsored charts: F3 "all
chargeability" is 22 Dec 2011 in April 2026, 15 Feb 2012 in May and June 2026 and 15 Apr 2012 in
July 2026; F4 Philippines is 22 Jul 2006 in February 2026 and 1 Sep 2006 in March 2026; F4
Mexico is 1 Mar 2001 in January 2025 and 8 Apr 2001 in December 2025. A priority date is current
only when it is earlier than the month's date; one that is not needs legal review in a month
whose chart USCIS names for family cases is not on file (it may be the Dates for Filing chart).
Every month from January 2025, when the pathway policy starts, to July 2026 is on file; August
2026 is not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check


def _family_option(citizenship: str, category: str, priority_date: str, as_of: str) -> Any:
    request = {
        "person": {"citizenships": [citizenship], "birth_country": citizenship},
        "arrivals": [{"on": "2024-05-01", "document": "parole"}],
        "parole": [{"program": "u4u", "from_on": "2024-05-01", "until_on": "2027-04-30"}],
        "petition": {"category": category, "priority_date": priority_date, "approved": "yes"},
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date.fromisoformat(as_of))
    return next(option for option in answer.options if option.code == "family_adjustment")


@pytest.mark.parametrize(
    ("charge", "category", "priority_date", "as_of", "status", "cutoff"),
    [
        # F3, all chargeability (a Ukrainian is charged to no listed country).
        ("UA", "F3", "2012-02-14", "2026-04-30", "needs_legal_review", "2011-12-22"),
        ("UA", "F3", "2012-02-14", "2026-05-01", "may_apply", "2012-02-15"),
        ("UA", "F3", "2012-02-15", "2026-05-01", "needs_legal_review", "2012-02-15"),
        ("UA", "F3", "2012-02-15", "2026-06-30", "needs_legal_review", "2012-02-15"),
        ("UA", "F3", "2012-02-15", "2026-07-01", "may_apply", "2012-04-15"),
        # F4, Philippines row.
        ("PH", "F4", "2006-08-01", "2026-02-28", "needs_legal_review", "2006-07-22"),
        ("PH", "F4", "2006-08-01", "2026-03-01", "may_apply", "2006-09-01"),
        # F4, Mexico row: the first month on file and a later one.
        ("MX", "F4", "2001-03-01", "2025-01-01", "needs_legal_review", "2001-03-01"),
        ("MX", "F4", "2001-02-28", "2025-01-31", "may_apply", "2001-03-01"),
        ("MX", "F4", "2001-04-07", "2025-12-01", "may_apply", "2001-04-08"),
        ("MX", "F4", "2001-04-08", "2025-12-31", "needs_legal_review", "2001-04-08"),
    ],
)
def test_the_month_of_the_as_of_date_decides_whether_the_priority_date_is_current(
    charge: str, category: str, priority_date: str, as_of: str, status: str, cutoff: str
):
    option = _family_option(charge, category, priority_date, as_of)
    key = "ALL" if charge == "UA" else charge
    assert option.status == status
    line = f"{as_of[:7]} final action date for {category} ({key}): {cutoff}"
    assert any(line in step for step in option.window.computation)


@pytest.mark.parametrize("as_of", ["2026-08-01", "2026-08-31"])
def test_a_month_after_those_on_file_is_not_answered_from_another_month(as_of: str):
    option = _family_option("UA", "F3", "2001-01-01", as_of)
    assert option.status == "needs_legal_review"
    months = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]
    assert f"only for {', '.join(months)} and 2026-07; for {as_of[:7]}" in option.summary


def _f2b_for(person: dict[str, Any], as_of: str = "2025-01-15") -> Any:
    request = {
        "person": person,
        "arrivals": [{"on": "2024-09-01", "document": "parole"}],
        "parole": [{"program": "frp", "from_on": "2024-09-01", "until_on": "2027-08-31"}],
        "petition": {"category": "F2B", "priority_date": "2006-01-01", "approved": "yes"},
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date.fromisoformat(as_of))
    return next(option for option in answer.options if option.code == "family_adjustment")


def test_the_row_is_the_country_of_birth_not_the_citizenship():
    # January 2025, F2B: all chargeability 22 May 2016, Mexico 1 Jul 2005.
    option = _f2b_for({"citizenships": ["GT"], "birth_country": "MX"})
    assert option.status == "needs_legal_review"  # not current; USCIS's chart not on file
    assert any("(MX): 2005-07-01" in step for step in option.window.computation)
    assert any("9 FAM 503.2-2" in step for step in option.window.computation)
    born_in_guatemala = _f2b_for({"citizenships": ["MX"], "birth_country": "GT"})
    assert born_in_guatemala.status == "may_apply"
    assert any("(ALL): 2016-05-22" in s for s in born_in_guatemala.window.computation)


def test_an_unknown_country_of_birth_is_asked_for():
    option = _f2b_for({"citizenships": ["GT"]})
    assert option.status == "needs_information"
    assert option.missing_facts == ["person.birth_country"]


def test_a_stated_chargeability_is_used_as_given():
    request = {
        "person": {"citizenships": ["GT"], "birth_country": "MX"},
        "arrivals": [{"on": "2024-09-01", "document": "parole"}],
        "parole": [{"program": "frp", "from_on": "2024-09-01", "until_on": "2027-08-31"}],
        "petition": {
            "category": "F2B",
            "priority_date": "2006-01-01",
            "approved": "yes",
            "chargeability": "GT",
        },
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date(2025, 1, 15))
    option = next(o for o in answer.options if o.code == "family_adjustment")
    assert option.status == "may_apply"
