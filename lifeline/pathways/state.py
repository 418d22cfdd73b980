"""The working state of one pathway check: the parole term, the request, and option drafts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from lifeline.pathways.answers import Basis, OptionStatus, Window
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.registry import PathwayRegistry
from lifeline.programs.expressions import add_years
from lifeline.programs.registry import Registry
from lifeline.programs.sources import Source


def years_after(on: dt.date, years: int) -> dt.date:
    return dt.date.fromisoformat(add_years(on.isoformat(), years))


def days_after(on: dt.date, days: int) -> dt.date:
    return on + dt.timedelta(days=days)


@dataclass
class Parole:
    program: str | None
    from_on: dt.date | None
    ends_on: dt.date | None
    known: bool
    reason: str
    lines: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def in_force_on(self, on: dt.date) -> bool:
        return bool(self.from_on and self.ends_on and self.from_on <= on <= self.ends_on)


@dataclass
class Draft:
    """An option's answer while it is being worked out."""

    status: OptionStatus
    summary: str
    window: Window | None = None
    missing: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    fee_on: dt.date | None = None
    fee_kinds: list[str] | None = None
    basis: Basis | None = None  # what the answer rests on, when not the option's own ground


DOWNGRADED_WHEN_UNVERIFIED = frozenset({"may_apply", "not_yet", "deadline_passed"})


def to_legal_review(draft: Draft, why: str, *, summary: str | None = None) -> Draft:
    """The draft as needing legal review, saying what it would otherwise be and `why`; a draft
    whose status does not give a date to act on is returned as it is."""
    if draft.status not in DOWNGRADED_WHEN_UNVERIFIED:
        return draft
    would_be = f"Would be “{draft.status.replace('_', ' ')}” ({draft.summary}), but {why}"
    return replace(
        draft,
        status="needs_legal_review",
        summary=draft.summary if summary is None else summary,
        lines=[*draft.lines, would_be],
    )


@dataclass
class Check:
    request: PathwayRequest
    as_of: dt.date
    registry: PathwayRegistry
    programs: Registry
    parole: Parole
