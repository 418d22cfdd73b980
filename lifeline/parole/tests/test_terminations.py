"""One service applies a program termination to existing terms and reports who is affected."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from lifeline.core.errors import NotFound, PermissionDenied
from lifeline.notices.models import Notice
from lifeline.parole import terminations
from lifeline.parole.enums import EndReason, TermStatus
from lifeline.parole.models import ParoleTerm, TerminationRun
from lifeline.parole.tests.builders import make_term
from lifeline.triage.tests.scenario import officer, supervisor

pytestmark = pytest.mark.django_db


@time_machine.travel("2025-03-26 09:00:00Z", tick=False)
def test_chnv_termination_cuts_unexpired_terms_to_24_april_2025_with_a_report() -> None:
    cut = make_term(
        "chnv_cuba-2023-01-06", original_ends_on=dt.date(2026, 1, 9), ends_on=dt.date(2026, 1, 9)
    )
    boundary = make_term(
        "chnv_cuba-2023-01-06", original_ends_on=dt.date(2025, 4, 24), ends_on=dt.date(2025, 4, 24)
    )
    kept = make_term(
        "chnv_cuba-2023-01-06",
        original_ends_on=dt.date(2026, 1, 9),
        ends_on=dt.date(2026, 1, 9),
        individual_determinations=[
            {
                "decided_on": "2025-03-26",
                "effect": "continue",
                "ends_on": "2026-01-09",
                "reference": "Individual decision 17",
            }
        ],
    )
    waiting = make_term("chnv_cuba-2023-01-06", status=TermStatus.TRAVEL_AUTHORIZED)
    boss = supervisor()
    preview = terminations.apply_program_termination(actor=boss, program="chnv_cuba", dry_run=True)
    assert ParoleTerm.objects.get(pk=cut.pk).ends_on == dt.date(2026, 1, 9)  # nothing written
    report = terminations.apply_program_termination(actor=boss, program="chnv_cuba")
    assert report["affected"] == preview["affected"]
    affected = {row["reference"]: row for row in report["affected"]}
    assert set(affected) == {cut.request.reference, waiting.request.reference}
    assert affected[cut.request.reference]["ends_on"] == "2025-04-24"
    cut.refresh_from_db()
    assert (cut.ends_on, cut.end_reason) == (dt.date(2025, 4, 24), EndReason.TERMINATED)
    assert ParoleTerm.objects.get(pk=boundary.pk).ends_on == dt.date(2025, 4, 24)
    assert ParoleTerm.objects.get(pk=kept.pk).ends_on == dt.date(2026, 1, 9)
    assert ParoleTerm.objects.get(pk=waiting.pk).status == TermStatus.ENDED
    assert Notice.objects.filter(kind="termination", request=cut.request).exists()
    assert TerminationRun.objects.get().affected_count == 2


@time_machine.travel("2026-01-02 09:00:00Z", tick=False)
def test_frp_termination_keeps_terms_with_an_i485_filed_by_15_december_2025() -> None:
    filed_in_time = make_term(
        "frp-2023-08-11",
        original_ends_on=dt.date(2027, 2, 28),
        ends_on=dt.date(2027, 2, 28),
        pending_filings=[{"kind": "i485", "filed_on": "2025-12-15", "decided_on": None}],
    )
    filed_late = make_term(
        "frp-2023-08-11",
        original_ends_on=dt.date(2027, 2, 28),
        ends_on=dt.date(2027, 2, 28),
        pending_filings=[{"kind": "i485", "filed_on": "2025-12-16", "decided_on": None}],
    )
    report = terminations.apply_program_termination(actor=supervisor(), program="frp")
    assert [row["reference"] for row in report["affected"]] == [filed_late.request.reference]
    filed_late.refresh_from_db()
    filed_in_time.refresh_from_db()
    assert filed_late.ends_on == dt.date(2026, 1, 14)
    assert filed_in_time.ends_on == dt.date(2027, 2, 28)
    terminations.record_pending_filing(
        officer=officer(),
        term_id=filed_in_time.pk,
        kind="i485",
        filed_on=dt.date(2025, 6, 1),
        decided_on=dt.date(2025, 12, 20),
        outcome="approved",
    )


def test_only_supervisors_apply_a_termination_in_force() -> None:
    with pytest.raises(PermissionDenied):
        terminations.apply_program_termination(actor=officer(), program="frp")
    with time_machine.travel("2024-01-01 09:00:00Z", tick=False), pytest.raises(NotFound):
        terminations.apply_program_termination(actor=supervisor(), program="frp")


@time_machine.travel("2025-06-02 09:00:00Z", tick=False)
def test_a_run_after_the_cut_off_ends_the_term_as_the_daily_moves_do() -> None:
    """90 FR 13611: CHNV parole "not already expired by April 24, 2025 will terminate on that
    date"; run once the Supreme Court's stay of 30 May 2025 let it apply, the supervisor's run
    ends the term on that date, as the daily moves would, through the same service."""
    term = make_term(
        "chnv_cuba-2023-01-06", original_ends_on=dt.date(2026, 1, 9), ends_on=dt.date(2026, 1, 9)
    )

    report = terminations.apply_program_termination(actor=supervisor(), program="chnv_cuba")

    term.refresh_from_db()
    assert [row["reference"] for row in report["affected"]] == [term.request.reference]
    assert (term.status, term.ends_on, term.ended_on, term.end_reason) == (
        TermStatus.ENDED,
        dt.date(2025, 4, 24),
        dt.date(2025, 4, 24),
        EndReason.TERMINATED,
    )
    assert Notice.objects.filter(kind="termination", request=term.request).count() == 1
