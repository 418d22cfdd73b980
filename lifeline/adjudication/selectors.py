"""Reads for the workspace: everything on the case page, the sign-off queue, similar cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lifeline.accounts.enums import UserRole
from lifeline.adjudication.enums import DecisionStatus, EvidenceRequestStatus
from lifeline.adjudication.family import list_household, list_relatives
from lifeline.adjudication.models import Decision
from lifeline.intake.documents import read_document
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import (
    list_evidence_for_request,
    list_timeline_for_request,
    policy_for,
)
from lifeline.integrity.selectors import list_open_flags_for_request
from lifeline.notices.selectors import list_notices_for_request
from lifeline.supporters.models import SupporterDeclaration
from lifeline.triage.models import CaseTriage
from lifeline.triage.selectors import get_sla_status, list_caseworkers

SIMILAR_CANDIDATES = 300
SIMILAR_SHOWN = 5
_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class SimilarCase:
    request: ParoleRequest
    score: float
    reasons: list[str]


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def list_similar_decided_cases(request: ParoleRequest) -> list[SimilarCase]:
    """Decided cases ranked by program, category, urgency facts and narrative overlap, each with
    the reasons it was judged similar."""
    document = read_document(request)
    facts = {k for k, v in document.urgency.model_dump().items() if v not in (False, "", None)}
    words = _words(document.narrative)
    candidates = (
        ParoleRequest.objects.filter(status__in=[RequestStatus.APPROVED, RequestStatus.DENIED])
        .exclude(pk=request.pk)
        .filter(category=request.category)
        .select_related("beneficiary")
        .order_by("-updated_at")[:SIMILAR_CANDIDATES]
    )
    ranked = []
    for other in candidates:
        other_document = other.document
        reasons, score = [f"same category ({other.category})"], 1.0
        if other.program == request.program:
            reasons.append(f"same program ({other.program})")
            score += 1.0
        other_facts = {
            k for k, v in other_document.get("urgency", {}).items() if v not in (False, "", None)
        }
        shared = sorted(facts & other_facts - {"treatment_on", "event_on", "diagnosis"})
        if shared:
            reasons.append("same facts: " + ", ".join(f.replace("_", " ") for f in shared))
            score += len(shared) / max(len(facts | other_facts), 1)
        other_words = _words(other_document.get("narrative", ""))
        overlap = len(words & other_words) / max(len(words | other_words), 1)
        if overlap >= 0.1:
            reasons.append(f"narrative overlap {overlap:.0%}")
            score += overlap
        ranked.append(SimilarCase(other, round(score, 3), reasons))
    ranked.sort(key=lambda case: (-case.score, -case.request.pk))
    return ranked[:SIMILAR_SHOWN]


def _status_label(status: str) -> str:
    return str(RequestStatus(status).label) if status in RequestStatus.values else status


def _labelled(entry: dict[str, Any]) -> dict[str, Any]:
    """A timeline entry with the statuses' names and the role's name beside their codes."""
    if entry.get("kind") != "status_change":
        return entry
    return {
        **entry,
        "from_label": _status_label(entry.get("from_status") or ""),
        "to_label": _status_label(entry.get("to_status") or ""),
        "actor_role_label": str(UserRole(entry["actor_role"]).label)
        if entry.get("actor_role") in UserRole.values
        else entry.get("actor_role") or "",
    }


def get_case_page(request: ParoleRequest) -> dict[str, Any]:
    """Everything an officer needs on one screen."""
    case = CaseTriage.objects.filter(request=request).select_related("assigned_to").first()
    declarations = list(
        request.declarations.select_related("supporter").prefetch_related(
            "co_supporters", "evidence"
        )
    )
    supporter_ids = {d.supporter_id for d in declarations}
    other_pledges = (
        SupporterDeclaration.objects.filter(supporter_id__in=supporter_ids)
        .exclude(pk__in=[d.pk for d in declarations])
        .select_related("beneficiary")
    )
    prescreen = request.prescreens.filter(is_current=True).first()
    document = read_document(request)
    return {
        "request": request,
        "document": document,
        "household": list_household(document, prescreen),
        "policy": policy_for(request),
        "case": case,
        "sla": get_sla_status(case) if case else None,
        "relatives": list_relatives(request),
        "declarations": declarations,
        "other_pledges": list(other_pledges),
        "evidence": list(list_evidence_for_request(request)),
        "prescreen": prescreen,
        "flags": list_open_flags_for_request(request),
        "timeline": [_labelled(entry) for entry in list_timeline_for_request(request)],
        "similar": list_similar_decided_cases(request),
        "decisions": list(request.decisions.select_related("officer", "signed_by")),
        "evidence_requests": list(request.evidence_requests.order_by("-created_at")),
        "open_evidence_request": request.evidence_requests.filter(
            status=EvidenceRequestStatus.OPEN
        ).first(),
        "notices": list(list_notices_for_request(request)),
        "expedites": list(
            request.expedite_requests.select_related("requested_by", "decided_by").order_by(
                "-created_at"
            )
        ),
        "officers": list_caseworkers(),
    }


def list_signoff_queue() -> list[Decision]:
    return list(
        Decision.objects.filter(status=DecisionStatus.PENDING_SIGNOFF)
        .select_related("request", "request__beneficiary", "officer")
        .prefetch_related("second_review")
        .order_by("decided_at")
    )


def get_decision_awaiting_second_review(request: ParoleRequest) -> Decision | None:
    return Decision.objects.filter(request=request, status=DecisionStatus.SECOND_REVIEW).first()
