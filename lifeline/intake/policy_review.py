"""A draft program version is reviewed against every pending request before it is published."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import record_audit_event
from lifeline.core import clock
from lifeline.core.errors import Conflict
from lifeline.intake.documents import open_stored
from lifeline.intake.models import ParoleRequest, ProgramVersionReview
from lifeline.intake.workflow import PENDING_STATUSES
from lifeline.programs.access import can_publish_program_version
from lifeline.programs.documents import RequestDocument
from lifeline.programs.errors import PublishNotAllowed
from lifeline.programs.loader import read_program_version
from lifeline.programs.models import PublishedProgramVersion
from lifeline.programs.registry import get_registry
from lifeline.programs.results import WhatIfReport
from lifeline.programs.services import (
    SUBMITTED_SOURCE,
    publish_program_version,
    record_draft_program_version,
)
from lifeline.programs.what_if import compare_versions

CHUNK_SIZE = 2000


class ReviewMissing(Conflict):
    code = "review_missing"


def iter_pending_documents(program: str) -> Iterator[tuple[str, RequestDocument]]:
    """Every pending request of a program as (reference, document as filed)."""
    rows = (
        ParoleRequest.objects.filter(program=program, status__in=PENDING_STATUSES)
        .order_by("pk")
        .values_list("reference", "document")
    )
    for reference, document in rows.iterator(chunk_size=CHUNK_SIZE):
        yield reference, RequestDocument.model_validate(open_stored(document))


def review_draft_program_version(*, actor: User, source_yaml: str) -> WhatIfReport:
    """Validate a draft, re-evaluate every pending request under it, and keep the report."""
    with transaction.atomic():
        draft_row = record_draft_program_version(actor=actor, source_yaml=source_yaml)
    draft = read_program_version(
        source_yaml, source_name=SUBMITTED_SOURCE, fee_kinds=get_registry().fees.kinds()
    )
    report = compare_versions(iter_pending_documents(draft.program), draft=draft)
    with transaction.atomic():
        review = ProgramVersionReview.objects.create(
            program=draft_row.program,
            version=draft_row.version,
            file_sha256=draft_row.file_sha256,
            reviewed_by=actor,
            reviewed_at=clock.now(),
            evaluated_count=report.evaluated_count,
            changed_count=report.changed_count,
            report=report.model_dump(mode="json"),
        )
        record_audit_event(
            actor=actor,
            action=AuditAction.PROGRAM_VERSION_REVIEWED,
            stream=f"program:{draft.program}",
            subject_type="program_version",
            subject_id=draft_row.version,
            details={
                "review_id": review.pk,
                "evaluated": report.evaluated_count,
                "changed": report.changed_count,
                "transitions": report.transitions,
            },
        )
    return report


@transaction.atomic
def publish_reviewed_program_version(*, actor: User, version: str) -> PublishedProgramVersion:
    """Publish a draft only when a what-if review of exactly this text exists."""
    if not can_publish_program_version(actor):
        raise PublishNotAllowed("Only a program administrator can publish program versions.")
    draft_row = PublishedProgramVersion.objects.filter(version=version).first()
    reviewed = (
        draft_row is not None
        and ProgramVersionReview.objects.filter(
            version=version, file_sha256=draft_row.file_sha256
        ).exists()
    )
    if draft_row is None or not reviewed:
        raise ReviewMissing(
            f"Version {version} has no what-if review of its current text. Review the draft "
            "against the pending requests first, then publish."
        )
    return publish_program_version(actor=actor, source_yaml=draft_row.source_yaml)
