"""What a pathway check answers: every option with its status, window, filing and sources."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

OptionStatus = Literal[
    "may_apply",
    "not_available",
    "deadline_passed",
    "not_yet",
    "needs_information",
    "needs_legal_review",
]
# An option the person can act on now: open to apply, or awaiting information or review.
_OPEN: frozenset[str] = frozenset({"may_apply", "needs_information", "needs_legal_review"})
DISCLAIMER = (
    "Legal information, not legal advice. Dates are computed from what you told us and the law "
    "as last checked; an accredited representative can confirm them for your case."
)


class Window(BaseModel):
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    safe_on: dt.date | None = Field(default=None, description="File by this date to be safe.")
    legal_rule: str
    computation: list[str] = Field(default_factory=list)


class FeeOut(BaseModel):
    kind: str
    label: str
    amount_usd: int | None
    as_of: dt.date
    schedule: str | None
    note: str


class FilingOut(BaseModel):
    form: str
    fees: list[FeeOut] = Field(default_factory=list)


class CitationOut(BaseModel):
    authority: str
    url: str
    quote: str | None
    confidence: Literal["verified", "secondary", "unverified"]
    read_in: str | None = None
    note: str | None = None


# What an answer rests on when it is not the option's own ground: the work permit after parole
# rests on TPS held or on an asylum application pending.
Basis = Literal["tps", "asylum_pending"]
BASIS_PLAIN_LABELS: dict[tuple[str, Basis], str] = {
    ("employment_authorization", "tps"): "Permission to work while you hold TPS",
    ("employment_authorization", "asylum_pending"): (
        "Permission to work while your asylum application is pending"
    ),
}


class OptionAnswer(BaseModel):
    code: str
    label: str
    plain_label: str
    basis: Basis | None = None
    status: OptionStatus
    summary: str
    window: Window | None = None
    what_to_file: FilingOut | None = None
    missing_facts: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    timeline: list[str] = Field(default_factory=list)
    confidence: Literal["verified", "secondary", "unverified"]
    citations: list[CitationOut] = Field(default_factory=list)

    def act_by(self, on: dt.date) -> dt.date | None:
        """The date to act by, if the option is still open: the safe date while it is ahead,
        else the window's close while that is ahead."""
        if self.status not in _OPEN or self.window is None:
            return None
        ahead = [d for d in (self.window.safe_on, self.window.closes_on) if d and d >= on]
        return ahead[0] if ahead else None


class ParoleOut(BaseModel):
    program: str | None
    ends_on: dt.date | None
    in_force: bool | None = Field(
        description="null: not known on the date (a governing event was last checked before it)."
    )
    reason: str


class NextDeadline(BaseModel):
    code: str
    on: dt.date
    what: str
    basis: Basis | None = None


class PathwayAnswer(BaseModel):
    as_of: dt.date
    policy_version: str
    timeline_version: str
    parole: ParoleOut
    options: list[OptionAnswer]
    next_deadline: NextDeadline | None
    disclaimer: str = DISCLAIMER
