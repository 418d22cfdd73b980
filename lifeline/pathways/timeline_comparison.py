"""The comparison behind a timeline review: each parolee's answers under the timeline in force
and under the draft, on the days the draft's changed events change answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lifeline.intake.models import ParoleRequest
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.pathways import selectors
from lifeline.pathways.answers import PathwayAnswer
from lifeline.pathways.engine import check
from lifeline.pathways.registry import PathwayRegistry
from lifeline.programs.timeline import TimelineEvent, TimelineFile

PAROLEE_STATUSES = (TermStatus.ACTIVE, TermStatus.ENDED)
PROGRESS_EVERY = 100
Progress = Callable[[int, int], None]


def changed_event_ids(current: TimelineFile, draft: TimelineFile) -> list[str]:
    """Events the draft adds, changes or removes, by id."""
    before = {event.id: event for event in current.events}
    after = {event.id: event for event in draft.events}
    changed = {event_id for event_id, event in after.items() if before.get(event_id) != event}
    return sorted(changed | (set(before) - set(after)))


def _days_an_event_changes_answers(event: TimelineEvent) -> set[dt.date]:
    """The day it is announced (answers state it from then, ADR 0211), the day it takes effect
    (the day after a termination's last day) and the day after a designation's or extension's
    last day, when answers read from its `ends_on` stop."""
    days = {event.effective_on + dt.timedelta(days=event.effect == "terminate")}
    if event.announced_on is not None:
        days.add(event.announced_on)
    if event.ends_on is not None:
        days.add(event.ends_on + dt.timedelta(days=1))
    return days


def comparison_dates(current: TimelineFile, draft: TimelineFile, *, on: dt.date) -> list[dt.date]:
    """Today, and each day still ahead on which an event the draft adds, changes or removes
    changes answers, in either file: a court order taking effect next month changes answers
    then, not today; a moved `ends_on` changes them from the day after either last day."""
    event_ids = set(changed_event_ids(current, draft))
    ahead: set[dt.date] = set()
    for timeline in (current, draft):
        for event in timeline.events:
            if event.id in event_ids:
                ahead |= {day for day in _days_an_event_changes_answers(event) if day > on}
    return [on, *sorted(ahead)]


def _snapshot(answer: PathwayAnswer) -> dict[str, Any]:
    options = {}
    for option in answer.options:
        window = option.window
        due = (window.safe_on or window.closes_on) if window else None
        options[option.code] = {"status": option.status, "due_on": due.isoformat() if due else None}
    ends_on = answer.parole.ends_on
    return {"parole_ends_on": ends_on.isoformat() if ends_on else None, "options": options}


def answer_changes(before: PathwayAnswer, after: PathwayAnswer) -> list[dict[str, Any]]:
    """What differs, per option (status and date to act by) and for parole's end."""
    old, new = _snapshot(before), _snapshot(after)
    changes = []
    if old["parole_ends_on"] != new["parole_ends_on"]:
        changes.append(
            {"code": "parole", "before": old["parole_ends_on"], "after": new["parole_ends_on"]}
        )
    for code, was in old["options"].items():
        now = new["options"].get(code)
        if now != was:
            changes.append({"code": code, "before": was, "after": now})
    return changes


@dataclass(frozen=True)
class Parolee:
    request: ParoleRequest
    term: ParoleTerm


def _parolees(on: dt.date) -> list[Parolee]:
    terms = (
        ParoleTerm.objects.filter(status__in=PAROLEE_STATUSES, arrived_on__lte=on)
        .select_related("request__beneficiary", "request__filed_by")
        .order_by("pk")
    )
    return [Parolee(term.request, term) for term in terms]


def compare_timelines(
    current: PathwayRegistry,
    draft: PathwayRegistry,
    dates: list[dt.date],
    *,
    on: dt.date,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every parolee's answers under both timelines on each date; the rows that differ."""
    rows = []
    parolees = _parolees(on)
    for done, parolee in enumerate(parolees, start=1):
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(parolees)):
            progress(done, len(parolees))
        document = selectors.pathway_request_for(parolee.request, parolee.term)
        for day in dates:
            before = check(document, as_of=day, registry=current)
            after = check(document, as_of=day, registry=draft)
            changes = answer_changes(before, after)
            if changes:
                rows.append(
                    {
                        "reference": parolee.request.reference,
                        "on": day.isoformat(),
                        "changes": changes,
                    }
                )
                break  # the first date on which this person's answers change
    return {
        "dates": [day.isoformat() for day in dates],
        "evaluated": len(parolees),
        "changed": len(rows),
        "rows": rows,
    }
