"""Lay out households under a program: when they file, and one request slot per member."""

from __future__ import annotations

import datetime as dt
import random

from lifeline.generation import details
from lifeline.generation.accounts import AccountBook
from lifeline.generation.families import FamilyMaker, Home, Member
from lifeline.generation.humans import PersonFactory, weighted
from lifeline.generation.names import draw_surname
from lifeline.generation.people import age_on
from lifeline.generation.profiles import CENTRAL_AMERICA, POPULATIONS, ProgramProfile, profile_for
from lifeline.generation.records import HardCase, Ids, Slot
from lifeline.generation.windows import Window, draw_day
from lifeline.programs.registry import Registry

SIBLING_HOUSEHOLD_SHARE = 0.06


class HouseholdBuilder:
    """Builds one household at a time under a program, with one slot per member's request."""

    def __init__(
        self,
        *,
        rng: random.Random,
        ids: Ids,
        people: PersonFactory,
        accounts: AccountBook,
        registry: Registry,
        windows: dict[str, list[Window]],
    ) -> None:
        self.rng, self.ids, self.accounts = rng, ids, accounts
        self.registry, self.windows = registry, windows
        self.families = FamilyMaker(rng, people)

    @property
    def hard_cases(self) -> list[HardCase]:
        return self.families.hard_cases

    def build(self, program: str, limit: int) -> list[Slot]:
        """Up to `limit` requests from one new household (and sometimes an adult sibling's)."""
        rng, profile = self.rng, profile_for(program)
        wanted = "reparole" if rng.random() < profile.reparole_share else "initial"
        other = "initial" if wanted == "reparole" else "reparole"
        drawn = draw_day(rng, self.windows[program], wanted) or draw_day(
            rng, self.windows[program], other
        )
        if drawn is None:
            return []
        filed_on, window = drawn
        started = self._countries_started(window, filed_on)
        populations = {
            name: weight
            for name, weight in profile.populations.items()
            if started is None or (POPULATIONS[name].nationality or "SV") in started
        } or profile.populations
        population = weighted(rng, populations)
        nationality = POPULATIONS[population].nationality or rng.choice(
            [c for c in CENTRAL_AMERICA if started is None or c in started] or CENTRAL_AMERICA
        )
        surname = draw_surname(rng, population)
        home = self.families.home(
            population, nationality, filed_on, profile, in_us=window.kind == "reparole"
        )
        members = self.families.members(profile, population, nationality, surname, home, filed_on)
        slots = self._slots(program, profile, window, filed_on, home, members, limit)
        if slots and len(slots) < limit and rng.random() < SIBLING_HOUSEHOLD_SHARE:
            sibling = self.families.adult_sibling(members[0][0], surname, home, filed_on)
            if sibling is not None:
                slots += self._slots(
                    program,
                    profile,
                    window,
                    filed_on,
                    home,
                    [(sibling, "principal")],
                    limit - len(slots),
                )
        return slots

    def _countries_started(self, window: Window, filed_on: dt.date) -> set[str] | None:
        """Countries whose process had started on `filed_on`, when the policy staggers them."""
        version = self.registry.version(window.version)
        starts = version.params.get("country_start_on") if version else None
        if not isinstance(starts, dict):
            return None
        return {country for country, on in starts.items() if str(on) <= filed_on.isoformat()}

    def _slots(
        self,
        program: str,
        profile: ProgramProfile,
        window: Window,
        filed_on: dt.date,
        home: Home,
        members: list[Member],
        limit: int,
    ) -> list[Slot]:
        rng = self.rng
        version = self.registry.version(window.version)
        assert version is not None, f"registry lost version {window.version}"
        allowed: dict[str, float] = {
            c: w for c, w in profile.categories.items() if c in version.categories
        }
        category = weighted(rng, allowed) if allowed else rng.choice(version.categories)
        household = self.ids.next("household")
        head = members[0][0]
        filer = self.accounts.applicant(head)
        low, high = profile.duration_days
        slots: list[Slot] = []
        for human, relationship in members[:limit]:
            is_minor = age_on(human.birth_date, filed_on) < 18
            slot = Slot(
                record_id=self.ids.next("request"),
                household_id=household,
                program=program,
                kind=window.kind,
                category=category,
                version=window.version,
                filed_on=filed_on,
                beneficiary=human,
                relationship=relationship,
                filer=filer,
                duration_days=rng.randint(low, high),
                principal=head if relationship != "principal" else None,
                urgency=details.urgency(rng, category, filed_on),
                evidence=details.evidence_files(
                    rng,
                    version,
                    category=category,
                    kind=window.kind,
                    is_minor=is_minor,
                    is_principal=relationship == "principal",
                ),
            )
            if home.parole is not None:
                slot.history = home.parole
            else:
                slot.history = details.abroad_history(rng, filed_on=filed_on)
                slot.has_declaration = profile.declarations
                if profile.declarations:
                    slot.attestations = details.attestations(rng)
            slot.fee_waiver_requested = rng.random() < profile.fee_waiver_share
            if relationship == "child" and is_minor:
                slot.companion, slot.companion_record = head, slots[0].record_id
            slots.append(slot)
        return slots
