"""When a parole term ends, as of a date: original end, program terminations (on the policy
timeline, with the program version's exceptions), individual determinations and departure.
Pure: no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from lifeline.parole.enums import FilingOutcome
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.policy_sections import TerminationException
from lifeline.programs.registry import Registry
from lifeline.programs.timeline import Timeline, TimelineEvent
from lifeline.programs.timeline_files import get_timeline

FILING_LABELS = {
    "i485": "Form I-485",
    "asylum": "asylum application",
    "tps": "TPS application",
    "other": "filing",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


FilingKind = Literal["i485", "asylum", "tps", "other"]


class Filing(_Strict):
    """A filing made while on parole; `outcome` is how it was decided (unset while pending, and
    on records made before outcomes were kept)."""

    kind: FilingKind
    filed_on: dt.date
    decided_on: dt.date | None = None
    outcome: FilingOutcome | None = None

    @model_validator(mode="after")
    def _outcome_when_decided(self) -> Filing:
        if self.outcome is not None and self.decided_on is None:
            raise ValueError("an outcome needs the date it was decided")
        return self


class Determination(_Strict):
    """An individual decision on this parolee: parole continues to, or ends on, `ends_on`."""

    decided_on: dt.date
    effect: Literal["continue", "end"]
    ends_on: dt.date
    reference: Annotated[str, StringConstraints(max_length=200)] = ""


class ParoleRecord(_Strict):
    """The parole record a parolee or legal-aid worker has, and the date they ask about."""

    program: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{2,40}$")]
    class_of_admission: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{2,4}$")]
    paroled_on: dt.date
    original_ends_on: dt.date
    pending_filings: list[Filing] = Field(default_factory=list, max_length=20)
    individual_determinations: list[Determination] = Field(default_factory=list, max_length=20)
    departed_on: dt.date | None = None
    as_of: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> ParoleRecord:
        if self.original_ends_on < self.paroled_on:
            raise ValueError("original_ends_on is before paroled_on")
        if self.as_of < self.paroled_on:
            raise ValueError("as_of is before paroled_on: the person was not yet paroled then")
        return self


@dataclass
class TermAnswer:
    ends_on: dt.date
    status: Literal["active", "ended"]
    reason: str
    citations: list[str] = field(default_factory=list)
    reparole_window_opens_on: dt.date | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "ends_on": self.ends_on.isoformat(),
            "status": self.status,
            "reason": self.reason,
            "citations": self.citations,
            "reparole_window_opens_on": self.reparole_window_opens_on.isoformat()
            if self.reparole_window_opens_on
            else None,
        }


@dataclass(frozen=True)
class TerminationInForce:
    """A termination on the timeline, announced and not blocked by a court order on a date,
    with the exceptions its notice states (from the program version that names the event)."""

    event: TimelineEvent
    exceptions: list[TerminationException]
    individual_exceptions: str
    citation: str

    @property
    def announced_on(self) -> dt.date:
        """When the termination was announced: the day it applies from (ADR 0139)."""
        return self.event.announced_or_effective

    @property
    def terms_end_on(self) -> dt.date:
        return self.event.effective_on


def termination_in_force(
    timeline: Timeline, versions: list[ProgramVersionPolicy], program: str, on: dt.date
) -> TerminationInForce | None:
    """The termination of `program` announced by `on` that no court order blocks on `on`: the
    one answer for the term, the pathway check, the supervisor's run and the daily term moves."""
    announced = timeline.termination_on(f"parole:{program}", on)
    if announced is None or announced.blocked_by is not None:
        return None
    notice = next(
        (
            version.termination
            for version in versions
            if version.termination and version.termination.event == announced.event.id
        ),
        None,
    )
    if notice is None:
        return TerminationInForce(announced.event, [], "", announced.event.sources[0].label)
    return TerminationInForce(
        announced.event, notice.exceptions, notice.individual_exceptions, notice.citation.text
    )


def expired_while_blocked_reason(
    timeline: Timeline,
    versions: list[ProgramVersionPolicy],
    program: str,
    *,
    i94_on: dt.date,
    on: dt.date,
) -> str | None:
    """Why parole ended on its I-94 date, if it ran out then, before `on`, while a court order
    blocked the announced termination (a later stay of the order does not move it back)."""
    if i94_on >= on:
        return None
    announced = timeline.termination_on(f"parole:{program}", i94_on)
    if (
        announced is None
        or announced.blocked_by is None
        or termination_in_force(timeline, versions, program, i94_on) is not None
    ):
        return None
    return (
        "It ran out on that date while a court order blocked the program's termination, "
        "so a later stay of the order does not move it back."
    )


def apply_termination(
    termination: TerminationInForce, *, original_ends_on: dt.date, filings: list[Filing]
) -> tuple[dt.date, str]:
    """The end date after a termination and why: the cut-off, unless a filing made (or pending)
    by the exception's date keeps the term to the earlier of its decision or the original end."""
    if original_ends_on <= termination.terms_end_on:
        return original_ends_on, (
            f"The term ends on {original_ends_on}, on or before the termination cut-off of "
            f"{termination.terms_end_on}, so the termination does not change it."
        )
    for exception in termination.exceptions:
        for filing in filings:
            if filing.kind != exception.filing_kind:
                continue
            if filing.filed_on > exception.filed_on_or_before:
                continue
            if filing.decided_on is not None and filing.decided_on < termination.announced_on:
                continue  # decided before the termination: not pending on that date
            if filing.decided_on is None:
                return original_ends_on, (
                    f"The program was terminated on {termination.announced_on}, but the "
                    f"{FILING_LABELS[filing.kind]} filed on {filing.filed_on} keeps parole: "
                    f"{exception.explanation} It is still pending, so the term ends on its "
                    f"original date {original_ends_on}."
                )
            ends_on = min(filing.decided_on, original_ends_on)
            return ends_on, (
                f"The program was terminated on {termination.announced_on}, but the "
                f"{FILING_LABELS[filing.kind]} filed on {filing.filed_on} kept parole: "
                f"{exception.explanation} It was decided on {filing.decided_on}, so the term "
                f"ends on {ends_on}."
            )
    return termination.terms_end_on, (
        f"The program was terminated on {termination.announced_on}; unexpired parole ends on "
        f"{termination.terms_end_on}. {termination.individual_exceptions}"
    ).strip()


def compute_term(
    record: ParoleRecord, registry: Registry, timeline: Timeline | None = None
) -> TermAnswer:
    """The term's end and status on `record.as_of`, with the reason and its sources."""
    versions = registry.versions(record.program)  # an unknown program is a clear error
    granted_under = registry.version_for_filing(record.program, record.paroled_on)
    ends_on = record.original_ends_on
    reason = f"Parole granted on {record.paroled_on} ends on its original end date {ends_on}."
    citations = [granted_under.sources[0]]
    timeline = timeline or get_timeline()
    termination = termination_in_force(timeline, versions, record.program, record.as_of)
    announced = timeline.termination_on(f"parole:{record.program}", record.as_of)
    ran_out = expired_while_blocked_reason(
        timeline, versions, record.program, i94_on=ends_on, on=record.as_of
    )
    if termination is not None and ran_out:
        reason += f" {ran_out}"
    elif termination is not None:
        ends_on, reason = apply_termination(
            termination, original_ends_on=ends_on, filings=record.pending_filings
        )
        citations.append(termination.citation)
    elif announced is not None and announced.blocked_by is not None:
        order = announced.blocked_by
        reason += f" A court order blocks the program's termination: {order.summary}"
        citations.append(order.sources[0].label)
    for determination in sorted(record.individual_determinations, key=lambda d: d.decided_on):
        if determination.decided_on > record.as_of:
            continue
        if determination.effect == "continue":
            ends_on = determination.ends_on
            reason = (
                f"An individual determination of {determination.decided_on} keeps parole "
                f"until {ends_on}."
            )
        elif determination.ends_on < ends_on:
            ends_on = determination.ends_on
            reason = (
                f"An individual determination of {determination.decided_on} ends parole "
                f"on {ends_on}."
            )
        citations.append(
            determination.reference or f"individual determination of {determination.decided_on}"
        )
    departed = record.departed_on
    if departed is not None and departed <= record.as_of and departed < ends_on:
        ends_on = departed
        reason = f"Parole ended on departure from the United States on {ends_on}."
        citations.append("https://humanrightsfirst.org/i-was-paroled-in-the-united-states/")
    status: Literal["active", "ended"] = "active" if record.as_of <= ends_on else "ended"
    return TermAnswer(
        ends_on=ends_on,
        status=status,
        reason=reason,
        citations=list(dict.fromkeys(citations)),
        reparole_window_opens_on=reparole_window_opens_on(
            registry, program=record.program, ends_on=ends_on, on=record.as_of
        )
        if status == "active"
        else None,
    )


@dataclass(frozen=True)
class ReparoleTiming:
    """When re-parole may first be filed, the date the program's text advises filing by (if
    any), and the date the parolee is told (none when no text gives a time)."""

    opens_on: dt.date
    advised_by: dt.date | None
    notice_on: dt.date | None


def reparole_timing(
    registry: Registry, *, program: str, ends_on: dt.date, on: dt.date
) -> ReparoleTiming | None:
    """Re-parole's timing, if the program in force on `on` accepts re-parole.

    Whether it does is read as the pre-screen reads it: the version in force, its request kinds
    and its intake for re-parole. A version with a window opens it that many days before parole
    ends, and the parolee is told then; one without takes re-parole at any time, and the
    parolee is told only on the day its text advises filing by, if it gives one.
    """
    version = registry.version_for_filing(program, on)
    if (
        not version.is_in_window(on)
        or "reparole" not in version.request_kinds
        or version.intake_on(on, "reparole").status != "open"
    ):
        return None
    window, advised = version.parole.reparole_window_days, version.parole.reparole_advised_days
    if window is not None:
        opens = ends_on - dt.timedelta(days=window)
        return ReparoleTiming(opens_on=opens, advised_by=None, notice_on=opens)
    advised_by = ends_on - dt.timedelta(days=advised) if advised is not None else None
    return ReparoleTiming(opens_on=on, advised_by=advised_by, notice_on=advised_by)


def reparole_window_opens_on(
    registry: Registry, *, program: str, ends_on: dt.date, on: dt.date
) -> dt.date | None:
    """When re-parole may first be filed, as the pre-screen reads the program (see
    `reparole_timing`); the day the parolee is told is `ReparoleTiming.notice_on`."""
    timing = reparole_timing(registry, program=program, ends_on=ends_on, on=on)
    return timing.opens_on if timing else None
