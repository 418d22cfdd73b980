"""Family Reunification Parole at its boundaries: country start dates, invitation, termination."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.parole.terms import Filing, apply_termination, termination_in_force
from lifeline.programs.registry import get_registry
from lifeline.programs.tests.builders import DROP, rule, screen
from lifeline.programs.timeline_files import get_timeline

COUNTRY_RULE = "principal_national_of_process_country_on_filing_date"


@pytest.mark.parametrize(
    ("country", "filed_on", "expected"),
    [
        ("CO", "2023-07-09", "fail"),
        ("CO", "2023-07-10", "pass"),
        ("CO", "2023-07-11", "pass"),
        ("GT", "2023-07-10", "pass"),
        ("HN", "2023-07-10", "pass"),
        ("SV", "2023-07-10", "pass"),
        ("CU", "2023-08-10", "fail"),
        ("CU", "2023-08-11", "pass"),
        ("HT", "2023-08-10", "fail"),
        ("HT", "2023-08-11", "pass"),
        ("EC", "2023-11-15", "fail"),
        ("EC", "2023-11-16", "pass"),
        ("EC", "2023-11-17", "pass"),
        ("MX", "2024-01-10", "fail"),
    ],
)
def test_each_country_joins_on_its_start_date(country, filed_on, expected):
    result = screen(
        "frp",
        {
            "filed_on": filed_on,
            "beneficiary.citizenships": [country],
            "invitation.issued_on": "2023-07-01",
        },
    )
    assert rule(result, COUNTRY_RULE).result == expected
    if expected == "fail":
        assert result.outcome == "not_accepted"


@pytest.mark.parametrize(
    ("changes", "rule_id", "expected", "outcome"),
    [
        ({"invitation": DROP}, "invitation_received_before_filing", "unknown", "needs_information"),
        (
            {"invitation.issued_on": "2024-02-20"},
            "invitation_received_before_filing",
            "pass",
            "meets_criteria",
        ),
        (
            {"invitation.issued_on": "2024-02-21"},
            "invitation_received_before_filing",
            "fail",
            "not_accepted",
        ),
        ({"invitation.i130_approved": False}, "i130_petition_approved", "fail", "not_eligible"),
        (
            {"immigration_history.immigrant_visa_issued": True},
            "no_immigrant_visa_issued",
            "fail",
            "route_elsewhere",
        ),
        ({"category": "medical"}, "category_accepted", "fail", "not_eligible"),
    ],
)
def test_invitation_petition_and_visa_rules(changes, rule_id, expected, outcome):
    result = screen("frp", changes)
    assert rule(result, rule_id).result == expected
    assert result.outcome == outcome


def test_frp_parole_is_up_to_three_years():
    assert screen("frp").parole_max_days == 1095


@pytest.mark.parametrize(
    ("original_ends_on", "filing", "expected"),
    [
        ("2026-01-10", None, "2026-01-10"),
        ("2027-05-01", None, "2026-01-14"),
        ("2027-05-01", ("2025-12-15", None), "2027-05-01"),
        ("2027-05-01", ("2025-12-16", None), "2026-01-14"),
        ("2027-05-01", ("2025-06-01", "2026-06-01"), "2026-06-01"),
        ("2027-05-01", ("2025-06-01", "2025-12-01"), "2026-01-14"),
    ],
)
def test_termination_ends_terms_on_2026_01_14_unless_an_i485_was_filed_by_2025_12_15(
    original_ends_on, filing, expected
):
    """Announced on 15 Dec 2025 (90 FR 58032), before the order of 10 Jan 2026 blocked it."""
    termination = termination_in_force(
        get_timeline(), get_registry().versions("frp"), "frp", dt.date(2026, 1, 1)
    )
    assert termination is not None
    filings = []
    if filing:
        filings = [Filing(kind="i485", filed_on=filing[0], decided_on=filing[1])]
    ends_on, _ = apply_termination(
        termination, original_ends_on=dt.date.fromisoformat(original_ends_on), filings=filings
    )
    assert ends_on == dt.date.fromisoformat(expected)
