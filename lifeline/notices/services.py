"""Issue notices (once per purpose), render and store their PDFs, deliver and revoke them."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import Conflict, NotFound, ValidationFailed
from lifeline.core.jobs import Job, enqueue_on_commit
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import applicant_language
from lifeline.notices.enums import NoticeKind
from lifeline.notices.models import Notice
from lifeline.notices.rendering import render_notice_pdf
from lifeline.notices.texts import notice_subject
from lifeline.notifications.enums import Channel
from lifeline.notifications.services import queue_notification
from lifeline.programs.registry import get_registry
from lifeline.triage.access import require_supervisor

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U


def new_verification_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def issuer_name() -> str:
    return getattr(settings, "LIFELINE_NOTICE_ISSUER", "Lifeline Humanitarian Parole Office")


@transaction.atomic
def issue_notice(
    *,
    request: ParoleRequest,
    kind: NoticeKind,
    key: str,
    context: dict[str, Any],
    language: str = "",
) -> Notice:
    """Create the notice for `key` once, in the caller's transaction, in `language` (by
    default the applicant's, ADR 0245); the PDF and its delivery follow in a task after commit."""
    if kind not in NoticeKind.values:
        raise ValidationFailed(f"Unknown notice kind {kind!r}.")
    existing = Notice.objects.filter(key=key).first()
    if existing is not None:
        return existing
    version = get_registry().version(request.program_version)
    notice = Notice.objects.create(
        request=request,
        key=key,
        kind=kind,
        language=language or applicant_language(request),
        verification_code=new_verification_code(),
        issuer=issuer_name(),
        issued_at=clock.now(),
        context={
            "reference": request.reference,
            "beneficiary": str(request.beneficiary),
            "program": version.title if version else request.program,
            **context,
        },
    )
    audit_subject(
        notice,
        actor=None,
        action=AuditAction.NOTICE_ISSUED,
        details={"kind": kind, "verification_code": notice.verification_code},
    )
    enqueue_on_commit(Job.DELIVER_NOTICE, notice.pk)
    return notice


def store_notice_pdf(*, notice_id: int) -> Notice:
    """Render the notice's PDF outside any transaction, then record it once: a second worker
    that rendered the same notice meanwhile discards its copy."""
    notice = Notice.objects.select_related("request").filter(pk=notice_id).first()
    if notice is None:
        raise NotFound(f"No notice {notice_id}.")
    if notice.storage_name:
        return notice
    pdf = render_notice_pdf(notice)
    storage_name = default_storage.save(f"notices/{notice.verification_code}.pdf", ContentFile(pdf))
    with transaction.atomic():
        locked = (
            Notice.objects.select_for_update(of=("self",))
            .select_related("request", "request__filed_by")
            .get(pk=notice_id)
        )
        if not locked.storage_name:
            locked.storage_name = storage_name
            locked.sha256 = hashlib.sha256(pdf).hexdigest()
            locked.save(update_fields=["storage_name", "sha256"])
            return locked
    default_storage.delete(storage_name)
    return locked


def deliver_notice(*, notice_id: int) -> Notice:
    """Store the PDF if not yet done, then queue the portal message and email once."""
    notice = store_notice_pdf(notice_id=notice_id)
    filer = notice.request.filed_by
    subject = notice_subject(notice.kind, notice.language, notice.request.reference)
    body = f"{subject}\n\n{notice.verification_code}"
    queue_notification(
        key=f"notice:{notice.pk}:portal",
        channel=Channel.PORTAL,
        subject=subject,
        body=body,
        recipient_id=filer.pk,
        language=notice.language,
        link=f"/notices/{notice.verification_code}.pdf",
    )
    if filer.email:
        queue_notification(
            key=f"notice:{notice.pk}:email",
            channel=Channel.EMAIL,
            subject=subject,
            body=body,
            address=filer.email,
            language=notice.language,
            attachment_name=f"{notice.kind}.pdf",
            attachment_storage_name=notice.storage_name,
        )
    return notice


@transaction.atomic
def revoke_notice(*, supervisor: User, notice_id: int, reason: str) -> Notice:
    require_supervisor(supervisor)
    if len(reason.strip()) < 10:
        raise ValidationFailed("Say why the notice is revoked.")
    notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise NotFound(f"No notice {notice_id}.")
    if notice.revoked_at is not None:
        raise Conflict("This notice was already revoked.")
    notice.revoked_at, notice.revoked_reason = clock.now(), reason.strip()[:200]
    notice.save(update_fields=["revoked_at", "revoked_reason"])
    audit_subject(
        notice,
        actor=supervisor,
        action=AuditAction.NOTICE_REVOKED,
        details={"reason": notice.revoked_reason},
    )
    return notice
