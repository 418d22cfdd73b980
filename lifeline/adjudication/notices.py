"""Issue notices (once per purpose), render their PDFs, deliver them and revoke them."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from lifeline.accounts.models import User
from lifeline.adjudication.models import Decision, Notice
from lifeline.adjudication.notice_pdf import render_notice_pdf
from lifeline.adjudication.notice_texts import notice_subject
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import Conflict, NotFound, ValidationFailed
from lifeline.core.jobs import Job, enqueue_on_commit
from lifeline.intake.models import ParoleRequest
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


def issue_notice(*, request: ParoleRequest, kind: str, key: str, context: dict[str, Any]) -> Notice:
    """Create the notice for `key` once (inside the caller's transaction); PDF and delivery
    follow in a task after commit."""
    existing = Notice.objects.filter(key=key).first()
    if existing is not None:
        return existing
    version = get_registry().version(request.program_version)
    notice = Notice.objects.create(
        request=request,
        key=key,
        kind=kind,
        language=request.language or "en",
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


def issue_decision_notice(*, decision: Decision, kind: str, request: ParoleRequest) -> Notice:
    version = get_registry().version(decision.program_version)
    reasons = [version.reason_code(code) for code in decision.reason_codes] if version else []
    return issue_notice(
        request=request,
        kind=kind,
        key=f"decision:{decision.pk}",
        context={
            "reasons": [
                {"code": r.code, "label": r.label, "text": r.notice_text}
                for r in reasons
                if r is not None
            ],
            "decided_on": decision.decided_at.date().isoformat(),
        },
    )


def _notice_with_pdf(notice_id: int) -> Notice:
    """The notice with its PDF stored: rendered outside any transaction (WeasyPrint takes
    seconds), then recorded under the row lock unless a concurrent delivery stored one first."""
    notice = (
        Notice.objects.select_related("request", "request__filed_by").filter(pk=notice_id).first()
    )
    if notice is None:
        raise NotFound(f"No notice {notice_id}.")
    if notice.storage_name:
        return notice
    pdf = render_notice_pdf(notice)
    storage_name = default_storage.save(f"notices/{notice.verification_code}.pdf", ContentFile(pdf))
    try:
        with transaction.atomic():
            locked = Notice.objects.select_for_update().get(pk=notice_id)
            if not locked.storage_name:
                locked.storage_name = storage_name
                locked.sha256 = hashlib.sha256(pdf).hexdigest()
                locked.save(update_fields=["storage_name", "sha256"])
    except BaseException:
        default_storage.delete(storage_name)
        raise
    if locked.storage_name != storage_name:
        default_storage.delete(storage_name)  # another delivery stored its copy first
    notice.storage_name, notice.sha256 = locked.storage_name, locked.sha256
    return notice


def deliver_notice(*, notice_id: int) -> Notice:
    """Render and store the PDF if not yet done, then queue the portal message and email once."""
    notice = _notice_with_pdf(notice_id)
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
