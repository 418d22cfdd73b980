"""Bulk import of already-validated supporter declarations, confirmed by their beneficiaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import AuditEventDraft, audit_draft, record_audit_events
from lifeline.core import clock
from lifeline.core.errors import DuplicateDeclaration, NotFound, PermissionDenied, ValidationFailed
from lifeline.core.references import new_reference
from lifeline.people.models import Passport, Person
from lifeline.people.services import build_passport, build_person, identity_key
from lifeline.programs.documents import PersonDocument, SupporterDocument
from lifeline.programs.registry import get_registry
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration

_BATCH = 500


@dataclass(frozen=True)
class DeclarationImport:
    """One legacy declaration and the beneficiary login that confirmed it (if any).

    `joins` (the declaration a co-supporter joins) must already be saved.
    """

    supporter_user: User
    program: str
    supporter: SupporterDocument
    beneficiary: PersonDocument
    beneficiary_email: str
    confirmed_by: User | None = None
    joins: SupporterDeclaration | None = None
    submitted_from_ip: str | None = None


def _check(item: DeclarationImport, position: int) -> None:
    """The checks `declare_support` and `confirm_declaration` make, item by item."""
    if item.supporter_user.role != UserRole.SUPPORTER:
        raise PermissionDenied(f"Item {position}: only a supporter account can declare support.")
    if item.supporter.is_organization:
        raise ValidationFailed(
            f"Item {position}: an organization cannot be the supporter; "
            "it may add support in an addendum."
        )
    get_registry().versions(item.program)
    email = item.beneficiary_email.strip().lower()
    if item.confirmed_by is not None and item.confirmed_by.email.strip().lower() != email:
        raise ValidationFailed(
            f"Item {position}: the declaration can only be confirmed by the invited beneficiary."
        )


def _check_joins(items: Sequence[DeclarationImport], keys: list[str]) -> None:
    joined = {item.joins.pk for item in items if item.joins is not None}
    live = {
        pk: (program, key)
        for pk, program, key in SupporterDeclaration.objects.filter(pk__in=joined)
        .exclude(status=DeclarationStatus.WITHDRAWN)
        .values_list("pk", "program", "beneficiary_key")
    }
    for position, (item, key) in enumerate(zip(items, keys, strict=True)):
        if item.joins is not None and live.get(item.joins.pk) != (item.program, key):
            raise NotFound(
                f"Item {position}: no live declaration {item.joins.reference} for this "
                f"beneficiary under {item.program} to join."
            )


def _check_duplicates(items: Sequence[DeclarationImport], keys: list[str]) -> None:
    """One live declaration per supporter login, beneficiary and program, batch included."""
    triples = [
        (item.supporter_user.pk, key, item.program) for item, key in zip(items, keys, strict=True)
    ]
    existing = set(
        SupporterDeclaration.objects.filter(
            supporter_user__in={pk for pk, _, _ in triples}, beneficiary_key__in=set(keys)
        )
        .exclude(status=DeclarationStatus.WITHDRAWN)
        .values_list("supporter_user_id", "beneficiary_key", "program")
    )
    for position, triple in enumerate(triples):
        if triple in existing:
            raise DuplicateDeclaration(
                f"Item {position}: this supporter already has a live declaration for this "
                f"beneficiary under {triple[2]}; a second one is refused."
            )
        existing.add(triple)


def _build(item: DeclarationImport, key: str, confirmed_at: dt.datetime) -> SupporterDeclaration:
    beneficiary = build_person(document=item.beneficiary, user=item.confirmed_by)
    supporter = build_person(
        document=item.supporter.person,
        user=item.supporter_user,
        bank_account=item.supporter.bank_account,
    )
    confirmed = item.confirmed_by is not None
    return SupporterDeclaration(
        reference=new_reference("SD"),
        program=item.program,
        status=DeclarationStatus.CONFIRMED if confirmed else DeclarationStatus.SUBMITTED,
        supporter=supporter,
        supporter_user=item.supporter_user,
        beneficiary=beneficiary,
        beneficiary_email=item.beneficiary_email.strip().lower(),
        beneficiary_key=key,
        joins=item.joins,
        status_in_us=item.supporter.status_in_us,
        annual_income_usd=item.supporter.annual_income_usd,
        household_size=item.supporter.household_size,
        relationship=item.supporter.relationship or "",  # empty: not stated
        other_beneficiaries_pledged=item.supporter.other_beneficiaries_pledged,
        submitted_from_ip=item.submitted_from_ip,
        confirmed_at=confirmed_at if confirmed else None,
        confirmed_by=item.confirmed_by,
        version=2 if confirmed else 1,
    )


def _events(declaration: SupporterDeclaration, item: DeclarationImport) -> list[AuditEventDraft]:
    def event(actor: User, action: AuditAction, details: dict[str, str]) -> AuditEventDraft:
        return audit_draft(declaration, actor=actor, action=action, details=details)

    joins = item.joins.reference if item.joins is not None else ""
    events = [
        event(
            item.supporter_user,
            AuditAction.DECLARATION_CREATED,
            {"program": item.program, "joins": joins},
        )
    ]
    if item.confirmed_by is not None:
        events.append(event(item.confirmed_by, AuditAction.DECLARATION_CONFIRMED, {}))
    return events


def import_declarations(*, items: Sequence[DeclarationImport]) -> list[SupporterDeclaration]:
    """Declare (and confirm) each item as `declare_support` and `confirm_declaration` would.

    Writes the same rows and audit events, in bulk, all or nothing; a second live declaration
    for the same supporter, beneficiary and program is refused.
    """
    for position, item in enumerate(items):
        _check(item, position)
    keys = [identity_key(item.beneficiary) for item in items]
    confirmed_at = clock.now()
    try:
        with transaction.atomic():
            _check_joins(items, keys)
            _check_duplicates(items, keys)
            declarations = [_build(i, k, confirmed_at) for i, k in zip(items, keys, strict=True)]
            people: list[Person] = []
            passports: list[Passport | None] = []
            for declaration, item in zip(declarations, items, strict=True):
                people += [declaration.supporter, declaration.beneficiary]
                passports.append(build_passport(declaration.supporter, item.supporter.person))
                passports.append(build_passport(declaration.beneficiary, item.beneficiary))
            Person.objects.bulk_create(people, batch_size=_BATCH)
            Passport.objects.bulk_create([p for p in passports if p], batch_size=_BATCH)
            SupporterDeclaration.objects.bulk_create(declarations, batch_size=_BATCH)
            record_audit_events(
                [e for d, i in zip(declarations, items, strict=True) for e in _events(d, i)]
            )
    except IntegrityError as error:  # a declaration filed concurrently by the same supporter
        raise DuplicateDeclaration(
            "A supporter in this import already has a declaration of support for the same "
            "beneficiary under the same program; nothing was imported.",
        ) from error
    return declarations
