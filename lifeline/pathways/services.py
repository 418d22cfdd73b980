"""Writes of the pathways app: queuing a parolee's deadline reminders, audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.selectors import list_audit_events
from lifeline.audit.services import audit_subject, record_audit_event
from lifeline.core.local_formats import format_date_local
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import applicant_language
from lifeline.notifications.enums import Channel, DeliveryStatus
from lifeline.notifications.models import Notification
from lifeline.notifications.services import (
    queue_text_message,
    queue_to_person,
    withdraw_notifications,
)
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.pathways import selectors
from lifeline.pathways.answers import OptionAnswer
from lifeline.pathways.reminders import Reminder, deadlines_of, due_reminders
from lifeline.pathways.words import (
    PAROLE_ENDS,
    REMINDER_BODY,
    REMINDER_MOVED,
    REMINDER_SUBJECT,
    option_label,
)

_CHANNELS = ("", ":email", ":sms")  # the key suffixes queue_to_person gives each copy


def _recipient(term: ParoleTerm) -> User | None:
    """The parolee's own account: the beneficiary's, else the filer's when they filed for
    themselves. Representatives see deadlines on their client list instead."""
    request = term.request
    if request.beneficiary.user is not None:
        return request.beneficiary.user
    if request.filed_by.role == "beneficiary":
        return request.filed_by
    return None


def _what(reminder: Reminder, options: list[OptionAnswer]) -> str:
    """What the reminder is of, in the active language."""
    if reminder.deadline.kind == "parole_ends":
        return str(PAROLE_ENDS)
    code = reminder.deadline.codes[0]
    found = next((o for o in options if o.code == code), None)
    return option_label(code, found.basis, found.plain_label) if found else code


def _superseded(
    request: ParoleRequest, *, standing: set[dt.date], on: dt.date
) -> tuple[list[str], list[tuple[dt.date, set[str]]]]:
    """Earlier reminders to this person (portal keys) whose date is still ahead but no longer a
    deadline (the date moved), and each such date with the options it was of, while no reminder
    of a standing date of one of those options has followed it (the one the next such reminder
    corrects)."""
    sent = Notification.objects.filter(
        key__startswith=f"pathways:{request.beneficiary_id}:",
        channel__in=[Channel.PORTAL, Channel.SMS],
    ).values_list("key", "created_at")
    first_at: dict[str, dt.datetime] = {}
    for key, at in sent:  # a person without an account has the text message only
        base = key.removesuffix(":sms")
        first_at[base] = min(at, first_at.get(base, at))
    gone = {
        key: (day, at)
        for key, at in first_at.items()
        if (day := dt.date.fromisoformat(key.split(":")[2])) >= on and day not in standing
    }
    queued = [
        (dt.date.fromisoformat(event.details["deadline_on"]), set(event.details["codes"]), event)
        for event in list_audit_events(
            case_reference=request.reference, action=AuditAction.PATHWAYS_REMINDER_QUEUED
        )
    ]
    untold: dict[dt.date, set[str]] = {}
    for day, at in sorted(gone.values()):
        codes = set().union(*(codes for when, codes, _ in queued if when == day))
        told = any(
            when in standing and codes & told_codes and event.occurred_at > at
            for when, told_codes, event in queued
        )
        if not told:
            untold.setdefault(day, set()).update(codes)
    return list(gone), sorted(untold.items())


@transaction.atomic
def queue_reminders(
    *,
    term: ParoleTerm,
    reminders: list[Reminder],
    options: list[OptionAnswer],
    standing: set[dt.date],
    on: dt.date,
) -> int:
    """Queue each reminder not queued before (the key makes it once per person, deadline and
    offset) in the portal, by e-mail and by text message where the record has the address (a
    parolee without an account, by text message alone), with
    an audit event per reminder; returns how many were new. Earlier reminders of a date that is
    no longer a deadline (`standing`) are withdrawn where not yet sent or read, and the new
    reminder says the date changed; a withdrawal is audited too."""
    recipient = _recipient(term)
    request = term.request
    phone = request.beneficiary.phone
    if recipient is None and not phone:
        return 0
    gone, untold = _superseded(request, standing=standing, on=on)
    withdrawn = withdraw_notifications(
        keys=[f"{key}{channel}" for key in gone for channel in _CHANNELS]
    )
    if withdrawn:
        audit_subject(
            request,
            actor=None,
            action=AuditAction.PATHWAYS_REMINDER_WITHDRAWN,
            details={"dates": sorted({key.split(":")[2] for key in gone}), "count": withdrawn},
        )
    language = (recipient.preferred_language if recipient else "") or applicant_language(request)
    count = 0
    for reminder in reminders:
        key = reminder.key(request.beneficiary_id)
        queued = Notification.objects.filter(key__in=[key, f"{key}:sms"])
        if queued.exclude(status=DeliveryStatus.WITHDRAWN).exists():  # a withdrawn one requeues
            continue
        day = reminder.deadline.on.isoformat()
        # The date this reminder corrects: the first moved one of its options, said once.
        moved_from = next(
            (old for old, codes in untold if codes & set(reminder.deadline.codes)), None
        )
        untold = [(old, codes) for old, codes in untold if old != moved_from]
        with translation.override(language):
            link = reverse("pathways:parolee", kwargs={"reference": request.reference})
            what = _what(reminder, options)
            shown = format_date_local(reminder.deadline.on, language)
            subject = str(REMINDER_SUBJECT).format(what=what, day=shown)
            body = str(REMINDER_BODY).format(what=what, day=shown, days=reminder.days_left)
            text = subject  # a text message says the subject alone, so it carries the move too
            if moved_from is not None:
                moved = str(REMINDER_MOVED).format(old=format_date_local(moved_from, language))
                body, text = f"{moved} {body}", f"{moved} {subject}"
        if recipient is None:  # no account: the text message alone
            queue_text_message(
                key=key,
                subject=text,
                link=link,
                phone=phone,
                language=language,
                send_until=reminder.deadline.on,
            )
        else:
            queue_to_person(
                key=key,
                subject=subject,
                body=body,
                link=link,
                language=language,
                recipient_id=recipient.pk,
                email=recipient.email,
                phone=phone,
                send_until=reminder.deadline.on,
                sms_text=text,
            )
        audit_subject(
            request,
            actor=None,
            action=AuditAction.PATHWAYS_REMINDER_QUEUED,
            details={
                "deadline_on": day,
                "kind": reminder.deadline.kind,
                "codes": list(reminder.deadline.codes),
                "offset_days": reminder.offset_days,
            },
        )
        count += 1
    return count


def send_pathway_reminders(*, on: dt.date) -> int:
    """For every person paroled in and not known to have left by `on`, parole in force or
    ended (an ended parole can leave asylum or TPS deadlines ahead), the reminders due on `on`.
    The answers are worked out outside any transaction; each person's reminders are queued in
    one."""
    terms = (
        ParoleTerm.objects.filter(
            status__in=[TermStatus.ACTIVE, TermStatus.ENDED], arrived_on__lte=on
        )
        .exclude(departed_on__lte=on)
        .select_related("request__beneficiary__user", "request__filed_by")
    )
    count = 0
    for term in terms.iterator():
        answer = selectors.answer_for(term.request, term, as_of=on)
        reminders = due_reminders(answer, on=on)
        standing = {deadline.on for deadline in deadlines_of(answer)}
        count += queue_reminders(
            term=term, reminders=reminders, options=answer.options, standing=standing, on=on
        )
    return count


@transaction.atomic
def record_cohort_people_exported(
    *, actor: User, as_of: dt.date, within_days: int, program: str, rows: int
) -> None:
    """Audit a download of the names of the parolees whose parole ends soon, on the office
    user's own stream (ADR 0248)."""
    record_audit_event(
        actor=actor,
        action=AuditAction.PATHWAYS_COHORT_PEOPLE_EXPORTED,
        stream=f"user:{actor.pk}",
        subject_type="parole_ending_cohort",
        subject_id=as_of.isoformat(),
        details={
            "as_of": as_of.isoformat(),
            "within_days": within_days,
            "program": program,
            "rows": rows,
        },
    )
