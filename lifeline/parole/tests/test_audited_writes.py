"""Every term a termination changes, and the run itself, is audited in the same transaction; a
second apply changes nothing; a filing form sent twice records one filing; opening a parolee's
record (staff or the parolee) is recorded."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.intake.tests.factories import make_user
from lifeline.parole import terminations
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm, TerminationRun
from lifeline.parole.tests.builders import make_term
from lifeline.triage.tests.scenario import supervisor

pytestmark = pytest.mark.django_db
CHNV_CUBA = "chnv_cuba-2023-01-06"
TODAY = dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC)


def _events(action: str, reference: str = "") -> list[AuditEvent]:
    found = AuditEvent.objects.filter(action=action)
    return list(found.filter(case_reference=reference) if reference else found)


def _signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@time_machine.travel("2025-03-26 09:00:00Z", tick=False)
def test_a_termination_audits_every_term_it_ends_and_the_run_and_applies_once() -> None:
    waiting = make_term(
        CHNV_CUBA,
        status=TermStatus.TRAVEL_AUTHORIZED,
        travel_authorized_on=dt.date(2025, 1, 1),
        travel_authorization_expires_on=dt.date(2025, 12, 1),
    )
    active = make_term(CHNV_CUBA, original_ends_on=dt.date(2026, 1, 9), ends_on=dt.date(2026, 1, 9))
    client = _signed_in(supervisor())

    first = client.post("/workspace/terminations/", {"program": "chnv_cuba", "apply": "on"})

    assert first.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == TermStatus.ENDED
    [ended] = _events("parole.term_ended", waiting.request.reference)
    assert ended.details["reason"] == "terminated" and ended.details["event"]
    assert len(_events("parole.term_cut_by_termination", active.request.reference)) == 1
    run = TerminationRun.objects.get()
    [applied] = _events("parole.termination_applied")
    assert applied.subject_id == str(run.pk)
    assert set(applied.details["affected"]) == {
        waiting.request.reference,
        active.request.reference,
    }

    again = client.post("/workspace/terminations/", {"program": "chnv_cuba", "apply": "on"})

    page = again.content.decode()
    assert "Already applied" in page and "affected 2 people" in page
    assert TerminationRun.objects.count() == 1
    assert len(_events("parole.termination_applied")) == 1


@time_machine.travel("2025-03-26 09:00:00Z", tick=False)
def test_a_term_added_after_a_run_is_cut_by_the_next_run() -> None:
    boss = supervisor()
    make_term(CHNV_CUBA, original_ends_on=dt.date(2026, 1, 9), ends_on=dt.date(2026, 1, 9))
    terminations.apply_program_termination(actor=boss, program="chnv_cuba")
    late = make_term(CHNV_CUBA, original_ends_on=dt.date(2026, 2, 1), ends_on=dt.date(2026, 2, 1))

    report = terminations.apply_program_termination(actor=boss, program="chnv_cuba")

    assert [row["reference"] for row in report["affected"]] == [late.request.reference]
    assert "already_applied_at" not in report
    assert TerminationRun.objects.count() == 2


@time_machine.travel(TODAY, tick=False)
def test_a_filing_form_sent_twice_records_one_filing_and_one_event() -> None:
    term = make_term("u4u-2022-04-25", class_of_admission="UHP")
    client = _signed_in(make_user(UserRole.OFFICER))
    url = f"/workspace/cases/{term.request.reference}/parole/"
    form = client.get(url).content.decode()
    assert 'name="idempotency_key"' in form
    data = {"action": "filing", "kind": "i485", "filed_on": "2025-05-01", "idempotency_key": "k1"}

    client.post(url, data)
    client.post(url, data)

    term.refresh_from_db()
    assert len(term.pending_filings) == 1
    assert len(_events("parole.filing_recorded", term.request.reference)) == 1
    client.post(url, data | {"idempotency_key": "k2"})  # a second filing on purpose
    assert len(ParoleTerm.objects.get(pk=term.pk).pending_filings) == 2


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    "dates",
    [{"filed_on": "0001-01-01"}, {"filed_on": "2025-05-01", "decided_on": "9999-12-31"}],
)
def test_a_filing_dated_out_of_range_is_refused_with_the_reason(dates: dict[str, str]) -> None:
    term = make_term("u4u-2022-04-25", class_of_admission="UHP")
    client = _signed_in(make_user(UserRole.OFFICER))
    url = f"/workspace/cases/{term.request.reference}/parole/"
    data = {"action": "filing", "kind": "i485", "idempotency_key": "k", "outcome": "denied"}

    refused = client.post(url, data | dates, follow=True)

    assert "1900-01-01 to 2199-12-31" in refused.content.decode()
    term.refresh_from_db()
    assert term.pending_filings == []


@time_machine.travel(TODAY, tick=False)
def test_opening_a_parole_record_is_audited_for_staff_and_the_parolee() -> None:
    term = make_term("u4u-2022-04-25", class_of_admission="UHP")
    reference = term.request.reference
    officer = make_user(UserRole.OFFICER)

    assert _signed_in(officer).get(f"/workspace/cases/{reference}/parole/").status_code == 200
    assert _signed_in(term.request.filed_by).get(f"/pathways/{reference}/").status_code == 200

    viewed = _events("request.viewed", reference)
    assert sorted(event.details["where"] for event in viewed) == [
        "pathways.parolee",
        "workspace.parole",
    ]
    assert {event.actor_id for event in viewed} == {officer.pk, term.request.filed_by.pk}


@pytest.mark.django_db(transaction=True)
def test_two_applies_at_once_make_one_run_and_one_event_per_term() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    with time_machine.travel("2025-03-26 09:00:00Z", tick=False):
        boss = supervisor()
        term = make_term(
            CHNV_CUBA, original_ends_on=dt.date(2026, 1, 9), ends_on=dt.date(2026, 1, 9)
        )
        first_holds_its_locks = threading.Event()
        answers: dict[str, dict[str, object]] = {}

        def second() -> None:
            first_holds_its_locks.wait()
            try:
                answers["second"] = terminations.apply_program_termination(
                    actor=boss, program="chnv_cuba"
                )
            finally:
                connection.close()

        other = threading.Thread(target=second)
        other.start()
        with transaction.atomic():
            answers["first"] = terminations.apply_program_termination(
                actor=boss, program="chnv_cuba"
            )
            first_holds_its_locks.set()
            other.join(timeout=1)
            assert other.is_alive()  # the second apply waits for this one's commit
        other.join(timeout=30)

    assert TerminationRun.objects.count() == 1
    assert len(_events("parole.term_cut_by_termination", term.request.reference)) == 1
    assert "already_applied_at" in answers["second"]
    assert answers["second"]["affected"] == answers["first"]["affected"]
