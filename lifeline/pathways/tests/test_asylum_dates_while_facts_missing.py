"""The asylum one-year date and safe date are worked out and shown, with their citation, while
the facts the option's gates need (fear of return, removal proceedings) are still unknown.

8 CFR 208.4(a)(2) counts the year from the last arrival, and 8 CFR 208.4(a)(5)(iv) makes
parole held during that year an exception if the person files within a reasonable period after
it ends; neither turns on the facts still missing, so the dates stand beside them."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check

ARRIVED = dt.date(2025, 1, 10)
ONE_YEAR = dt.date(2026, 1, 12)  # 10 January 2026 is a Saturday: the next business day
PAROLE_ENDS = dt.date(2026, 6, 30)


def request(facts: dict[str, str]) -> PathwayRequest:
    return PathwayRequest.model_validate(
        {
            "person": {"citizenships": ["UA"]},
            "arrivals": [{"on": ARRIVED.isoformat(), "document": "parole"}],
            "parole": [
                {"program": "u4u", "from_on": ARRIVED.isoformat(), "until_on": "2026-06-30"}
            ],
            "facts": facts,
        }
    )


@pytest.mark.parametrize(
    ("facts", "missing"),
    [
        ({}, ["facts.fear_of_return", "facts.in_removal_proceedings"]),
        ({"fear_of_return": "yes"}, ["facts.in_removal_proceedings"]),
        ({"in_removal_proceedings": "no"}, ["facts.fear_of_return"]),
    ],
)
def test_the_dates_and_their_computation_show_beside_the_missing_facts(
    facts: dict[str, str], missing: list[str]
) -> None:
    answer = check(request(facts), as_of=dt.date(2025, 6, 1))

    asylum = next(option for option in answer.options if option.code == "asylum")
    assert asylum.status == "needs_information"
    assert asylum.missing_facts == missing
    assert asylum.window is not None
    assert (asylum.window.closes_on, asylum.window.safe_on) == (ONE_YEAR, PAROLE_ENDS)
    computation = " ".join(asylum.window.computation)
    assert "8 CFR 208.4(a)(2)" in computation and "8 CFR 208.4(a)(5)(iv)" in computation
    assert f"the date to act by is {PAROLE_ENDS}" in asylum.summary
    assert asylum.act_by(dt.date(2025, 6, 1)) == PAROLE_ENDS


@pytest.mark.parametrize(
    ("as_of", "act_by"),
    [
        (PAROLE_ENDS - dt.timedelta(days=1), PAROLE_ENDS),
        (PAROLE_ENDS, PAROLE_ENDS),
        (PAROLE_ENDS + dt.timedelta(days=1), None),
    ],
)
def test_the_safe_date_is_a_date_to_act_by_until_it_passes(
    as_of: dt.date, act_by: dt.date | None
) -> None:
    asylum = next(o for o in check(request({}), as_of=as_of).options if o.code == "asylum")

    assert asylum.status == "needs_information"
    assert asylum.act_by(as_of) == act_by
    named = f"the date to act by is {PAROLE_ENDS}" in asylum.summary
    assert named == (act_by is not None)  # a past date is never named as the date to act by


def test_a_failed_gate_still_answers_without_dates() -> None:
    answer = check(request({"fear_of_return": "no"}), as_of=dt.date(2025, 6, 1))

    asylum = next(option for option in answer.options if option.code == "asylum")
    assert asylum.status == "not_available"
    assert asylum.window is None
