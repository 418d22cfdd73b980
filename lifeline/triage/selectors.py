"""Reads for triage: queues with SLA status, an officer's cases and the workload per officer."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet

from lifeline.accounts.models import User
from lifeline.core import clock
from lifeline.programs.errors import UnknownProgram
from lifeline.programs.registry import get_registry
from lifeline.triage import sla
from lifeline.triage.access import CASEWORK_ROLES
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage, ExpediteRequest

# The order cases are taken in: most urgent first, then the earliest SLA due date.
QUEUE_ORDER = ("-urgency_score", "sla_due_at", "id")
OPEN_STATES = (
    QueueState.QUEUED,
    QueueState.ASSIGNED,
    QueueState.WAITING_FOR_EVIDENCE,
    QueueState.SECOND_REVIEW,
    QueueState.SIGNOFF,
)


def get_sla_status(case: CaseTriage) -> sla.SlaStatus:
    return sla.sla_status(
        started_at=case.sla_started_at,
        hours=case.sla_hours,
        paused_seconds=case.sla_paused_seconds,
        paused_at=case.sla_paused_at,
        now=clock.now(),
    )


QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue: its rows with SLA status, where it sits and how many wait."""

    rows: list[tuple[CaseTriage, sla.SlaStatus]]
    number: int
    pages: int
    total: int
    first_index: int
    last_index: int


def list_queue(
    *,
    state: str = QueueState.QUEUED,
    program: str | None = None,
    office: str | None = None,
    urgency_level: str | None = None,
    page: int = 1,
    per_page: int | None = None,
) -> QueuePage:
    """Cases in the order "take next case" hands them out, with their SLA status, a page at a
    time (a page past the end shows the last one)."""
    queue = CaseTriage.objects.filter(state=state).select_related(
        "request", "request__beneficiary", "assigned_to"
    )
    if program:
        queue = queue.filter(program=program)
    if office:
        queue = queue.filter(office__in=["", office])
    if urgency_level:
        queue = queue.filter(urgency_level=urgency_level)
    shown = Paginator(queue.order_by(*QUEUE_ORDER), per_page or QUEUE_PAGE_SIZE).get_page(page)
    return QueuePage(
        rows=[(case, get_sla_status(case)) for case in shown],
        number=shown.number,
        pages=shown.paginator.num_pages,
        total=shown.paginator.count,
        first_index=shown.start_index(),
        last_index=shown.end_index(),
    )


def get_program_titles() -> dict[str, str]:
    """Program code -> the title of its latest version, for pages that name programs."""
    registry = get_registry()
    return {program: registry.versions(program)[-1].title for program in registry.programs()}


def get_program_title(program: str) -> str:
    try:
        return get_registry().versions(program)[-1].title
    except UnknownProgram:
        return program


def find_case_reference(typed: str) -> str | None:
    """The reference of a case in the queue matching what an officer typed (any case, spaces
    around it), or None."""
    wanted = typed.strip().upper()
    if not wanted:
        return None
    return (
        CaseTriage.objects.filter(request__reference__iexact=wanted)
        .values_list("request__reference", flat=True)
        .first()
    )


def list_cases_for_officer(officer: User) -> list[tuple[CaseTriage, sla.SlaStatus]]:
    cases = (
        CaseTriage.objects.filter(assigned_to=officer, state__in=OPEN_STATES)
        .select_related("request", "request__beneficiary")
        .order_by(*QUEUE_ORDER)
    )
    return [(case, get_sla_status(case)) for case in cases]


@dataclass(frozen=True)
class Workload:
    officer: User
    open_cases: int
    critical: int
    breached: int


def list_workloads() -> list[Workload]:
    """Open cases per officer (and supervisor), with critical and breached counts."""
    now = clock.now()
    officers = (
        User.objects.filter(role__in=CASEWORK_ROLES, is_active=True)
        .annotate(
            open_cases=Count("assigned_cases", filter=Q(assigned_cases__state__in=OPEN_STATES)),
            critical=Count(
                "assigned_cases",
                filter=Q(
                    assigned_cases__state__in=OPEN_STATES, assigned_cases__urgency_level="critical"
                ),
            ),
            breached=Count(
                "assigned_cases",
                filter=Q(
                    assigned_cases__state__in=OPEN_STATES,
                    assigned_cases__sla_paused_at__isnull=True,
                    assigned_cases__sla_due_at__lt=now,
                ),
            ),
        )
        .order_by("-open_cases", "username")
    )
    return [Workload(o, o.open_cases, o.critical, o.breached) for o in officers]


def count_queue_by_state() -> dict[str, int]:
    rows = CaseTriage.objects.values("state").annotate(n=Count("id"))
    return {row["state"]: row["n"] for row in rows}


def list_open_expedite_requests() -> QuerySet[ExpediteRequest]:
    return (
        ExpediteRequest.objects.filter(status="requested")
        .select_related("request", "requested_by")
        .order_by("created_at")
    )


def list_caseworkers() -> list[User]:
    return list(User.objects.filter(role__in=CASEWORK_ROLES, is_active=True).order_by("username"))
