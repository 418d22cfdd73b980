"""Venezuela's 2023 designation under the 2025 extension, its vacatur and the orders on both.

90 FR 5961 (17 Jan 2025): "extending the 2023 designation ... beginning on April 3, 2025, and
ending on October 2, 2026". 90 FR 8805 (3 Feb 2025): "The vacatur is effective immediately";
90 FR 9040: the designation "is set to expire on April 2, 2025". The N.D. Cal. order of 31 Mar
2025 held the vacatur back until the Supreme Court's stay of 19 May 2025 (No. 24A1059); its
judgment of 5 Sep 2025 set the vacatur aside until the stay of 3 Oct 2025 (No. 25A326).
"""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.pathways.registry import get_pathway_registry

EXTENDED = dt.date(2026, 10, 2)
ORIGINAL = dt.date(2025, 4, 2)


@pytest.mark.parametrize(
    ("as_of", "ends_on", "status"),
    [
        ("2025-01-16", ORIGINAL, "active"),
        ("2025-01-17", EXTENDED, "active"),
        ("2025-02-02", EXTENDED, "active"),
        ("2025-02-03", ORIGINAL, "active"),
        ("2025-03-30", ORIGINAL, "active"),
        ("2025-03-31", EXTENDED, "active"),
        ("2025-05-18", EXTENDED, "active"),
        ("2025-05-19", ORIGINAL, "terminated"),
        ("2025-09-04", ORIGINAL, "terminated"),
        ("2025-09-05", EXTENDED, "active"),
        ("2025-10-02", EXTENDED, "active"),
        ("2025-10-03", ORIGINAL, "terminated"),
    ],
)
def test_the_end_of_the_2023_designation_follows_the_extension_vacatur_and_orders(
    as_of: str, ends_on: dt.date, status: str
):
    state = get_pathway_registry().timeline.state_on("tps:ve", dt.date.fromisoformat(as_of))
    assert state.ends_on == ends_on
    assert state.status == status


def test_while_an_order_holds_the_vacatur_back_the_answer_names_it_and_needs_review():
    state = get_pathway_registry().timeline.state_on("tps:ve", dt.date(2025, 4, 15))
    assert "tps_ve_ndcal_vacatur_postponed" in [order.id for order in state.orders_in_force]
    assert any("31 Mar 2025 was not read" in detail for detail in state.unread_details)


@pytest.mark.parametrize(
    ("as_of", "ends_on", "status"),
    [
        # 90 FR 8805: the extension "also had the effect of extending the 2021 designation";
        # 90 FR 43225: that designation "is set to expire on September 10, 2025" and is
        # terminated "effective at 11:59 p.m., local time, on November 7, 2025".
        ("2025-01-16", dt.date(2025, 9, 10), "active"),
        ("2025-01-17", EXTENDED, "active"),
        ("2025-02-03", dt.date(2025, 9, 10), "active"),
        ("2025-09-04", dt.date(2025, 9, 10), "active"),
        ("2025-09-05", EXTENDED, "active"),
        ("2025-10-03", dt.date(2025, 9, 10), "active"),
        ("2025-11-07", dt.date(2025, 9, 10), "active"),
        ("2025-11-08", dt.date(2025, 9, 10), "terminated"),
    ],
)
def test_the_2021_designation_shares_the_extension_and_its_vacatur(
    as_of: str, ends_on: dt.date, status: str
):
    state = get_pathway_registry().timeline.state_on("tps:ve_2021", dt.date.fromisoformat(as_of))
    assert state.ends_on == ends_on
    assert state.status == status
