"""Writes for requests: create a draft, submit, pre-screen and move through the workflow."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject, record_audit_events
from lifeline.core import clock
from lifeline.core.errors import (
    PermissionDenied,
    ValidationFailed,
)
from lifeline.core.events import publish
from lifeline.core.references import new_reference
from lifeline.intake import workflow
from lifeline.intake.access import can_act_as_applicant, has_active_consent
from lifeline.intake.documents import read_document, stored_form
from lifeline.intake.enums import RequestStatus
from lifeline.intake.events import RequestStatusChanged
from lifeline.intake.locking import check_version, lock_request
from lifeline.intake.models import ParoleRequest, PrescreenRecord, RequestStatusChange
from lifeline.intake.submission import (
    SUBMITTED_FIELDS,
    build_prescreen,
    build_submission,
    check_move,
    prescreen_event,
    submitted_event,
)
from lifeline.people.models import FamilyGroup
from lifeline.people.services import create_person
from lifeline.programs.documents import RequestDocument
from lifeline.programs.registry import get_registry
from lifeline.programs.upgrades import upgrade_stored_document
from lifeline.supporters.models import SupporterDeclaration


def _role_of(actor: User | None) -> str:
    return workflow.SYSTEM if actor is None else actor.role


@transaction.atomic
def create_request(
    *,
    actor: User,
    document: RequestDocument,
    client: User | None = None,
    family_group: FamilyGroup | None = None,
    travelling_with: ParoleRequest | None = None,
    prior_request: ParoleRequest | None = None,
    declarations: list[SupporterDeclaration] | None = None,
) -> ParoleRequest:
    """Save a draft request; a representative files for a consenting `client`."""
    if actor.role not in workflow.APPLICANT_ROLES:
        raise PermissionDenied("Only applicants and their representatives file requests.")
    filer = actor
    if actor.role == UserRole.REPRESENTATIVE:
        if client is None or not has_active_consent(representative=actor, client=client):
            raise PermissionDenied("A representative files only for a client who has consented.")
        filer = client
    get_registry().versions(document.program)  # unknown program -> NotFound with a clear message
    if travelling_with is not None and travelling_with.family_group_id != (
        family_group.pk if family_group else None
    ):
        raise ValidationFailed("A minor's companion request must be in the same family group.")
    beneficiary = create_person(
        document=document.beneficiary,
        family_group=family_group,
        immigration_history=document.immigration_history,
    )
    petitioner = create_person(document=document.petitioner) if document.petitioner else None
    request = ParoleRequest.objects.create(
        reference=new_reference("HP"),
        program=document.program,
        kind=document.kind,
        category=document.category,
        beneficiary=beneficiary,
        petitioner=petitioner,
        filed_by=filer,
        representative=actor if actor.role == UserRole.REPRESENTATIVE else None,
        family_group=family_group,
        travelling_with=travelling_with,
        prior_request=prior_request,
        document=stored_form(document),
        language=filer.preferred_language,
    )
    if declarations:
        request.declarations.set(declarations)
    audit_subject(
        request,
        actor=actor,
        action=AuditAction.REQUEST_CREATED,
        details={"program": request.program, "kind": request.kind},
        on_behalf_of=client if filer != actor else None,
    )
    return request


# What a status move reads of the request (not its document), in the model's field order,
# which is the order Model.from_db takes values in.
MOVE_FIELDS = (
    "id",
    "reference",
    "status",
    "version",
    "beneficiary_id",
    "petitioner_id",
    "filed_by_id",
    "representative_id",
)


def _save_move(
    request: ParoleRequest, from_status: str, *, actor: User | None, role: str, reason: str
) -> None:
    """UPDATE the request's status and version, INSERT its history row, then publish the move
    (SQL, like `lock_request`: no queryset to compile)."""
    quote, ops = connection.ops.quote_name, connection.ops
    request.updated_at = clock.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(ParoleRequest._meta.db_table)} "  # noqa: S608
            "SET status = %s, version = %s, updated_at = %s WHERE id = %s",
            [
                request.status,
                request.version,
                ops.adapt_datetimefield_value(request.updated_at),
                request.pk,
            ],
        )
        cursor.execute(
            f"INSERT INTO {quote(RequestStatusChange._meta.db_table)} "  # noqa: S608
            "(request_id, from_status, to_status, actor_id, actor_role, reason, occurred_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                request.pk,
                from_status,
                request.status,
                actor.pk if actor is not None else None,
                role,
                reason,
                ops.adapt_datetimefield_value(request.updated_at),
            ],
        )
    publish(
        RequestStatusChanged(
            request_id=request.pk,
            reference=request.reference,
            from_status=from_status,
            to_status=request.status,
            actor_role=role,
        )
    )


def _move(
    request: ParoleRequest,
    *,
    to_status: str,
    actor: User | None,
    reason: str = "",
    on_behalf_of: User | None = None,
) -> None:
    role = _role_of(actor)
    check_move(request, to_status, role)
    from_status = request.status
    request.status = to_status
    request.version += 1
    _save_move(request, from_status, actor=actor, role=role, reason=reason)
    audit_subject(
        request,
        actor=actor,
        action=AuditAction.for_request_status(to_status),
        details={"from": from_status, "to": to_status, "reason": reason},
        on_behalf_of=on_behalf_of,
    )


def move_request(
    *,
    request_id: int,
    to_status: str,
    actor: User | None,
    expected_version: int | None = None,
    reason: str = "",
) -> ParoleRequest:
    """`transition_request` inside the caller's transaction, with no savepoint of its own,
    for services whose whole transaction fails with a refused move."""
    request = lock_request(request_id, expected_version=expected_version, fields=MOVE_FIELDS)
    is_applicant = actor is not None and actor.role in workflow.APPLICANT_ROLES
    if is_applicant and not can_act_as_applicant(actor, request):  # type: ignore[arg-type]
        raise PermissionDenied("Only the filer or their representative may do that.")
    _move(request, to_status=to_status, actor=actor, reason=reason)
    return request


@transaction.atomic
def transition_request(
    *,
    request_id: int,
    to_status: str,
    actor: User | None,
    expected_version: int | None = None,
    reason: str = "",
) -> ParoleRequest:
    """The one writer of request status: lock, check version and table, record history.

    The request comes back without its document (loaded on use).
    """
    return move_request(
        request_id=request_id,
        to_status=to_status,
        actor=actor,
        expected_version=expected_version,
        reason=reason,
    )


MIN_WITHDRAWAL_REASON_CHARS = 10


@transaction.atomic
def withdraw_request_by_program(
    *,
    actor: User,
    request_id: int,
    reason: str,
    expected_version: int | None = None,
) -> ParoleRequest:
    """The program office (a supervisor or program administrator) withdraws a request still
    waiting for a decision, with a reason the applicant is told; the move is final."""
    if len(reason.strip()) < MIN_WITHDRAWAL_REASON_CHARS:
        raise ValidationFailed("Say why the program office withdraws this request.")
    return move_request(
        request_id=request_id,
        to_status=RequestStatus.PROGRAM_WITHDRAWN,
        actor=actor,
        expected_version=expected_version,
        reason=reason.strip()[:500],
    )


def _record_prescreen(request: ParoleRequest) -> PrescreenRecord:
    document = read_document(request)
    request.prescreens.filter(is_current=True).update(is_current=False)
    record = build_prescreen(request, document)
    record.save()
    request.save(update_fields=["program_version", "prescreen_outcome", "version"])
    record_audit_events([prescreen_event(record).draft_for(request)])
    return record


@transaction.atomic
def submit_request(
    *,
    request_id: int,
    actor: User,
    expected_version: int | None = None,
    filed_on: dt.date | None = None,
) -> ParoleRequest:
    """Submit a draft: stamp the filing date, pre-screen it and record the result."""
    request = lock_request(request_id)
    if not can_act_as_applicant(actor, request):
        raise PermissionDenied("Only the filer or their representative may submit this request.")
    check_version(request, expected_version)
    check_move(request, RequestStatus.SUBMITTED, actor.role)
    request.filed_on = filed_on or clock.today()
    request.submitted_at = clock.now()
    request.document = {
        **upgrade_stored_document(request.document),
        "postmarked_on": request.filed_on.isoformat(),
    }
    document = read_document(request)
    client = request.filed_by if actor.role == UserRole.REPRESENTATIVE else None
    # A draft has never been pre-screened (only submitting sets the filing date rescreen needs).
    submission = build_submission(request, document, actor=actor, on_behalf_of=client)
    RequestStatusChange.objects.bulk_create(submission.status_changes)
    if submission.prescreen is not None:
        PrescreenRecord.objects.bulk_create([submission.prescreen])
    record_audit_events([event.draft_for(request) for event in submission.events])
    request.save(update_fields=SUBMITTED_FIELDS)
    publish(submitted_event(request))  # last: subscribers see the whole submission
    return request


@transaction.atomic
def rescreen_request(*, request_id: int) -> PrescreenRecord:
    """Evaluate a submitted request again (e.g. after a correction to a policy file)."""
    request = lock_request(request_id)
    if request.filed_on is None:
        raise ValidationFailed("A draft has no filing date yet; submit it first.")
    return _record_prescreen(request)
