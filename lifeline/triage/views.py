"""Workspace pages for the queue: the queue with filters, take next case, workloads."""

from __future__ import annotations

from typing import TypedDict

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from lifeline.accounts.models import User
from lifeline.core.errors import DomainError, NotFound
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
def queue(http: HttpRequest) -> HttpResponse:
    typed_reference = http.GET.get("reference", "")
    if typed_reference.strip():
        reference = selectors.find_case_reference(typed_reference)
        if reference:
            return redirect("workspace:case", reference=reference)
        messages.error(http, f"No case has the reference “{typed_reference.strip()[:40]}”.")
    filters = _filters(http.GET, staff_user(http))
    state = http.GET.get("state") or QueueState.QUEUED
    if state not in QueueState.values:
        state = QueueState.QUEUED
    page = http.GET.get("page", "")
    shown = selectors.list_queue(state=state, page=int(page) if page.isdigit() else 1, **filters)
    titles = selectors.get_program_titles()
    office_names = routing.offices()
    mine = selectors.list_cases_for_officer(staff_user(http))
    for case, _ in [*shown.rows, *mine]:
        case.program_title = titles.get(case.program, case.program)  # type: ignore[attr-defined]
        case.office_name = office_names.get(case.office, case.office)  # type: ignore[attr-defined]
    paging = http.GET.copy()
    paging.pop("page", None)
    return render(
        http,
        "triage/queue.html",
        {
            "shown": shown,
            "rows": shown.rows,
            "paging_query": paging.urlencode(),
            "state_label": QueueState(state).label,
            "program_titles": sorted(titles.items(), key=lambda item: item[1]),
            "mine": mine,
            "counts": selectors.count_queue_by_state(),
            "filters": filters,
            "state": state,
            "states": QueueState.choices,
            "levels": UrgencyLevel.choices,
            "offices": routing.offices(),
            "is_supervisor": can_supervise(staff_user(http)),
        },
    )


@require_POST
@caseworker_page
def take_next(http: HttpRequest) -> HttpResponse:
    second_review = http.POST.get("second_review") == "1"
    try:
        case = services.assign_next_case(
            officer=staff_user(http),
            second_review=second_review,
            **_filters(http.POST, staff_user(http)),
        )
    except DomainError as error:
        messages.error(http, error.message)
        return redirect("workspace:queue")
    if case is None:
        messages.info(http, "No case is waiting in this queue.")
        return redirect("workspace:queue")
    return redirect("workspace:case", reference=case.request.reference)


@require_GET
@caseworker_page
def workload(http: HttpRequest) -> HttpResponse:
    return render(
        http,
        "triage/workload.html",
        {"workloads": selectors.list_workloads(), "counts": selectors.count_queue_by_state()},
    )


@require_POST
@caseworker_page
def assign(http: HttpRequest, reference: str) -> HttpResponse:
    """A supervisor gives a case to an officer (rebalancing)."""
    officer = User.objects.filter(pk=http.POST.get("officer_id") or 0).first()
    case = CaseTriage.objects.filter(request__reference=reference).first()
    if officer is None or case is None:
        messages.error(http, "Choose an officer for a case in the queue.")
        return redirect("workspace:queue")
    try:
        services.assign_case(
            supervisor=staff_user(http), request_id=case.request_id, officer=officer
        )
    except DomainError as error:
        messages.error(http, error.message)
    else:
        messages.success(http, f"Assigned to {officer.username}.")
    return redirect("workspace:case", reference=reference)


def _queued_case(reference: str) -> CaseTriage:
    case = CaseTriage.objects.filter(request__reference=reference).first()
    if case is None:
        raise NotFound(f"Request {reference} is not in the review queue.")
    return case


@require_POST
@caseworker_page
def expedite(http: HttpRequest, reference: str) -> HttpResponse:
    """Record an expedite request, or decide one, with its reason."""
    reason = http.POST.get("reason", "")
    try:
        case = _queued_case(reference)
        expedite_id = http.POST.get("expedite_id", "")
        if expedite_id.isdigit():
            services.decide_expedite(
                actor=staff_user(http),
                expedite_id=int(expedite_id),
                is_granted=http.POST.get("grant") == "1",
                reason=reason,
            )
        else:
            services.request_expedite(
                actor=staff_user(http),
                request_id=case.request_id,
                reason=reason,
            )
    except DomainError as error:
        messages.error(http, error.message)
    else:
        messages.success(http, "Saved.")
    return redirect("workspace:case", reference=reference)


@require_POST
@caseworker_page
def route(http: HttpRequest, reference: str) -> HttpResponse:
    """A supervisor sends a waiting case to another office."""
    office = http.POST.get("office", "")
    try:
        services.route_case(
            supervisor=staff_user(http),
            request_id=_queued_case(reference).request_id,
            office=office,
        )
    except DomainError as error:
        messages.error(http, error.message)
    else:
        messages.success(http, f"Routed to {routing.offices().get(office, 'any office')}.")
    return redirect("workspace:case", reference=reference)
