"""Bulk import of already-validated requests: filed, submitted and pre-screened in one go."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import AuditEventDraft, record_audit_events
from lifeline.core import clock
from lifeline.core.errors import PermissionDenied, ValidationFailed
from lifeline.core.events import publish_all
from lifeline.core.references import new_reference
from lifeline.intake import workflow
from lifeline.intake.access import has_active_consent
from lifeline.intake.documents import read_document, stored_form
from lifeline.intake.models import ParoleRequest, PrescreenRecord, RequestStatusChange
from lifeline.intake.submission import (
    RequestEvent,
    Submission,
    build_submission,
    submitted_event,
)
from lifeline.people.models import FamilyGroup, Passport, Person
from lifeline.people.services import build_passport, build_person
from lifeline.programs.documents import RequestDocument
from lifeline.programs.registry import get_registry
from lifeline.supporters.models import SupporterDeclaration

_BATCH = 500


@dataclass(frozen=True)
class RequestImport:
    """One legacy filing: its document (with `filed_on`), who filed it and what it links to.

    `travelling_with`, `prior_request` and `declarations` must already be saved.
    """

    actor: User
    document: RequestDocument
    client: User | None = None
    family_group: FamilyGroup | None = None
    travelling_with: ParoleRequest | None = None
    prior_request: ParoleRequest | None = None
    declarations: Sequence[SupporterDeclaration] = field(default_factory=tuple)


def _check_filer(item: RequestImport, consents: set[tuple[int, int]], position: int) -> User:
    """The filer of an item, after the same checks `create_request` makes."""
    actor = item.actor
    if actor.role not in workflow.APPLICANT_ROLES:
        raise PermissionDenied(f"Item {position}: only applicants and their representatives file.")
    if actor.role != UserRole.REPRESENTATIVE:
        return actor
    client = item.client
    if client is None:
        raise PermissionDenied(f"Item {position}: a representative files only for a client.")
    if (actor.pk, client.pk) not in consents:
        if not has_active_consent(representative=actor, client=client):
            raise PermissionDenied(
                f"Item {position}: a representative files only for a client who has consented."
            )
        consents.add((actor.pk, client.pk))
    return client


def _check_links(item: RequestImport, position: int) -> None:
    registry = get_registry()
    registry.versions(item.document.program)  # unknown program -> NotFound, clearly worded
    group_id = item.family_group.pk if item.family_group else None
    if item.travelling_with is not None and item.travelling_with.family_group_id != group_id:
        raise ValidationFailed(
            f"Item {position}: a minor's companion request must be in the same family group."
        )
    for linked in (item.travelling_with, item.prior_request, *item.declarations):
        if linked is not None and linked.pk is None:
            raise ValidationFailed(f"Item {position}: linked records must be saved first.")


def _build_request(item: RequestImport, filer: User) -> ParoleRequest:
    document = item.document
    beneficiary = build_person(
        document=document.beneficiary,
        family_group=item.family_group,
        immigration_history=document.immigration_history,
    )
    petitioner = build_person(document=document.petitioner) if document.petitioner else None
    return ParoleRequest(
        reference=new_reference("HP"),
        program=document.program,
        kind=document.kind,
        category=document.category,
        beneficiary=beneficiary,
        petitioner=petitioner,
        filed_by=filer,
        representative=item.actor if item.actor.role == UserRole.REPRESENTATIVE else None,
        family_group=item.family_group,
        travelling_with=item.travelling_with,
        prior_request=item.prior_request,
        document=stored_form(document),
        language=filer.preferred_language,
        filed_on=document.postmarked_on,
        submitted_at=clock.now(),
    )


def _save_people(requests: list[ParoleRequest], items: Sequence[RequestImport]) -> None:
    people: list[Person] = []
    passports: list[Passport] = []
    for request, item in zip(requests, items, strict=True):
        pairs = [(request.beneficiary, item.document.beneficiary)]
        if request.petitioner is not None and item.document.petitioner is not None:
            pairs.append((request.petitioner, item.document.petitioner))
        people.extend(person for person, _ in pairs)
        passports.extend(p for p in (build_passport(*pair) for pair in pairs) if p is not None)
    Person.objects.bulk_create(people, batch_size=_BATCH)
    Passport.objects.bulk_create(passports, batch_size=_BATCH)


def import_requests(*, items: Sequence[RequestImport]) -> list[ParoleRequest]:
    """File, submit and pre-screen each item as `create_request` and `submit_request` would.

    Writes the same rows and audit events, in bulk, all or nothing.
    """
    consents: set[tuple[int, int]] = set()
    requests: list[ParoleRequest] = []
    submissions: list[Submission] = []
    created: list[RequestEvent] = []
    for position, item in enumerate(items):
        filer = _check_filer(item, consents, position)
        _check_links(item, position)
        request = _build_request(item, filer)
        document = read_document(request)
        on_behalf_of = item.client if filer != item.actor else None
        details = {"program": request.program, "kind": request.kind}
        created.append(RequestEvent(item.actor, AuditAction.REQUEST_CREATED, details, on_behalf_of))
        submissions.append(
            build_submission(request, document, actor=item.actor, on_behalf_of=on_behalf_of)
        )
        requests.append(request)
    with transaction.atomic():
        _save_people(requests, items)
        ParoleRequest.objects.bulk_create(requests, batch_size=_BATCH)
        ParoleRequest.declarations.through.objects.bulk_create(
            [
                ParoleRequest.declarations.through(
                    parolerequest_id=request.pk, supporterdeclaration_id=declaration.pk
                )
                for request, item in zip(requests, items, strict=True)
                for declaration in item.declarations
            ],
            batch_size=_BATCH,
        )
        RequestStatusChange.objects.bulk_create(
            [change for s in submissions for change in s.status_changes], batch_size=_BATCH
        )
        PrescreenRecord.objects.bulk_create(
            [s.prescreen for s in submissions if s.prescreen is not None], batch_size=_BATCH
        )
        drafts: list[AuditEventDraft] = []
        for request, event, submission in zip(requests, created, submissions, strict=True):
            drafts.extend(e.draft_for(request) for e in (event, *submission.events))
        record_audit_events(drafts)
        publish_all([submitted_event(request) for request in requests])
    return requests
