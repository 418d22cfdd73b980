"""A small, seeded operations data set for the dashboard tests: requests in every state, triage
rows, decisions, blind second reviews, evidence requests and cap counters."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus
from lifeline.adjudication.models import Decision, EvidenceRequest, SecondReview
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.tests.factories import make_request, make_user
from lifeline.parole.models import TOTAL_PERIOD, CapCounter
from lifeline.triage.enums import QueueState, UrgencyLevel
from lifeline.triage.models import CaseTriage

PROGRAMS = ("general", "u4u")
OFFICES = ("", "Kyiv", "Warsaw")
OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.PRESCREENED,
    RequestStatus.IN_REVIEW,
    RequestStatus.EVIDENCE_REQUESTED,
    RequestStatus.DECISION_PENDING_SIGNOFF,
)
OUTCOMES = ("approve", "deny", "close")
FINAL_STATUS = {
    "approve": RequestStatus.APPROVED,
    "deny": RequestStatus.DENIED,
    "close": RequestStatus.ADMINISTRATIVELY_CLOSED,
}


@dataclass
class OperationsData:
    now: dt.datetime
    officers: list[User]
    requests: list[ParoleRequest] = field(default_factory=list)


def build_operations_data(*, seed: int = 7, size: int = 80) -> OperationsData:
    rng = random.Random(seed)
    now = timezone.now()
    filer = make_user(UserRole.BENEFICIARY)
    officers = [make_user(UserRole.OFFICER) for _n in range(4)]
    data = OperationsData(now=now, officers=officers)
    for _n in range(size):
        is_open = rng.random() < 0.45
        submitted_at = now - dt.timedelta(days=rng.uniform(0, 240))
        request = make_request(
            status=rng.choice(OPEN_STATUSES) if is_open else RequestStatus.IN_REVIEW,
            filed_by=filer,
            submitted_at=submitted_at,
        )
        request.program = rng.choice(PROGRAMS)
        request.save(update_fields=["program"])
        data.requests.append(request)
        CaseTriage.objects.filter(request=request).delete()  # built below, on our own terms
        if rng.random() < 0.1:
            continue  # a request not (yet) triaged
        hours = rng.choice((72, 240, 720))
        paused = rng.random() < 0.1
        CaseTriage.objects.create(
            request=request,
            program=request.program,
            office=rng.choice(OFFICES),
            state=QueueState.QUEUED if is_open else QueueState.DONE,
            urgency_score=rng.randrange(100),
            urgency_level=rng.choice(UrgencyLevel.values),
            assessed_at=submitted_at,
            sla_hours=hours,
            sla_started_at=submitted_at,
            sla_due_at=submitted_at + dt.timedelta(hours=hours),
            sla_paused_at=now - dt.timedelta(hours=1) if paused and is_open else None,
        )
        if rng.random() < 0.3:
            EvidenceRequest.objects.create(
                request=request,
                officer=officers[0],
                items=[],
                due_on=(submitted_at + dt.timedelta(days=30)).date(),
                status="answered",
            )
        if not is_open:
            _decide(rng, request, officers, submitted_at, now)
    _caps(now)
    return data


def _decide(
    rng: random.Random,
    request: ParoleRequest,
    officers: list[User],
    submitted_at: dt.datetime,
    now: dt.datetime,
) -> None:
    outcome = rng.choice(OUTCOMES)
    decided_at = min(now, submitted_at + dt.timedelta(days=rng.uniform(0, 60)))
    first, reviewer = rng.sample(officers, 2)
    decision = Decision.objects.create(
        request=request,
        officer=first,
        outcome=outcome,
        reason_codes=[],
        rubric_scores={},
        rationale="Decided for the analytics tests.",
        program_version="test",
        request_version=1,
        status=DecisionStatus.IN_EFFECT,
        decided_at=decided_at,
    )
    request.status = FINAL_STATUS[outcome]
    request.save(update_fields=["status"])
    if rng.random() < 0.6:
        second = outcome if rng.random() < 0.7 else rng.choice(OUTCOMES)
        SecondReview.objects.create(
            decision=decision,
            reviewer=reviewer,
            outcome=second,
            reason_codes=[],
            rubric_scores={},
            rationale="Blind second review for the analytics tests.",
            agrees=second == outcome,
            submitted_at=decided_at,
        )


def _caps(now: dt.datetime) -> None:
    month = now.date().replace(day=1)
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    CapCounter.objects.create(cap_id="u4u-monthly", period_start=month, limit=100, used=40)
    CapCounter.objects.create(cap_id="u4u-monthly", period_start=previous, limit=100, used=100)
    CapCounter.objects.create(cap_id="cam-total", period_start=TOTAL_PERIOD, limit=500, used=120)
