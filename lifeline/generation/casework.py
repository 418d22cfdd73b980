"""How a demo officer works one case through the real services: ask for the missing evidence,
or decide it with the program's own reasons, rubric and a written rationale (overriding a
concern only with a reason, which sends the decision to a supervisor's sign-off)."""

from __future__ import annotations

import math
import random

from lifeline.adjudication import guardrails
from lifeline.adjudication.enums import EvidenceRequestStatus, Outcome, RubricScore
from lifeline.adjudication.evidence_requests import request_evidence
from lifeline.adjudication.models import Decision, EvidenceRequest, SecondReview
from lifeline.adjudication.services import record_decision, record_second_review
from lifeline.generation.office_staff import Officer
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import policy_for
from lifeline.programs.policy import ProgramVersionPolicy

# The typical officer approves about three requests in four (log odds 1.1); a request whose
# evidence request went unanswered far less often.
TYPICAL_APPROVAL_LOG_ODDS = 1.1
UNANSWERED_EVIDENCE_LOG_ODDS = -2.0
EVIDENCE_REQUEST_SHARE = 0.3  # of cases with missing evidence or an unchecked rule
MAX_ITEMS_ASKED = 2
CLOSE_AFTER_NO_ANSWER_SHARE = 0.3
SECOND_REVIEW_AGREES_SHARE = 0.9
RATIONALES = {
    Outcome.APPROVE: "The file shows an urgent reason that a parole for this period answers, "
    "and the supporter's declaration covers the stay.",
    Outcome.DENY: "The file does not show a reason that parole, rather than another route, "
    "should answer; the statements do not establish the urgency claimed.",
    Outcome.CLOSE: "No answer came to the evidence request by its due date; the request "
    "cannot be decided on the record as it stands.",
}
OVERRIDE_REASON = (
    "Checked against the narrative and the supporter's declaration: what is missing does not "
    "change the outcome; a supervisor reviews this."
)
EVIDENCE_NOTE = "Please send documents that settle these points: "


def _expit(log_odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-log_odds))


def _reasons(policy: ProgramVersionPolicy, outcome: str, *, asked: bool) -> list[str]:
    reasons = [r.code for r in policy.adjudication.reason_codes if r.decision == outcome]
    if not asked:
        reasons = [c for c in reasons if c not in guardrails.REASONS_AFTER_EVIDENCE_REQUEST]
    return reasons


def _rubric(policy: ProgramVersionPolicy, outcome: str, rng: random.Random) -> dict[str, str]:
    factors = [factor.id for factor in policy.adjudication.rubric]
    if outcome == Outcome.APPROVE:
        return {
            f: rng.choice((RubricScore.MEETS, RubricScore.MEETS, RubricScore.PARTLY))
            for f in factors
        }
    failing = rng.choice(factors) if factors else ""
    return {
        f: RubricScore.DOES_NOT_MEET if f == failing else rng.choice(list(RubricScore)[:2])
        for f in factors
    }


def _ask_for_evidence(
    officer: Officer, request: ParoleRequest, concerns: list[guardrails.Concern]
) -> bool:
    policy = policy_for(request)
    listed = {item.id for item in policy.evidence_items(request.category, request.kind)}
    items = [c.id for c in concerns if c.kind == "missing_evidence" and c.id in listed]
    unchecked = [c.text for c in concerns if c.kind == "unknown_rule"]
    if not items and not unchecked:
        return False
    request_evidence(
        officer=officer.user,
        request_id=request.pk,
        expected_version=request.version,
        item_ids=items[:MAX_ITEMS_ASKED],
        free_text=EVIDENCE_NOTE + "; ".join(unchecked) if unchecked else "",
    )
    return True


def _outcome(
    officer: Officer, policy: ProgramVersionPolicy, unanswered: bool, rng: random.Random
) -> tuple[str, list[str]]:
    if unanswered and rng.random() < CLOSE_AFTER_NO_ANSWER_SHARE:
        closing = [c for c in _reasons(policy, Outcome.CLOSE, asked=True) if "no_response" in c]
        if closing:
            return Outcome.CLOSE, closing
    log_odds = TYPICAL_APPROVAL_LOG_ODDS + officer.approval_shift
    if unanswered:
        log_odds += UNANSWERED_EVIDENCE_LOG_ODDS
    outcome = Outcome.APPROVE if rng.random() < _expit(log_odds) else Outcome.DENY
    reasons = _reasons(policy, outcome, asked=unanswered)
    if unanswered and outcome == Outcome.DENY:
        settled = [c for c in reasons if c in guardrails.REASONS_AFTER_EVIDENCE_REQUEST]
        return outcome, settled or reasons[:1]
    return outcome, [rng.choice(reasons[:2])]


def work_case(officer: Officer, request: ParoleRequest, rng: random.Random) -> str:
    """Ask for evidence or decide; returns what was done ("evidence" or the outcome)."""
    policy = policy_for(request)
    asked = list(EvidenceRequest.objects.filter(request=request).values_list("status", flat=True))
    concerns = guardrails.list_concerns(request)
    wants_evidence = not asked and concerns and rng.random() < EVIDENCE_REQUEST_SHARE
    if wants_evidence and _ask_for_evidence(officer, request, concerns):
        return "evidence"
    unanswered = EvidenceRequestStatus.EXPIRED in asked
    outcome, reasons = _outcome(officer, policy, unanswered, rng)
    needs_override = any(
        (outcome == Outcome.APPROVE and c.kind != "unknown_rule")
        or (outcome != Outcome.CLOSE and c.kind == "unknown_rule" and not asked)
        for c in concerns
    )
    record_decision(
        officer=officer.user,
        request_id=request.pk,
        expected_version=request.version,
        outcome=outcome,
        reason_codes=reasons,
        rubric_scores=_rubric(policy, outcome, rng),
        rationale=RATIONALES[Outcome(outcome)],
        confirm_family_split=True,
        override_reason=OVERRIDE_REASON if needs_override else "",
    )
    return str(outcome)


def review_blind(reviewer: Officer, decision_id: int, rng: random.Random) -> SecondReview:
    """The second officer's own decision; most agree with the first."""
    first = Decision.objects.select_related("request").get(pk=decision_id)
    policy = policy_for(first.request)
    outcome = first.outcome
    if rng.random() >= SECOND_REVIEW_AGREES_SHARE:
        outcome = Outcome.DENY if outcome == Outcome.APPROVE else Outcome.APPROVE
    reasons = (
        first.reason_codes
        if outcome == first.outcome
        else _reasons(policy, outcome, asked=False)[:1]
    )
    return record_second_review(
        reviewer=reviewer.user,
        decision_id=decision_id,
        outcome=outcome,
        reason_codes=reasons,
        rubric_scores=_rubric(policy, outcome, rng),
        rationale=RATIONALES[Outcome(outcome)],
    )
