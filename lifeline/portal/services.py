"""Portal orchestration: invite the beneficiary, file family members, grant and revoke consent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from pydantic import ValidationError as PydanticValidationError

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import record_audit_event
from lifeline.core import clock
from lifeline.core.errors import Conflict, NotFound, ValidationFailed
from lifeline.core.io_guard import ensure_no_transaction
from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest
from lifeline.intake.services import create_request
from lifeline.people.models import FamilyGroup
from lifeline.programs.documents import PersonDocument, RequestDocument, SupporterDocument
from lifeline.programs.evaluation import minor_travel
from lifeline.programs.facts import is_minor
from lifeline.programs.registry import get_registry
from lifeline.supporters.models import SupporterDeclaration
from lifeline.supporters.services import declare_support


def _send_invitation(declaration: SupporterDeclaration, *, base_url: str, language: str) -> None:
    ensure_no_transaction(operation="invitation mail")  # runs on commit, never inside one
    with translation.override(language):
        path = reverse("portal:declaration", kwargs={"reference": declaration.reference})
        context = {"declaration": declaration, "url": base_url.rstrip("/") + path}
        send_mail(
            subject=render_to_string("portal/email/invitation_subject.txt", context).strip(),
            message=render_to_string("portal/email/invitation_body.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[declaration.beneficiary_email],
        )


def invitation_language(email: str, *, fallback: str | None) -> str:
    """The invitee's own language when they already have an account, else the inviter's."""
    invitee = User.objects.filter(email__iexact=email.strip()).exclude(preferred_language="")
    known = invitee.values_list("preferred_language", flat=True).first()
    return known or fallback or settings.LANGUAGE_CODE


def declare_support_and_invite(
    *,
    actor: User,
    program: str,
    supporter: dict[str, Any],
    beneficiary: dict[str, Any],
    beneficiary_email: str,
    joins_reference: str | None,
    submitted_from_ip: str | None,
    base_url: str,
) -> SupporterDeclaration:
    """File the declaration; once it is saved, e-mail the beneficiary an invitation to confirm."""
    with transaction.atomic():
        declaration = declare_support(
            actor=actor,
            program=program,
            supporter=SupporterDocument.model_validate(supporter),
            beneficiary=PersonDocument.model_validate(beneficiary),
            beneficiary_email=beneficiary_email,
            joins_reference=joins_reference,
            submitted_from_ip=submitted_from_ip,
        )
        language = invitation_language(beneficiary_email, fallback=translation.get_language())
        transaction.on_commit(
            lambda: _send_invitation(declaration, base_url=base_url, language=language)
        )
    return declaration


def _parse(document: dict[str, Any]) -> RequestDocument:
    try:
        return RequestDocument.model_validate(document)
    except PydanticValidationError as error:
        raise ValidationFailed(
            f"The request is not complete: {error.errors()[0]['msg']}.",
            details={"errors": error.errors(include_url=False, include_context=False)},
        ) from error


def file_request(
    *,
    actor: User,
    document: dict[str, Any],
    client: User | None = None,
    declarations: list[SupporterDeclaration] | None = None,
) -> ParoleRequest:
    """A principal's draft request, in a new family group its relatives can join later.

    The portal does not ask whom a principal travels with, so a child the program's own rule
    cannot pass (the rule the API and the command line apply) is filed through an adult.
    """
    parsed = _parse(document)
    version = get_registry().version_for_filing(parsed.program, parsed.postmarked_on)
    travel = minor_travel(version, parsed)
    if travel is not None and travel.result in {"fail", "unknown"}:
        raise ValidationFailed(
            "A child under 18 must travel with a parent or legal guardian: file the adult's "
            "request first, then add the child to it as a family member.",
            details={"code": "minor_needs_companion"},
        )
    with transaction.atomic():
        label = f"{parsed.beneficiary.family_name} family"
        return create_request(
            actor=actor,
            document=parsed,
            client=client,
            family_group=FamilyGroup.objects.create(label=label),
            declarations=declarations,
        )


def file_family_member(
    *,
    actor: User,
    principal: ParoleRequest,
    beneficiary: dict[str, Any],
    relationship_to_principal: str,
    companion: str,
) -> ParoleRequest:
    """A relative's own request, linked to the principal's; a minor travels with the principal.

    Whether a child may travel so is the program's own rule, where its texts set one, the same
    one the API and the command line apply; the portal only refuses to file what it fails.
    """
    principal_document = read_document(principal)
    document = principal_document.model_dump(mode="json")
    document.update(
        beneficiary=beneficiary,
        relationship_to_principal=relationship_to_principal,
        principal=principal_document.beneficiary.model_dump(mode="json"),
        postmarked_on=clock.today().isoformat(),
        travelling_with_principal=True,
        # "Not a child under 18" names no companion: the relative travels with the principal,
        # who is not said to be their parent or guardian, so a child filed so cannot pass the
        # program's minor-travel rule (where its text has one), and an adult is not asked.
        # It is not "travels with nobody", which would contradict travelling with the principal.
        travelling_with=(
            {
                "relationship": companion,
                "person": principal_document.beneficiary.model_dump(mode="json"),
            }
            if companion
            else None
        ),
        household=[],
    )
    parsed = _parse(document)
    version = get_registry().version_for_filing(parsed.program, parsed.postmarked_on)
    travel = minor_travel(version, parsed)
    if travel is not None and travel.result in {"fail", "unknown"}:
        raise ValidationFailed(
            "A child under 18 must travel with a parent or legal guardian. Add the child from "
            "the request of the parent or guardian they travel with.",
            details={"code": "minor_needs_parent"},
        )
    travels_as_minor = parsed.kind == "initial" and is_minor(
        parsed.beneficiary.birth_date, on=parsed.postmarked_on
    )
    if not travels_as_minor:
        parsed = parsed.model_copy(update={"travelling_with": None})
    if principal.family_group is None:
        raise ValidationFailed(
            "The principal's request is not in a family group.",
            details={"code": "no_family_group"},
        )
    return create_request(
        actor=actor,
        document=parsed,
        client=principal.filed_by if actor.role == UserRole.REPRESENTATIVE else None,
        family_group=principal.family_group,
        travelling_with=principal if travels_as_minor and companion else None,
    )


def _find_representative(login: str) -> User:
    login = login.strip()
    representative = User.objects.filter(
        Q(username__iexact=login) | Q(email__iexact=login),
        role=UserRole.REPRESENTATIVE,
        is_active=True,
    ).first()
    if representative is None:
        raise NotFound("No accredited representative has this e-mail address or user name.")
    return representative


@transaction.atomic
def grant_consent(*, client: User, representative_login: str) -> RepresentationConsent:
    """The client lets a representative file and track requests on their behalf."""
    representative = _find_representative(representative_login)
    if RepresentationConsent.objects.filter(
        representative=representative, client=client, revoked_at__isnull=True
    ).exists():
        raise Conflict("This representative can already act for you.")
    consent = RepresentationConsent.objects.create(
        representative=representative, client=client, granted_at=clock.now()
    )
    record_audit_event(
        actor=client,
        action=AuditAction.CONSENT_GRANTED,
        stream=f"user:{client.pk}",
        subject_type="representation_consent",
        subject_id=consent.pk,
        details={"representative": representative.username},
    )
    return consent


@transaction.atomic
def revoke_consent(*, client: User, consent_id: int) -> RepresentationConsent:
    """The client withdraws a consent; the representative loses access at once."""
    consent = (
        RepresentationConsent.objects.select_for_update()
        .filter(pk=consent_id, client=client, revoked_at__isnull=True)
        .select_related("representative")
        .first()
    )
    if consent is None:
        raise NotFound("No active consent of yours with this number.")
    consent.revoked_at = clock.now()
    consent.save(update_fields=["revoked_at"])
    record_audit_event(
        actor=client,
        action=AuditAction.CONSENT_REVOKED,
        stream=f"user:{client.pk}",
        subject_type="representation_consent",
        subject_id=consent.pk,
        details={"representative": consent.representative.username},
    )
    return consent
