"""A new policy timeline (a court order, a termination) is reviewed against every parolee's
answers, then published: the file is written and the people whose answers change are told."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import Conflict, NotFound, ValidationFailed
from lifeline.core.jobs import Job, enqueue_on_commit
from lifeline.pathways import workflow
from lifeline.pathways.models import TimelineChange, TimelineChangeStatus
from lifeline.pathways.registry import (
    get_pathway_registry,
    reset_pathway_registry,
    timeline_folder,
    write_timeline_file,
)
from lifeline.pathways.timeline_comparison import (
    Progress,
    changed_event_ids,
    compare_timelines,
    comparison_dates,
)
from lifeline.pathways.timeline_notices import notify_timeline_change
from lifeline.programs.access import can_publish_program_version
from lifeline.programs.errors import PublishNotAllowed
from lifeline.programs.source_quotes import require_quoted_citations
from lifeline.programs.timeline_files import read_timeline_text

logger = logging.getLogger(__name__)


class ReviewStale(Conflict):
    code = "timeline_review_stale"


def start_timeline_review(*, actor: User, source_yaml: str) -> TimelineChange:
    """Validate a new timeline and keep it as "review in progress"; the review of every
    parolee runs as a task once this commits."""
    return _keep_for_review(actor, source_yaml, defer=True)


def review_timeline_change(
    *, actor: User, source_yaml: str, progress: Progress | None = None
) -> TimelineChange:
    """Validate a new timeline and review it here and now (the command line's way)."""
    kept = _keep_for_review(actor, source_yaml, defer=False)
    change = run_timeline_review(
        version=kept.version, file_sha256=kept.file_sha256, progress=progress
    )
    if change is None:
        raise Conflict(f"{kept.version} was changed while it was reviewed. Review it again.")
    if change.status == TimelineChangeStatus.FAILED:
        raise ValidationFailed(change.report["failed"])
    return change


def _keep_for_review(actor: User, source_yaml: str, *, defer: bool) -> TimelineChange:
    if not can_publish_program_version(actor):
        raise PublishNotAllowed("Only a program administrator can change the policy timeline.")
    draft = read_timeline_text(source_yaml)
    require_quoted_citations(source_yaml, f"{draft.version}.yaml")
    current = get_pathway_registry().timeline.file
    if draft.version <= current.version:
        raise Conflict(
            f"{draft.version} must be newer than the timeline in force ({current.version})."
        )
    event_ids = changed_event_ids(current, draft)
    if not event_ids:
        raise Conflict(f"{draft.version} changes no event of {current.version}.")
    fields: dict[str, Any] = {
        "title": draft.title[:200],
        "file_sha256": hashlib.sha256(source_yaml.encode("utf-8")).hexdigest(),
        "source_yaml": source_yaml,
        "replaces": current.version,
        "events_changed": event_ids,
        "reviewed_by": actor,
        "reviewed_at": clock.now(),
        "evaluated_count": 0,
        "changed_count": 0,
        "report": {},
    }
    with transaction.atomic():
        change = TimelineChange.objects.select_for_update().filter(version=draft.version).first()
        if change is None:
            change = TimelineChange(version=draft.version, status=TimelineChangeStatus.REVIEWING)
        elif change.status == TimelineChangeStatus.PUBLISHED:
            raise Conflict(f"{draft.version} is already published.")
        elif change.status in (TimelineChangeStatus.REVIEWED, TimelineChangeStatus.FAILED):
            workflow.move(change, TimelineChangeStatus.REVIEWING, role=actor.role)
        for name, value in fields.items():
            setattr(change, name, value)
        change.save()
        audit_subject(
            change,
            actor=actor,
            action=AuditAction.PATHWAYS_TIMELINE_REVIEW_STARTED,
            details={"replaces": current.version, "events": event_ids},
        )
        if defer:
            enqueue_on_commit(Job.REVIEW_TIMELINE, change.version, change.file_sha256)
    return change


def run_timeline_review(
    *, version: str, file_sha256: str, progress: Progress | None = None
) -> TimelineChange | None:
    """Compare every parolee's answers under the timeline in force and the kept one (outside
    any transaction), then store the report; None when that text is no longer under review."""
    change = TimelineChange.objects.filter(
        version=version, file_sha256=file_sha256, status=TimelineChangeStatus.REVIEWING
    ).first()
    if change is None:
        return None
    draft = read_timeline_text(change.source_yaml)
    registry = get_pathway_registry()
    current = registry.timeline.file
    today = clock.today()
    try:
        dates = comparison_dates(current, draft, on=today)
        report = compare_timelines(
            registry, registry.with_timeline(draft), dates, on=today, progress=progress
        )
    except Exception as error:
        logger.exception("review of %s failed", version)
        return _mark_review_failed(version, file_sha256, error)
    with transaction.atomic():
        change = _change_under_review(version, file_sha256)
        if change is None:
            return None
        workflow.move(change, TimelineChangeStatus.REVIEWED, role=change.reviewed_by.role)
        change.replaces = current.version
        change.events_changed = changed_event_ids(current, draft)
        change.evaluated_count, change.changed_count = report["evaluated"], report["changed"]
        change.report = report
        change.save()
        audit_subject(
            change,
            actor=change.reviewed_by,
            action=AuditAction.PATHWAYS_TIMELINE_REVIEWED,
            details={
                "replaces": current.version,
                "events": change.events_changed,
                "evaluated": report["evaluated"],
                "changed": report["changed"],
            },
        )
    return change


def _change_under_review(version: str, file_sha256: str) -> TimelineChange | None:
    """The change this review is for, locked, if it is still under review (within a transaction)."""
    change = (
        TimelineChange.objects.select_for_update()
        .select_related("reviewed_by")
        .filter(version=version, file_sha256=file_sha256)
        .first()
    )
    return change if change and change.status == TimelineChangeStatus.REVIEWING else None


def _mark_review_failed(version: str, file_sha256: str, error: Exception) -> TimelineChange | None:
    """Leave the change "review failed" with the reason, not "review in progress" forever."""
    reason = (
        f"The review stopped ({type(error).__name__}: {error}). Nothing was published; "
        "correct the file and review it again."
    )
    with transaction.atomic():
        change = _change_under_review(version, file_sha256)
        if change is None:
            return None
        workflow.move(change, TimelineChangeStatus.FAILED, role=change.reviewed_by.role)
        change.report = {"failed": reason}
        change.save()
        audit_subject(
            change,
            actor=change.reviewed_by,
            action=AuditAction.PATHWAYS_TIMELINE_REVIEW_FAILED,
            details={"reason": reason},
        )
    return change


def _version_in_force() -> str:
    """The newest of the file in force and every published change, with every timeline
    change locked: two publishes wait for each other, and the second sees the first."""
    rows = (
        TimelineChange.objects.select_for_update().order_by("pk").values_list("version", "status")
    )
    published = [version for version, status in rows if status == TimelineChangeStatus.PUBLISHED]
    return max([get_pathway_registry().timeline.file.version, *published])


@transaction.atomic
def publish_timeline_change(*, actor: User, version: str) -> TimelineChange:
    """Publish a reviewed timeline: tell each parolee whose answers change, and their
    representative, then write the file after commit so a rolled-back publish leaves none."""
    if not can_publish_program_version(actor):
        raise PublishNotAllowed("Only a program administrator can change the policy timeline.")
    in_force = _version_in_force()
    change = TimelineChange.objects.filter(version=version).first()
    if change is None:
        raise NotFound(f"No reviewed timeline {version}. Review it first.")
    if change.status == TimelineChangeStatus.PUBLISHED:
        raise Conflict(f"{version} is already published.")
    if change.status == TimelineChangeStatus.REVIEWING:
        raise Conflict(f"{version} is still being reviewed. Publish it when the review is done.")
    if change.replaces != in_force:
        raise ReviewStale(
            f"{version} was reviewed against {change.replaces}, but {in_force} is now in force. "
            "Review it again."
        )
    workflow.move(change, TimelineChangeStatus.PUBLISHED, role=actor.role)
    change.published_by, change.published_at = actor, clock.now()
    references = [row["reference"] for row in change.report.get("rows", [])]
    change.notified_count = notify_timeline_change(change, references)
    change.save()
    audit_subject(
        change,
        actor=actor,
        action=AuditAction.PATHWAYS_TIMELINE_PUBLISHED,
        details={"replaces": change.replaces, "notified": change.notified_count},
    )
    path = timeline_folder() / f"{change.version}.yaml"
    source_yaml = change.source_yaml

    def put_in_force() -> None:
        write_timeline_file(path, source_yaml)
        reset_pathway_registry()

    transaction.on_commit(put_in_force)
    return change
