"""Writes of the pathways app: queuing a parolee's deadline reminders, audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.intake.selectors import applicant_language
from lifeline.notifications.models import Notification
from lifeline.notifications.services import queue_to_person
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.pathways import selectors
from lifeline.pathways.reminders import Reminder, due_reminders
from lifeline.pathways.words import PAROLE_ENDS, REMINDER_BODY, REMINDER_SUBJECT, option_label


def _recipient(term: ParoleTerm) -> User | None:
    """The parolee's own account: the beneficiary's, else the filer's when they filed for
    themselves. Representatives see deadlines on their client list instead."""
    request = term.request
    if request.beneficiary.user is not None:
        return request.beneficiary.user
    if request.filed_by.role == "beneficiary":
        return request.filed_by
    return None


def _what(reminder: Reminder, labels: dict[str, str]) -> str:
    if reminder.deadline.kind == "parole_ends":
        return str(PAROLE_ENDS)
    return labels.get(reminder.deadline.codes[0], reminder.deadline.codes[0])


@transaction.atomic
def queue_reminders(*, term: ParoleTerm, reminders: list[Reminder], labels: dict[str, str]) -> int:
    """Queue each reminder not queued before (the key makes it once per person, deadline and
    offset) in the portal, by e-mail and by text message where the record has the address, with
    an audit event per reminder; returns how many were new."""
    recipient = _recipient(term)
    if recipient is None:
        return 0
    request = term.request
    language = recipient.preferred_language or applicant_language(request)
    phone = request.beneficiary.phone
    count = 0
    for reminder in reminders:
        key = reminder.key(request.beneficiary_id)
        if Notification.objects.filter(key=key).exists():
            continue
        day = reminder.deadline.on.isoformat()
        with translation.override(language):
            link = reverse("pathways:parolee", kwargs={"reference": request.reference})
            what = _what(reminder, labels)
            subject = str(REMINDER_SUBJECT).format(what=what, day=day)
            body = str(REMINDER_BODY).format(what=what, day=day, days=reminder.days_left)
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
        if reminders:
            with translation.override(term.request.language or "en"):
                labels = {
                    o.code: option_label(o.code, o.basis, o.plain_label) for o in answer.options
                }
            count += queue_reminders(term=term, reminders=reminders, labels=labels)
    return count
