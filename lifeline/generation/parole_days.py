"""The demo's parole desk: fees paid, travel authorizations used, arrivals and parolees' own
filings recorded, and the daily parole sweep (waiting authorizations, expiries, ended terms,
re-parole notices)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence

from lifeline.generation.office_staff import Officer
from lifeline.generation.replay_day import ReplayDay
from lifeline.parole import lifecycle
from lifeline.parole.enums import FilingOutcome, TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.parole.services import pay_parole_fee, record_arrival
from lifeline.parole.terminations import record_pending_filing
from lifeline.parole.terms import FilingKind

PAID_SHARE = 0.9
PAID_WITHIN_DAYS = (1, 10)
ARRIVED_SHARE = 0.85
ARRIVED_WITHIN_DAYS = (4, 45)
PORTS_OF_ENTRY = (
    "New York John F. Kennedy International Airport",
    "Miami International Airport",
    "Los Angeles International Airport",
    "Chicago O'Hare International Airport",
    "Houston George Bush Intercontinental Airport",
)
CLASS_OF_ADMISSION = "DT"  # parolee
# Parolees who tell the office of a filing of their own (asylum, TPS, adjustment), so the
# cohort of paroles ending soon has filings pending, filings all decided, and no record.
FILING_SHARE = 0.45
FILING_WITHIN_DAYS = (1, 60)
FILED_DAYS_BEFORE = (0, 40)
DECIDED_SHARE = 0.3
FILING_KINDS: tuple[FilingKind, ...] = ("asylum", "tps", "i485")
DECIDED_OUTCOMES = (FilingOutcome.DENIED, FilingOutcome.WITHDRAWN, FilingOutcome.REJECTED)


class ParoleDesk:
    def __init__(self, rng: random.Random, *, officers: Sequence[Officer]) -> None:
        self.rng, self.officers = rng, officers
        self.planned: dict[tuple[str, int], dt.date | None] = {}
        self.counts: Counter[str] = Counter()

    def _plan(
        self, what: str, term_id: int, today: dt.date, share: float, days: tuple[int, int]
    ) -> bool:
        """Whether `what` happens to the term today; planned the first day the term is seen."""
        key = (what, term_id)
        if key not in self.planned:
            on = today + dt.timedelta(days=self.rng.randint(*days))
            self.planned[key] = on if self.rng.random() < share else None
        return self.planned[key] == today

    def sweep(self, day: ReplayDay) -> None:
        with day.step():
            lifecycle.release_waiting_travel_authorizations()
            lifecycle.expire_travel_authorizations()
            self.counts["parole terms ended"] += lifecycle.end_expired_terms()
            lifecycle.send_reparole_window_notices()

    def travel(self, day: ReplayDay) -> None:
        """Fees paid by the filer, then arrivals at a port of entry recorded by an officer."""
        due = (
            ParoleTerm.objects.filter(status=TermStatus.FEE_DUE)
            .select_related("request__filed_by")
            .order_by("pk")
        )
        for term in due:
            if self._plan("fee", term.pk, day.day, PAID_SHARE, PAID_WITHIN_DAYS):
                with day.step():
                    pay_parole_fee(
                        payer=term.request.filed_by,
                        term_id=term.pk,
                        payment_token="demo-card",  # noqa: S106 - the fake gateway's test card
                        idempotency_key=f"demo-parole-fee-{term.pk}",
                    )
                self.counts["parole fees paid"] += 1
        for term in ParoleTerm.objects.filter(status=TermStatus.TRAVEL_AUTHORIZED).order_by("pk"):
            if not self._plan("arrival", term.pk, day.day, ARRIVED_SHARE, ARRIVED_WITHIN_DAYS):
                continue
            if (
                term.travel_authorization_expires_on
                and day.day > term.travel_authorization_expires_on
            ):
                continue
            with day.step():
                record_arrival(
                    officer=self.rng.choice(self.officers).user,
                    term_id=term.pk,
                    expected_version=term.version,
                    arrived_on=day.day,
                    port_of_entry=self.rng.choice(PORTS_OF_ENTRY),
                    i94_number="".join(self.rng.choice("0123456789") for _ in range(11)),
                    class_of_admission=CLASS_OF_ADMISSION,
                )
            self.counts["arrivals"] += 1

    def filings(self, day: ReplayDay) -> None:
        """A parolee's filing recorded by an officer: most pending, some decided already."""
        for term in ParoleTerm.objects.filter(status=TermStatus.ACTIVE).order_by("pk"):
            if not self._plan("filing", term.pk, day.day, FILING_SHARE, FILING_WITHIN_DAYS):
                continue
            assert term.arrived_on is not None
            filed_on = max(
                term.arrived_on, day.day - dt.timedelta(days=self.rng.randint(*FILED_DAYS_BEFORE))
            )
            decided = self.rng.random() < DECIDED_SHARE and filed_on < day.day
            with day.step():
                record_pending_filing(
                    officer=self.rng.choice(self.officers).user,
                    term_id=term.pk,
                    kind=self.rng.choice(FILING_KINDS),
                    filed_on=filed_on,
                    decided_on=day.day if decided else None,
                    outcome=self.rng.choice(DECIDED_OUTCOMES) if decided else None,
                )
            self.counts["filings decided" if decided else "filings pending"] += 1
