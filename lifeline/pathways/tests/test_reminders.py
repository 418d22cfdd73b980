"""Deadline reminders: 90, 30 and 7 days before, once per person, deadline and offset, moved
with the date, queued through notifications by a daily scheduled task."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from lifeline.audit.models import AuditEvent
from lifeline.notifications.models import Notification
from lifeline.parole.models import ParoleTerm
from lifeline.parole.tests.builders import make_u4u_term as u4u_term
from lifeline.pathways.answers import OptionAnswer, ParoleOut, PathwayAnswer, Window
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.reminders import Deadline, Reminder, deadlines_of, due_reminders
from lifeline.pathways.services import queue_reminders, send_pathway_reminders
from lifeline.pathways.words import BASIS_LABELS

ENDS_ON = dt.date(2026, 1, 9)


def answer(
    *options: OptionAnswer, ends_on: dt.date = ENDS_ON, in_force: bool | None = True
) -> PathwayAnswer:
    return PathwayAnswer(
        as_of=dt.date(2025, 1, 1),
        policy_version="test",
        timeline_version="test",
        parole=ParoleOut(program="u4u", ends_on=ends_on, in_force=in_force, reason=""),
        options=list(options),
        next_deadline=None,
    )


def option(code: str, status: str, closes_on: dt.date | None) -> OptionAnswer:
    return OptionAnswer.model_validate(
        {
            "code": code,
            "label": code,
            "plain_label": code,
            "status": status,
            "summary": "",
            "window": Window(closes_on=closes_on, legal_rule="rule") if closes_on else None,
            "confidence": "verified",
        }
    )


@pytest.mark.parametrize(
    ("on", "offset"),
    [
        (ENDS_ON - dt.timedelta(days=91), None),
        (ENDS_ON - dt.timedelta(days=90), 90),
        (ENDS_ON - dt.timedelta(days=31), 90),
        (ENDS_ON - dt.timedelta(days=30), 30),
        (ENDS_ON - dt.timedelta(days=8), 30),
        (ENDS_ON - dt.timedelta(days=7), 7),
        (ENDS_ON, 7),
        (ENDS_ON + dt.timedelta(days=1), None),
    ],
)
def test_the_reminder_due_is_the_smallest_offset_reached(on: dt.date, offset: int | None) -> None:
    due = due_reminders(answer(), on=on)

    assert [reminder.offset_days for reminder in due] == ([offset] if offset else [])


def test_deadlines_on_one_day_make_one_reminder_and_closed_options_none() -> None:
    permit_on = dt.date(2025, 11, 1)
    found = deadlines_of(
        answer(
            option("reparole", "may_apply", ENDS_ON),
            option("asylum", "may_apply", ENDS_ON),
            option("employment_authorization", "may_apply", permit_on),
            option("tps", "deadline_passed", dt.date(2025, 10, 1)),
            option("reparole_opening", "not_yet", dt.date(2025, 10, 1)),
        )
    )

    assert [(d.on, d.kind, d.codes) for d in found] == [
        (permit_on, "work_permit_expires", ("employment_authorization",)),
        (ENDS_ON, "parole_ends", ("parole", "reparole", "asylum")),
    ]


def reminder_keys(term: ParoleTerm) -> list[str]:
    """The portal reminders (e-mail and text message copies carry a channel suffix)."""
    prefix = f"pathways:{term.request.beneficiary_id}:"
    found = Notification.objects.filter(key__startswith=prefix, channel="portal")
    return sorted(found.values_list("key", flat=True))


@pytest.mark.django_db
def test_a_reminder_is_queued_once_audited_and_again_only_for_a_moved_date() -> None:
    term = u4u_term()
    ninety_before = ENDS_ON - dt.timedelta(days=90)
    person = term.request.beneficiary_id

    send_pathway_reminders(on=ninety_before)
    send_pathway_reminders(on=ninety_before + dt.timedelta(days=1))
    assert f"pathways:{person}:2026-01-09:90d" in reminder_keys(term)
    first = reminder_keys(term)
    assert AuditEvent.objects.filter(action="pathways.reminder_queued").count() == len(first)

    moved = ENDS_ON + dt.timedelta(days=20)
    ParoleTerm.objects.filter(pk=term.pk).update(ends_on=moved, original_ends_on=moved)
    send_pathway_reminders(on=ninety_before + dt.timedelta(days=2))
    assert reminder_keys(term) == first  # the new date is 110 days away: nothing yet
    send_pathway_reminders(on=moved - dt.timedelta(days=90))
    assert f"pathways:{person}:2026-01-29:90d" in reminder_keys(term)
    assert f"pathways:{person}:2026-01-09:30d" not in reminder_keys(term)


@pytest.mark.django_db
def test_the_reminder_speaks_the_parolees_language_and_links_the_options_page_in_it() -> None:
    term = u4u_term()
    term.request.filed_by.preferred_language = "ar"  # filed in English, reads in Arabic
    term.request.filed_by.save(update_fields=["preferred_language"])

    send_pathway_reminders(on=ENDS_ON - dt.timedelta(days=7))

    note = Notification.objects.get(key=f"pathways:{term.request.beneficiary_id}:2026-01-09:7d")
    assert note.subject.startswith("تذكير") and "9 يناير 2026" in note.subject
    assert note.recipient_id == term.request.filed_by_id
    assert note.link == f"/ar/pathways/{term.request.reference}/"
    mail = Notification.objects.get(key=f"{note.key}:email")
    assert mail.body.endswith(f"/ar/pathways/{term.request.reference}/")
    assert mail.send_until == dt.date(2026, 1, 9)


@pytest.mark.django_db
def test_the_reminder_also_goes_by_email_and_text_message_once_each() -> None:
    term = u4u_term()
    term.request.filed_by.email = "parolee@example.org"
    term.request.filed_by.save(update_fields=["email"])
    term.request.beneficiary.phone = "+15555550100"
    term.request.beneficiary.save(update_fields=["phone"])
    seven_before = ENDS_ON - dt.timedelta(days=7)

    send_pathway_reminders(on=seven_before)
    send_pathway_reminders(on=seven_before)

    key = f"pathways:{term.request.beneficiary_id}:2026-01-09:7d"
    sent = Notification.objects.filter(key__startswith=key)
    assert sorted(sent.values_list("channel", "address")) == [
        ("email", "parolee@example.org"),
        ("portal", ""),
        ("sms", "+15555550100"),
    ]
    assert AuditEvent.objects.filter(action="pathways.reminder_queued").count() == 1


def test_the_reminders_run_daily_after_the_parole_sweep() -> None:
    daily = settings.LIFELINE_SCHEDULED_TASKS["daily"]
    sweep = daily.index("lifeline.parole.tasks.daily_parole_sweep_task")

    assert daily.index("lifeline.pathways.tasks.send_pathway_reminders_task") > sweep


def test_options_awaiting_information_or_review_drive_reminders_and_closed_ones_do_not() -> None:
    review_on, information_on = dt.date(2025, 3, 1), dt.date(2025, 4, 1)
    found = deadlines_of(
        answer(
            option("tps", "needs_legal_review", review_on),
            option("afghan_special_immigrant", "needs_information", information_on),
            option("asylum", "deadline_passed", dt.date(2025, 5, 1)),
            option("cuban_adjustment", "not_available", dt.date(2025, 6, 1)),
            option("family_adjustment", "may_apply", dt.date(2024, 12, 31)),  # already behind
        )
    )

    assert [(d.on, d.codes) for d in found] == [
        (review_on, ("tps",)),
        (information_on, ("afghan_special_immigrant",)),
        (ENDS_ON, ("parole",)),
    ]


HAITI_EXAMPLE = (
    Path(__file__).parents[3] / "examples" / "pathways" / "haitian-chnv-parolee-tps.json"
)
# 90 FR 54733: "The designation of Haiti for Temporary Protected Status is terminated, effective
# at 11:59 p.m., local time, on February 3, 2026."
HAITI_TPS_ENDS_ON = dt.date(2026, 2, 3)


@pytest.mark.parametrize(
    ("on", "offset"),
    [
        (HAITI_TPS_ENDS_ON - dt.timedelta(days=91), None),
        (HAITI_TPS_ENDS_ON - dt.timedelta(days=90), 90),
        (HAITI_TPS_ENDS_ON - dt.timedelta(days=30), 30),
        (HAITI_TPS_ENDS_ON - dt.timedelta(days=7), 7),
        (HAITI_TPS_ENDS_ON + dt.timedelta(days=1), None),
    ],
)
def test_a_tps_close_under_legal_review_is_reminded(on: dt.date, offset: int | None) -> None:
    request = PathwayRequest.model_validate_json(HAITI_EXAMPLE.read_text())

    due = [r for r in due_reminders(check(request, as_of=on), on=on) if "tps" in r.deadline.codes]

    assert [(r.deadline.on, r.offset_days) for r in due] == (
        [(HAITI_TPS_ENDS_ON, offset)] if offset else []
    )


AFGHAN_COM_UNKNOWN = {
    "person": {"citizenships": ["AF"]},
    "arrivals": [{"on": "2021-09-01", "document": "parole", "class_of_admission": "OAR"}],
    "parole": [
        {
            "program": "afghan_reparole",
            "from_on": "2021-09-01",
            "until_on": "2026-08-31",
            "kind": "reparole",
        }
    ],
    "facts": {"afghan_chief_of_mission_approval": "unknown"},
}
# U.S. Department of State, Afghan SIV FAQ: "You must apply before December 31, 2025."
AFGHAN_COM_CLOSES_ON = dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("on", "next_on"),
    [
        (AFGHAN_COM_CLOSES_ON - dt.timedelta(days=1), AFGHAN_COM_CLOSES_ON),
        (AFGHAN_COM_CLOSES_ON, AFGHAN_COM_CLOSES_ON),
        (AFGHAN_COM_CLOSES_ON + dt.timedelta(days=1), dt.date(2026, 8, 31)),
    ],
)
def test_the_afghan_close_is_the_next_deadline_while_approval_is_unknown(
    on: dt.date, next_on: dt.date
) -> None:
    answered = check(PathwayRequest.model_validate(AFGHAN_COM_UNKNOWN), as_of=on)

    assert answered.next_deadline is not None
    assert answered.next_deadline.on == next_on
    due = due_reminders(answered, on=on)
    assert (AFGHAN_COM_CLOSES_ON in [r.deadline.on for r in due]) == (on <= AFGHAN_COM_CLOSES_ON)


@pytest.mark.django_db
def test_a_person_whose_parole_has_ended_still_gets_reminders_until_they_leave() -> None:
    term = u4u_term(status="ended", arrived_on=dt.date(2025, 3, 1))
    seven_before = ENDS_ON - dt.timedelta(days=7)

    send_pathway_reminders(on=seven_before)
    person = term.request.beneficiary_id
    # Parole's end, and asylum's one-year date (1 March 2026 is a Sunday: Monday 2 March), shown
    # while fear of return and removal proceedings are unknown (8 CFR 208.4(a)(2)).
    assert reminder_keys(term) == [
        f"pathways:{person}:2026-01-09:7d",
        f"pathways:{person}:2026-03-02:90d",
    ]

    ParoleTerm.objects.filter(pk=term.pk).update(departed_on=seven_before)
    send_pathway_reminders(on=seven_before + dt.timedelta(days=1))
    assert len(reminder_keys(term)) == 2


@pytest.mark.parametrize(("in_force", "reminded"), [(True, True), (None, True), (False, False)])
def test_parole_not_known_to_be_in_force_still_reminds_of_its_recorded_end(
    in_force: bool | None, reminded: bool
) -> None:
    """A timeline last checked before the date makes parole unknown, not over: the end date of
    the record still gets its reminder; parole known to be over gets none."""
    deadlines = deadlines_of(answer(in_force=in_force))
    assert ([d.on for d in deadlines] == [ENDS_ON]) is reminded


@pytest.mark.django_db
def test_a_parolee_without_an_account_is_reminded_by_text_message() -> None:
    term = u4u_term()
    filer = term.request.filed_by
    filer.role = "supporter"
    filer.save(update_fields=["role"])
    person = term.request.beneficiary
    assert person.user is None
    seven_before = ENDS_ON - dt.timedelta(days=7)

    send_pathway_reminders(on=seven_before)
    assert not Notification.objects.filter(key__startswith=f"pathways:{person.pk}:").exists()

    person.phone = "+15555550100"
    person.save(update_fields=["phone"])
    send_pathway_reminders(on=seven_before)
    send_pathway_reminders(on=seven_before)

    sent = Notification.objects.filter(key__startswith=f"pathways:{person.pk}:")
    assert sorted(sent.values_list("key", "channel", "address")) == [
        (f"pathways:{person.pk}:2026-01-09:7d:sms", "sms", "+15555550100")
    ]
    assert f"/pathways/{term.request.reference}/" in sent.get().body


@pytest.mark.django_db
def test_an_option_reminder_names_the_option_in_the_readers_language_not_the_filing_one() -> None:
    term = u4u_term()
    term.request.filed_by.preferred_language = "uk"  # filed in English, reads in Ukrainian
    term.request.filed_by.save(update_fields=["preferred_language"])
    permit_on = dt.date(2025, 11, 1)
    permit = option("employment_authorization", "may_apply", permit_on)
    deadline = Deadline(on=permit_on, kind="work_permit_expires", codes=(permit.code,))

    queue_reminders(
        term=term,
        reminders=[Reminder(deadline=deadline, offset_days=30, days_left=30)],
        options=[permit.model_copy(update={"basis": "tps"})],
        standing={permit_on},
        on=permit_on - dt.timedelta(days=30),
    )

    note = Notification.objects.get(key=f"pathways:{term.request.beneficiary_id}:2025-11-01:30d")
    with translation.override("uk"):
        label = str(BASIS_LABELS[("employment_authorization", "tps")])
    assert label != "Permission to work while you hold TPS"
    assert label in note.subject and "Permission to work" not in note.subject


@pytest.mark.django_db
def test_a_parolee_without_an_account_is_texted_in_the_filers_language() -> None:
    term = u4u_term()
    filer = term.request.filed_by
    filer.role, filer.preferred_language = "supporter", "es"
    filer.save(update_fields=["role", "preferred_language"])
    term.request.beneficiary.phone = "+15555550100"
    term.request.beneficiary.save(update_fields=["phone"])

    send_pathway_reminders(on=ENDS_ON - dt.timedelta(days=7))

    (text,) = Notification.objects.filter(
        key__startswith=f"pathways:{term.request.beneficiary_id}:"
    )
    assert (text.channel, text.language) == ("sms", "es")
    assert f"/es/pathways/{term.request.reference}/" in text.body
