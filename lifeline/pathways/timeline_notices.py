"""The notices of a published timeline change: portal, e-mail and text message to each parolee
whose answers change, and to each representative their client consented to."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from lifeline.accounts.models import RepresentationConsent, User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.local_formats import format_date_local
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import applicant_language
from lifeline.notifications.services import queue_text_message, queue_to_person
from lifeline.pathways.models import TimelineChange
from lifeline.pathways.words import CHANGE_BODY, CHANGE_SUBJECT, CLIENT_CHANGE_SUBJECT


def notify_timeline_change(change: TimelineChange, references: list[str]) -> int:
    """Portal, e-mail and text message to each parolee and each consenting representative,
    in their language; one audit event per request. Returns how many were told."""
    requests = list(
        ParoleRequest.objects.filter(reference__in=references).select_related(
            "beneficiary", "beneficiary__user", "filed_by", "representative"
        )
    )
    consents = set(
        RepresentationConsent.objects.filter(
            client__in=[request.filed_by_id for request in requests], revoked_at__isnull=True
        ).values_list("representative_id", "client_id")
    )
    told = 0
    for request in requests:
        recipients = _recipients(request, consents)
        for user, is_representative in recipients:
            _queue(change, request, user, is_representative=is_representative)
        phone = request.beneficiary.phone
        if phone:
            with translation.override(applicant_language(request)):
                text = str(CHANGE_SUBJECT)
                link = _page(request)
            queue_text_message(
                key=f"timeline:{change.version}:{request.pk}",
                subject=text,
                link=link,
                phone=phone,
                language=applicant_language(request),
            )
        audit_subject(
            request,
            actor=None,
            action=AuditAction.PATHWAYS_CHANGE_NOTIFIED,
            details={
                "timeline": change.version,
                "accounts": len(recipients),
                "sms": bool(phone),
            },
        )
        told += 1
    return told


def _page(request: ParoleRequest) -> str:
    """The request's options page, under the active language's prefix (ADR 0245)."""
    return reverse("pathways:parolee", kwargs={"reference": request.reference})


def _recipients(request: ParoleRequest, consents: set[tuple[int, int]]) -> list[tuple[User, bool]]:
    """The parolee's own account (beneficiary, or the filer filing for themselves), and the
    representative on the request while their client's consent stands (in `consents`, as
    (representative, client) ids)."""
    found: list[tuple[User, bool]] = []
    if request.beneficiary.user is not None:
        found.append((request.beneficiary.user, False))
    elif request.filed_by.role == "beneficiary":
        found.append((request.filed_by, False))
    representative = request.representative
    if representative is not None and (representative.pk, request.filed_by_id) in consents:
        found.append((representative, True))
    return found


def _queue(
    change: TimelineChange, request: ParoleRequest, user: User, *, is_representative: bool
) -> None:
    language = user.preferred_language if is_representative else applicant_language(request)
    with translation.override(language):
        subject = (
            str(CLIENT_CHANGE_SUBJECT).format(reference=request.reference)
            if is_representative
            else str(CHANGE_SUBJECT)
        )
        body = str(CHANGE_BODY).format(day=format_date_local(clock.today(), language))
        link = _page(request)
    queue_to_person(
        key=f"timeline:{change.version}:{request.pk}:{user.pk}",
        subject=subject,
        body=body,
        link=link,
        language=language,
        recipient_id=user.pk,
        email=user.email,
    )  # the parolee's text message goes once per request, account or not (notify_timeline_change)
