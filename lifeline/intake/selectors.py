"""Reads for requests: lists a user may see, a request's timeline, its evidence, linked cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.core import clock
from lifeline.core.errors import NotFound, ValidationFailed
from lifeline.intake.access import requests_visible_to
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import EvidenceItem, ParoleRequest, ProgramVersionReview
from lifeline.people.models import FamilyGroup
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.registry import get_registry
from lifeline.programs.results import OUTCOME_EXPLANATIONS, AnswerCitation
from lifeline.programs.routes import routes
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration


def applicant_language(request: ParoleRequest) -> str:
    """The language to write to the applicant in: the one they now read the portal in (ADR
    0245), else the one they filed in, else English."""
    return request.filed_by.preferred_language or request.language or "en"


def list_requests_for_user(user: User, *, status: str | None = None) -> QuerySet[ParoleRequest]:
    """Requests the user may read, newest first, optionally in one status."""
    requests = (
        requests_visible_to(user)
        .select_related(
            "beneficiary", "filed_by", "representative", "travelling_with", "prior_request"
        )
        .prefetch_related("declarations")
    )
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-id")


def _second(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=0)


def list_timeline_for_request(request: ParoleRequest) -> list[dict[str, Any]]:
    """Status changes and pre-screen results in the order they happened.

    Pre-screen times are kept to the second, so entries are ordered by the second they fell in;
    within one second, a submission comes first, then the pre-screen it led to, then the moves
    that followed it (to pre-screened and on), in the order they were written.
    """
    entries: list[tuple[tuple[dt.datetime, int, int], dict[str, Any]]] = []
    for change in request.status_changes.all():
        rank = 0 if change.to_status == RequestStatus.SUBMITTED else 2
        entries.append(
            (
                (_second(change.occurred_at), rank, change.pk),
                {
                    "kind": "status_change",
                    "occurred_at": change.occurred_at,
                    "from_status": change.from_status,
                    "to_status": change.to_status,
                    "actor_role": change.actor_role,
                    "reason": change.reason,
                },
            )
        )
    for record in request.prescreens.all():
        entries.append(
            (
                (_second(record.evaluated_at), 1, record.pk),
                {
                    "kind": "prescreen",
                    "occurred_at": record.evaluated_at,
                    "outcome": record.outcome,
                    "outcome_explanation": OUTCOME_EXPLANATIONS.get(record.outcome, ""),
                    "program": record.program,
                    "program_version": record.program_version,
                    "is_current": record.is_current,
                    "route_to": record.route_to,
                    "route": _route(record.route_to),
                    "parole_max_days": record.parole_max_days,
                    "parole": record.parole,
                    "fees": record.fees,
                    "rules": record.rules,
                    "people": record.people,
                },
            )
        )
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]


def list_evidence_for_request(request: ParoleRequest) -> QuerySet[EvidenceItem]:
    return request.evidence.select_related("uploaded_by").order_by("created_at", "id")


def get_client_by_username(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def get_linked_request_for_user(user: User, *, reference: str) -> ParoleRequest:
    """A request the user may link a new one to (a companion's, a family member's, a prior one)."""
    request = requests_visible_to(user).filter(reference=reference).first()
    if request is None:
        raise NotFound(f"No request {reference} that you can link to.")
    return request


def get_family_group_for_user(user: User, *, reference: str) -> FamilyGroup:
    """The family group of a request the user may see, to file a family member into it."""
    request = get_linked_request_for_user(user, reference=reference)
    if request.family_group is None:
        raise ValidationFailed(
            f"Request {reference} is not in a family group, so there is none to join.",
            details={"family_with": reference},
        )
    return request.family_group


def list_declarations_for_filing(
    *, actor: User, client: User | None, references: list[str]
) -> list[SupporterDeclaration]:
    """Confirmed declarations a filer may attach: ones they confirmed or the actor filed."""
    filer = client if client is not None and actor.role == UserRole.REPRESENTATIVE else actor
    found = list(
        SupporterDeclaration.objects.filter(
            Q(confirmed_by=filer) | Q(supporter_user=actor),
            reference__in=references,
            status=DeclarationStatus.CONFIRMED,
        )
    )
    missing = sorted(set(references) - {declaration.reference for declaration in found})
    if missing:
        raise NotFound(
            f"No confirmed declaration {', '.join(missing)} that you can attach.",
            details={"references": missing},
        )
    return found


def policy_for(request: ParoleRequest) -> ProgramVersionPolicy:
    """The program version the request was pre-screened under (else the one on its filing)."""
    registry = get_registry()
    version = registry.version(request.program_version) if request.program_version else None
    return version or registry.version_for_filing(
        request.program, request.filed_on or clock.today()
    )


def _route(code: str) -> dict[str, Any] | None:
    """A route code in words, from the shared vocabulary, with its citation as the pre-screen
    answer gives it (authority, address, quote); None when there is no route."""
    known = routes().get(code) if code else None
    if known is None:
        return None
    return {
        "code": code,
        "label": known.label.strip(),
        "explanation": known.explanation.strip(),
        "citation": AnswerCitation.of(known.citation).model_dump(),
    }


def list_program_version_reviews(*, limit: int) -> list[ProgramVersionReview]:
    """The newest what-if reviews of draft program versions, with who ran each."""
    return list(ProgramVersionReview.objects.select_related("reviewed_by")[:limit])
