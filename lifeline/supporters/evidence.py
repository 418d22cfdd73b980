"""Evidence for a declaration: the supporter's status in the U.S., income or identity."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core.errors import NotFound, PermissionDenied, UploadRejected, ValidationFailed
from lifeline.core.uploads import VirusScanner, store_upload
from lifeline.supporters.enums import (
    DeclarationEvidenceKind,
    DeclarationEvidenceScanStatus,
    DeclarationStatus,
)
from lifeline.supporters.models import DeclarationEvidence, SupporterDeclaration


def _check_can_add(actor: User, declaration: SupporterDeclaration) -> None:
    if declaration.supporter_user_id != actor.pk:
        raise PermissionDenied("Only the declaration's supporter may add evidence to it.")
    if declaration.status == DeclarationStatus.WITHDRAWN:
        raise UploadRejected("This declaration was withdrawn; evidence can no longer be added.")


def add_declaration_evidence(
    *,
    actor: User,
    reference: str,
    kind: str,
    upload: UploadedFile[bytes],
    scanner: VirusScanner | None = None,
) -> DeclarationEvidence:
    """Check, scan, clean and store one file for a declaration; nothing is kept if refused."""
    declaration = SupporterDeclaration.objects.filter(reference=reference).first()
    if declaration is None:
        raise NotFound(f"No declaration {reference}.")
    _check_can_add(actor, declaration)
    if kind not in DeclarationEvidenceKind.values:
        raise ValidationFailed(
            f"{kind!r} is not a kind of declaration evidence; use one of: "
            f"{', '.join(DeclarationEvidenceKind.values)}.",
            details={"kind": kind, "known_kinds": list(DeclarationEvidenceKind.values)},
        )
    stored = store_upload(upload=upload, folder="declaration-evidence", scanner=scanner)
    try:
        with transaction.atomic():
            declaration = SupporterDeclaration.objects.select_for_update().get(pk=declaration.pk)
            _check_can_add(actor, declaration)
            item = DeclarationEvidence.objects.create(
                declaration=declaration,
                kind=kind,
                original_filename=stored.original_filename,
                content_type=stored.content_type,
                size_bytes=stored.size_bytes,
                sha256=stored.sha256,
                storage_name=stored.storage_name,
                scan_status=DeclarationEvidenceScanStatus(stored.scan_status),
                uploaded_by=actor,
            )
            audit_subject(
                declaration,
                actor=actor,
                action=AuditAction.DECLARATION_EVIDENCE_ADDED,
                details={
                    "evidence_id": item.pk,
                    "kind": kind,
                    "content_type": stored.content_type,
                    "size_bytes": stored.size_bytes,
                    "scan_status": stored.scan_status,
                },
            )
    except BaseException:
        default_storage.delete(stored.storage_name)
        raise
    return item
