"""The (a)(12) work permit after parole for a TPS holder whose grant ended while the designation
stays in force: to the day an announced termination takes effect, or under a court order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check

D = dt.date.fromisoformat


def _work_permit(data: dict[str, Any], on: str) -> Any:
    answer = check(PathwayRequest.model_validate(data), as_of=D(on))
    return next(option for option in answer.options if option.code == "employment_authorization")


AFGHAN = {
    "person": {"citizenships": ["AF"]},
    "arrivals": [{"on": "2021-09-01", "document": "parole"}],
    "parole": [{"program": "afghan_reparole", "from_on": "2021-09-01", "until_on": "2025-03-01"}],
    # The grant ran to the last day of Afghanistan's extension, 20 May 2025.
    "tps": [{"country": "AF", "from_on": "2024-01-01", "until_on": "2025-05-20"}],
}


@pytest.mark.parametrize(
    ("on", "status", "closes_on"),
    [
        ("2025-05-20", "may_apply", "2025-05-20"),  # the grant's last day
        ("2025-05-21", "may_apply", "2025-07-14"),  # kept after it
        ("2025-07-14", "may_apply", "2025-07-14"),
        # The Fourth Circuit's administrative stay of 14-21 July 2025 (read in reports) kept the
        # termination from taking effect: whether TPS is still held depends on that order.
        ("2025-07-15", "needs_legal_review", None),
    ],
)
def test_tps_kept_until_the_termination_takes_effect_gives_an_a12_permit(
    on: str, status: str, closes_on: str | None
):
    # 90 FR 20309: "The designation of Afghanistan for TPS is terminated, effective at 11:59 p.m.,
    # local time, on July 14, 2025."
    option = _work_permit(AFGHAN, on)
    assert option.status == status
    if closes_on is None:
        assert "court order" in option.summary and "(a)(12)" in option.summary
    else:
        assert option.window.closes_on == D(closes_on)
        assert "(a)(12)" in option.summary
        assert option.plain_label == "Permission to work while you hold TPS"


HAITIAN = {
    "person": {"citizenships": ["HT"]},
    "arrivals": [{"on": "2024-06-03", "document": "parole"}],
    "parole": [{"program": "chnv_haiti", "from_on": "2024-06-03", "until_on": "2026-06-02"}],
    "tps": [{"country": "HT", "from_on": "2024-10-01", "until_on": "2026-02-03"}],
}


@pytest.mark.parametrize(
    ("on", "status"),
    [
        ("2026-02-03", "may_apply"),
        ("2026-02-04", "needs_legal_review"),
        ("2026-03-01", "needs_legal_review"),
    ],
)
def test_tps_held_under_a_court_stay_of_the_termination_needs_review_naming_the_order(
    on: str, status: str
):
    # 90 FR 54733 terminates Haiti's designation effective 3 Feb 2026; the D.D.C. stay of
    # 2 Feb 2026 keeps it from taking effect (read only in a report).
    option = _work_permit(HAITIAN, on)
    assert option.status == status
    if status == "needs_legal_review":
        assert "D.D.C. (Miot v. Trump)" in option.summary
        assert "(a)(12)" in option.summary
