"""Every action the audit trail records: stored values never change once written."""

from __future__ import annotations

from enum import StrEnum

from lifeline.core.errors import ValidationFailed


class UnknownAuditAction(ValidationFailed):
    code = "unknown_audit_action"


class AuditAction(StrEnum):
    """What happened, as `<area>.<verb>`. Append members; never rename or reuse a value (the
    trail is append-only and hashed, so a stored action must keep meaning what it meant)."""

    ANALYTICS_CONSISTENCY_REFRESHED = "analytics.consistency_refreshed"
    ANALYTICS_SUMMARIES_REFRESHED = "analytics.summaries_refreshed"

    AUDIT_VIEWED = "audit.viewed"

    CONSENT_GRANTED = "consent.granted"
    CONSENT_REVOKED = "consent.revoked"

    DECISION_RECORDED = "decision.recorded"
    DECISION_SECOND_REVIEW_RECORDED = "decision.second_review_recorded"
    DECISION_SIGNED_OFF = "decision.signed_off"
    DECISION_RETURNED = "decision.returned"

    DECLARATION_CREATED = "declaration.created"
    DECLARATION_CONFIRMED = "declaration.confirmed"
    DECLARATION_WITHDRAWN = "declaration.withdrawn"
    DECLARATION_EVIDENCE_ADDED = "declaration.evidence_added"

    EVIDENCE_REQUESTED = "evidence.requested"
    EVIDENCE_ANSWERED = "evidence.answered"
    EVIDENCE_REMINDER_SENT = "evidence.reminder_sent"
    EVIDENCE_EXPIRED = "evidence.expired"
    EVIDENCE_CANCELLED = "evidence.cancelled"

    IDENTITY_MERGED = "identity.merged"
    IDENTITY_SPLIT = "identity.split"
    IDENTITY_SPLIT_OFF = "identity.split_off"

    INTEGRITY_FLAGS_RAISED = "integrity.flags_raised"
    INTEGRITY_FLAGS_WITHDRAWN = "integrity.flags_withdrawn"
    INTEGRITY_FLAG_CONFIRMED = "integrity.flag_confirmed"
    INTEGRITY_FLAG_DISMISSED = "integrity.flag_dismissed"
    INTEGRITY_IDENTITY_SNAPSHOT_WRITTEN = "integrity.identity_snapshot_written"

    NOTICE_ISSUED = "notice.issued"
    NOTICE_REVOKED = "notice.revoked"

    PATHWAYS_REMINDER_QUEUED = "pathways.reminder_queued"
    PATHWAYS_REMINDER_WITHDRAWN = "pathways.reminder_withdrawn"
    PATHWAYS_TIMELINE_REVIEW_STARTED = "pathways.timeline_review_started"
    PATHWAYS_TIMELINE_REVIEWED = "pathways.timeline_reviewed"
    PATHWAYS_TIMELINE_REVIEW_FAILED = "pathways.timeline_review_failed"
    PATHWAYS_TIMELINE_PUBLISHED = "pathways.timeline_published"
    PATHWAYS_CHANGE_NOTIFIED = "pathways.change_notified"
    PATHWAYS_COHORT_PEOPLE_EXPORTED = "pathways.cohort_people_exported"
    PAROLE_TERM_OPENED = "parole.term_opened"
    PAROLE_FEE_PAID = "parole.fee_paid"
    PAROLE_WAITING_FOR_CAP = "parole.waiting_for_cap"
    PAROLE_TRAVEL_AUTHORIZED = "parole.travel_authorized"
    PAROLE_TRAVEL_AUTHORIZATION_EXPIRED = "parole.travel_authorization_expired"
    PAROLE_TERM_STARTED = "parole.term_started"
    PAROLE_ARRIVAL_RECORDED = "parole.arrival_recorded"
    PAROLE_CONDITION_MET = "parole.condition_met"
    PAROLE_DEPARTED = "parole.departed"
    PAROLE_TERM_CUT_BY_TERMINATION = "parole.term_cut_by_termination"
    PAROLE_FILING_RECORDED = "parole.filing_recorded"
    PAROLE_INDIVIDUAL_DETERMINATION = "parole.individual_determination"
    PAROLE_TERM_ENDED = "parole.term_ended"
    PAROLE_TERM_REOPENED = "parole.term_reopened"
    PAROLE_TERMINATION_APPLIED = "parole.termination_applied"

    PROGRAM_VERSION_LOADED = "program_version.loaded"
    PROGRAM_VERSION_UPDATED = "program_version.updated"
    PROGRAM_VERSION_RETIRED = "program_version.retired"
    PROGRAM_VERSION_DRAFTED = "program_version.drafted"
    PROGRAM_VERSION_PUBLISHED = "program_version.published"
    PROGRAM_VERSION_REVIEWED = "program_version.reviewed"

    REQUEST_CREATED = "request.created"
    REQUEST_VIEWED = "request.viewed"
    REQUEST_EVIDENCE_ADDED = "request.evidence_added"
    REQUEST_PRESCREEN_RECORDED = "request.prescreen_recorded"
    # A request's move to a status: `request.<status>`, one member per status it can reach.
    REQUEST_SUBMITTED = "request.submitted"
    REQUEST_PRESCREENED = "request.prescreened"
    REQUEST_IN_REVIEW = "request.in_review"
    REQUEST_EVIDENCE_REQUESTED = "request.evidence_requested"
    REQUEST_DECISION_PENDING_SIGNOFF = "request.decision_pending_signoff"
    REQUEST_APPROVED = "request.approved"
    REQUEST_DENIED = "request.denied"
    REQUEST_ADMINISTRATIVELY_CLOSED = "request.administratively_closed"
    REQUEST_WITHDRAWN = "request.withdrawn"
    REQUEST_PROGRAM_WITHDRAWN = "request.program_withdrawn"

    TRIAGE_ASSESSED = "triage.assessed"
    TRIAGE_EXPEDITE_REQUESTED = "triage.expedite_requested"
    TRIAGE_EXPEDITE_DECIDED = "triage.expedite_decided"
    TRIAGE_CASE_ASSIGNED = "triage.case_assigned"
    TRIAGE_CASE_REASSIGNED = "triage.case_reassigned"
    TRIAGE_CASE_ROUTED = "triage.case_routed"
    TRIAGE_CASE_RELEASED = "triage.case_released"

    @classmethod
    def for_request_status(cls, status: str) -> AuditAction:
        """The action recording a request's move to `status`; unknown statuses are refused."""
        return _lookup(REQUEST_STATUS_ACTIONS, status, "request status")

    @classmethod
    def for_flag_decision(cls, status: str) -> AuditAction:
        """The action recording an integrity flag confirmed or dismissed."""
        return _lookup(FLAG_DECISION_ACTIONS, status, "integrity flag decision")


def _lookup(actions: dict[str, AuditAction], key: str, what: str) -> AuditAction:
    action = actions.get(str(key))
    if action is None:
        raise UnknownAuditAction(
            f"No audit action records the {what} {key!r} (known: {', '.join(sorted(actions))}).",
            details={"value": str(key)},
        )
    return action


REQUEST_STATUS_ACTIONS: dict[str, AuditAction] = {
    action.value.removeprefix("request."): action
    for action in (
        AuditAction.REQUEST_SUBMITTED,
        AuditAction.REQUEST_PRESCREENED,
        AuditAction.REQUEST_IN_REVIEW,
        AuditAction.REQUEST_EVIDENCE_REQUESTED,
        AuditAction.REQUEST_DECISION_PENDING_SIGNOFF,
        AuditAction.REQUEST_APPROVED,
        AuditAction.REQUEST_DENIED,
        AuditAction.REQUEST_ADMINISTRATIVELY_CLOSED,
        AuditAction.REQUEST_WITHDRAWN,
        AuditAction.REQUEST_PROGRAM_WITHDRAWN,
    )
}
FLAG_DECISION_ACTIONS: dict[str, AuditAction] = {
    "confirmed": AuditAction.INTEGRITY_FLAG_CONFIRMED,
    "dismissed": AuditAction.INTEGRITY_FLAG_DISMISSED,
}
