"""The policy timeline is the one record of the CHNV and FRP terminations and the court orders
acting on them: on each side of each date the term answer, the pathway answer and the daily term
moves agree, and a court order reopens a term the supervisor's run cut.

CHNV: 90 FR 13611 (25 Mar 2025): parole "not already expired by April 24, 2025 will terminate
on that date"; the Supreme Court stayed "The April 15, 2025 order entered by the United States
District Court for the District of Massachusetts" on 30 May 2025 (Noem v. Doe, No. 24A1079).
FRP: 90 FR 58032 (15 Dec 2025): parole "not already expired by January 14, 2026 will terminate
on that date"; the D. Mass. order of 10 Jan 2026 restrains it (secondary source)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from lifeline.notices.models import Notice
from lifeline.parole import terminations
from lifeline.parole.models import ParoleTerm
from lifeline.parole.terms import Determination, ParoleRecord, compute_term
from lifeline.parole.tests.builders import make_term
from lifeline.pathways import selectors
from lifeline.pathways.engine import check
from lifeline.pathways.term_moves import move_terms_with_timeline
from lifeline.programs.registry import get_registry
from lifeline.triage.tests.scenario import supervisor

pytestmark = pytest.mark.django_db

ARRIVED = dt.date(2024, 3, 10)
VERSIONS = {"chnv_cuba": ("chnv_cuba-2023-01-06", "DT"), "frp": ("frp-2023-07-10", "FRP")}
I94 = {"chnv_cuba": dt.date(2026, 3, 9), "frp": dt.date(2027, 4, 30)}
CUT_OFF = {"chnv_cuba": dt.date(2025, 4, 24), "frp": dt.date(2026, 1, 14)}


def parolee(program: str) -> ParoleTerm:
    version, class_of_admission = VERSIONS[program]
    return make_term(
        version,
        arrived_on=ARRIVED,
        original_ends_on=I94[program],
        ends_on=I94[program],
        class_of_admission=class_of_admission,
    )


def term_answer(term: ParoleTerm, on: dt.date) -> dt.date:
    record = ParoleRecord(
        program=term.program,
        class_of_admission=term.class_of_admission,
        paroled_on=ARRIVED,
        original_ends_on=I94[term.program],
        as_of=on,
    )
    return compute_term(record, get_registry()).ends_on


def pathway_answer(term: ParoleTerm, on: dt.date) -> dt.date | None:
    return check(selectors.pathway_request_for(term.request, term), as_of=on).parole.ends_on


@pytest.mark.parametrize(
    ("program", "on", "cut"),
    [
        ("chnv_cuba", "2025-03-24", False),  # the day before the notice
        ("chnv_cuba", "2025-03-25", True),  # the notice
        ("chnv_cuba", "2025-04-14", True),  # the day before the district court's order
        ("chnv_cuba", "2025-04-15", False),  # the order blocks the termination
        ("chnv_cuba", "2025-05-29", False),  # the day before the Supreme Court's stay
        ("chnv_cuba", "2025-05-30", True),  # the stay: the termination applies again
        ("frp", "2025-12-14", False),  # the day before the notice
        ("frp", "2025-12-15", True),  # the notice
        ("frp", "2026-01-09", True),  # the day before the restraining order
        ("frp", "2026-01-10", False),  # the order blocks the termination
        ("frp", "2026-01-15", False),  # past the cut-off, still blocked
    ],
)
def test_the_term_answer_the_pathway_answer_and_the_term_moves_agree(
    program: str, on: str, cut: bool
) -> None:
    day = dt.date.fromisoformat(on)
    term = parolee(program)
    expected = CUT_OFF[program] if cut else I94[program]

    assert term_answer(term, day) == expected
    assert pathway_answer(term, day) == expected
    moves = move_terms_with_timeline(on=day)

    moved = ParoleTerm.objects.get(pk=term.pk)
    assert moved.ends_on == expected
    assert (moves.cut == [term.request.reference]) is cut
    assert moved.status == ("ended" if expected < day else "active")


def test_a_court_order_reopens_a_term_the_supervisors_run_cut() -> None:
    term = parolee("chnv_cuba")
    with time_machine.travel("2025-03-26 09:00:00Z", tick=False):
        terminations.apply_program_termination(actor=supervisor(), program="chnv_cuba")
    cut = ParoleTerm.objects.get(pk=term.pk)
    assert (cut.ends_on, cut.terminated_by_event) == (CUT_OFF["chnv_cuba"], "chnv_cuba_termination")

    moves = move_terms_with_timeline(on=dt.date(2025, 4, 15))

    reopened = ParoleTerm.objects.get(pk=term.pk)
    assert moves.restored == [term.request.reference]
    assert (reopened.ends_on, reopened.terminated_by_event) == (I94["chnv_cuba"], "")

    after_the_stay = move_terms_with_timeline(on=dt.date(2025, 5, 30))

    ended = ParoleTerm.objects.get(pk=term.pk)
    assert after_the_stay.ended == [term.request.reference]
    assert (ended.status, ended.ends_on) == ("ended", CUT_OFF["chnv_cuba"])
    assert Notice.objects.filter(request=term.request, kind="termination").count() == 1


def test_an_individual_determination_to_continue_holds_in_every_answer() -> None:
    """90 FR 13611: parole "will terminate on that date unless the Secretary makes an individual
    determination to the contrary": the term answer, the pathway answer and the daily moves all
    keep a term a supervisor decided should continue."""
    continued = dt.date(2026, 6, 30)
    decided = {"decided_on": "2025-04-01", "effect": "continue", "ends_on": continued.isoformat()}
    term = make_term(
        VERSIONS["chnv_cuba"][0],
        arrived_on=ARRIVED,
        original_ends_on=I94["chnv_cuba"],
        ends_on=continued,
        class_of_admission="DT",
        individual_determinations=[decided],
    )
    on = dt.date(2025, 5, 30)
    record = ParoleRecord(
        program="chnv_cuba",
        class_of_admission="DT",
        paroled_on=ARRIVED,
        original_ends_on=I94["chnv_cuba"],
        individual_determinations=[Determination.model_validate(decided)],
        as_of=on,
    )

    assert compute_term(record, get_registry()).ends_on == continued
    assert pathway_answer(term, on) == continued
    assert move_terms_with_timeline(on=on).cut == []
    assert ParoleTerm.objects.get(pk=term.pk).ends_on == continued


def test_the_pathway_answer_cites_a_termination_from_its_notice() -> None:
    """The re-parole option reads parole's end; from the notice's date that end is the cut-off,
    and the answer cites the notice (90 FR 13611) it comes from."""
    term = parolee("chnv_cuba")
    request = selectors.pathway_request_for(term.request, term)

    def reparole_citations(on: str) -> list[str]:
        answer = check(request, as_of=dt.date.fromisoformat(on))
        [reparole] = [option for option in answer.options if option.code == "reparole"]
        return [citation.authority for citation in reparole.citations]

    assert not any("90 FR 13611" in label for label in reparole_citations("2025-03-24"))
    assert any("90 FR 13611" in label for label in reparole_citations("2025-03-25"))
