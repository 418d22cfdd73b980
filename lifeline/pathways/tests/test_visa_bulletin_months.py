"""Family adjustment reads the Visa Bulletin month of the as-of date, at each cut-off's edge.

Final action dates as shipped from the bulletins' family-sponsored charts: F3 "all
chargeability" is 22 Dec 2011 in April 2026, 15 Feb 2012 in May and June 2026 and 15 Apr 2012 in
July 2026; F4 Philippines is 22 Jul 2006 in February 2026 and 1 Sep 2006 in March 2026; F4
Mexico is 8 Apr 2001 from December 2025 to July 2026. A priority date is current only when it is
earlier than the month's date. November 2025 and August 2026 are not on file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check


def _family_option(citizenship: str, category: str, priority_date: str, as_of: str) -> Any:
    request = {
        "person": {"citizenships": [citizenship]},
        "arrivals": [{"on": "2024-05-01", "document": "parole"}],
        "parole": [{"program": "u4u", "from_on": "2024-05-01", "until_on": "2027-04-30"}],
        "petition": {"category": category, "priority_date": priority_date, "approved": "yes"},
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date.fromisoformat(as_of))
    return next(option for option in answer.options if option.code == "family_adjustment")


@pytest.mark.parametrize(
    ("citizenship", "category", "priority_date", "as_of", "status", "month_line"),
    [
        # F3, all chargeability (a Ukrainian is charged to no listed country).
        ("UA", "F3", "2012-02-14", "2026-04-30", "not_yet", "2026-04 final action date for F3 (ALL): 2011-12-22"),
        ("UA", "F3", "2012-02-14", "2026-05-01", "may_apply", "2026-05 final action date for F3 (ALL): 2012-02-15"),
        ("UA", "F3", "2012-02-15", "2026-05-01", "not_yet", "2026-05 final action date for F3 (ALL): 2012-02-15"),
        ("UA", "F3", "2012-02-15", "2026-06-30", "not_yet", "2026-06 final action date for F3 (ALL): 2012-02-15"),
        ("UA", "F3", "2012-02-15", "2026-07-01", "may_apply", "2026-07 final action date for F3 (ALL): 2012-04-15"),
        # F4, Philippines row.
        ("PH", "F4", "2006-08-01", "2026-02-28", "not_yet", "2026-02 final action date for F4 (PH): 2006-07-22"),
        ("PH", "F4", "2006-08-01", "2026-03-01", "may_apply", "2026-03 final action date for F4 (PH): 2006-09-01"),
        # F4, Mexico row, the first month on file.
        ("MX", "F4", "2001-04-07", "2025-12-01", "may_apply", "2025-12 final action date for F4 (MX): 2001-04-08"),
        ("MX", "F4", "2001-04-08", "2025-12-31", "not_yet", "2025-12 final action date for F4 (MX): 2001-04-08"),
    ],
)
def test_the_month_of_the_as_of_date_decides_whether_the_priority_date_is_current(
    citizenship: str, category: str, priority_date: str, as_of: str, status: str, month_line: str
):
    option = _family_option(citizenship, category, priority_date, as_of)
    assert option.status == status
    assert any(month_line in step for step in option.window.computation)


@pytest.mark.parametrize("as_of", ["2025-11-30", "2026-08-01"])
def test_a_month_before_or_after_those_on_file_is_not_answered_from_another_month(as_of: str):
    option = _family_option("UA", "F3", "2001-01-01", as_of)
    assert option.status == "needs_legal_review"
    assert f"only for 2025-12, 2026-01, 2026-02, 2026-03, 2026-04, 2026-05, 2026-06 and 2026-07; for {as_of[:7]}" in option.summary
