"""Family adjustment by the chart USCIS names for the month: in July 2026 the Dates for Filing
chart, read in a copy of the USCIS page ("For all family-sponsored preference categories, you
must use the Dates for Filing chart in the Department of State Visa Bulletin for July 2026.").
That chart gives F3 all chargeability 8 Dec 2012 and F4 all chargeability 1 Mar 2010; the final
action chart gives 15 Apr 2012 and 1 Jan 2009."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check


def _family(category: str, priority_date: str, as_of: str) -> Any:
    request = {
        "person": {"citizenships": ["CO"], "birth_country": "CO"},
        "arrivals": [{"on": "2024-05-01", "document": "parole"}],
        "parole": [{"program": "frp", "from_on": "2024-05-01", "until_on": "2027-04-30"}],
        "petition": {"category": category, "priority_date": priority_date, "approved": "yes"},
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date.fromisoformat(as_of))
    return next(option for option in answer.options if option.code == "family_adjustment")


@pytest.mark.parametrize(
    ("category", "priority_date", "status"),
    [
        ("F3", "2012-12-07", "may_apply"),  # the day before the Dates for Filing date
        ("F3", "2012-12-08", "not_yet"),  # the day of it
        ("F3", "2012-12-09", "not_yet"),
        ("F4", "2010-02-28", "may_apply"),
        ("F4", "2010-03-01", "not_yet"),
    ],
)
def test_july_2026_files_by_the_dates_for_filing_chart_uscis_names(
    category: str, priority_date: str, status: str
):
    option = _family(category, priority_date, "2026-07-15")
    assert option.status == status
    steps = " ".join(option.window.computation)
    assert "USCIS named the Dates for Filing chart for family cases in 2026-07" in steps
    assert any("Adjustment of Status Filing Charts" in c.authority for c in option.citations)
    if status == "not_yet":
        assert "Dates for Filing chart that USCIS accepts" in option.summary
    else:
        assert option.summary.startswith(
            "Your priority date is current on the Dates for Filing chart USCIS accepts this month;"
        )


def test_a_date_current_on_the_final_action_chart_needs_no_other_chart():
    option = _family("F3", "2012-04-14", "2026-07-01")
    assert option.status == "may_apply"
    assert "USCIS named" not in " ".join(option.window.computation)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2026-06-30", "needs_legal_review"),
        ("2026-07-01", "may_apply"),
        ("2026-07-15", "may_apply"),
    ],
)
def test_a_month_whose_uscis_chart_is_not_on_file_needs_review_not_a_flat_not_yet(
    as_of: str, status: str
):
    option = _family("F3", "2012-06-01", as_of)
    assert option.status == status
    if status == "needs_legal_review":
        assert "check the Dates for Filing chart" in option.summary
