"""One applicant-visible timeline across intake, adjudication and the parole term."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lifeline.adjudication.enums import DecisionStatus, EvidenceRequestStatus, Outcome
from lifeline.adjudication.models import EvidenceRequest
from lifeline.core.local_formats import format_date_local
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import list_timeline_for_request
from lifeline.notices.enums import NoticeKind
from lifeline.notices.models import Notice
from lifeline.notices.selectors import (
    list_delivered_notices_for_request,
    list_notices_for_request,
)
from lifeline.notices.texts import texts_for
from lifeline.parole.models import ParoleTerm
from lifeline.portal import choices


@dataclass(frozen=True)
class Entry:
    on: dt.date
    title: str
    details: list[str] = field(default_factory=list)
    is_upcoming: bool = False


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _intake(request: ParoleRequest) -> list[Entry]:
    entries = []
    for item in list_timeline_for_request(request):
        if item["kind"] == "prescreen":
            outcome = str(choices.OUTCOME_LABELS.get(item["outcome"], item["outcome"]))
            entries.append(Entry(_day(item["occurred_at"]), _("Pre-screen result"), [outcome]))
        elif item["to_status"] not in {"prescreened", "evidence_requested"}:
            title = str(choices.REQUEST_STATUSES.get(item["to_status"], item["to_status"]))
            on = _day(item["occurred_at"])
            if item["to_status"] == RequestStatus.SUBMITTED and request.filed_on:
                on = request.filed_on  # the filing date the request page shows, one source
            # The program office's reason is for the applicant to read; officers' notes are not.
            shown = item["to_status"] == RequestStatus.PROGRAM_WITHDRAWN and item["reason"]
            details = [item["reason"]] if shown else []
            entries.append(Entry(on, title, details))
    return entries


def _evidence_requests(request: ParoleRequest) -> list[Entry]:
    entries = []
    for asked in EvidenceRequest.objects.filter(request=request).order_by("created_at"):
        due = _("Answer by %(day)s.") % {"day": format_date_local(asked.due_on)}
        entries.append(Entry(_day(asked.created_at), _("More evidence requested"), [due]))
        if asked.status == EvidenceRequestStatus.ANSWERED and asked.answered_at:
            entries.append(Entry(_day(asked.answered_at), _("You sent the evidence asked for")))
    return entries


_DECISIONS = {
    Outcome.APPROVE: lambda: _("Decision: approved"),
    Outcome.DENY: lambda: _("Decision: denied"),
    Outcome.CLOSE: lambda: _("Decision: closed"),
}


def _decisions(request: ParoleRequest) -> list[Entry]:
    decisions = request.decisions.filter(status=DecisionStatus.IN_EFFECT)
    return [
        Entry(_day(d.signed_at or d.decided_at), _DECISIONS[Outcome(d.outcome)]())
        for d in decisions
    ]


def _term(request: ParoleRequest, today: dt.date) -> list[Entry]:
    term = ParoleTerm.objects.filter(request=request).first()
    if term is None:
        return []
    entries = []
    if term.travel_authorized_on:
        details = []
        if term.travel_authorization_expires_on and not term.arrived_on:
            day = format_date_local(term.travel_authorization_expires_on)
            details.append(_("Travel before %(day)s.") % {"day": day})
        entries.append(Entry(term.travel_authorized_on, _("Travel authorized"), details))
    for on, title in (
        (term.arrived_on, _("Arrived in the United States: parole starts")),
        (term.ends_on, _("Parole ends")),
        (term.reparole_window_opens_on, _("You can ask for re-parole from this day")),
    ):
        if on:
            entries.append(Entry(on, title, is_upcoming=on > today))
    return entries


def list_timeline(request: ParoleRequest, *, today: dt.date) -> list[Entry]:
    """Everything that happened to the request, and the dates ahead, oldest first."""
    entries = [
        *_intake(request),
        *_evidence_requests(request),
        *_decisions(request),
        *_term(request, today),
    ]
    return sorted(entries, key=lambda entry: entry.on)


def get_open_evidence_request(request: ParoleRequest) -> EvidenceRequest | None:
    return EvidenceRequest.objects.filter(
        request=request, status=EvidenceRequestStatus.OPEN
    ).first()


def list_notices(request: ParoleRequest) -> QuerySet[Notice]:
    return list_delivered_notices_for_request(request)


@dataclass(frozen=True)
class DecisionWords:
    """The decision in effect as its notice words it: what it means, and the reasons quoted in
    English as the program publishes them."""

    intro: str
    reasons_heading: str
    reasons_in_english: str
    reasons: list[str]
    notice_ready: bool


def get_decision_words(request: ParoleRequest) -> DecisionWords | None:
    """From the moment the decision's notice is issued, before its PDF is made."""
    notice = (
        list_notices_for_request(request)
        .filter(
            kind__in=[NoticeKind.APPROVAL, NoticeKind.DENIAL, NoticeKind.CLOSURE],
            revoked_at__isnull=True,
        )
        .first()
    )
    if notice is None:
        return None
    language = get_language() or "en"
    words = texts_for(language)
    return DecisionWords(
        intro=words[f"intro.{notice.kind}"],
        reasons_heading=words["reasons"],
        reasons_in_english="" if language.startswith("en") else words["reasons_english"],
        reasons=[str(reason["text"]) for reason in notice.context.get("reasons", [])],
        notice_ready=bool(notice.storage_name),
    )
