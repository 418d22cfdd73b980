"""The shared fee schedule (fee law by date) and the fee lines a request would owe."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Annotated, Any, Literal

import cel
from pydantic import Field, StringConstraints

from lifeline.programs.policy import (
    FeeExemption,
    Identifier,
    ProgramVersionPolicy,
    Sentence,
    Strict,
    Uncertainty,
)
from lifeline.programs.projection import usage_tree
from lifeline.programs.results import FeeLine

_UNKNOWN_FACT = (KeyError, IndexError)


class OfficerExemption(Strict):
    """A statutory exception that only an officer can find (no request fact shows it)."""

    id: Identifier
    label: Sentence
    citation: Sentence


class ScheduledFee(Strict):
    kind: Identifier
    label: Sentence
    charged_at: Literal["filing", "grant"]
    amount_usd: int = Field(ge=0, le=100_000)
    waivable: bool
    waiver_note: Sentence | None = None
    exemptions: list[FeeExemption] = Field(default_factory=list)
    officer_exemptions: list[OfficerExemption] = Field(default_factory=list)
    citation: Sentence


class FeeSchedule(Strict):
    """The fees in force from `effective_from` until the next schedule starts."""

    version: Annotated[str, StringConstraints(pattern=r"^fees-[0-9a-z_-]{1,30}$")]
    title: Sentence
    effective_from: dt.date
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

    def usage(self) -> dict[str, Any]:
        """What the statutory exemptions read from a request."""
        return usage_tree(
            exemption.when
            for schedule in self.schedules
            for fee in schedule.fees
            for exemption in fee.exemptions
        )

    def kinds(self) -> frozenset[str]:
        return frozenset(fee.kind for schedule in self.schedules for fee in schedule.fees)

    def on(self, kind: str, day: dt.date) -> ScheduledFee | None:
        index = bisect.bisect_right(self._starts, day) - 1
        return self.schedules[index].fee(kind) if index >= 0 else None

    def latest(self, kind: str) -> ScheduledFee | None:
        return next((s.fee(kind) for s in reversed(self.schedules) if s.fee(kind)), None)

    def first_charged_on(self, kind: str) -> dt.date | None:
        return next((s.effective_from for s in self.schedules if s.fee(kind)), None)


def _is_true(exemption: FeeExemption, context: cel.Context) -> bool:
    try:
        return exemption._when is not None and exemption._when.run(context) is True
    except _UNKNOWN_FACT:
        return False


def compute_fees(
    version: ProgramVersionPolicy,
    *,
    catalog: FeeCatalog,
    context: cel.Context,
    filed_on: dt.date,
    grant_on: dt.date,
    fee_waiver_requested: bool,
) -> list[FeeLine]:
    """Fees due at filing (by filing date) and on a grant (by `grant_on`), exemptions applied."""
    lines = []
    for program_fee in version.fees:
        definition = catalog.latest(program_fee.kind)
        assert definition is not None  # the loader refuses fee kinds missing from the schedule
        if (
            program_fee._applies_when is not None
            and program_fee._applies_when.run(context) is not True
        ):
            lines.append(
                FeeLine(
                    kind=program_fee.kind,
                    amount_usd=0,
                    waivable=False,
                    reason=program_fee.not_applicable_reason or "Not charged.",
                )
            )
            continue
        basis_on = filed_on if definition.charged_at == "filing" else max(filed_on, grant_on)
        scheduled = catalog.on(program_fee.kind, basis_on)
        if scheduled is None:
            first = catalog.first_charged_on(program_fee.kind)
            when = "filings" if definition.charged_at == "filing" else "grants"
            lines.append(
                FeeLine(
                    kind=program_fee.kind,
                    amount_usd=0,
                    waivable=False,
                    reason=f"No {definition.label} for {when} before {first}.",
                )
            )
            continue
        exemption = next(
            (e for e in (*program_fee.exemptions, *scheduled.exemptions) if _is_true(e, context)),
            None,
        )
        if exemption is not None:
            lines.append(
                FeeLine(
                    kind=program_fee.kind,
                    amount_usd=0,
                    waivable=False,
                    reason=f"Exempt: {exemption.reason}",
                )
            )
            continue
        lines.append(
            FeeLine(
                kind=program_fee.kind,
                amount_usd=scheduled.amount_usd,
                waivable=scheduled.waivable,
                reason=_due_reason(scheduled, basis_on, fee_waiver_requested),
            )
        )
    return lines


def _due_reason(fee: ScheduledFee, basis_on: dt.date, fee_waiver_requested: bool) -> str:
    moment = "filed on" if fee.charged_at == "filing" else "granted on"
    parts = [f"{fee.label}: ${fee.amount_usd:,} for a request {moment} {basis_on}."]
    if fee.waivable and fee.waiver_note:
        parts.append(fee.waiver_note)
    if fee.waivable and fee_waiver_requested:
        parts.append("A fee waiver was requested; an officer decides it.")
    if fee.officer_exemptions:
        labels = "; ".join(exemption.label for exemption in fee.officer_exemptions)
        parts.append(f"An officer may still find a statutory exception: {labels}.")
    return " ".join(parts)
