"""A filing on the parole record reaches the pathway check with its real outcome: a denial is
not read as a grant, and a decision recorded without its outcome stays unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.core.errors import ValidationFailed
from lifeline.parole import terminations
from lifeline.parole.forms import FilingForm
from lifeline.parole.tests.builders import make_term
from lifeline.pathways import selectors
from lifeline.pathways.engine import check
from lifeline.triage.tests.scenario import officer

pytestmark = pytest.mark.django_db

ARRIVED = dt.date(2024, 3, 10)
DECIDED = "2025-06-01"


def asylum_status(filing: dict[str, object], on: str) -> str:
    term = make_term(
        "u4u-2022-04-25",
        arrived_on=ARRIVED,
        original_ends_on=dt.date(2026, 3, 9),
        ends_on=dt.date(2026, 3, 9),
        class_of_admission="UHP",
        pending_filings=[{"kind": "asylum", "filed_on": "2024-12-01"} | filing],
    )
    request = selectors.pathway_request_for(term.request, term).model_copy(
        update={"facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"}}
    )
    [asylum] = [
        o for o in check(request, as_of=dt.date.fromisoformat(on)).options if o.code == "asylum"
    ]
    return asylum.status


@pytest.mark.parametrize(
    ("filing", "on", "status"),
    [
        ({"decided_on": None}, "2025-11-15", "may_apply"),
        ({"decided_on": DECIDED, "outcome": "approved"}, "2025-05-31", "may_apply"),
        ({"decided_on": DECIDED, "outcome": "approved"}, DECIDED, "not_available"),
        ({"decided_on": DECIDED, "outcome": "denied"}, "2025-05-31", "may_apply"),
        ({"decided_on": DECIDED, "outcome": "denied"}, DECIDED, "needs_legal_review"),
        ({"decided_on": DECIDED}, "2025-05-31", "may_apply"),
        ({"decided_on": DECIDED}, DECIDED, "needs_information"),
    ],
)
def test_the_recorded_outcome_decides_the_asylum_answer(
    filing: dict[str, object], on: str, status: str
) -> None:
    assert asylum_status(filing, on) == status


def test_a_decided_filing_is_recorded_with_its_outcome() -> None:
    term = make_term("u4u-2022-04-25", arrived_on=ARRIVED, class_of_admission="UHP")
    with pytest.raises(ValidationFailed):
        terminations.record_pending_filing(
            officer=officer(),
            term_id=term.pk,
            kind="asylum",
            filed_on=dt.date(2024, 12, 1),
            decided_on=dt.date(2025, 6, 1),
        )
    form = FilingForm(
        {"kind": "asylum", "filed_on": "2024-12-01", "decided_on": DECIDED, "idempotency_key": "a"}
    )
    assert form.is_valid() and form.cleaned_data["outcome"] is None
    with pytest.raises(ValidationFailed, match="needs both its date and its outcome"):
        terminations.record_pending_filing(officer=officer(), term_id=term.pk, **form.cleaned_data)

    form = FilingForm(
        {
            "kind": "asylum",
            "filed_on": "2024-12-01",
            "decided_on": DECIDED,
            "outcome": "denied",
            "idempotency_key": "b",
        }
    )
    assert form.is_valid()
    terminations.record_pending_filing(officer=officer(), term_id=term.pk, **form.cleaned_data)
    term.refresh_from_db()
    assert term.pending_filings[-1]["outcome"] == "denied"
