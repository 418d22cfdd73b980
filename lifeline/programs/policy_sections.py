"""The parts of a policy file: identifiers, intake, evidence, caps, parole, fees, adjudication."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from lifeline.programs.citations import Citation
from lifeline.programs.expressions import CompiledExpression, PresenceTests
from lifeline.programs.results import AnswerCitation

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,79}$")]
VersionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}-[0-9a-z_-]{1,30}$")]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
Expression = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
RequestKind = Literal["initial", "reparole"]
Category = Literal["medical", "protection", "family_reunification", "public_benefit", "other"]
Effect = Literal["not_accepted", "route_elsewhere", "not_eligible", "needs_information"]
IntakeStatus = Literal["open", "paused", "closed", "terminated"]

# Rule ids the evaluator adds itself; a policy file may not reuse them.
BUILT_IN_RULE_IDS = frozenset(
    {
        "accepting_requests_on_filing_date",
        "request_kind_accepted",
        "category_accepted",
        "qualifies_through_principal",
        "filing_fee_remitted",
    }
)
# Cap rules are named after their cap: `cap_not_reached_<cap id>`.
CAP_RULE_PREFIX = "cap_not_reached_"


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule ready to run: plain attributes, read on every evaluation."""

    id: str
    when: CompiledExpression | None
    expression: CompiledExpression
    effect: str
    route_to: str | None
    explanation: str
    citation: AnswerCitation
    # The parts of the expression that only test that a fact was given: when one does not hold
    # (and the rest does) the rule is "unknown", never "fail".
    presence: PresenceTests


# Each exemption's guard, reason and citation, ready to run on one person's own facts.
Exemptions = tuple[tuple[CompiledExpression, str, AnswerCitation], ...]


@dataclass(frozen=True, slots=True)
class CompiledFee:
    """A program's fee with its guard and exemptions ready to run."""

    kind: str
    applies_when: CompiledExpression | None
    not_applicable_reason: str
    not_applicable_citation: AnswerCitation | None
    exemptions: Exemptions


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Uncertainty(Strict):
    """A value the domain brief reports two ways or only from a secondary source."""

    field: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    value: Any
    why: Sentence
    citations: list[Sentence] = Field(min_length=1)


class IntakeChange(Strict):
    """From `on`, the program is open, paused or terminated for the listed kinds (or all)."""

    starts_on: dt.date
    status: IntakeStatus
    kinds: list[RequestKind] | None = None
    reason: Sentence
    citation: Citation


class EvidenceItem(Strict):
    """One document an officer expects, with the label the portal checklist shows."""

    id: Identifier
    label: Sentence
    kinds: list[RequestKind] | None = None
    when: Expression | None = Field(None, description="CEL guard; the item applies when true.")
    _when: CompiledExpression | None = PrivateAttr(None)


class Cap(Strict):
    """A numeric limit; programs naming the same cap id share one count."""

    id: Identifier
    limit: int = Field(gt=0)
    period: Literal["total", "month"]
    counts: Literal["travel_authorizations", "grants"] = "travel_authorizations"
    citation: Citation


class Condition(Strict):
    """A condition of parole the parole term tracks, e.g. a post-arrival medical attestation."""

    id: Identifier
    label: Sentence
    due_days_after_arrival: int | None = Field(None, ge=0, le=3650)
    arrivals_from_on: dt.date | None = None
    arrivals_until_on: dt.date | None = None
    citation: Citation


class Parole(Strict):
    max_days: int = Field(gt=0, le=3650)
    reparole_window_days: int | None = Field(
        None,
        gt=0,
        le=3650,
        description="Re-parole may be filed at most this many days before expiry.",
    )
    reparole_advised_days: int | None = Field(
        None,
        gt=0,
        le=3650,
        description="Without a window: the program's text advises filing re-parole at least "
        "this many days before expiry, and the parolee is told on that day. Without either, no "
        "dated re-parole notice is sent.",
    )
    conditions: list[Condition] = Field(default_factory=list)
    duration_basis: Literal["max_days", "requested"] = Field(
        "max_days",
        description="A term runs max_days from arrival, or the requested days up to max_days.",
    )
    travel_authorization_valid_days: int = Field(
        90, gt=0, le=365, description="How long an advance travel authorization stays valid."
    )
    work_authorization: Literal["c11_on_application", "incident_to_parole"] = Field(
        "c11_on_application",
        description="Work authorization: on a Form I-765 under (c)(11), or incident to parole.",
    )


class TerminationException(Strict):
    """Terms stay in force past the cut-off when this filing was made (or pending) by a date."""

    id: Identifier
    filing_kind: Literal["i485", "asylum", "tps", "other"]
    filed_on_or_before: dt.date
    term_ends: Literal["earlier_of_decision_or_original_end"]
    explanation: Sentence


class Termination(Strict):
    """What a program's termination notice says about its own parolees: the individual
    exceptions. Its dates and the court orders acting on it are the timeline event `event`."""

    event: Identifier
    individual_exceptions: Sentence
    exceptions: list[TerminationException] = Field(default_factory=list)
    citation: Citation


class SignoffPolicy(Strict):
    """Which decisions need a supervisor's sign-off before they take effect."""

    every_denial: bool = True
    every_approval: bool = False
    approval_with_open_integrity_flag: bool = True


class RubricFactor(Strict):
    id: Identifier
    label: Sentence
    guidance: Sentence


class ReasonCode(Strict):
    code: Identifier
    decision: Literal["approve", "deny", "close"]
    label: Sentence
    notice_text: Sentence


class SlaHours(Strict):
    standard: int = Field(gt=0)
    high: int = Field(gt=0)
    critical: int = Field(gt=0)


class Adjudication(Strict):
    sla_hours: SlaHours
    evidence_response_days: int = Field(gt=0, le=365)
    signoff: SignoffPolicy
    blind_second_review_share: float = Field(ge=0, le=1)
    rubric: list[RubricFactor] = Field(min_length=1)
    reason_codes: list[ReasonCode] = Field(min_length=1)


class FeeExemption(Strict):
    id: Identifier
    when: Expression
    reason: Sentence
    citation: Citation
    _when: CompiledExpression | None = PrivateAttr(None)


class ProgramFee(Strict):
    """A fee kind from the shared fee schedule that this program charges, and its exemptions."""

    kind: Identifier
    applies_when: Expression | None = None
    not_applicable_reason: Sentence | None = None
    not_applicable_citation: Citation | None = None
    exemptions: list[FeeExemption] = Field(default_factory=list)
    _applies_when: CompiledExpression | None = PrivateAttr(None)


def compile_exemptions(exemptions: list[FeeExemption]) -> Exemptions:
    """The exemptions whose guards compiled, each with its reason and citation."""
    return tuple(
        (e._when, e.reason, AnswerCitation.of(e.citation))
        for e in exemptions
        if e._when is not None
    )
