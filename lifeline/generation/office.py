"""A working office for the demo: months of filings and the office's work on them, each day
replayed on the demo clock through the real services (transition tables, audit, events)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction

from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus
from lifeline.adjudication.evidence_requests import (
    expire_evidence_requests,
    send_evidence_reminders,
)
from lifeline.adjudication.models import Decision
from lifeline.adjudication.services import return_decision, sign_off_decision
from lifeline.analytics.forecast.inputs import WAITING_FOR_DECISION
from lifeline.core import clock
from lifeline.core.references import references_drawn_from
from lifeline.generation.assembly import GeneratedRequest
from lifeline.generation.casework import review_blind, work_case
from lifeline.generation.dataset import GenerationOptions, generate_dataset
from lifeline.generation.evidence_answers import EvidenceAnswers
from lifeline.generation.office_staff import Officer, Team, hire_staff
from lifeline.generation.parole_days import ParoleDesk
from lifeline.generation.replay_day import ReplayDay
from lifeline.generation.services import DatasetFiler
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.pathways.services import send_pathway_reminders
from lifeline.programs.registry import get_registry
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage
from lifeline.triage.routing import office_for_program
from lifeline.triage.services import assign_next_case

DAYS_PER_MONTH = 31  # "six months" covers at least six calendar months
# The backlog each office leaves waiting for a decision (evidence requests out included), in
# days of its average filings: six weeks' worth (a backlog built up) until the last three months,
# when the office catches up to ten days' worth by today. Counted in cases rather than by filing
# date, the backlog shrinks over the recent weeks however the filings bunch up, so those weeks
# decide more than arrives (the forecast sees it clear) while the latest filings still wait.
WAITING_DAYS_AT_START, WAITING_DAYS_AT_END = 42, 10
CATCH_UP_DAYS = 91
# Officers' time against the office's filings, planned each weekday from the filings that
# arrived (the period's average, or the last four weeks' when more came lately): room for the
# catch-up (about 1.9 decisions a weekday per daily filing) and the evidence requests asked on
# the way (a turn each), so the backlog above, not the officers' time, sets the pace.
CAPACITY_OVER_FILINGS = 3.0
RECENT_ARRIVAL_DAYS = 28
DAYS_PER_WORKDAY = 7 / 5
SIGNOFF_RETURNED_SHARE = 0.05
SIGNOFF_AFTER_DAYS = 2  # supervisors sign the decisions of two days ago and before
RETURN_COMMENT = "Look again at the supporter's income against the household size, and say why."
# The pathway reminder sweep (one answer per parolee, the slowest daily task) runs a month
# before today and today; each run catches up on every reminder reached by then.
REMINDER_DAYS_BEFORE_TODAY = (30, 0)
SUPERVISOR_AT = 16


@dataclass(frozen=True)
class OfficeOptions:
    requests: int
    seed: int
    today: dt.date
    months: int = 6

    @property
    def first_day(self) -> dt.date:
        return self.today - dt.timedelta(days=self.months * DAYS_PER_MONTH)


@dataclass
class OfficeHistory:
    """What the replay did: the staff, the officer out of line and counts of each action."""

    teams: list[Team]
    out_of_line: Officer
    first_day: dt.date
    last_day: dt.date
    counts: Counter[str] = field(default_factory=Counter)


class _Office:
    def __init__(self, teams: list[Team], rng: random.Random, history: OfficeHistory) -> None:
        self.teams, self.rng, self.history = teams, rng, history
        self.answers = EvidenceAnswers(rng)
        self.parole = ParoleDesk(rng, officers=[o for t in teams for o in t.officers])
        self.arrivals: dict[str, Counter[dt.date]] = {}
        self.filings_per_day: dict[str, float] = {}

    def plan_capacity(self, arrivals: dict[str, Counter[dt.date]], days: int) -> None:
        """Each office's filings by day, and on average over the period's `days`."""
        self.arrivals = arrivals
        for team in self.teams:
            self.filings_per_day[team.office] = arrivals[team.office].total() / days

    def _quota(self, team: Team, on: dt.date) -> float:
        """How many cases each of the team's officers takes on this weekday."""
        recent = sum(
            self.arrivals[team.office][on - dt.timedelta(days=back)]
            for back in range(RECENT_ARRIVAL_DAYS)
        )
        per_day = max(self.filings_per_day[team.office], recent / RECENT_ARRIVAL_DAYS)
        return per_day * DAYS_PER_WORKDAY * CAPACITY_OVER_FILINGS / len(team.officers)

    def morning(self, day: ReplayDay) -> None:
        with day.step():
            self.history.counts["evidence expired"] += expire_evidence_requests()
            send_evidence_reminders()
        self.parole.sweep(day)

    def work(self, day: ReplayDay) -> None:
        for team in self.teams:
            officers = list(team.officers)
            self.rng.shuffle(officers)
            if CaseTriage.objects.filter(
                office=team.office, state=QueueState.SECOND_REVIEW
            ).exists():
                for officer in officers:
                    self._second_reviews(team, officer, day)
            self._held_cases(team, day)
            self._new_cases(team, officers, day)

    def _backlog_left(self, office: str, on: dt.date) -> float:
        """How many of the office's cases it leaves waiting for a decision on this day."""
        catching_up = (on - self.history.last_day).days + CATCH_UP_DAYS
        done = min(max(catching_up / CATCH_UP_DAYS, 0.0), 1.0)
        days = WAITING_DAYS_AT_START + done * (WAITING_DAYS_AT_END - WAITING_DAYS_AT_START)
        return days * self.filings_per_day[office]

    def _second_reviews(self, team: Team, officer: Officer, day: ReplayDay) -> None:
        while True:
            with day.step():
                case = assign_next_case(
                    officer=officer.user, office=team.office, second_review=True
                )
            if case is None:
                return
            decision = Decision.objects.get(
                request_id=case.request_id, status=DecisionStatus.SECOND_REVIEW
            )
            with day.step():
                review_blind(officer, decision.pk, self.rng)
            self.history.counts["second reviews"] += 1

    def _held_cases(self, team: Team, day: ReplayDay) -> None:
        """Cases an officer holds again (a decision returned by the supervisor) are decided
        first."""
        by_user = {officer.user.pk: officer for officer in team.officers}
        held = (
            CaseTriage.objects.filter(
                state=QueueState.ASSIGNED,
                assigned_to__in=list(by_user),
                request__status=RequestStatus.IN_REVIEW,
            )
            .values_list("assigned_to_id", "request_id")
            .order_by("request_id")
        )
        for user_id, request_id in list(held):
            self._work(by_user[user_id], request_id, day)

    def _new_cases(self, team: Team, officers: list[Officer], day: ReplayDay) -> None:
        """The officers take the queue's next cases, each up to their quota, until the office's
        backlog is down to the day's target."""
        waiting = ParoleRequest.objects.filter(
            triage__office=team.office, status__in=WAITING_FOR_DECISION
        ).count()
        budget = max(0, round(waiting - self._backlog_left(team.office, day.day)))
        quota = self._quota(team, day.day)
        turns = [o for o in officers for _ in range(int(quota) + (self.rng.random() < quota % 1))]
        self.rng.shuffle(turns)
        for officer in turns[:budget]:
            with day.step():
                case = assign_next_case(officer=officer.user, office=team.office)
            if case is None:
                return
            self._work(officer, case.request_id, day)

    def _work(self, officer: Officer, request_id: int, day: ReplayDay) -> None:
        request = ParoleRequest.objects.get(pk=request_id)
        with day.step():
            done = work_case(officer, request, self.rng)
        self.history.counts[done] += 1
        if done == "evidence":
            self.answers.plan(request_id, day.day)

    def sign_off(self, day: ReplayDay) -> None:
        day.move_to(SUPERVISOR_AT)
        started = day.midnight() - dt.timedelta(days=SIGNOFF_AFTER_DAYS - 1)
        for team in self.teams:
            waiting = (
                Decision.objects.filter(
                    status=DecisionStatus.PENDING_SIGNOFF,
                    officer__office=team.office,
                    decided_at__lt=started,
                )
                .values_list("pk", flat=True)
                .order_by("pk")
            )
            for decision_id in list(waiting):
                with day.step():
                    if self.rng.random() < SIGNOFF_RETURNED_SHARE:
                        return_decision(
                            supervisor=team.supervisor,
                            decision_id=decision_id,
                            comment=RETURN_COMMENT,
                        )
                        self.history.counts["returned"] += 1
                    else:
                        sign_off_decision(supervisor=team.supervisor, decision_id=decision_id)
                        self.history.counts["signed off"] += 1


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def run_office(
    options: OfficeOptions,
    *,
    users: dict[str, User] | None = None,
    progress: Callable[[int], None] = lambda advanced: None,
) -> OfficeHistory:
    """Generate `options.requests` requests filed over the months before `options.today` and
    replay the office's days on them; returns what was done. Each day commits on its own."""
    dataset = generate_dataset(
        GenerationOptions(
            requests=options.requests,
            seed=options.seed,
            last_filing_on=options.today,
            first_filing_on=options.first_day,
        ),
        get_registry(),
    )
    filed_on: dict[dt.date, list[GeneratedRequest]] = defaultdict(list)
    arrivals: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for generated in dataset.requests:
        on, program = generated.document.postmarked_on, generated.document.program
        filed_on[on].append(generated)
        arrivals[office_for_program(program)][on] += 1
    rng = random.Random(options.seed)
    with transaction.atomic():
        busiest = max(arrivals, key=lambda office: arrivals[office].total())
        teams, out_of_line = hire_staff(rng, busiest=busiest)
        filer = DatasetFiler(dataset, users)
    history = OfficeHistory(teams, out_of_line, options.first_day, options.today)
    office = _Office(teams, rng, history)
    days = list(_days(options.first_day, options.today))
    office.plan_capacity(arrivals, len(days))
    # References are drawn from the seed too: the blind second-review sample depends on them.
    with references_drawn_from(random.Random(f"{options.seed}:references")):
        for on in days:
            day = ReplayDay(on, rng)
            office.answers.answer_due(day)  # uploads: outside any transaction
            # Work deferred to the commit (tasks, when they run at once) runs at the day's end.
            with clock.replaying(day.closing()), transaction.atomic():
                with day.step():
                    filer.file(filed_on[on])
                history.counts["filed"] += len(filed_on[on])
                office.morning(day)
                if on.weekday() < 5:
                    office.work(day)
                    office.sign_off(day)
                office.parole.travel(day)
                office.parole.filings(day)
                if (options.today - on).days in REMINDER_DAYS_BEFORE_TODAY:
                    with day.step():
                        history.counts["pathway reminders"] += send_pathway_reminders(on=on)
            progress(len(filed_on[on]))
    history.counts.update(office.answers.counts + office.parole.counts)
    return history
