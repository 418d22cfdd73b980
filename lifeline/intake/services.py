"""Writes for requests: create a draft, submit, pre-screen and move through the workflow."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models.signals import post_save

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.services import record_audit_events
from lifeline.core import clock
from lifeline.core.errors import (
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationFailed,
)
from lifeline.core.references import new_reference
from lifeline.intake import workflow
from lifeline.intake.access import can_act_as_applicant, has_active_consent
from lifeline.intake.auditing import audit_request
from lifeline.intake.documents import read_document, stored_form
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest, PrescreenRecord, RequestStatusChange
from lifeline.intake.submission import (
    SUBMITTED_FIELDS,
    build_prescreen,
    build_submission,
    check_move,
    prescreen_event,
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
    audit_request(
        request,
        actor=actor,
        action="request.created",
        details={"program": request.program, "kind": request.kind},
        on_behalf_of=client if filer != actor else None,
    )
    return request


def _check_version(request: ParoleRequest, expected_version: int | None) -> None:
    if expected_version is not None and request.version != expected_version:
        raise StaleVersion(
            f"Request {request.reference} was changed by someone else since you opened it "
            f"(your version {expected_version}, now {request.version}). Reload and try again.",
            details={"expected_version": expected_version, "current_version": request.version},
        )


def _lock(request_id: int) -> ParoleRequest:
    request = ParoleRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise NotFound(f"No request with id {request_id}.")
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
# What a move writes, as subscribers to the request's post_save are told.
MOVE_SAVES = frozenset({"status", "version", "updated_at"})


def _lock_for_move(request_id: int) -> ParoleRequest:
    """Lock the request row and read what a move needs.

    Written as SQL: compiling the queryset cost more than the statement on the hottest write
    paths (taking a case, deciding one).
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in MOVE_FIELDS)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {quote(ParoleRequest._meta.db_table)} "  # noqa: S608
            f"WHERE id = %s{lock}",
            [request_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise NotFound(f"No request with id {request_id}.")
    return ParoleRequest.from_db(connection.alias, MOVE_FIELDS, row)


def _save_move(
    request: ParoleRequest, from_status: str, *, actor: User | None, role: str, reason: str
) -> None:
    """UPDATE the request's status and version, INSERT its history row, then tell subscribers
    what a save of those fields would (SQL, like `_lock_for_move`: no queryset to compile)."""
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
    post_save.send(
        sender=ParoleRequest,
        instance=request,
        created=False,
        update_fields=MOVE_SAVES,
        raw=False,
        using=connection.alias,
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
    audit_request(
        request,
        actor=actor,
        action=f"request.{to_status}",
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
    request = _lock_for_move(request_id)
    _check_version(request, expected_version)
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
    request = _lock(request_id)
    if not can_act_as_applicant(actor, request):
        raise PermissionDenied("Only the filer or their representative may submit this request.")
    _check_version(request, expected_version)
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
    request.save(update_fields=SUBMITTED_FIELDS)  # last: subscribers see the whole submission
    return request


@transaction.atomic
def rescreen_request(*, request_id: int) -> PrescreenRecord:
    """Evaluate a submitted request again (e.g. after a correction to a policy file)."""
    request = _lock(request_id)
    if request.filed_on is None:
        raise ValidationFailed("A draft has no filing date yet; submit it first.")
    return _record_prescreen(request)
