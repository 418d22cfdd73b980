"""The demo office's staff: officers and a supervisor in every office, one officer out of line."""

from __future__ import annotations

import random
from dataclasses import dataclass

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.triage.routing import offices

# The busiest office (the one most programs' filings go to) has three officers, one of them
# out of line; the others two each.
OFFICERS_IN_BUSIEST_OFFICE = 3
OFFICERS_PER_OFFICE = 2
# How much more (or less) readily each officer approves than the office's typical officer, on
# the log-odds scale: ordinary officers differ a little, the one out of line by a factor of
# about twelve in the odds (one approval in five where colleagues approve three in four).
ORDINARY_SPREAD_LOG_ODDS = 0.15
OUT_OF_LINE_LOG_ODDS = -2.5
STAFF_DOMAIN = "staff.example.gov"
_GIVEN = ("Maria", "James", "Oksana", "David", "Fatima", "Luis", "Grace", "Samir", "Ana")
_FAMILY = ("Lopez", "Carter", "Shevchenko", "Nguyen", "Rahimi", "Ortiz", "Bell", "Haddad", "Kim")


@dataclass(frozen=True)
class Officer:
    user: User
    approval_shift: float  # log odds of approving, against the office's typical officer


@dataclass(frozen=True)
class Team:
    """One office: its officers and the supervisor who signs their decisions off."""

    office: str
    officers: tuple[Officer, ...]
    supervisor: User


def _user(username: str, role: str, office: str, number: int) -> User:
    user = User(
        username=username,
        role=role,
        office=office,
        email=f"{username}@{STAFF_DOMAIN}",
        first_name=_GIVEN[number % len(_GIVEN)],
        last_name=_FAMILY[number % len(_FAMILY)],
    )
    user.set_unusable_password()  # colleagues in the data; the demo logins are separate
    return user


def hire_staff(rng: random.Random, *, busiest: str) -> tuple[list[Team], Officer]:
    """A team per office (the offices of the LIFELINE_OFFICES setting) and the officer who is
    out of line: the last officer of the busiest office approves far less often."""
    users: list[User] = []
    plan: list[tuple[str, list[tuple[User, float]], User]] = []
    number = 0
    for office in sorted(offices()):
        size = OFFICERS_IN_BUSIEST_OFFICE if office == busiest else OFFICERS_PER_OFFICE
        members = []
        for n in range(1, size + 1):
            number += 1
            shift = rng.gauss(0.0, ORDINARY_SPREAD_LOG_ODDS)
            if office == busiest and n == size:
                shift = OUT_OF_LINE_LOG_ODDS
            members.append(
                (_user(f"{office}-officer-{n}", UserRole.OFFICER, office, number), shift)
            )
        number += 1
        supervisor = _user(f"{office}-supervisor", UserRole.SUPERVISOR, office, number)
        users.extend([user for user, _ in members] + [supervisor])
        plan.append((office, members, supervisor))
    User.objects.bulk_create(users)
    teams = [
        Team(office, tuple(Officer(user, shift) for user, shift in members), supervisor)
        for office, members, supervisor in plan
    ]
    out_of_line = next(team for team in teams if team.office == busiest).officers[-1]
    return teams, out_of_line
