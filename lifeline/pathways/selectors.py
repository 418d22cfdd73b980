"""Reads for the pathway pages: a parolee's pathway request built from the parole record and
the request document, a representative's clients by next deadline, and the program cohort."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, cast

from babel import Locale
from django.db.models import Q
from pydantic import ValidationError

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.intake.access import requests_visible_to
from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest
from lifeline.parole.enums import EndReason, TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.parole.selectors import term_ends_on, term_filings
from lifeline.parole.terms import Determination, Filing
from lifeline.pathways.answers import PathwayAnswer
from lifeline.pathways.documents import (
    Arrival,
    Departure,
    ParoleInterval,
    PathwayFiling,
    PathwayFilingOutcome,
    PathwayRequest,
    Person,
    ThreeState,
)
from lifeline.pathways.engine import check
from lifeline.pathways.models import TimelineChange
from lifeline.pathways.registry import get_pathway_registry
from lifeline.programs.documents import RequestDocument
from lifeline.triage.selectors import get_program_title

# The parole record's filing kinds, as pathway forms ("other" says nothing the options read).
_FORM_OF_FILING: dict[str, Literal["i485", "i589", "i821"]] = {
    "i485": "i485",
    "asylum": "i589",
    "tps": "i821",
}
FilingState = Literal["pending", "none_pending", "not_known"]


def term_of(request: ParoleRequest) -> ParoleTerm | None:
    return ParoleTerm.objects.filter(request=request).first()


def _document(request: ParoleRequest) -> RequestDocument | None:
    try:
        return read_document(request)
    except ValidationError:
        return None


def _yes_no(value: bool) -> ThreeState:
    return "yes" if value else "no"


def pathway_request_for(request: ParoleRequest, term: ParoleTerm | None) -> PathwayRequest:
    """What the pathway check reads, from the parole record and the request as filed. Facts
    the record does not hold are left unknown."""
    document = _document(request)
    beneficiary = document.beneficiary if document else None
    citizenships = list(
        beneficiary.citizenships if beneficiary else request.beneficiary.citizenships
    )
    person = Person(
        citizenships=citizenships[:5],
        birth_date=beneficiary.birth_date if beneficiary else request.beneficiary.birth_date,
        language=(request.language or "en")[:2],
    )
    facts: dict[str, ThreeState] = {}
    in_proceedings = document.immigration_history.in_removal_proceedings if document else None
    if in_proceedings is not None:  # unknown stays unknown (request document v2)
        facts["in_removal_proceedings"] = _yes_no(in_proceedings)
    if term is None or term.arrived_on is None:
        return PathwayRequest(person=person, facts=facts)
    until_on = term.original_ends_on or term.ends_on or term.arrived_on
    if term.end_reason not in (EndReason.TERMINATED, EndReason.DEPARTED) and term.ends_on:
        until_on = term.ends_on  # an individual determination moves the I-94 date itself
    if term.status == TermStatus.ACTIVE:
        facts["present_in_united_states"] = "yes"
    coa = term.class_of_admission or None
    return PathwayRequest(
        person=person,
        arrivals=[Arrival(on=term.arrived_on, document="parole", class_of_admission=coa)],
        departures=[Departure(on=term.departed_on)] if term.departed_on else [],
        parole=[
            ParoleInterval(
                program=term.program,
                from_on=term.arrived_on,
                until_on=max(until_on, term.arrived_on),
                kind="reparole" if request.kind == "reparole" else "parole",
                continued_on=_continued_on(term),
            )
        ],
        filings=[
            PathwayFiling(
                form=_FORM_OF_FILING[filing.kind],
                filed_on=filing.filed_on,
                outcome=_outcome_of(filing),
                decided_on=filing.decided_on,
            )
            for filing in term_filings(term)
            if filing.kind in _FORM_OF_FILING
        ],
        facts=facts,
    )


def _outcome_of(filing: Filing) -> PathwayFilingOutcome:
    """Pending until decided; a decision recorded without its outcome stays unknown."""
    if filing.decided_on is None:
        return "pending"
    return cast(PathwayFilingOutcome, filing.outcome.value if filing.outcome else "unknown")


def _continued_on(term: ParoleTerm) -> dt.date | None:
    """The first individual determination that this term's parole continues, if any."""
    decisions = [Determination.model_validate(d) for d in term.individual_determinations]
    return min((d.decided_on for d in decisions if d.effect == "continue"), default=None)


def answer_for(request: ParoleRequest, term: ParoleTerm | None, *, as_of: dt.date) -> PathwayAnswer:
    return check(pathway_request_for(request, term), as_of=as_of)


@dataclass(frozen=True)
class ClientDeadline:
    request: ParoleRequest
    client: User
    answer: PathwayAnswer

    @property
    def next_on(self) -> dt.date | None:
        return self.answer.next_deadline.on if self.answer.next_deadline else None


def list_client_deadlines(representative: User, *, as_of: dt.date) -> list[ClientDeadline]:
    """A representative's consenting clients with parole, soonest next deadline first (those
    without one last)."""
    if representative.role != UserRole.REPRESENTATIVE:
        return []
    requests = (
        requests_visible_to(representative)
        .filter(parole_term__isnull=False)
        .select_related("filed_by", "beneficiary", "parole_term")
    )
    rows = [
        ClientDeadline(
            request, request.filed_by, answer_for(request, request.parole_term, as_of=as_of)
        )
        for request in requests
    ]
    return sorted(
        rows, key=lambda row: (row.next_on is None, row.next_on or as_of, row.request.reference)
    )


def filing_state(term: ParoleTerm, *, on: dt.date) -> FilingState:
    """Whether the record shows a filing pending on `on` (filed by then, not decided before).
    An empty record cannot tell "none" from "not told", so only recorded filings, none pending,
    count as "no pending filing"."""
    filed = [filing for filing in term_filings(term) if filing.filed_on <= on]
    if any(f.decided_on is None or f.decided_on > on for f in filed):
        return "pending"
    return "none_pending" if filed else "not_known"


class _NamedProgramAndNationality:
    """The program's title and the country's English name (staff pages are English; the code
    when the name is unknown) of a row with `program` and `nationality` codes."""

    program: str
    nationality: str

    @property
    def program_name(self) -> str:
        return get_program_title(self.program)

    @property
    def nationality_name(self) -> str:
        return str(Locale("en").territories.get(self.nationality, self.nationality))


@dataclass
class CohortRow(_NamedProgramAndNationality):
    program: str
    nationality: str
    counts: Counter[FilingState] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class AtRisk(_NamedProgramAndNationality):
    """One parolee in the cohort: whose parole ends when, and whether a filing is pending."""

    reference: str
    name: str
    program: str
    nationality: str
    ends_on: dt.date
    filing: FilingState


@dataclass(frozen=True)
class Cohort:
    as_of: dt.date
    within_days: int
    rows: list[CohortRow]
    people: list[AtRisk] = field(default_factory=list)

    @property
    def ends_by(self) -> dt.date:
        return self.as_of + dt.timedelta(days=self.within_days)


def cohort(*, as_of: dt.date, within_days: int, program: str = "") -> Cohort:
    """Parolees in force on `as_of` (arrived, not yet ended or departed) whose parole ends
    within `within_days`, by program and first nationality, counted by whether a filing was
    pending on that date, and each of them by name, soonest end first. A term counts by the end
    date known on `as_of` (a termination published later does not move it back), and one that
    has ended since still counts."""
    ends_by = as_of + dt.timedelta(days=within_days)
    terms = (
        ParoleTerm.objects.filter(
            status__in=[TermStatus.ACTIVE, TermStatus.ENDED], arrived_on__lte=as_of
        )
        .filter(Q(ends_on__gte=as_of) | Q(original_ends_on__gte=as_of))
        .exclude(departed_on__lt=as_of)
        .select_related("request__beneficiary")
    )
    if program:
        terms = terms.filter(program=program)
    rows: dict[tuple[str, str], CohortRow] = {}
    people: list[AtRisk] = []
    for term in terms:
        ends_on = term_ends_on(term, as_of)
        if ends_on is None or not as_of <= ends_on <= ends_by:
            continue
        citizenships = term.request.beneficiary.citizenships or []
        nationality = str(citizenships[0]) if citizenships else "??"
        row = rows.setdefault((term.program, nationality), CohortRow(term.program, nationality))
        state = filing_state(term, on=as_of)
        row.counts[state] += 1
        people.append(
            AtRisk(
                term.request.reference,
                str(term.request.beneficiary),
                term.program,
                nationality,
                ends_on,
                state,
            )
        )
    people.sort(key=lambda person: (person.ends_on, person.reference))
    return Cohort(as_of, within_days, [rows[key] for key in sorted(rows)], people)


def cohort_programs() -> list[tuple[str, str]]:
    """The programs with parole in force, as (code, title), by title."""
    programs = (
        ParoleTerm.objects.filter(status=TermStatus.ACTIVE)
        .values_list("program", flat=True)
        .distinct()
    )
    return sorted(((code, get_program_title(code)) for code in programs), key=lambda p: p[1])


def recent_timeline_changes(limit: int = 20) -> list[TimelineChange]:
    return list(TimelineChange.objects.select_related("reviewed_by", "published_by")[:limit])


def timeline_change(version: str) -> TimelineChange | None:
    return TimelineChange.objects.filter(version=version).first()


def timeline_in_force() -> str:
    return get_pathway_registry().timeline.file.version
