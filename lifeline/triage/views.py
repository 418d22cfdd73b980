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
from lifeline.triage import routing, selectors, services
from lifeline.triage.access import can_supervise, caseworker_page, staff_user
from lifeline.triage.enums import QueueState, UrgencyLevel
from lifeline.triage.models import CaseTriage


class QueueFilters(TypedDict):
    program: str | None
    office: str | None
    urgency_level: str | None


def _filters(source: QueryDict, officer: User) -> QueueFilters:
    """The queue's filters; an officer with an office sees that office's queue until they pick
    another (an empty choice is "any office")."""
    office = source.get("office", officer.office)
    return {
        "program": source.get("program") or None,
        "office": str(office) or None,
        "urgency_level": source.get("urgency_level") or None,
    }


@require_GET
@caseworker_page
def queue(request: HttpRequest) -> HttpResponse:
    filters = _filters(request.GET, staff_user(request))
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
            "offices": routing.offices(),
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
            **_filters(request.POST, staff_user(request)),
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


def _queued_case(reference: str) -> CaseTriage:
    case = CaseTriage.objects.filter(request__reference=reference).first()
    if case is None:
        raise NotFound(f"Request {reference} is not in the review queue.")
    return case


@require_POST
@caseworker_page
def expedite(request: HttpRequest, reference: str) -> HttpResponse:
    """Record an expedite request, or decide one, with its reason."""
    reason = request.POST.get("reason", "")
    try:
        case = _queued_case(reference)
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


@require_POST
@caseworker_page
def route(request: HttpRequest, reference: str) -> HttpResponse:
    """A supervisor sends a waiting case to another office."""
    office = request.POST.get("office", "")
    try:
        services.route_case(
            supervisor=staff_user(request),
            request_id=_queued_case(reference).request_id,
            office=office,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Routed to {routing.offices().get(office, 'any office')}.")
    return redirect("workspace:case", reference=reference)
