"""Builders for analytics read tests: requests and officers' decisions written straight to tables
(analytics only reads them; the writing services have their own tests)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from django.utils import timezone

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus
from lifeline.adjudication.models import Decision
from lifeline.intake.enums import RequestCategory, RequestKind, RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.tests.factories import make_user
from lifeline.people.models import Person

_numbers = itertools.count(1)


def staff(role: str = UserRole.OFFICER, *, office: str = "") -> User:
    return make_user(role, office=office)


def requests(
    count: int,
    *,
    program: str = "general",
    status: str = RequestStatus.IN_REVIEW,
    submitted_on: dt.date = dt.date(2026, 10, 1),
    category: str = RequestCategory.MEDICAL,
    nationality: str = "UA",
) -> list[ParoleRequest]:
    filer = make_user(UserRole.BENEFICIARY)
    people = Person.objects.bulk_create(
        Person(
            given_name="Test",
            family_name=f"Person{next(_numbers)}",
            birth_date=dt.date(1990, 1, 1),
            sex="F",
            citizenships=[nationality],
            current_country=nationality,
        )
        for _ in range(count)
    )
    submitted_at = timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(12)))
    return ParoleRequest.objects.bulk_create(
        ParoleRequest(
            reference=f"T-{next(_numbers):08d}",
            program=program,
            kind=RequestKind.INITIAL,
            category=category,
            status=status,
            filed_on=submitted_on,
            submitted_at=submitted_at,
            beneficiary=person,
            filed_by=filer,
            document={"beneficiary": {"citizenships": [nationality]}},
        )
        for person in people
    )


def decide_all(
    cases: Sequence[ParoleRequest],
    *,
    officer: User,
    grants: int,
    decided_on: dt.date = dt.date(2026, 10, 20),
    reason_codes: Sequence[Sequence[str]] = (),
) -> list[Decision]:
    """The first `grants` cases approved, the rest denied, all in effect."""
    decided_at = timezone.make_aware(dt.datetime.combine(decided_on, dt.time(15)))
    return Decision.objects.bulk_create(
        Decision(
            request=case,
            officer=officer,
            outcome="approve" if index < grants else "deny",
            reason_codes=list(reason_codes[index % len(reason_codes)])
            if reason_codes
            else (["approve_urgent_humanitarian"] if index < grants else ["deny_no_urgent_reason"]),
            rubric_scores={},
            rationale="Decided for an analytics test.",
            program_version=f"{case.program}-test",
            request_version=1,
            status=DecisionStatus.IN_EFFECT,
            decided_at=decided_at,
        )
        for index, case in enumerate(cases)
    )
