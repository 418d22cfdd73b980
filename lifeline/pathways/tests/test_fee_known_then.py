"""A fee falling due after the as-of date is quoted at the amount known on that date: 90 FR
52693 (published 21 Nov 2025) raised the annual asylum fee to $102 from 1 Jan 2026; before its
publication the amount known is the $100 of Pub. L. 119-21 sec. 100009(b)(1)."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check


@pytest.mark.parametrize(
    ("as_of", "amount", "said"),
    [("2025-11-20", 100, True), ("2025-11-21", 102, False), ("2025-11-22", 102, False)],
)
def test_the_annual_asylum_fee_due_in_2026_is_the_amount_published_by_the_as_of_date(
    as_of: str, amount: int, said: bool
):
    request = PathwayRequest.model_validate(
        {
            "person": {"citizenships": ["UA"]},
            "arrivals": [{"on": "2023-06-10", "document": "parole"}],
            "parole": [{"program": "u4u", "from_on": "2023-06-10", "until_on": "2026-06-09"}],
            "filings": [{"form": "i589", "filed_on": "2024-07-21"}],
            "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
        }
    )
    answer = check(request, as_of=dt.date.fromisoformat(as_of))
    asylum = next(option for option in answer.options if option.code == "asylum")
    fee = next(fee for fee in asylum.what_to_file.fees if fee.kind == "annual_asylum_fee")
    assert fee.as_of == dt.date(2026, 7, 21)
    assert fee.amount_usd == amount
    assert ("a rule published later may change it" in fee.note) is said
