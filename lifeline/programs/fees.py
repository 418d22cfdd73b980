"""The shared fee schedule (fee law by date) and the fee lines a request would owe."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Annotated, Any, Literal, NamedTuple

import cel
from pydantic import Field, StringConstraints

from lifeline.programs.built_in_rules import built_in_citation
from lifeline.programs.citations import Citation
from lifeline.programs.documents import RequestDocument
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_sections import (
    Exemptions,
    FeeExemption,
    Identifier,
    Sentence,
    Strict,
    Uncertainty,
    compile_exemptions,
)
from lifeline.programs.projection import usage_tree
from lifeline.programs.results import AnswerCitation, FeeLine, RuleRun

_UNKNOWN_FACT = (KeyError, IndexError)


class OfficerExemption(Strict):
    """A statutory exception that only an officer can find (no request fact shows it)."""

    id: Identifier
    label: Sentence
    citation: Citation


class UnconfirmedAmount(Strict):
    """From `from_on`, the primary texts read do not confirm the amount: the answer says so."""

    from_on: dt.date
    note: Sentence


class ScheduledFee(Strict):
    kind: Identifier
    label: Sentence
    charged_at: Literal["filing", "grant"]
    amount_usd: int = Field(ge=0, le=100_000)
    waivable: bool
    waiver_note: Sentence | None = None
    exemptions: list[FeeExemption] = Field(default_factory=list)
    officer_exemptions: list[OfficerExemption] = Field(default_factory=list)
    unconfirmed: UnconfirmedAmount | None = None
    citation: Citation
    charged_from: Citation | None = Field(
        default=None,
        description="The text that set the day the fee began to be charged, when that is not "
        "the law fixing its amount: cited for the days before.",
    )


class FeeSchedule(Strict):
    """The fees in force from `effective_from` until the next schedule starts."""

    version: Annotated[str, StringConstraints(pattern=r"^fees-[0-9a-z_-]{1,30}$")]
    title: Sentence
    effective_from: dt.date
    checked_on: dt.date = Field(
        description="When the citations were last checked against the texts."
    )
    cut_off_on: dt.date = Field(
        description="The last publication date of the legal texts this schedule takes into account."
    )
    fees: list[ScheduledFee] = Field(min_length=1)
    uncertainties: list[Uncertainty] = Field(default_factory=list)
    sources: list[Sentence] = Field(min_length=1)

    def fee(self, kind: str) -> ScheduledFee | None:
        return next((fee for fee in self.fees if fee.kind == kind), None)


class FeeCatalog:
    """Every fee schedule, oldest first; answers which amount applied on a date."""

    def __init__(self, schedules: list[FeeSchedule]) -> None:
        self.schedules = sorted(schedules, key=lambda schedule: schedule.effective_from)
        self._starts = [schedule.effective_from for schedule in self.schedules]
        self._latest: dict[str, ScheduledFee] = {}
        self._first_on: dict[str, dt.date] = {}
        self._by_index: list[dict[str, ScheduledInForce]] = []
        for schedule in self.schedules:
            fees = {}
            for fee in schedule.fees:
                self._latest[fee.kind] = fee
                self._first_on.setdefault(fee.kind, schedule.effective_from)
                fees[fee.kind] = ScheduledInForce(
                    fee, compile_exemptions(fee.exemptions), AnswerCitation.of(fee.citation)
                )
            self._by_index.append(fees)

    def usage(self) -> dict[str, Any]:
        """What the statutory exemptions read from a request."""
        return usage_tree(
            exemption.when
            for schedule in self.schedules
            for fee in schedule.fees
            for exemption in fee.exemptions
        )

    def kinds(self) -> frozenset[str]:
        return frozenset(self._latest)

    def on(self, kind: str, day: dt.date) -> ScheduledInForce | None:
        """The fee of `kind` in force on `day`, with its compiled statutory exemptions."""
        index = bisect.bisect_right(self._starts, day) - 1
        return self._by_index[index].get(kind) if index >= 0 else None

    def known_on(self, kind: str, day: dt.date, known: dt.date) -> ScheduledInForce | None:
        """The fee of `kind` for `day` as it was known on `known`: the one in force on `day`
        unless the text fixing its amount was published after `known`, then the latest earlier
        one whose text was published by then (an answer states only what was known then)."""
        index = bisect.bisect_right(self._starts, day) - 1
        while index >= 0:
            found = self._by_index[index].get(kind)
            published = (
                getattr(found.fee.citation.authority, "published_on", None) if found else None
            )
            if found is None or published is None or published <= known:
                return found
            index -= 1
        return None

    def latest(self, kind: str) -> ScheduledFee:
        return self._latest[kind]

    def first_charged_on(self, kind: str) -> dt.date:
        return self._first_on[kind]

    def first_charged_citation(self, kind: str) -> AnswerCitation | None:
        """What set the first day `kind` was charged: its `charged_from`, else its own law."""
        found = self.on(kind, self._first_on[kind])
        if found is None:
            return None
        start = found.fee.charged_from
        return AnswerCitation.of(start) if start is not None else found.citation


class ScheduledInForce(NamedTuple):
    fee: ScheduledFee
    exemptions: Exemptions
    citation: AnswerCitation


class ExemptionFound(NamedTuple):
    exemption: tuple[str, AnswerCitation] | None
    undecided: list[str]


def _first_exemption(exemptions: Exemptions, context: cel.Context) -> ExemptionFound:
    """The first exemption the facts show, and the reasons of those before it that the facts
    leave open."""
    undecided: list[str] = []
    for when, reason, citation in exemptions:
        try:
            applies = when.program.execute(context)
        except _UNKNOWN_FACT:
            applies = None
        if applies is True:
            return ExemptionFound((reason, citation), undecided)
        if applies is not False:
            undecided.append(reason)
    return ExemptionFound(None, undecided)


def compute_fees(
    version: ProgramVersionPolicy,
    *,
    catalog: FeeCatalog,
    context: cel.Context,
    postmarked_on: dt.date,
    grant_on: dt.date,
    is_granted: bool,
    fee_waiver_requested: bool,
) -> list[FeeLine]:
    """Fees due at filing (priced on the postmark date) and on a grant (priced on `grant_on`).

    A grant fee is never part of the filing: with no grant yet (`is_granted` false) it shows
    what a grant on `grant_on` would cost.
    """
    lines = []
    for fee in version.compiled_fees:
        definition = catalog.latest(fee.kind)
        charged_at = definition.charged_at
        if fee.applies_when is not None and fee.applies_when.program.execute(context) is not True:
            reason, cited = fee.not_applicable_reason, fee.not_applicable_citation
            lines.append(_line(fee.kind, 0, reason, charged_at=charged_at, citation=cited))
            continue
        basis_on = postmarked_on if charged_at == "filing" else max(postmarked_on, grant_on)
        found = catalog.on(fee.kind, basis_on)
        if found is None:
            when = "filings" if charged_at == "filing" else "grants"
            first = catalog.first_charged_on(fee.kind)
            text = f"No {definition.label} for {when} before {first}."
            cited = catalog.first_charged_citation(fee.kind)
            lines.append(
                _line(fee.kind, 0, text, charged_at=charged_at, priced_on=basis_on, citation=cited)
            )
            continue
        scheduled, statutory, charged_by = found
        # The version's own exemptions first, then the statute's.
        exempt, undecided = _first_exemption((*fee.exemptions, *statutory), context)
        if exempt is not None:
            reason, citation = exempt
            lines.append(
                _line(
                    fee.kind,
                    0,
                    f"Exempt: {reason}",
                    charged_at=charged_at,
                    priced_on=basis_on,
                    citation=citation,
                )
            )
            continue
        reason = _due_reason(scheduled, basis_on, fee_waiver_requested, is_granted=is_granted)
        if undecided:
            reason += " Not known whether exempt, the request leaves a fact open: " + "; ".join(
                undecided
            )
        lines.append(
            _line(
                fee.kind,
                scheduled.amount_usd,
                reason,
                waivable=scheduled.waivable,
                charged_at=charged_at,
                priced_on=basis_on,
                citation=charged_by,
            )
        )
    return lines


def _line(
    kind: str,
    amount_usd: int,
    reason: str,
    *,
    waivable: bool = False,
    charged_at: Literal["filing", "grant"] | None = None,
    priced_on: dt.date | None = None,
    citation: AnswerCitation | None = None,
) -> FeeLine:
    return FeeLine(
        kind=kind,
        amount_usd=amount_usd,
        waivable=waivable,
        reason=reason,
        charged_at=charged_at,
        priced_on=priced_on,
        citation=citation,
    )


def unconfirmed_note(fee: ScheduledFee, basis_on: dt.date) -> str | None:
    """The note that the amount is not confirmed, for a filing or grant on `basis_on`."""
    if fee.unconfirmed is not None and basis_on >= fee.unconfirmed.from_on:
        return fee.unconfirmed.note
    return None


def _due_reason(
    fee: ScheduledFee, basis_on: dt.date, fee_waiver_requested: bool, *, is_granted: bool
) -> str:
    if fee.charged_at == "filing":
        moment = f"for a request postmarked on {basis_on}"
    elif is_granted:
        moment = f"for parole granted on {basis_on}; charged on the grant, not with the filing"
    else:
        moment = f"if parole is granted on {basis_on}; charged on a grant, not with the filing"
    parts = [f"{fee.label}: ${fee.amount_usd:,} {moment}."]
    if unconfirmed := unconfirmed_note(fee, basis_on):
        parts.append(unconfirmed)
    if fee.waivable and fee.waiver_note:
        parts.append(fee.waiver_note)
    if fee.waivable and fee_waiver_requested:
        parts.append("A fee waiver was requested; an officer decides it.")
    if fee.officer_exemptions:
        labels = "; ".join(exemption.label for exemption in fee.officer_exemptions)
        parts.append(f"An officer may still find a statutory exception: {labels}.")
    return " ".join(parts)


def filing_fee_remitted(document: RequestDocument, filing_lines: list[FeeLine]) -> RuleRun:
    """Whether the filing fee sent equals the filing fees due for everyone in the request.

    USCIS rejects a filing sent with the wrong fee, so a wrong amount means `not_accepted`; an
    amount not stated is `unknown`, and like every unknown rule asks for information (ADR 0095).
    With nothing due (a program filed online at no cost), nothing is asked. A fee waiver
    requested for a waivable fee leaves the amount to the officer.
    """
    rule_id = "filing_fee_remitted"
    source = built_in_citation(rule_id)
    due_cents = sum(line.amount_usd for line in filing_lines) * 100
    remitted = document.filing_fee_remitted_cents
    due_text = f"${due_cents / 100:,.2f}"
    charged = [line for line in filing_lines if line.amount_usd]
    if len(charged) > 1:
        amounts = " + ".join(f"${line.amount_usd:,}" for line in charged)
        due_text = f"{due_text}, one fee for each person filed for ({amounts})"
    if document.fee_waiver_requested and any(line.waivable for line in filing_lines):
        text = "A fee waiver is requested with the filing; an officer decides it."
        return RuleRun(rule_id, "not_applicable", text, source, "not_accepted", None)
    if due_cents == 0 and not remitted:
        text = "No filing fee is due with this request."
        return RuleRun(rule_id, "not_applicable", text, source, "not_accepted", None)
    if remitted is None:
        text = f"The filing fee sent is not stated; {due_text} is due with this filing."
        return RuleRun(rule_id, "unknown", text, source, "not_accepted", None)
    sent_text = f"${remitted / 100:,.2f}"
    if remitted == due_cents:
        text = f"The filing fee sent ({sent_text}) is the fee due."
        return RuleRun(rule_id, "pass", text, source, "not_accepted", None)
    text = (
        f"The filing fee sent ({sent_text}) is not the fee due ({due_text}); a filing with the "
        "wrong fee is rejected."
    )
    return RuleRun(rule_id, "fail", text, source, "not_accepted", None)
