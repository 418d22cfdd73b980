"""Reads for portal pages: dashboards, checklists, timelines, consents."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from lifeline.accounts.models import RepresentationConsent, User
from lifeline.intake.documents import read_document
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.intake.selectors import list_evidence_for_request
from lifeline.programs.evaluation import list_required_evidence
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration
from lifeline.supporters.selectors import list_declarations_awaiting_beneficiary


@dataclass(frozen=True)
class ChecklistItem:
    kind: str
    label: str
    uploaded: list[EvidenceItem]


def list_declarations_to_confirm(user: User) -> QuerySet[SupporterDeclaration]:
    return list_declarations_awaiting_beneficiary(user).filter(status=DeclarationStatus.SUBMITTED)


def get_declaration_for_user(user: User, *, reference: str) -> SupporterDeclaration | None:
    """A declaration its supporter filed, or one addressed to the user as beneficiary."""
    email = user.email.strip().lower()
    declaration = (
        SupporterDeclaration.objects.select_related("beneficiary", "supporter", "joins")
        .filter(reference=reference)
        .first()
    )
    if declaration is None:
        return None
    if declaration.supporter_user_id == user.pk or declaration.beneficiary_email == email:
        return declaration
    return None


def list_attachable_declarations(filer: User) -> QuerySet[SupporterDeclaration]:
    return SupporterDeclaration.objects.filter(
        confirmed_by=filer, status=DeclarationStatus.CONFIRMED
    ).select_related("supporter", "beneficiary")


def list_evidence_checklist(request: ParoleRequest) -> list[ChecklistItem]:
    """The program's evidence list for this request, each with the files already sent."""
    document = read_document(request)
    uploaded: dict[str, list[EvidenceItem]] = {}
    for item in list_evidence_for_request(request):
        uploaded.setdefault(item.kind, []).append(item)
    checklist = [
        ChecklistItem(kind=item.id, label=item.label, uploaded=uploaded.pop(item.id, []))
        for item in list_required_evidence(document)
    ]
    others = [item for items in uploaded.values() for item in items]
    return [*checklist, ChecklistItem(kind="other", label="", uploaded=others)]


def list_family_requests(request: ParoleRequest) -> QuerySet[ParoleRequest]:
    if request.family_group_id is None:
        return ParoleRequest.objects.none()
    return (
        ParoleRequest.objects.filter(family_group_id=request.family_group_id)
        .exclude(pk=request.pk)
        .select_related("beneficiary")
        .order_by("created_at")
    )


def list_active_consents_for_client(client: User) -> QuerySet[RepresentationConsent]:
    return RepresentationConsent.objects.filter(
        client=client, revoked_at__isnull=True
    ).select_related("representative")


def list_active_clients(representative: User) -> QuerySet[RepresentationConsent]:
    return RepresentationConsent.objects.filter(
        representative=representative, revoked_at__isnull=True
    ).select_related("client")


def get_consenting_client(representative: User, *, client_id: int) -> User | None:
    consent = list_active_clients(representative).filter(client_id=client_id).first()
    return consent.client if consent else None
