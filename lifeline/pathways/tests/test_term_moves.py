"""Parole terms move with the policy timeline, through the parole state table: the CHNV
termination (effective 24 Apr 2025, stayed by the D. Mass. order of 15 Apr 2025, the stay lifted
by the Supreme Court on 30 May 2025) cuts and ends terms with an individual notice; a court order
that blocks it reopens them; nothing moves after the timeline's last check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from lifeline.audit.models import AuditEvent
from lifeline.notices.models import Notice
from lifeline.parole.models import ParoleTerm
from lifeline.parole.terms import reparole_window_opens_on
from lifeline.parole.tests.builders import make_term
from lifeline.pathways.registry import reset_pathway_registry
from lifeline.pathways.term_moves import move_terms_with_timeline
from lifeline.pathways.tests.timeline_texts import policy_copy, with_stay
from lifeline.programs.registry import get_registry

pytestmark = pytest.mark.django_db

ORIGINAL_END = dt.date(2026, 2, 28)
CUT_OFF = dt.date(2025, 4, 24)
LIFTED = dt.date(2025, 5, 30)
STAYED_AGAIN = dt.date(2025, 6, 20)


@pytest.fixture(autouse=True)
def policies(tmp_path: Path, settings: Any) -> Path:
    root = policy_copy(tmp_path, settings)
    (root / "pathways" / "timeline-2026-12-08.yaml").write_text(
        with_stay(effective_on=STAYED_AGAIN.isoformat()), encoding="utf-8"
    )
    reset_pathway_registry()
    return root


def cuban_parolee(**fields: object) -> ParoleTerm:
    values: dict[str, object] = {
        "arrived_on": dt.date(2024, 3, 1),
        "original_ends_on": ORIGINAL_END,
        "ends_on": ORIGINAL_END,
        "class_of_admission": "DT",
    }
    return make_term("chnv_cuba-2023-01-06", **(values | fields))


def fresh(term: ParoleTerm) -> ParoleTerm:
    return ParoleTerm.objects.get(pk=term.pk)


@pytest.mark.parametrize(
    "on", [CUT_OFF - dt.timedelta(days=1), CUT_OFF, LIFTED - dt.timedelta(days=1)]
)
def test_while_the_termination_is_stayed_or_not_yet_in_force_nothing_moves(on: dt.date) -> None:
    term = cuban_parolee()

    moves = move_terms_with_timeline(on=on)

    assert moves.cut == [] and fresh(term).ends_on == ORIGINAL_END
    assert not Notice.objects.exists()


def test_once_the_stay_is_lifted_the_term_is_cut_ended_and_noticed_once() -> None:
    term = cuban_parolee()

    moves = move_terms_with_timeline(on=LIFTED)
    move_terms_with_timeline(on=LIFTED + dt.timedelta(days=1))

    moved = fresh(term)
    assert moves.cut == moves.ended == [term.request.reference]
    assert (moved.status, moved.ends_on, moved.ended_on) == ("ended", CUT_OFF, CUT_OFF)
    assert (moved.end_reason, moved.terminated_by_event) == ("terminated", "chnv_cuba_termination")
    [notice] = Notice.objects.filter(request=term.request)
    assert notice.kind == "termination" and notice.context["ends_on"] == "2025-04-24"
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("parole.term_cut_by_termination") == 1
    assert actions.count("parole.term_ended") == 1


def test_a_term_ending_before_the_cut_off_is_left_to_its_own_date() -> None:
    early = dt.date(2025, 4, 1)
    term = cuban_parolee(original_ends_on=early, ends_on=early)

    assert move_terms_with_timeline(on=LIFTED).cut == []
    assert fresh(term).ends_on == early


def test_a_court_order_blocking_the_termination_reopens_the_term_from_its_date() -> None:
    term = cuban_parolee()
    move_terms_with_timeline(on=LIFTED)

    before = move_terms_with_timeline(on=STAYED_AGAIN - dt.timedelta(days=1))
    assert before.reopened == [] and fresh(term).status == "ended"

    moves = move_terms_with_timeline(on=STAYED_AGAIN)

    reopened = fresh(term)
    assert moves.reopened == [term.request.reference]
    assert (reopened.status, reopened.ends_on, reopened.ended_on) == ("active", ORIGINAL_END, None)
    assert (reopened.end_reason, reopened.terminated_by_event) == ("", "")
    assert AuditEvent.objects.filter(action="parole.term_reopened").count() == 1


def test_the_frp_termination_blocked_by_the_restraining_order_cuts_nothing() -> None:
    term = make_term(
        "frp-2023-07-10",
        arrived_on=dt.date(2024, 5, 1),
        original_ends_on=dt.date(2027, 5, 1),
        ends_on=dt.date(2027, 5, 1),
    )

    assert move_terms_with_timeline(on=dt.date(2026, 1, 15)).cut == []
    assert fresh(term).status == "active"


def test_after_the_timelines_last_check_nothing_moves() -> None:
    cuban_parolee()

    moves = move_terms_with_timeline(on=dt.date(2026, 8, 20))

    assert moves.cut == [] and "chnv_cuba" in moves.not_checked


def test_terms_move_daily_before_the_reminders_read_them() -> None:
    daily = settings.LIFELINE_SCHEDULED_TASKS["daily"]

    moves = daily.index("lifeline.pathways.tasks.move_terms_with_timeline_task")
    assert moves < daily.index("lifeline.pathways.tasks.send_pathway_reminders_task")


def test_a_term_a_supervisor_decided_should_continue_is_neither_cut_nor_ended() -> None:
    """90 FR 13611: parole "will terminate on that date unless the Secretary makes an individual
    determination to the contrary"; the daily run reads that determination as the supervisor's
    run does."""
    continued = dt.date(2026, 8, 31)
    term = cuban_parolee(
        ends_on=continued,
        individual_determinations=[
            {"decided_on": "2025-04-01", "effect": "continue", "ends_on": continued.isoformat()}
        ],
    )

    moves = move_terms_with_timeline(on=LIFTED)

    kept = fresh(term)
    assert moves.cut == moves.ended == []
    assert (kept.status, kept.ends_on, kept.terminated_by_event) == ("active", continued, "")
    assert not Notice.objects.filter(request=term.request).exists()


def test_a_court_order_does_not_reopen_a_term_ended_by_departure() -> None:
    departed = dt.date(2025, 4, 10)
    term = cuban_parolee(
        status="ended",
        ends_on=departed,
        ended_on=departed,
        departed_on=departed,
        end_reason="departed",
        terminated_by_event="chnv_cuba_termination",
    )

    moves = move_terms_with_timeline(on=STAYED_AGAIN)

    kept = fresh(term)
    assert moves.reopened == moves.restored == []
    assert (kept.status, kept.ends_on, kept.end_reason) == ("ended", departed, "departed")


U4U_TERMINATION = """
- id: u4u_test_termination
  subject: parole:u4u
  effect: terminate
  effective_on: '2025-09-01'
  announced_on: '2025-08-01'
  checked_on: '2026-08-19'
  summary: U4U parole terminated from 1 Sep 2025 (test notice, not a real one).
  sources:
  - authority:
      kind: program_page
      title: 'USCIS: Uniting for Ukraine'
      url: https://www.uscis.gov/ukraine
    quote: A test order, not a real one.
    confidence: secondary
    read_in: https://example.org/a-test-copy
- id: u4u_test_stay
  subject: parole:u4u
  effect: block
  targets: u4u_test_termination
  effective_on: '2025-10-01'
  checked_on: '2026-08-19'
  summary: A court stays the U4U termination (test order, not a real one).
  sources:
  - authority:
      kind: program_page
      title: 'USCIS: Uniting for Ukraine'
      url: https://www.uscis.gov/ukraine
    quote: A test order, not a real one.
    confidence: secondary
    read_in: https://example.org/a-test-copy
"""


def test_a_reopened_term_gets_back_the_reparole_window_it_was_granted(policies: Path) -> None:
    """The U4U version sets `reparole_window_days`; a cut clears the window, and reopening
    recomputes it from the restored I-94 date as the term's start did."""
    timeline = policies / "pathways" / "timeline-2026-12-08.yaml"
    timeline.write_text(
        timeline.read_text(encoding="utf-8") + U4U_TERMINATION.lstrip("\n"), encoding="utf-8"
    )
    reset_pathway_registry()
    arrived, i94 = dt.date(2024, 6, 1), dt.date(2026, 5, 31)
    window = reparole_window_opens_on(get_registry(), program="u4u", ends_on=i94, on=arrived)
    assert window is not None  # the U4U version accepts re-parole
    term = make_term(
        "u4u-2024-02-27",
        arrived_on=arrived,
        original_ends_on=i94,
        ends_on=i94,
        reparole_window_opens_on=window,
        class_of_admission="UHP",
    )

    assert move_terms_with_timeline(on=dt.date(2025, 8, 15)).cut == [term.request.reference]
    assert fresh(term).reparole_window_opens_on is None

    moves = move_terms_with_timeline(on=dt.date(2025, 10, 1))

    restored = fresh(term)
    assert moves.restored == [term.request.reference]
    assert (restored.ends_on, restored.reparole_window_opens_on) == (i94, window)
