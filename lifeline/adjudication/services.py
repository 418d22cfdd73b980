"""Writes for decisions: record one, blind second review, supervisor sign-off or return."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.adjudication import family, guardrails, workflow
from lifeline.adjudication.enums import (
    LIVE_DECISION_STATUSES,
    DecisionStatus,
    Outcome,
    RubricScore,
)
from lifeline.adjudication.events import DecisionTookEffect
from lifeline.adjudication.models import Decision, SecondReview
from lifeline.audit.actions import AuditAction
from lifeline.audit.services import audit_subject
from lifeline.core import clock
from lifeline.core.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationFailed,
)
from lifeline.core.events import publish
from lifeline.intake.documents import read_document
from lifeline.intake.enums import RequestStatus
from lifeline.intake.locking import lock_request
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import policy_for
from lifeline.intake.services import transition_request
from lifeline.integrity.selectors import list_open_flags_for_request
from lifeline.notices.enums import NoticeKind
from lifeline.notices.models import Notice
from lifeline.notices.services import issue_notice
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.registry import get_registry
from lifeline.triage import services as triage
from lifeline.triage.access import can_supervise, require_caseworker, require_supervisor
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage

MIN_RATIONALE_CHARS = 20
FINAL_STATUS: dict[str, str] = {
    Outcome.APPROVE: RequestStatus.APPROVED,
    Outcome.DENY: RequestStatus.DENIED,
    Outcome.CLOSE: RequestStatus.ADMINISTRATIVELY_CLOSED,
}
NOTICE_KIND: dict[str, NoticeKind] = {
    Outcome.APPROVE: NoticeKind.APPROVAL,
    Outcome.DENY: NoticeKind.DENIAL,
    Outcome.CLOSE: NoticeKind.CLOSURE,
}


class FamilySplitNeedsConfirmation(DomainError):
    code = "family_split_needs_confirmation"
    http_status = 409


def _check_holder(request: ParoleRequest, officer: User) -> CaseTriage:
    require_caseworker(officer)
    case = CaseTriage.objects.filter(request=request).first()
    if case is None or case.state != QueueState.ASSIGNED:
        raise Conflict(f"Request {request.reference} is not with an officer for a decision.")
    if case.assigned_to_id != officer.pk and not can_supervise(officer):
        raise PermissionDenied("Only the officer holding the case (or a supervisor) may decide it.")
    return case


def check_decision_content(
    policy: ProgramVersionPolicy,
    *,
    outcome: str,
    reason_codes: list[str],
    rubric_scores: dict[str, Any],
    rationale: str,
) -> dict[str, dict[str, str]]:
    """Refuse a decision without its rubric, matching reason codes or a written rationale; each
    refusal says in plain words what to change (codes go only into the error's details)."""
    if outcome not in Outcome.values:
        raise ValidationFailed("Choose whether to approve, deny or close the case.")
    if not reason_codes:
        raise ValidationFailed("Choose at least one reason for the decision.")
    chosen = Outcome(outcome).label.lower()
    for code in reason_codes:
        reason = policy.reason_code(code)
        if reason is None:
            raise ValidationFailed(
                "One of the reasons chosen is not a reason of this program; choose again.",
                details={"reason_code": code, "program_version": policy.version},
            )
        if reason.decision != outcome:
            raise ValidationFailed(
                f"“{reason.label}” is a reason to {Outcome(reason.decision).label.lower()}, "
                f"not to {chosen}: choose reasons that match the outcome.",
                details={"reason_code": code, "program_version": policy.version},
            )
    labels = {factor.id: factor.label for factor in policy.adjudication.rubric}
    scores: dict[str, dict[str, str]] = {}
    for factor_id, value in rubric_scores.items():
        entry = value if isinstance(value, dict) else {"score": value}
        if factor_id not in labels or entry.get("score") not in RubricScore.values:
            named = labels.get(factor_id, "a rubric factor that is not in this program")
            raise ValidationFailed(
                f"Score “{named}” as one of: "
                + ", ".join(str(score.label).lower() for score in RubricScore)
                + ".",
                details={"factor": factor_id},
            )
        scores[factor_id] = {"score": entry["score"], "note": str(entry.get("note", ""))[:1000]}
    missing = [factor_id for factor_id in labels if factor_id not in scores]
    if missing:
        raise ValidationFailed(
            "Score every rubric factor; not yet scored: "
            + "; ".join(f"“{labels[factor_id]}”" for factor_id in missing)
            + ".",
            details={"missing": missing},
        )
    if len(rationale.strip()) < MIN_RATIONALE_CHARS:
        raise ValidationFailed("Write the rationale for the decision (at least a sentence).")
    return scores


def is_sampled_for_second_review(request: ParoleRequest, share: float) -> bool:
    """A stable draw per request and program version, so the routing can be re-checked."""
    digest = hashlib.sha256(f"{request.reference}:{request.program_version}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def _signoff_reasons(
    policy: ProgramVersionPolicy, request: ParoleRequest, outcome: str, splits_family: bool
) -> list[str]:
    rules = policy.adjudication.signoff
    reasons = []
    if outcome == Outcome.DENY and rules.every_denial:
        reasons.append("every_denial")
    if outcome == Outcome.APPROVE and rules.every_approval:
        reasons.append("every_approval")
    if (
        outcome == Outcome.APPROVE
        and rules.approval_with_open_integrity_flag
        and any(
            flag.get("requires_supervisor_signoff", True)
            for flag in list_open_flags_for_request(request)
        )
    ):
        reasons.append("open_integrity_flag")
    if splits_family:
        reasons.append("splits_family")
    return reasons


@transaction.atomic
def record_decision(
    *,
    officer: User,
    request_id: int,
    expected_version: int,
    outcome: str,
    reason_codes: list[str],
    rubric_scores: dict[str, Any],
    rationale: str,
    confirm_family_split: bool = False,
    override_reason: str = "",
) -> Decision:
    """Decide a case: it takes effect, or waits for a blind second review or a sign-off. A
    failed rule, missing required evidence or an unchecked rule needs an override with a reason
    (or, for an unchecked rule, an evidence request first); an override goes to sign-off."""
    request = lock_request(request_id, expected_version=expected_version)
    if Decision.objects.filter(request=request, status__in=LIVE_DECISION_STATUSES).exists():
        raise StaleVersion(f"Request {request.reference} was already decided by someone else.")
    _check_holder(request, officer)
    if request.status != RequestStatus.IN_REVIEW:
        raise Conflict(f"Request {request.reference} is {request.get_status_display().lower()}.")
    policy = policy_for(request)
    scores = check_decision_content(
        policy,
        outcome=outcome,
        reason_codes=reason_codes,
        rubric_scores=rubric_scores,
        rationale=rationale,
    )
    overridden = guardrails.check_guardrails(
        request, outcome=outcome, reason_codes=reason_codes, override_reason=override_reason
    )
    split = family.list_family_split(request, outcome)
    if split and not confirm_family_split:
        names = "; ".join(
            f"{r['name']} ({r['reference']}, {r['link']}: {r['outcome']})" for r in split
        )
        raise FamilySplitNeedsConfirmation(
            f"This decision splits a family: {names}. Confirm to record it; it will be marked "
            "for supervisor review.",
            details={"relatives": split},
        )
    prescreen = request.prescreens.filter(is_current=True).first()
    sampled = outcome != Outcome.CLOSE and is_sampled_for_second_review(
        request, policy.adjudication.blind_second_review_share
    )
    decision = Decision.objects.create(
        request=request,
        officer=officer,
        outcome=outcome,
        reason_codes=list(reason_codes),
        rubric_scores=scores,
        rationale=rationale.strip(),
        program_version=policy.version,
        rule_results=prescreen.rules if prescreen else [],
        request_version=request.version,
        status=DecisionStatus.SECOND_REVIEW,
        is_sampled_for_second_review=sampled,
        signoff_reasons=_signoff_reasons(policy, request, outcome, bool(split))
        + (["override"] if overridden else []),
        overrides=[concern.as_dict() for concern in overridden],
        override_reason=override_reason.strip() if overridden else "",
        splits_family=bool(split),
        family_split=split,
        is_marked_for_review=bool(split),
        decided_at=clock.now(),
    )
    audit_subject(
        request,
        actor=officer,
        action=AuditAction.DECISION_RECORDED,
        details={
            "decision_id": decision.pk,
            "outcome": outcome,
            "reason_codes": decision.reason_codes,
            "program_version": decision.program_version,
            "second_review": sampled,
            "signoff_reasons": decision.signoff_reasons,
            "splits_family": decision.splits_family,
            "overrides": decision.overrides,
        },
    )
    if sampled:
        triage.move_case(
            request_id=request.pk,
            state=QueueState.SECOND_REVIEW,
            role=officer.role,
            excluded_officer=officer,
            note="Blind second review",
        )
    else:
        _route_after_review(decision, actor=officer)
    return decision


def _route_after_review(decision: Decision, *, actor: User) -> None:
    """Send to sign-off when a rule asks for it, otherwise put the decision in effect."""
    if decision.signoff_reasons:
        workflow.move_decision(decision, DecisionStatus.PENDING_SIGNOFF, role=actor.role)
        decision.save(update_fields=["status"])
        transition_request(
            request_id=decision.request_id,
            to_status=RequestStatus.DECISION_PENDING_SIGNOFF,
            actor=actor,
            reason="Sign-off needed: " + ", ".join(decision.signoff_reasons),
        )
        triage.move_case(
            request_id=decision.request_id,
            state=QueueState.SIGNOFF,
            role=actor.role,
            note=", ".join(decision.signoff_reasons),
        )
    else:
        _take_effect(decision, actor=decision.officer)


def _take_effect(decision: Decision, *, actor: User) -> None:
    workflow.move_decision(decision, DecisionStatus.IN_EFFECT, role=actor.role)
    decision.save(update_fields=["status"])
    transition_request(
        request_id=decision.request_id,
        to_status=FINAL_STATUS[decision.outcome],
        actor=actor,
        reason=", ".join(decision.reason_codes),
    )
    request = ParoleRequest.objects.get(pk=decision.request_id)
    _issue_decision_notice(decision, request=request)
    publish(
        DecisionTookEffect(
            decision_id=decision.pk, request_id=decision.request_id, outcome=decision.outcome
        )
    )


def _issue_decision_notice(decision: Decision, *, request: ParoleRequest) -> Notice:
    """The approval, denial or closure notice, quoting the decision's reasons as published."""
    version = get_registry().version(decision.program_version)
    reasons = [version.reason_code(code) for code in decision.reason_codes] if version else []
    return issue_notice(
        request=request,
        kind=NOTICE_KIND[decision.outcome],
        key=f"decision:{decision.pk}",
        context={
            "reasons": [
                {"code": r.code, "label": r.label, "text": r.notice_text}
                for r in reasons
                if r is not None
            ],
            "decided_on": decision.decided_at.date().isoformat(),
            **(
                {"parole_days": _parole_days(request)}
                if decision.outcome == Outcome.APPROVE
                else {}
            ),
        },
    )


def _parole_days(request: ParoleRequest) -> int:
    """The days of parole the approval grants: the program's maximum, or the days requested
    up to it where the program grants what was asked."""
    parole = policy_for(request).parole
    requested = read_document(request).requested_duration_days
    if parole.duration_basis == "requested" and requested is not None:
        return min(requested, parole.max_days)
    return parole.max_days


def _lock_decision(decision_id: int, status: str) -> Decision:
    """Lock the request first, then its decision (the order every decision write uses)."""
    request_id = (
        Decision.objects.filter(pk=decision_id).values_list("request_id", flat=True).first()
    )
    if request_id is None:
        raise NotFound(f"No decision {decision_id}.")
    lock_request(request_id)
    decision = Decision.objects.select_for_update().get(pk=decision_id)
    if decision.status != status:
        raise Conflict(
            f"This decision is {decision.get_status_display().lower()}, not waiting "
            "for this step; reload the page."
        )
    return decision


@transaction.atomic
def record_second_review(
    *,
    reviewer: User,
    decision_id: int,
    outcome: str,
    reason_codes: list[str],
    rubric_scores: dict[str, Any],
    rationale: str,
) -> SecondReview:
    """The blind second officer decides on their own; disagreement goes to a supervisor."""
    require_caseworker(reviewer)
    decision = _lock_decision(decision_id, DecisionStatus.SECOND_REVIEW)
    request = decision.request
    case = CaseTriage.objects.get(request=request)
    if decision.officer_id == reviewer.pk or case.assigned_to_id != reviewer.pk:
        raise PermissionDenied("Only the second officer holding this review may record it.")
    policy = policy_for(request)
    scores = check_decision_content(
        policy,
        outcome=outcome,
        reason_codes=reason_codes,
        rubric_scores=rubric_scores,
        rationale=rationale,
    )
    review = SecondReview.objects.create(
        decision=decision,
        reviewer=reviewer,
        outcome=outcome,
        reason_codes=list(reason_codes),
        rubric_scores=scores,
        rationale=rationale.strip(),
        agrees=outcome == decision.outcome,
        submitted_at=clock.now(),
    )
    audit_subject(
        request,
        actor=reviewer,
        action=AuditAction.DECISION_SECOND_REVIEW_RECORDED,
        details={
            "decision_id": decision.pk,
            "outcome": outcome,
            "agrees": review.agrees,
        },
    )
    if not review.agrees:
        decision.signoff_reasons = [*decision.signoff_reasons, "second_review_disagrees"]
        decision.save(update_fields=["signoff_reasons"])
    _route_after_review(decision, actor=reviewer if not review.agrees else decision.officer)
    return review


@transaction.atomic
def sign_off_decision(*, supervisor: User, decision_id: int, comment: str = "") -> Decision:
    """A supervisor signs: the decision takes effect."""
    require_supervisor(supervisor)
    decision = _lock_decision(decision_id, DecisionStatus.PENDING_SIGNOFF)
    if decision.officer_id == supervisor.pk:
        raise PermissionDenied("A supervisor cannot sign off their own decision.")
    decision.signed_by, decision.signed_at = supervisor, clock.now()
    decision.supervisor_comment = comment.strip()
    decision.save(update_fields=["signed_by", "signed_at", "supervisor_comment"])
    audit_subject(
        decision.request,
        actor=supervisor,
        action=AuditAction.DECISION_SIGNED_OFF,
        details={"decision_id": decision.pk, "comment": decision.supervisor_comment},
    )
    _take_effect(decision, actor=supervisor)
    return decision


@transaction.atomic
def return_decision(*, supervisor: User, decision_id: int, comment: str) -> Decision:
    """A supervisor returns a decision to its officer with comments; the case is reviewed again."""
    require_supervisor(supervisor)
    if len(comment.strip()) < MIN_RATIONALE_CHARS:
        raise ValidationFailed("Say what the officer should look at again.")
    decision = _lock_decision(decision_id, DecisionStatus.PENDING_SIGNOFF)
    workflow.move_decision(decision, DecisionStatus.RETURNED, role=supervisor.role)
    decision.signed_by = supervisor
    decision.signed_at, decision.supervisor_comment = clock.now(), comment.strip()
    decision.save(update_fields=["status", "signed_by", "signed_at", "supervisor_comment"])
    request = decision.request
    transition_request(
        request_id=request.pk,
        to_status=RequestStatus.IN_REVIEW,
        actor=supervisor,
        reason=f"Returned: {decision.supervisor_comment}",
    )
    triage.move_case(
        request_id=request.pk,
        state=QueueState.ASSIGNED,
        role=supervisor.role,
        officer=decision.officer,
        note=f"Returned by {supervisor.username}: {decision.supervisor_comment}",
    )
    audit_subject(
        request,
        actor=supervisor,
        action=AuditAction.DECISION_RETURNED,
        details={"decision_id": decision.pk, "comment": decision.supervisor_comment},
    )
    return decision
