"""Evidence uploads for a request: who may add which kind, stored by the shared upload checks."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import NotFound, PermissionDenied, UploadRejected, ValidationFailed
from lifeline.core.events import publish
from lifeline.core.uploads import (
    ClamdScanner,
    ScannerUnavailable,
    ScanVerdict,
    StoredUpload,
    UploadTooLarge,
    VirusScanner,
    clean_text,
    configured_scanner,
    discard_upload,
    store_upload,
)
from lifeline.intake import workflow
from lifeline.intake.access import can_act_as_applicant
from lifeline.intake.enums import EvidenceScanStatus
from lifeline.intake.events import EvidenceAdded
from lifeline.intake.locking import lock_request
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.programs.registry import get_registry

__all__ = [
    "OTHER_KIND",
    "ClamdScanner",
    "ScanVerdict",
    "ScannerUnavailable",
    "UploadTooLarge",
    "VirusScanner",
    "add_evidence",
    "configured_scanner",
    "prepare_evidence",
    "record_evidence",
]

OTHER_KIND = "other"


def _check_kind(request: ParoleRequest, kind: str) -> None:
    """The kind must be an evidence id of the request's program version, or "other"."""
    version = get_registry().version_for_filing(request.program, request.filed_on or clock.today())
    known = [item.id for item in version.evidence_items(request.category, request.kind)]
    if kind not in {*known, OTHER_KIND}:
        raise ValidationFailed(
            f"{kind!r} is not evidence this request needs; use one of: "
            f"{', '.join([*known, OTHER_KIND])}.",
            details={"kind": kind, "known_kinds": [*known, OTHER_KIND]},
        )


def _check_can_add(actor: User, request: ParoleRequest) -> None:
    if not can_act_as_applicant(actor, request):
        raise PermissionDenied("Only the filer or their representative may add evidence.")
    if request.status in workflow.FINAL_STATUSES:
        raise UploadRejected(
            f"This request is {request.get_status_display().lower()}; evidence can no longer be "
            "added to it."
        )


def prepare_evidence(
    *,
    actor: User,
    request_id: int,
    kind: str,
    upload: UploadedFile[bytes],
    scanner: VirusScanner | None = None,
) -> StoredUpload:
    """The slow half, outside any transaction: check who and what, then scan, clean and store
    the file. Nothing is stored if it is refused."""
    request = ParoleRequest.objects.filter(pk=request_id).first()
    if request is None:
        raise NotFound(f"No request with id {request_id}.")
    _check_can_add(actor, request)
    _check_kind(request, kind)
    return store_upload(upload=upload, folder="evidence", scanner=scanner)


def record_evidence(
    *, actor: User, request_id: int, kind: str, stored: StoredUpload, description: str = ""
) -> EvidenceItem:
    """The short half: the row and its audit event in one transaction; the file is deleted
    if they cannot be written."""
    try:
        with transaction.atomic():
            request = lock_request(request_id)
            _check_can_add(actor, request)
            item = EvidenceItem.objects.create(
                request=request,
                kind=kind,
                description=clean_text(description, limit=200),
                original_filename=stored.original_filename,
                content_type=stored.content_type,
                size_bytes=stored.size_bytes,
                sha256=stored.sha256,
                storage_name=stored.storage_name,
                scan_status=EvidenceScanStatus(stored.scan_status),
                uploaded_by=actor,
            )
            # Before the upload's audit event: an answered evidence request is recorded first.
            publish(EvidenceAdded(evidence_id=item.pk, request_id=request.pk, kind=kind))
            audit_subject(
                request,
                actor=actor,
                action=AuditAction.REQUEST_EVIDENCE_ADDED,
                details={
                    "evidence_id": item.pk,
                    "kind": kind,
                    "content_type": stored.content_type,
                    "size_bytes": stored.size_bytes,
                    "scan_status": stored.scan_status,
                },
                on_behalf_of=request.filed_by if actor.role == UserRole.REPRESENTATIVE else None,
            )
    except BaseException:
        discard_upload(stored)
        raise
    return item


def add_evidence(
    *,
    actor: User,
    request_id: int,
    kind: str,
    upload: UploadedFile[bytes],
    description: str = "",
    scanner: VirusScanner | None = None,
) -> EvidenceItem:
    """Check, scan, clean and store one file for a request; nothing is kept if it is refused."""
    stored = prepare_evidence(
        actor=actor, request_id=request_id, kind=kind, upload=upload, scanner=scanner
    )
    return record_evidence(
        actor=actor, request_id=request_id, kind=kind, stored=stored, description=description
    )
