"""A new policy timeline (a court order, a termination) is reviewed against every parolee's
answers, then published: the file is written and the people whose answers change are told."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import translation

from lifeline.accounts.models import RepresentationConsent, User
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import Conflict, NotFound, ValidationFailed
from lifeline.core.jobs import Job, enqueue_on_commit
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import applicant_language
from lifeline.notifications.enums import Channel
from lifeline.notifications.services import queue_notification, queue_to_person
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.pathways import selectors, workflow
from lifeline.pathways.answers import PathwayAnswer
from lifeline.pathways.engine import check
from lifeline.pathways.models import TimelineChange, TimelineChangeStatus
from lifeline.pathways.registry import (
    PathwayRegistry,
    get_pathway_registry,
    reset_pathway_registry,
    timeline_folder,
    write_timeline_file,
)
from lifeline.pathways.words import CHANGE_BODY, CHANGE_SUBJECT, CLIENT_CHANGE_SUBJECT
from lifeline.programs.access import can_publish_program_version
from lifeline.programs.errors import PublishNotAllowed
from lifeline.programs.source_quotes import require_quoted_citations
from lifeline.programs.timeline import TimelineEvent, TimelineFile
from lifeline.programs.timeline_files import read_timeline_text

logger = logging.getLogger(__name__)
PAROLEE_STATUSES = (TermStatus.ACTIVE, TermStatus.ENDED)
PROGRESS_EVERY = 100
Progress = Callable[[int, int], None]


class ReviewStale(Conflict):
    code = "timeline_review_stale"


def changed_event_ids(current: TimelineFile, draft: TimelineFile) -> list[str]:
    """Events the draft adds, changes or removes, by id."""
    before = {event.id: event for event in current.events}
    after = {event.id: event for event in draft.events}
    changed = {event_id for event_id, event in after.items() if before.get(event_id) != event}
    return sorted(changed | (set(before) - set(after)))


def _days_an_event_changes_answers(event: TimelineEvent) -> set[dt.date]:
    """The day it is announced (answers state it from then, ADR 0211), the day it takes effect
    (the day after a termination's last day) and the day after a designation's or extension's
    last day, when answers read from its `ends_on` stop."""
    days = {event.effective_on + dt.timedelta(days=event.effect == "terminate")}
    if event.announced_on is not None:
        days.add(event.announced_on)
    if event.ends_on is not None:
        days.add(event.ends_on + dt.timedelta(days=1))
    return days


def comparison_dates(current: TimelineFile, draft: TimelineFile, *, on: dt.date) -> list[dt.date]:
    """Today, and each day still ahead on which an event the draft adds, changes or removes
    changes answers, in either file: a court order taking effect next month changes answers
    then, not today; a moved `ends_on` changes them from the day after either last day."""
    event_ids = set(changed_event_ids(current, draft))
    ahead: set[dt.date] = set()
    for timeline in (current, draft):
        for event in timeline.events:
            if event.id in event_ids:
                ahead |= {day for day in _days_an_event_changes_answers(event) if day > on}
    return [on, *sorted(ahead)]


def _snapshot(answer: PathwayAnswer) -> dict[str, Any]:
    options = {}
    for option in answer.options:
        window = option.window
        due = (window.safe_on or window.closes_on) if window else None
        options[option.code] = {"status": option.status, "due_on": due.isoformat() if due else None}
    ends_on = answer.parole.ends_on
    return {"parole_ends_on": ends_on.isoformat() if ends_on else None, "options": options}


def answer_changes(before: PathwayAnswer, after: PathwayAnswer) -> list[dict[str, Any]]:
    """What differs, per option (status and date to act by) and for parole's end."""
    old, new = _snapshot(before), _snapshot(after)
    changes = []
    if old["parole_ends_on"] != new["parole_ends_on"]:
        changes.append(
            {"code": "parole", "before": old["parole_ends_on"], "after": new["parole_ends_on"]}
        )
    for code, was in old["options"].items():
        now = new["options"].get(code)
        if now != was:
            changes.append({"code": code, "before": was, "after": now})
    return changes


@dataclass(frozen=True)
class Parolee:
    request: ParoleRequest
    term: ParoleTerm


def _parolees(on: dt.date) -> list[Parolee]:
    terms = (
        ParoleTerm.objects.filter(status__in=PAROLEE_STATUSES, arrived_on__lte=on)
        .select_related("request__beneficiary", "request__filed_by")
        .order_by("pk")
    )
    return [Parolee(term.request, term) for term in terms]


def compare_timelines(
    current: PathwayRegistry,
    draft: PathwayRegistry,
    dates: list[dt.date],
    *,
    on: dt.date,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every parolee's answers under both timelines on each date; the rows that differ."""
    rows = []
    parolees = _parolees(on)
    for done, parolee in enumerate(parolees, start=1):
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(parolees)):
            progress(done, len(parolees))
        document = selectors.pathway_request_for(parolee.request, parolee.term)
        for day in dates:
            before = check(document, as_of=day, registry=current)
            after = check(document, as_of=day, registry=draft)
            changes = answer_changes(before, after)
            if changes:
                rows.append(
                    {
                        "reference": parolee.request.reference,
                        "on": day.isoformat(),
                        "changes": changes,
                    }
                )
                break  # the first date on which this person's answers change
    return {
        "dates": [day.isoformat() for day in dates],
        "evaluated": len(parolees),
        "changed": len(rows),
        "rows": rows,
    }


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
    change.notified_count = _notify(change, references)
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


def _notify(change: TimelineChange, references: list[str]) -> int:
    """Portal, e-mail and text message to each parolee and each consenting representative,
    in their language; one audit event per request. Returns how many were told."""
    requests = ParoleRequest.objects.filter(reference__in=references).select_related(
        "beneficiary", "beneficiary__user", "filed_by", "representative"
    )
    told = 0
    for request in requests:
        recipients = _recipients(request)
        for user, is_representative in recipients:
            _queue(change, request, user, is_representative=is_representative)
        phone = request.beneficiary.phone
        if phone:
            with translation.override(applicant_language(request)):
                text = str(CHANGE_SUBJECT)
            queue_notification(
                key=f"timeline:{change.version}:{request.pk}:sms",
                channel=Channel.SMS,
                subject=text,
                body=f"{text} /pathways/{request.reference}/",
                address=phone,
                language=applicant_language(request),
            )
        audit_subject(
            request,
            actor=None,
            action=AuditAction.PATHWAYS_CHANGE_NOTIFIED,
            details={
                "timeline": change.version,
                "accounts": len(recipients),
                "sms": bool(phone),
            },
        )
        told += 1
    return told


def _recipients(request: ParoleRequest) -> list[tuple[User, bool]]:
    """The parolee's own account (beneficiary, or the filer filing for themselves), and the
    representative on the request while their client's consent stands."""
    found: list[tuple[User, bool]] = []
    if request.beneficiary.user is not None:
        found.append((request.beneficiary.user, False))
    elif request.filed_by.role == "beneficiary":
        found.append((request.filed_by, False))
    representative = request.representative
    if (
        representative is not None
        and RepresentationConsent.objects.filter(
            representative=representative, client=request.filed_by, revoked_at__isnull=True
        ).exists()
    ):
        found.append((representative, True))
    return found


def _queue(
    change: TimelineChange, request: ParoleRequest, user: User, *, is_representative: bool
) -> None:
    language = user.preferred_language if is_representative else applicant_language(request)
    with translation.override(language):
        subject = (
            str(CLIENT_CHANGE_SUBJECT).format(reference=request.reference)
            if is_representative
            else str(CHANGE_SUBJECT)
        )
        body = str(CHANGE_BODY).format(day=clock.today().isoformat())
    queue_to_person(
        key=f"timeline:{change.version}:{request.pk}:{user.pk}",
        subject=subject,
        body=body,
        link=f"/pathways/{request.reference}/",
        language=language,
        recipient_id=user.pk,
        email=user.email,
    )  # the parolee's text message goes once per request, account or not (_notify)
