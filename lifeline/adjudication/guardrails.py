"""What a decision must answer for before it is recorded: failed or unknown pre-screen rules,
missing required evidence, and reasons that presuppose an evidence request."""

from __future__ import annotations

from dataclasses import dataclass

from lifeline.adjudication.enums import Outcome
from lifeline.adjudication.models import EvidenceRequest
from lifeline.core.errors import ValidationFailed
from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import list_evidence_for_request
from lifeline.programs.evaluation import list_required_evidence

MIN_OVERRIDE_CHARS = 20
# Reasons whose published notice text says that evidence was asked for and did not settle it.
REASONS_AFTER_EVIDENCE_REQUEST = frozenset({"deny_insufficient_evidence"})


class OverrideNeeded(ValidationFailed):
    code = "override_needed"
    http_status = 409


@dataclass(frozen=True)
class Concern:
    """One thing the officer must answer for: a rule that failed or could not be checked, or a
    required document that was never sent."""

    kind: str  # failed_rule, unknown_rule, missing_evidence
    id: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "text": self.text}


def list_concerns(request: ParoleRequest) -> list[Concern]:
    """The failed and unknown rules of the current pre-screen, then the missing evidence."""
    concerns = []
    prescreen = request.prescreens.filter(is_current=True).first()
    for rule in prescreen.rules if prescreen else []:
        if rule.get("result") in ("fail", "unknown"):
            kind = "failed_rule" if rule["result"] == "fail" else "unknown_rule"
            concerns.append(Concern(kind, rule["id"], rule.get("explanation") or rule["id"]))
    sent = {item.kind for item in list_evidence_for_request(request)}
    document = read_document(request)
    for item in list_required_evidence(document):
        if item.id not in sent:
            concerns.append(Concern("missing_evidence", item.id, item.label))
    return concerns


def has_asked_for_evidence(request: ParoleRequest) -> bool:
    return EvidenceRequest.objects.filter(request=request).exists()


def check_guardrails(
    request: ParoleRequest, *, outcome: str, reason_codes: list[str], override_reason: str
) -> list[Concern]:
    """The concerns this decision overrides (it then goes to sign-off); refuses a decision that
    would pass a concern silently. Nothing here decides a case: it only asks the officer."""
    if outcome == Outcome.CLOSE:
        return []
    asked = has_asked_for_evidence(request)
    if not asked and REASONS_AFTER_EVIDENCE_REQUEST & set(reason_codes):
        raise ValidationFailed(
            "“Evidence does not establish the request” tells the applicant that the evidence "
            "we asked for did not settle the question, and no evidence was asked for on this "
            "case: request evidence first, or choose another reason.",
            details={"reason_codes": sorted(REASONS_AFTER_EVIDENCE_REQUEST & set(reason_codes))},
        )
    concerns = [
        concern
        for concern in list_concerns(request)
        if (outcome == Outcome.APPROVE and concern.kind != "unknown_rule")
        or (concern.kind == "unknown_rule" and not asked)
    ]
    if not concerns:
        return []
    if len(override_reason.strip()) < MIN_OVERRIDE_CHARS:
        listed = "; ".join(f"{_KIND_WORDS[c.kind]}: {c.text}" for c in concerns)
        unknown_only = all(c.kind == "unknown_rule" for c in concerns)
        raise OverrideNeeded(
            f"Before you {Outcome(outcome).label.lower()}, answer for this: {listed}. "
            + (
                "Request evidence, or write why you decide anyway (the decision then goes to "
                "a supervisor's sign-off)."
                if unknown_only
                else "To go ahead, write why you override it; the decision then goes to a "
                "supervisor's sign-off."
            ),
            details={"concerns": [c.as_dict() for c in concerns]},
        )
    return concerns


_KIND_WORDS = {
    "failed_rule": "a pre-screen rule failed",
    "unknown_rule": "a pre-screen rule could not be checked",
    "missing_evidence": "required evidence was not sent",
}
