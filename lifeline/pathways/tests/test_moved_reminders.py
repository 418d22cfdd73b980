"""A moved date does not leave the earlier reminder standing: what has not reached the person (and
the stored portal copy) is withdrawn, and the next reminder says the date changed (once)."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.models import AuditEvent
from lifeline.notifications.models import Notification
from lifeline.parole.models import ParoleTerm
from lifeline.parole.tests.builders import make_u4u_term
from lifeline.pathways.reminders import Deadline, DeadlineKind, Reminder
from lifeline.pathways.services import queue_reminders, send_pathway_reminders

pytestmark = pytest.mark.django_db

ENDS_ON = dt.date(2026, 1, 9)
MOVED = ENDS_ON + dt.timedelta(days=10)


def parolee_with_email() -> ParoleTerm:
    term = make_u4u_term()
    term.request.filed_by.email = "parolee@example.org"
    term.request.filed_by.save(update_fields=["email"])
    return term


def move(term: ParoleTerm) -> None:
    ParoleTerm.objects.filter(pk=term.pk).update(ends_on=MOVED, original_ends_on=MOVED)


def test_a_moved_date_withdraws_the_unsent_reminder_and_the_new_one_says_so() -> None:
    term = parolee_with_email()
    person = term.request.beneficiary_id
    on = ENDS_ON - dt.timedelta(days=30)
    send_pathway_reminders(on=on)
    old = f"pathways:{person}:{ENDS_ON.isoformat()}:30d"
    assert Notification.objects.get(key=f"{old}:email").status == "pending"

    move(term)
    send_pathway_reminders(on=on)

    statuses = dict(Notification.objects.filter(key__startswith=old).values_list("key", "status"))
    assert statuses == {old: "withdrawn", f"{old}:email": "withdrawn"}
    (event,) = AuditEvent.objects.filter(action="pathways.reminder_withdrawn")
    assert event.details["dates"] == ["2026-01-09"] and event.details["count"] == 2
    new = Notification.objects.get(key=f"pathways:{person}:{MOVED.isoformat()}:90d")
    assert new.body.startswith("This date has changed: an earlier reminder said January 9, 2026.")
    assert new.status == "sent"  # the portal copy is stored at once


def test_a_sent_reminder_stays_and_the_correction_is_said_only_once() -> None:
    term = parolee_with_email()
    person = term.request.beneficiary_id
    on = ENDS_ON - dt.timedelta(days=30)
    send_pathway_reminders(on=on)
    old = f"pathways:{person}:{ENDS_ON.isoformat()}:30d"
    Notification.objects.filter(key=f"{old}:email").update(status="sent")

    move(term)
    send_pathway_reminders(on=on + dt.timedelta(days=1))
    send_pathway_reminders(on=MOVED - dt.timedelta(days=30))

    statuses = dict(Notification.objects.filter(key__startswith=old).values_list("key", "status"))
    assert statuses == {old: "withdrawn", f"{old}:email": "sent"}  # the e-mail reached them
    (event,) = AuditEvent.objects.filter(action="pathways.reminder_withdrawn")
    assert event.details["count"] == 1  # the stored portal copy alone
    first = Notification.objects.get(key=f"pathways:{person}:{MOVED.isoformat()}:90d")
    later = Notification.objects.get(key=f"pathways:{person}:{MOVED.isoformat()}:30d")
    assert first.body.startswith("This date has changed")
    assert "This date has changed" not in later.body


def test_an_unmoved_date_is_left_alone() -> None:
    term = parolee_with_email()
    person = term.request.beneficiary_id
    send_pathway_reminders(on=ENDS_ON - dt.timedelta(days=30))
    send_pathway_reminders(on=ENDS_ON - dt.timedelta(days=7))

    notes = Notification.objects.filter(key__startswith=f"pathways:{person}:", channel="portal")
    assert sorted(notes.values_list("status", flat=True)) == ["sent", "sent"]
    assert not any("This date has changed" in note.body for note in notes)


def test_a_parolee_reached_by_text_alone_is_told_the_date_moved() -> None:
    term = parolee_with_email()
    User.objects.filter(pk=term.request.filed_by_id).update(role=UserRole.SUPPORTER)
    term.request.beneficiary.phone = "+15555550100"
    term.request.beneficiary.save(update_fields=["phone"])
    person = term.request.beneficiary_id
    on = ENDS_ON - dt.timedelta(days=30)
    send_pathway_reminders(on=on)
    old = Notification.objects.get(key=f"pathways:{person}:{ENDS_ON.isoformat()}:30d:sms")
    assert not Notification.objects.filter(channel="portal").exists()  # no account: text only
    assert "This date has changed" not in old.body

    move(term)
    send_pathway_reminders(on=on)

    new = Notification.objects.get(key=f"pathways:{person}:{MOVED.isoformat()}:90d:sms")
    assert new.body.startswith("This date has changed: an earlier reminder said January 9, 2026.")


def reminder(on: dt.date, kind: DeadlineKind, code: str, offset: int) -> Reminder:
    return Reminder(
        deadline=Deadline(on=on, kind=kind, codes=(code,)), offset_days=offset, days_left=offset
    )


def test_only_the_next_reminder_of_the_moved_option_says_the_date_changed() -> None:
    term = parolee_with_email()
    person = term.request.beneficiary_id
    today = dt.date(2025, 12, 1)
    parole_ends, safe_was, safe_is = dt.date(2026, 3, 1), dt.date(2026, 2, 10), dt.date(2026, 5, 10)
    queue_reminders(
        term=term,
        reminders=[reminder(safe_was, "window_closes", "asylum", 90)],
        options=[],
        standing={parole_ends, safe_was},
        on=today,
    )

    queue_reminders(
        term=term,
        reminders=[
            reminder(parole_ends, "parole_ends", "parole", 90),
            reminder(safe_is, "window_closes", "asylum", 90),
        ],
        options=[],
        standing={parole_ends, safe_is},
        on=today + dt.timedelta(days=1),
    )

    parole = Notification.objects.get(key=f"pathways:{person}:2026-03-01:90d")
    asylum = Notification.objects.get(key=f"pathways:{person}:2026-05-10:90d")
    assert "This date has changed" not in parole.body
    said = "This date has changed: an earlier reminder said February 10, 2026."
    assert asylum.body.startswith(said)


def test_a_date_that_moves_back_is_reminded_of_again() -> None:
    term = parolee_with_email()
    person = term.request.beneficiary_id
    on = ENDS_ON - dt.timedelta(days=30)
    send_pathway_reminders(on=on)
    move(term)
    send_pathway_reminders(on=on)
    old = f"pathways:{person}:{ENDS_ON.isoformat()}:30d"
    assert Notification.objects.get(key=old).status == "withdrawn"

    ParoleTerm.objects.filter(pk=term.pk).update(ends_on=ENDS_ON, original_ends_on=ENDS_ON)
    send_pathway_reminders(on=on + dt.timedelta(days=1))

    statuses = dict(Notification.objects.filter(key__startswith=old).values_list("key", "status"))
    assert statuses == {old: "sent", f"{old}:email": "pending"}
    assert Notification.objects.get(key=old).body.startswith("This date has changed")
