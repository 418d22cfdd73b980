"""The policy timeline: dated, cited events (designations, terminations, court orders, holds)
and the state they leave a subject in on a date, or "unknown" after the subject's last check.
It is the one record of the terminations and court orders that act on existing parole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from lifeline.core.dates import PlausibleDates, require_order
from lifeline.programs.sources import Source

Subject = Annotated[str, StringConstraints(pattern=r"^(tps|parole|program|hold):[a-z0-9_]{2,40}$")]
Effect = Literal["designate", "extend", "terminate", "block", "unblock", "close", "hold", "note"]


class _Strict(PlausibleDates):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reregistration(_Strict):
    """The period in which holders re-register to keep TPS through a designation or extension."""

    opens_on: dt.date
    closes_on: dt.date
    source: Source

    @model_validator(mode="after")
    def _ordered(self) -> Reregistration:
        require_order(self.opens_on, self.closes_on, ("opens_on", "closes_on"))
        return self


class TimelineEvent(_Strict):
    """One dated event: `effective_on` changes the law; `checked_on` is when it was checked."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{3,60}$")]
    subject: Subject
    effect: Effect
    effective_on: dt.date
    announced_on: dt.date | None = None
    checked_on: dt.date
    summary: Annotated[str, StringConstraints(min_length=10, max_length=600)]
    targets: str | None = Field(None, description="The event a court order blocks or unblocks.")
    continuous_residence_since: dt.date | None = None
    continuous_presence_since: dt.date | None = None
    registration_opens_on: dt.date | None = None
    registration_closes_on: dt.date | None = None
    ends_on: dt.date | None = Field(None, description="A designation's or extension's last day.")
    reregistration: Reregistration | None = None
    countries: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=list, description="For a hold: the nationalities it reaches (empty: all)."
    )
    needs_legal_review: Annotated[str, StringConstraints(min_length=10, max_length=600)] | None = (
        Field(
            None,
            description="A detail of this event not read in a primary text: answers that rely "
            "on it say so and need legal review instead of guessing.",
        )
    )
    sources: list[Source] = Field(min_length=1)

    @property
    def announced_or_effective(self) -> dt.date:
        """The day the event was known: its announcement, else the day it took effect."""
        return self.announced_on or self.effective_on

    def known_on(self, on: dt.date) -> bool:
        """Whether the event was announced (published, ordered) by `on`: an answer as of a date
        states only what was known then (ADR 0162)."""
        return self.announced_or_effective <= on

    @model_validator(mode="after")
    def _consistent(self) -> TimelineEvent:
        if self.effect in ("block", "unblock") and not self.targets:
            raise ValueError(f"{self.id}: a court order names the event it {self.effect}s")
        if self.effect == "designate" and not (
            self.continuous_residence_since and self.continuous_presence_since and self.ends_on
        ):
            raise ValueError(
                f"{self.id}: a designation needs continuous_residence_since, "
                "continuous_presence_since and ends_on"
            )
        if self.effect == "extend" and self.ends_on is None:
            raise ValueError(f"{self.id}: an extension needs ends_on")
        return self


class Untracked(_Strict):
    """Where to check a subject the timeline records no events for: its answers say that it is
    not tracked here instead of reading the silence as "nothing in force"."""

    where_to_check: Annotated[str, StringConstraints(min_length=10, max_length=600)]
    sources: list[Source] = Field(min_length=1)


class TimelineFile(_Strict):
    version: Annotated[str, StringConstraints(pattern=r"^timeline-\d{4}-\d{2}-\d{2}$")]
    title: Annotated[str, StringConstraints(min_length=3, max_length=200)]
    checked_on: dt.date = Field(
        description="When the list of subjects itself was last reviewed (e.g. which countries "
        "have TPS at all)."
    )
    untracked_tps: Untracked | None = Field(
        None,
        description="For a country with no TPS events here: TPS is not tracked for it, and "
        "where to check (required once the file tracks any TPS designation).",
    )
    events: list[TimelineEvent] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_and_targets_exist(self) -> TimelineFile:
        ids = [event.id for event in self.events]
        duplicates = {event_id for event_id in ids if ids.count(event_id) > 1}
        if duplicates:
            raise ValueError(f"duplicate event ids: {', '.join(sorted(duplicates))}")
        for event in self.events:
            if event.targets and event.targets not in ids:
                raise ValueError(f"{event.id}: targets unknown event {event.targets!r}")
        if self.untracked_tps is None and any(e.subject.startswith("tps:") for e in self.events):
            raise ValueError(
                "a timeline that tracks TPS says where to check the rest (untracked_tps)"
            )
        return self


Status = Literal["active", "expired", "terminated", "closed", "not_on_file"]


@dataclass
class SubjectState:
    """What the timeline says about a subject on a date."""

    subject: str
    on: dt.date
    status: Status
    known: bool
    last_checked_on: dt.date | None
    designation: TimelineEvent | None = None
    ends_on: dt.date | None = None
    registration_closes_on: dt.date | None = None
    termination: TimelineEvent | None = None
    termination_blocked_by: TimelineEvent | None = None
    announced_termination: TimelineEvent | None = None
    hold: TimelineEvent | None = None
    applied: list[TimelineEvent] = field(default_factory=list)
    orders_in_force: list[TimelineEvent] = field(default_factory=list)

    @property
    def unread_details(self) -> list[str]:
        """What the events this state rests on (court orders only while they keep it in force)
        could not read in a primary text."""
        relied_on = [e for e in self.applied if e.effect not in ("block", "unblock")]
        if self.status == "active":
            relied_on += self.orders_in_force
        return [e.needs_legal_review for e in relied_on if e.needs_legal_review]

    @property
    def explanation(self) -> str:
        if not self.known:
            return (
                f"unknown: check current status. The timeline for {self.subject} was last "
                f"checked on {self.last_checked_on}, before {self.on}."
            )
        return "; ".join(event.summary for event in self.applied) or "no event on file"


@dataclass(frozen=True)
class AnnouncedTermination:
    """A termination announced by a date, and the court order that blocks it on that date."""

    event: TimelineEvent
    blocked_by: TimelineEvent | None

    @property
    def announced_on(self) -> dt.date:
        """When the termination was announced (its notice's date)."""
        return self.event.announced_or_effective

    @property
    def terms_end_on(self) -> dt.date:
        """The last day of the parole or status it ends."""
        return self.event.effective_on


class Timeline:
    """The events of one timeline file, by subject, oldest first."""

    def __init__(self, timeline: TimelineFile) -> None:
        self.file = timeline
        self.by_id = {event.id: event for event in timeline.events}
        self._by_subject: dict[str, list[TimelineEvent]] = {}
        for event in sorted(timeline.events, key=lambda e: (e.effective_on, e.id)):
            self._by_subject.setdefault(event.subject, []).append(event)

    def subjects(self, prefix: str) -> list[str]:
        return sorted(subject for subject in self._by_subject if subject.startswith(prefix))

    def tps_subjects(self, country: str) -> list[str]:
        """The TPS designations of `country` the timeline tracks (`tps:ve`, `tps:ve_2021`);
        none when it does not track that country, which says nothing of its designations."""
        subject = f"tps:{country.lower()}"
        return [s for s in self.subjects(subject) if s == subject or s.startswith(f"{subject}_")]

    def events_of(self, subject: str) -> list[TimelineEvent]:
        """Every event of `subject`, oldest first, whatever the date."""
        return list(self._by_subject.get(subject, []))

    def last_checked_on(self, subject: str) -> dt.date | None:
        events = self._by_subject.get(subject, [])
        return max((event.checked_on for event in events), default=None)

    def blocking_order(self, event_id: str, on: dt.date) -> TimelineEvent | None:
        """The court order that blocks event `event_id` on `on`: the latest order in effect by
        then that acts on it, when it blocks (a later order that unblocks lifts it)."""
        orders = [
            e
            for e in self.file.events
            if e.targets == event_id and e.effective_on <= on and e.known_on(on)
        ]
        latest = max(orders, key=lambda event: (event.effective_on, event.id), default=None)
        return latest if latest is not None and latest.effect == "block" else None

    def termination_on(self, subject: str, on: dt.date) -> AnnouncedTermination | None:
        """The latest termination of `subject` announced by `on` and not undone by a later
        designation, with the court order blocking it on `on`."""
        latest: TimelineEvent | None = None
        for event in self._by_subject.get(subject, []):
            if event.effect == "designate" and event.effective_on <= on:
                latest = None
            elif event.effect == "terminate" and event.known_on(on):
                latest = event
        if latest is None:
            return None
        return AnnouncedTermination(latest, self.blocking_order(latest.id, on))

    def state_on(self, subject: str, on: dt.date) -> SubjectState:
        """Fold the subject's events up to `on`; after its last check the answer is unknown."""
        events = self._by_subject.get(subject)
        if not events:
            known = on <= self.file.checked_on
            return SubjectState(subject, on, "not_on_file", known, self.file.checked_on)
        last_checked = self.last_checked_on(subject)
        state = SubjectState(subject, on, "active", on <= (last_checked or on), last_checked)
        blocked_extensions: list[TimelineEvent] = []
        for event in events:
            if not event.known_on(on):  # an answer as of `on` states only what was known then
                continue
            # A termination's date is the last day the designation or parole holds ("terminated,
            # effective at 11:59 p.m., local time, on ..."): it applies from the next day.
            pending = event.effective_on >= on if event.effect == "terminate" else False
            if pending:
                state.announced_termination = event
            if pending or event.effective_on > on:
                continue
            state.applied.append(event)
            if event.effect == "designate":
                state.designation, state.ends_on, state.termination = event, event.ends_on, None
                state.registration_closes_on = event.registration_closes_on
            elif event.effect == "extend" and (order := self.blocking_order(event.id, on)):
                # An extension may also shorten a designation (a partial vacatur); a court
                # order in force that blocks it leaves the earlier dates standing.
                blocked_extensions.append(order)
            elif event.effect == "extend":
                state.ends_on = event.ends_on
                state.registration_closes_on = (
                    event.registration_closes_on or state.registration_closes_on
                )
            elif event.effect == "terminate":
                state.termination = event
            elif event.effect == "close":
                state.status = "closed"
            elif event.effect == "hold":
                state.hold = event
        if state.termination is not None:
            state.termination_blocked_by = self.blocking_order(state.termination.id, on)
            if state.termination_blocked_by is None:
                state.status = "terminated"
            else:
                state.orders_in_force.append(state.termination_blocked_by)
        if state.ends_on is not None and on <= state.ends_on:  # the orders keep those dates
            state.orders_in_force += blocked_extensions
        if state.hold is not None and self.blocking_order(state.hold.id, on):
            state.hold = None
        # A termination taking effect later (or blocked by a court) keeps the designation.
        lapsed = state.ends_on is not None and on > state.ends_on
        held = state.announced_termination is not None or state.termination_blocked_by is not None
        if state.status == "active" and lapsed and not held:
            state.status = "expired"
        return state
