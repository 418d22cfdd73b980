"""The asylum exception for status held in the year: a status ending on or before the one-year
date, and TPS kept after its grant until a termination takes effect (8 CFR 208.4(a)(5)(iv))."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check

D = dt.date.fromisoformat

# 8 CFR 208.4(a)(5)(iv): "The applicant maintained Temporary Protected Status, lawful immigrant
# or nonimmigrant status, or was given parole, until a reasonable period before the filing of
# the asylum application". (a)(5): "Such circumstances may excuse the failure to file within the
# 1-year period as long as the alien filed the application within a reasonable period given
# those circumstances." Nothing asks that the status outlast the one-year date.


def _asylum(data: dict[str, Any], on: str) -> Any:
    answer = check(PathwayRequest.model_validate(data), as_of=D(on))
    return next(option for option in answer.options if option.code == "asylum")


def _paroled_until(until_on: str) -> dict[str, Any]:
    # Arrived Monday 10 Jun 2024: the one-year date is Tuesday 10 Jun 2025.
    return {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2024-06-10", "document": "parole"}],
        "parole": [{"program": "u4u", "from_on": "2024-06-10", "until_on": until_on}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }


@pytest.mark.parametrize(
    ("until_on", "safe_on"),
    [
        ("2025-01-15", "2025-06-10"),  # ended months before the one-year date
        ("2025-06-09", "2025-06-10"),  # the day before
        ("2025-06-10", "2025-06-10"),  # the one-year date itself
        ("2025-06-11", "2025-06-11"),  # the day after
    ],
)
def test_parole_ending_in_the_year_keeps_the_exception_after_the_one_year_date(
    until_on: str, safe_on: str
):
    on_safe_date = _asylum(_paroled_until(until_on), safe_on)
    assert on_safe_date.status == "may_apply"
    assert on_safe_date.window.closes_on == D("2025-06-10")
    assert on_safe_date.window.safe_on == D(safe_on)
    after = _asylum(_paroled_until(until_on), (D(safe_on) + dt.timedelta(days=1)).isoformat())
    assert after.status == "needs_legal_review"
    assert after.summary.startswith(f"Parole ended on {until_on}. A filing within a reasonable")
    assert "208.4(a)(5)(iv)" in " ".join(after.window.computation)


def test_without_any_status_in_the_year_the_one_year_date_is_final():
    entered = {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2024-06-10", "document": "without_inspection"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }
    assert _asylum(entered, "2025-06-10").status == "may_apply"
    assert _asylum(entered, "2025-06-11").status == "deadline_passed"


def test_a_status_that_ended_before_the_last_arrival_is_not_held_in_the_year():
    returned = _paroled_until("2024-05-31") | {
        "arrivals": [
            {"on": "2023-06-01", "document": "parole"},
            {"on": "2024-06-10", "document": "without_inspection"},
        ],
        "parole": [{"program": "u4u", "from_on": "2023-06-01", "until_on": "2024-05-31"}],
        "departures": [{"on": "2024-05-30"}],
    }
    assert _asylum(returned, "2025-06-11").status == "deadline_passed"


def _afghan_tps_grant_to(until_on: str) -> dict[str, Any]:
    # Afghanistan's extension ran to 20 May 2025; 90 FR 20309 (13 May 2025): "The designation of
    # Afghanistan for TPS is terminated, effective at 11:59 p.m., local time, on July 14, 2025."
    return {
        "person": {"citizenships": ["AF"]},
        "arrivals": [{"on": "2021-09-01", "document": "parole"}],
        "parole": [
            {"program": "afghan_reparole", "from_on": "2021-09-01", "until_on": "2025-03-01"}
        ],
        "tps": [{"country": "AF", "from_on": "2024-01-01", "until_on": until_on}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }


@pytest.mark.parametrize(
    ("on", "status"),
    [
        ("2025-07-13", "may_apply"),
        ("2025-07-14", "may_apply"),
        ("2025-07-15", "needs_legal_review"),
    ],
)
def test_tps_kept_until_the_termination_takes_effect_sets_the_asylum_safe_date(
    on: str, status: str
):
    asylum = _asylum(_afghan_tps_grant_to("2025-05-20"), on)
    assert asylum.status == status
    # From 15 July the Fourth Circuit's administrative stay (14-21 July 2025) kept the
    # termination from taking effect: TPS is held on the date itself, and no later day is known.
    assert asylum.window.safe_on == max(D("2025-07-14"), D(on))
    assert "Your grant ran to 2025-05-20" in " ".join(asylum.window.computation)
    tps = next(
        option
        for option in check(
            PathwayRequest.model_validate(_afghan_tps_grant_to("2025-05-20")), as_of=D("2025-07-01")
        ).options
        if option.code == "tps"
    )
    assert "until its termination takes effect on 2025-07-14" in tps.summary
    assert tps.window.closes_on == D("2025-07-14")


def test_a_grant_ending_off_the_designation_s_period_is_not_kept():
    # A grant ending before the period's last day ties the holder to no designation (ADR 0207).
    asylum = _asylum(_afghan_tps_grant_to("2025-05-19"), "2025-07-01")
    assert asylum.status == "needs_legal_review"
    assert asylum.window.safe_on == D("2025-05-19")


def test_the_venezuela_2021_holder_is_safe_to_the_day_its_termination_takes_effect():
    # 90 FR 43225: "After November 7, 2025, nationals of Venezuela ... who have been granted
    # Temporary Protected Status under Venezuela's 2021 designation will no longer have
    # Temporary Protected Status."
    holder = {
        "person": {"citizenships": ["VE"]},
        "arrivals": [{"on": "2021-01-10", "document": "visa"}],
        "tps": [{"country": "VE", "from_on": "2021-06-01", "until_on": "2025-09-10"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }
    assert _asylum(holder, "2025-11-07").status == "may_apply"
    assert _asylum(holder, "2025-11-07").window.safe_on == D("2025-11-07")
    assert _asylum(holder, "2025-11-08").status == "needs_legal_review"


@pytest.mark.parametrize(
    ("on", "status"), [("2025-12-31", "needs_information"), ("2026-01-01", "may_apply")]
)
def test_an_arrival_after_the_date_is_not_counted_and_the_answer_says_so(on: str, status: str):
    later = {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2026-01-01", "document": "parole"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }
    option = _asylum(later, on)
    assert option.status == status
    if status == "needs_information":
        assert option.summary.startswith("No arrival on record by 2025-12-31: the first")
        assert "is on 2026-01-01, after this date." in option.summary


@pytest.mark.parametrize(
    ("on", "status"),
    [("2025-06-10", "may_apply"), ("2025-06-11", "needs_legal_review")],
)
def test_a_visa_arrival_s_nonimmigrant_status_is_an_exception_whose_end_is_not_on_record(
    on: str, status: str
):
    # (a)(5)(iv) counts "lawful immigrant or nonimmigrant status"; a request records no end.
    visa = {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2024-06-10", "document": "visa"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }
    option = _asylum(visa, on)
    assert option.status == status
    if status == "needs_legal_review":
        assert "you arrived on a visa: nonimmigrant status held in that year" in option.summary
