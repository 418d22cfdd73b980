"""Workspace pages for the queue: the queue with filters, take next case, workloads."""

from __future__ import annotations

from typing import TypedDict

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from lifeline.accounts.models import User
from lifeline.core.errors import DomainError, NotFound
from lifeline.programs.registry import get_registry
from lifeline.triage import selectors, services
from lifeline.triage.access import can_supervise, caseworker_page, staff_user
from lifeline.triage.enums import QueueState, UrgencyLevel
from lifeline.triage.models import CaseTriage


class QueueFilters(TypedDict):
    program: str | None
    office: str | None
    urgency_level: str | None


def _filters(source: QueryDict) -> QueueFilters:
    return {
        "program": source.get("program") or None,
        "office": source.get("office") or None,
        "urgency_level": source.get("urgency_level") or None,
    }


@require_GET
@caseworker_page
def queue(request: HttpRequest) -> HttpResponse:
    filters = _filters(request.GET)
    state = request.GET.get("state") or QueueState.QUEUED
    if state not in QueueState.values:
        state = QueueState.QUEUED
    return render(
        request,
        "triage/queue.html",
        {
            "rows": selectors.list_queue(state=state, **filters),
            "mine": selectors.list_cases_for_officer(staff_user(request)),
            "counts": selectors.count_queue_by_state(),
            "filters": filters,
            "state": state,
            "states": QueueState.choices,
            "programs": get_registry().programs(),
            "levels": UrgencyLevel.choices,
            "is_supervisor": can_supervise(staff_user(request)),
        },
    )


@require_POST
@caseworker_page
def take_next(request: HttpRequest) -> HttpResponse:
    second_review = request.POST.get("second_review") == "1"
    try:
        case = services.assign_next_case(
            officer=staff_user(request),
            second_review=second_review,
            **_filters(request.POST),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("workspace:queue")
    if case is None:
        messages.info(request, "No case is waiting in this queue.")
        return redirect("workspace:queue")
    return redirect("workspace:case", reference=case.request.reference)


@require_GET
@caseworker_page
def workload(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "triage/workload.html",
        {"workloads": selectors.list_workloads(), "counts": selectors.count_queue_by_state()},
    )


@require_POST
@caseworker_page
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    """A supervisor gives a case to an officer (rebalancing)."""
    officer = User.objects.filter(pk=request.POST.get("officer_id") or 0).first()
    case = CaseTriage.objects.filter(request__reference=reference).first()
    if officer is None or case is None:
        messages.error(request, "Choose an officer for a case in the queue.")
        return redirect("workspace:queue")
    try:
        services.assign_case(
            supervisor=staff_user(request), request_id=case.request_id, officer=officer
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Assigned to {officer.username}.")
    return redirect("workspace:case", reference=reference)


@require_POST
@caseworker_page
def expedite(request: HttpRequest, reference: str) -> HttpResponse:
    """Record an expedite request, or decide one, with its reason."""
    case = CaseTriage.objects.filter(request__reference=reference).first()
    reason = request.POST.get("reason", "")
    try:
        if case is None:
            raise NotFound(f"Request {reference} is not in the review queue.")
        expedite_id = request.POST.get("expedite_id", "")
        if expedite_id.isdigit():
            services.decide_expedite(
                actor=staff_user(request),
                expedite_id=int(expedite_id),
                is_granted=request.POST.get("grant") == "1",
                reason=reason,
            )
        else:
            services.request_expedite(
                actor=staff_user(request),
                request_id=case.request_id,
                reason=reason,
            )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Saved.")
    return redirect("workspace:case", reference=reference)
