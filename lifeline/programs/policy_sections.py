"""The parts of a policy file: identifiers, intake, evidence, caps, parole, fees, adjudication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from lifeline.programs.citations import Citation
from lifeline.programs.expressions import CompiledExpression

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,79}$")]
VersionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}-[0-9a-z_-]{1,30}$")]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
Expression = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
RequestKind = Literal["initial", "reparole"]
Category = Literal["medical", "protection", "family_reunification", "public_benefit", "other"]
Effect = Literal["not_accepted", "route_elsewhere", "not_eligible", "needs_information"]
IntakeStatus = Literal["open", "paused", "terminated"]

# Rule ids the evaluator adds itself; a policy file may not reuse them.
BUILT_IN_RULE_IDS = frozenset(
    {"accepting_requests_on_filing_date", "request_kind_accepted", "category_accepted"}
)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule ready to run: plain attributes, read on every evaluation."""

    id: str
    when: CompiledExpression | None
    expression: CompiledExpression
    effect: str
    route_to: str | None
    explanation: str
    citation: str


@dataclass(frozen=True, slots=True)
class CompiledFee:
    """A program's fee with its guard and exemptions ready to run."""

    kind: str
    applies_when: CompiledExpression | None
    not_applicable_reason: str
    exemptions: tuple[tuple[CompiledExpression, str], ...]


class PendingFilingLike(Protocol):
    kind: str
    filed_on: dt.date
    decided_on: dt.date | None


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


class CourtOrder(Strict):
    """A court order that stops a termination from cutting terms, or lets it cut them again."""

    court: Sentence
    case: Sentence
    entered_on: dt.date
    effect: Literal["blocks", "allows"]
    explanation: Sentence
    citation: Citation


class Termination(Strict):
    terminated_on: dt.date
    terms_end_on: dt.date
    individual_exceptions: Sentence
    exceptions: list[TerminationException] = Field(default_factory=list)
    court_orders: list[CourtOrder] = Field(default_factory=list)
    citation: Citation

    def blocked_on(self, day: dt.date) -> CourtOrder | None:
        """The order that blocks this termination on `day`: the latest order entered by then,
        when it blocks (a later order that allows the termination lifts the block)."""
        entered = [order for order in self.court_orders if order.entered_on <= day]
        latest = max(entered, key=lambda order: order.entered_on, default=None)
        return latest if latest is not None and latest.effect == "blocks" else None

    def term_ends_on(
        self, *, original_ends_on: dt.date, pending_filings: Sequence[PendingFilingLike] = ()
    ) -> dt.date:
        """When a parole term granted under the program ends after this termination.

        Individual decisions by the Secretary are not modelled here; an officer records them.
        """
        if original_ends_on <= self.terms_end_on:
            return original_ends_on
        for exception in self.exceptions:
            for filing in pending_filings:
                if filing.kind != exception.filing_kind:
                    continue
                if filing.filed_on > exception.filed_on_or_before:
                    continue
                if filing.decided_on is not None and filing.decided_on < self.terminated_on:
                    continue  # decided before the termination: not pending on that date
                if filing.decided_on is None:
                    return original_ends_on
                return min(filing.decided_on, original_ends_on)
        return self.terms_end_on


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
    exemptions: list[FeeExemption] = Field(default_factory=list)
    _applies_when: CompiledExpression | None = PrivateAttr(None)
