"""Writes for supporter declarations: declare, join as co-supporter, confirm, withdraw."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import (
    DuplicateDeclaration,
    NotFound,
    PermissionDenied,
    TransitionNotAllowed,
    ValidationFailed,
)
from lifeline.core.events import publish
from lifeline.core.references import new_reference
from lifeline.people.services import create_person, identity_key
from lifeline.programs.documents import PersonDocument, SupporterDocument
from lifeline.programs.selectors import get_intake_state
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.events import DeclarationSubmitted, DeclarationWithdrawn
from lifeline.supporters.models import SupporterDeclaration


def declare_support(
    *,
    actor: User,
    program: str,
    supporter: SupporterDocument,
    beneficiary: PersonDocument,
    beneficiary_email: str,
    joins_reference: str | None = None,
    submitted_from_ip: str | None = None,
) -> SupporterDeclaration:
    """File a declaration of support; a second live one for the same beneficiary is refused."""
    if actor.role != UserRole.SUPPORTER:
        raise PermissionDenied("Only a supporter account can declare support.")
    if supporter.is_organization:
        raise ValidationFailed(
            "An organization cannot be the supporter; it may add support in an addendum."
        )
    intake = get_intake_state(program, on=clock.today())
    if not intake.is_open:
        raise ValidationFailed(
            f"{program} takes no new requests on {clock.today()}, so no declaration can be "
            f"filed under it: {intake.reason}",
            details={"program": program, "reason": intake.reason},
        )
    beneficiary_key = identity_key(beneficiary)
    try:
        with transaction.atomic():
            joins = None
            if joins_reference:
                joins = (
                    SupporterDeclaration.objects.filter(
                        reference=joins_reference,
                        program=program,
                        beneficiary_key=beneficiary_key,
                    )
                    .exclude(status=DeclarationStatus.WITHDRAWN)
                    .first()
                )
                if joins is None:
                    raise NotFound(
                        f"No live declaration {joins_reference} for this beneficiary under "
                        f"{program} to join."
                    )
            declaration = SupporterDeclaration.objects.create(
                reference=new_reference("SD"),
                program=program,
                supporter=create_person(
                    document=supporter.person, user=actor, bank_account=supporter.bank_account
                ),
                supporter_user=actor,
                beneficiary=create_person(document=beneficiary),
                beneficiary_email=beneficiary_email.strip().lower(),
                beneficiary_key=beneficiary_key,
                joins=joins,
                status_in_us=supporter.status_in_us,
                annual_income_usd=supporter.annual_income_usd,
                household_size=supporter.household_size,
                relationship=supporter.relationship or "",  # empty: not stated
                other_beneficiaries_pledged=supporter.other_beneficiaries_pledged,
                submitted_from_ip=submitted_from_ip,
            )
            audit_subject(
                declaration,
                actor=actor,
                action=AuditAction.DECLARATION_CREATED,
                details={"program": program, "joins": joins_reference or ""},
            )
            publish(
                DeclarationSubmitted(
                    declaration_id=declaration.pk, reference=declaration.reference, program=program
                )
            )
    except IntegrityError as error:
        raise DuplicateDeclaration(
            "You already have a declaration of support for this beneficiary under this "
            "program. Update or withdraw that one instead of filing a second.",
        ) from error
    return declaration


@transaction.atomic
def confirm_declaration(*, actor: User, reference: str) -> SupporterDeclaration:
    """The invited beneficiary confirms the supporter's declaration."""
    declaration = (
        SupporterDeclaration.objects.select_for_update().filter(reference=reference).first()
    )
    if declaration is None or declaration.beneficiary_email != actor.email.strip().lower():
        raise NotFound(f"No declaration {reference} awaiting your confirmation.")
    if declaration.status != DeclarationStatus.SUBMITTED:
        raise TransitionNotAllowed(
            f"This declaration is {declaration.get_status_display().lower()}; "
            "only one awaiting confirmation can be confirmed."
        )
    declaration.status = DeclarationStatus.CONFIRMED
    declaration.confirmed_at = clock.now()
    declaration.confirmed_by = actor
    declaration.beneficiary.user = actor
    declaration.beneficiary.save(update_fields=["user"])
    declaration.version += 1
    declaration.save(update_fields=["status", "confirmed_at", "confirmed_by", "version"])
    audit_subject(declaration, actor=actor, action=AuditAction.DECLARATION_CONFIRMED, details={})
    return declaration


@transaction.atomic
def withdraw_declaration(*, actor: User, reference: str) -> SupporterDeclaration:
    declaration = (
        SupporterDeclaration.objects.select_for_update()
        .filter(reference=reference, supporter_user=actor)
        .first()
    )
    if declaration is None:
        raise NotFound(f"No declaration {reference} of yours.")
    if declaration.status == DeclarationStatus.WITHDRAWN:
        raise TransitionNotAllowed("This declaration is already withdrawn.")
    declaration.status = DeclarationStatus.WITHDRAWN
    declaration.version += 1
    declaration.save(update_fields=["status", "version"])
    audit_subject(declaration, actor=actor, action=AuditAction.DECLARATION_WITHDRAWN, details={})
    publish(DeclarationWithdrawn(declaration_id=declaration.pk, reference=declaration.reference))
    return declaration
