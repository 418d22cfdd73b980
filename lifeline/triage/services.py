"""Writes for triage: assess urgency, decide expedites, take and assign cases, run SLA clocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection, transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_draft, audit_subject, record_audit_events
from lifeline.core import clock
from lifeline.core.errors import Conflict, NotFound, ValidationFailed
from lifeline.intake.documents import read_document
from lifeline.intake.enums import RequestStatus
from lifeline.intake.locking import lock_request
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import policy_for
from lifeline.intake.services import move_request
from lifeline.triage import sla, workflow
from lifeline.triage.access import require_caseworker, require_supervisor
from lifeline.triage.enums import ExpediteStatus, QueueState
from lifeline.triage.models import CaseTriage, ExpediteRequest
from lifeline.triage.routing import office_for_program, offices
from lifeline.triage.urgency import score_urgency

# What taking a case reads (not the request document nor the urgency factors), in the models'
# field order, which is the order Model.from_db takes values in.
TAKE_CASE_FIELDS = ("id", "request_id", "state", "assigned_to_id", "excluded_officer_id")
TAKE_REQUEST_FIELDS = ("id", "reference", "status", "beneficiary_id", "petitioner_id")
MIN_REASON_CHARS = 10


def _assessment(case: CaseTriage) -> dict[str, object]:
    return {
        "score": case.urgency_score,
        "level": case.urgency_level,
        "factors": case.factors,
        "sla_due_at": case.sla_due_at.isoformat(),
    }


def _lock(request_id: int) -> CaseTriage:
    case = (
        CaseTriage.objects.select_for_update(of=("self",))
        .select_related("request")
        .filter(request_id=request_id)
        .first()
    )
    if case is None:
        raise NotFound(f"Request {request_id} is not in the review queue.")
    return case


def _apply_urgency(case: CaseTriage, request: ParoleRequest, *, expedite_reason: str = "") -> None:
    document = read_document(request)
    urgency = score_urgency(
        document,
        today=clock.today(),
        is_expedited=case.is_expedited,
        expedite_reason=expedite_reason,
    )
    case.urgency_score, case.urgency_level = urgency.score, urgency.level
    case.factors = urgency.factors_as_json()
    case.assessed_at = clock.now()
    case.sla_hours = getattr(policy_for(request).adjudication.sla_hours, urgency.level)
    case.sla_due_at = sla.due_at(
        started_at=case.sla_started_at, hours=case.sla_hours, paused_seconds=case.sla_paused_seconds
    )


@transaction.atomic
def triage_request(*, request_id: int) -> CaseTriage:
    """Score a pre-screened request and put it in the queue (or re-score it where it is)."""
    request = lock_request(request_id)
    case = CaseTriage.objects.select_for_update().filter(request=request).first()
    if case is None:
        case = CaseTriage(
            request=request,
            program=request.program,
            office=office_for_program(request.program),
            sla_started_at=request.submitted_at or clock.now(),
        )
    _apply_urgency(case, request)
    case.save()
    audit_subject(case, actor=None, action=AuditAction.TRIAGE_ASSESSED, details=_assessment(case))
    return case


def queue_imported_requests(*, requests: Sequence[ParoleRequest]) -> list[CaseTriage]:
    """Score newly imported, pre-screened requests and queue them in one insert and audit batch.

    Runs inside the import's transaction; the requests are new rows no one else holds.
    """
    cases = []
    for request in requests:
        case = CaseTriage(
            request=request,
            program=request.program,
            office=office_for_program(request.program),
            sla_started_at=request.submitted_at or clock.now(),
        )
        _apply_urgency(case, request)
        cases.append(case)
    CaseTriage.objects.bulk_create(cases)
    record_audit_events(
        [
            audit_draft(
                case, actor=None, action=AuditAction.TRIAGE_ASSESSED, details=_assessment(case)
            )
            for case in cases
        ]
    )
    return cases


@transaction.atomic
def request_expedite(*, actor: User, request_id: int, reason: str) -> ExpediteRequest:
    """Ask for a request to be expedited (an applicant, a representative or an officer)."""
    if len(reason.strip()) < MIN_REASON_CHARS:
        raise ValidationFailed("Say why the request should be expedited.")
    case = _lock(request_id)
    expedite = ExpediteRequest.objects.create(
        request=case.request, requested_by=actor, reason=reason.strip()
    )
    audit_subject(
        case, actor=actor, action=AuditAction.TRIAGE_EXPEDITE_REQUESTED, details={"id": expedite.pk}
    )
    return expedite


@transaction.atomic
def decide_expedite(
    *, actor: User, expedite_id: int, is_granted: bool, reason: str
) -> ExpediteRequest:
    """Grant or refuse an expedite with a reason; a grant raises the score and moves the SLA."""
    require_caseworker(actor)
    if len(reason.strip()) < MIN_REASON_CHARS:
        raise ValidationFailed("A decision on an expedite request needs a reason.")
    expedite = ExpediteRequest.objects.select_for_update().filter(pk=expedite_id).first()
    if expedite is None:
        raise NotFound(f"No expedite request {expedite_id}.")
    if expedite.status != ExpediteStatus.REQUESTED:
        raise Conflict(
            f"This expedite request was already {expedite.get_status_display().lower()}."
        )
    case = _lock(expedite.request_id)
    expedite.status = ExpediteStatus.GRANTED if is_granted else ExpediteStatus.REFUSED
    expedite.decided_by, expedite.decided_at = actor, clock.now()
    expedite.decision_reason = reason.strip()
    expedite.save()
    if is_granted:
        case.is_expedited = True
        _apply_urgency(case, case.request, expedite_reason=expedite.decision_reason)
        case.save()
    audit_subject(
        case,
        actor=actor,
        action=AuditAction.TRIAGE_EXPEDITE_DECIDED,
        details={
            "id": expedite.pk,
            "granted": is_granted,
            "reason": expedite.decision_reason,
            "score": case.urgency_score,
            "level": case.urgency_level,
        },
    )
    return expedite


def _save_assignment(case: CaseTriage) -> None:
    """UPDATE the case's assignment columns (SQL: the queryset's compilation cost more)."""
    quote, ops = connection.ops.quote_name, connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(CaseTriage._meta.db_table)} SET state = %s, "  # noqa: S608
            "assigned_to_id = %s, assigned_at = %s, updated_at = %s WHERE id = %s",
            [
                case.state,
                case.assigned_to_id,
                ops.adapt_datetimefield_value(case.assigned_at),
                ops.adapt_datetimefield_value(case.updated_at),
                case.pk,
            ],
        )


def _assign(case: CaseTriage, *, officer: User, actor: User, how: str) -> None:
    """Give the case to `officer`; one audit event: the move to in review when the officer
    takes a new case themselves (its reason names them), otherwise an assignment event."""
    case.assigned_to, case.assigned_at = officer, clock.now()
    case.updated_at = case.assigned_at
    if case.state == QueueState.QUEUED:
        workflow.move(case, QueueState.ASSIGNED, role=actor.role)
    _save_assignment(case)
    if case.request.status == RequestStatus.PRESCREENED:
        move_request(
            request_id=case.request_id,
            to_status=RequestStatus.IN_REVIEW,
            actor=officer,
            reason=f"Assigned to {officer.username} ({how}).",
        )
        if actor == officer:
            return
    audit_subject(
        case,
        actor=actor,
        action=AuditAction.TRIAGE_CASE_ASSIGNED,
        details={"officer_id": officer.pk, "how": how, "state": case.state},
    )


@transaction.atomic
def assign_next_case(
    *,
    officer: User,
    program: str | None = None,
    office: str | None = None,
    urgency_level: str | None = None,
    second_review: bool = False,
) -> CaseTriage | None:
    """Give the officer the most urgent waiting case no one else holds (None when none waits).

    On PostgreSQL the row is taken with FOR UPDATE SKIP LOCKED, so concurrent officers get
    different cases without waiting; SQLite runs write transactions one at a time.
    """
    require_caseworker(officer)
    conditions, params = _queue_conditions(
        officer,
        program=program,
        office=office,
        urgency_level=urgency_level,
        second_review=second_review,
    )
    case = _take(conditions, params)
    if case is None:
        return None
    _assign(case, officer=officer, actor=officer, how="second review" if second_review else "next")
    return case


def _queue_conditions(
    officer: User,
    *,
    program: str | None,
    office: str | None,
    urgency_level: str | None,
    second_review: bool,
) -> tuple[list[str], list[str | int]]:
    """The conditions on the case (alias c) that make up one queue, and their parameters."""
    if second_review:
        conditions = [
            "c.state = %s",
            "c.assigned_to_id IS NULL",
            "(c.excluded_officer_id IS NULL OR c.excluded_officer_id <> %s)",
        ]
        params: list[str | int] = [QueueState.SECOND_REVIEW.value, officer.pk]
    else:
        conditions, params = ["c.state = %s"], [QueueState.QUEUED.value]
    if program:
        conditions.append("c.program = %s")
        params.append(program)
    if office:
        conditions.append("c.office IN (%s, %s)")
        params += ["", office]
    if urgency_level:
        conditions.append("c.urgency_level = %s")
        params.append(urgency_level)
    return conditions, params


def _take(conditions: list[str], params: list[str | int]) -> CaseTriage | None:
    """Lock the first case of the queue in QUEUE_ORDER, skipping cases other officers hold.

    Written as SQL: compiling the equivalent queryset cost more than the statement itself on
    this, the busiest write path of the workspace.
    """
    quote = connection.ops.quote_name
    cases, requests = quote(CaseTriage._meta.db_table), quote(ParoleRequest._meta.db_table)
    columns = [f"c.{quote(name)}" for name in TAKE_CASE_FIELDS]
    columns += [f"r.{quote(name)}" for name in TAKE_REQUEST_FIELDS]
    features = connection.features
    skip_locked = features.has_select_for_update_skip_locked and features.has_select_for_update_of
    sql = (
        f"SELECT {', '.join(columns)} FROM {cases} c "  # noqa: S608 (identifiers only)
        f"JOIN {requests} r ON r.id = c.request_id WHERE {' AND '.join(conditions)} "
        "ORDER BY c.urgency_score DESC, c.sla_due_at, c.id LIMIT 1"
        + (" FOR UPDATE OF c SKIP LOCKED" if skip_locked else "")
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    size = len(TAKE_CASE_FIELDS)
    case = CaseTriage.from_db(connection.alias, TAKE_CASE_FIELDS, row[:size])
    case.request = ParoleRequest.from_db(connection.alias, TAKE_REQUEST_FIELDS, row[size:])
    return case


@transaction.atomic
def assign_case(*, supervisor: User, request_id: int, officer: User) -> CaseTriage:
    """A supervisor assigns or moves a case to an officer (rebalancing workloads)."""
    require_supervisor(supervisor)
    require_caseworker(officer)
    case = _lock(request_id)
    if case.state not in {QueueState.QUEUED, QueueState.ASSIGNED, QueueState.SECOND_REVIEW}:
        raise Conflict(f"A case that is {case.get_state_display().lower()} cannot be reassigned.")
    if case.excluded_officer_id == officer.pk:
        raise Conflict("The officer who made the first decision cannot do its blind second review.")
    previous = case.assigned_to_id
    _assign(case, officer=officer, actor=supervisor, how="by supervisor")
    audit_subject(
        case,
        actor=supervisor,
        action=AuditAction.TRIAGE_CASE_REASSIGNED,
        details={"from_officer_id": previous, "to_officer_id": officer.pk},
    )
    return case


@transaction.atomic
def route_case(*, supervisor: User, request_id: int, office: str) -> CaseTriage:
    """A supervisor sends a waiting case to another office ("" for any office); audited."""
    require_supervisor(supervisor)
    if office and office not in offices():
        raise ValidationFailed(f"No office called {office!r}.")
    case = _lock(request_id)
    if case.state not in {QueueState.QUEUED, QueueState.ASSIGNED}:
        raise Conflict(f"A case that is {case.get_state_display().lower()} cannot be rerouted.")
    previous, case.office = case.office, office
    case.save(update_fields=["office"])
    audit_subject(
        case,
        actor=supervisor,
        action=AuditAction.TRIAGE_CASE_ROUTED,
        details={"from_office": previous, "to_office": office},
    )
    return case


@transaction.atomic
def release_case(*, officer: User, request_id: int) -> CaseTriage:
    """An officer puts a case they hold back in the queue at its priority."""
    case = _lock(request_id)
    if case.assigned_to_id != officer.pk or case.state != QueueState.ASSIGNED:
        raise Conflict("You can only release a case you hold.")
    workflow.move(case, QueueState.QUEUED, role=officer.role)
    case.assigned_to, case.assigned_at = None, None
    case.save(update_fields=["state", "assigned_to", "assigned_at"])
    audit_subject(case, actor=officer, action=AuditAction.TRIAGE_CASE_RELEASED, details={})
    return case


def pause_sla(*, request_id: int, note: str, role: str) -> CaseTriage:
    """Stop the clock while an evidence request is open (inside the caller's transaction)."""
    case = _lock(request_id)
    workflow.move(case, QueueState.WAITING_FOR_EVIDENCE, role=role)
    if case.sla_paused_at is None:
        case.sla_paused_at = clock.now()
    case.note = note[:200]
    case.save(update_fields=["sla_paused_at", "state", "note"])
    return case


def resume_sla(*, request_id: int, note: str) -> CaseTriage:
    """Restart the clock and put the case back in the queue at its priority."""
    case = _lock(request_id)
    workflow.move(case, QueueState.QUEUED, role=workflow.SYSTEM)
    if case.sla_paused_at is not None:
        paused = clock.now() - case.sla_paused_at
        case.sla_paused_seconds += max(int(paused / dt.timedelta(seconds=1)), 0)
        case.sla_paused_at = None
        case.sla_due_at = sla.due_at(
            started_at=case.sla_started_at,
            hours=case.sla_hours,
            paused_seconds=case.sla_paused_seconds,
        )
    case.assigned_to, case.assigned_at = None, None
    case.note = note[:200]
    case.save()
    return case


def move_case(
    *,
    request_id: int,
    state: str,
    role: str,
    officer: User | None = None,
    excluded_officer: User | None = None,
    note: str = "",
) -> CaseTriage:
    """Set where a case stands after a decision step (inside the caller's transaction), as
    the queue table allows for `role`."""
    case = _lock(request_id)
    workflow.move(case, state, role=role)
    case.assigned_to = officer
    case.assigned_at = clock.now() if officer else None
    case.excluded_officer = excluded_officer
    case.note = note[:200]
    case.save(update_fields=["state", "assigned_to", "assigned_at", "excluded_officer", "note"])
    return case
