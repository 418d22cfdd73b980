"""Lay out households: a principal, spouse and children (siblings, twins) and their requests."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from lifeline.generation import details, places
from lifeline.generation.accounts import AccountBook
from lifeline.generation.humans import PersonFactory, weighted
from lifeline.generation.names import Surname, child_surname, draw_surname
from lifeline.generation.people import Human, age_on, birth_date_for_age
from lifeline.generation.profiles import CENTRAL_AMERICA, POPULATIONS, ProgramProfile, profile_for
from lifeline.generation.records import HardCase, Ids, Slot
from lifeline.generation.windows import Window, draw_day
from lifeline.programs.documents import ImmigrationHistory, Urgency
from lifeline.programs.registry import Registry

SIBLING_HOUSEHOLD_SHARE = 0.06
REPAROLE_TERM_DAYS = 730
TWIN_SHARE = 0.12
_SHARES_SURNAME = {"ukrainian", "russian", "haitian", "afghan"}


@dataclass(frozen=True)
class Home:
    """Where a household lives; a paroled household lives in the U.S. since `parole`."""

    country: str
    address: places.Address
    phone: str
    parole: ImmigrationHistory | None = None


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
        self.rng, self.ids, self.people, self.accounts = rng, ids, people, accounts
        self.registry, self.windows = registry, windows
        self.hard_cases: list[HardCase] = []

    def build(self, program: str, limit: int) -> list[Slot]:
        """Up to `limit` requests from one new household (and sometimes an adult sibling's)."""
        rng, profile = self.rng, profile_for(program)
        wanted = "reparole" if rng.random() < profile.reparole_share else "initial"
        drawn = draw_day(rng, self.windows[program], wanted) or draw_day(
            rng, self.windows[program], "initial" if wanted == "reparole" else "reparole"
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
        home = self._home(
            population, nationality, filed_on, profile, in_us=window.kind == "reparole"
        )
        members = self._members(profile, population, nationality, surname, home, filed_on)
        slots = self._slots(program, profile, window, filed_on, home, members, limit)
        if slots and len(slots) < limit and rng.random() < SIBLING_HOUSEHOLD_SHARE:
            slots += self._adult_sibling(
                program, profile, window, filed_on, members[0][0], surname, home, limit - len(slots)
            )
        return slots

    def _countries_started(self, window: Window, filed_on: dt.date) -> set[str] | None:
        """Countries whose process had started on `filed_on`, when the policy staggers them."""
        version = self.registry.version(window.version)
        starts = version.params.get("country_start_on") if version else None
        if not isinstance(starts, dict):
            return None
        return {country for country, on in starts.items() if str(on) <= filed_on.isoformat()}

    def _home(
        self,
        population: str,
        nationality: str,
        filed_on: dt.date,
        profile: ProgramProfile,
        *,
        in_us: bool,
    ) -> Home:
        rng, origin = self.rng, POPULATIONS[population]
        if in_us:
            city = weighted(rng, origin.us_cities)
            parole = details.prior_parole(
                rng,
                filed_on=filed_on,
                term_days=REPAROLE_TERM_DAYS,
                coa=profile.reparole_class or "PAR",
            )
            return Home("US", places.us_address(rng, city), places.us_phone(rng, city), parole)
        country = weighted(rng, origin.countries_now) if origin.countries_now else nationality
        return Home(country, places.abroad_address(rng, country), places.abroad_phone(rng, country))

    def _person(
        self,
        population: str,
        nationality: str,
        sex: str,
        birth_date: dt.date,
        surname: Surname,
        home: Home,
        filed_on: dt.date,
        marital_status: str,
        avoid_given: frozenset[str] = frozenset(),
    ) -> Human:
        prior = home.parole.prior_parole if home.parole else None
        minor = age_on(birth_date, filed_on) < 14
        return self.people.beneficiary(
            avoid_given=avoid_given,
            population=population,
            nationality=nationality,
            sex=sex,
            birth_date=birth_date,
            surname=surname,
            country_now=home.country,
            address=home.address,
            phone=home.phone,
            filed_on=filed_on,
            marital_status=marital_status,
            in_us_since=prior.paroled_on if prior else None,
            with_passport=not (minor and self.rng.random() < 0.25),
        )

    def _members(
        self,
        profile: ProgramProfile,
        population: str,
        nationality: str,
        surname: Surname,
        home: Home,
        filed_on: dt.date,
    ) -> list[tuple[Human, str]]:
        rng = self.rng
        if profile.minors_only:
            count = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
            ages = [rng.randint(6, 20) for _ in range(count)]
            return self._children(
                population, nationality, surname, home, filed_on, ages, relationship="principal"
            )
        age = max(18, min(75, int(rng.triangular(18, 75, 33))))
        sex = "F" if rng.random() < profile.female_principal_share else "M"
        married = rng.random() < profile.spouse_share
        status = "married" if married else rng.choice(("single", "single", "divorced", "widowed"))
        principal = self._person(
            population,
            nationality,
            sex,
            birth_date_for_age(rng, age, filed_on),
            surname,
            home,
            filed_on,
            status,
        )
        members = [(principal, "principal")]
        spouse_surname = surname
        if married:
            spouse_population = weighted(rng, profile.spouse_populations or {population: 1.0})
            spouse_nationality = POPULATIONS[spouse_population].nationality or nationality
            if spouse_population != population or population not in _SHARES_SURNAME:
                spouse_surname = draw_surname(rng, spouse_population)
            spouse_age = max(18, min(80, age + rng.randint(-6, 6)))
            spouse = self._person(
                spouse_population,
                spouse_nationality,
                "M" if sex == "F" else "F",
                birth_date_for_age(rng, spouse_age, filed_on),
                spouse_surname,
                home,
                filed_on,
                "married",
            )
            members.append((spouse, "spouse"))
        if age >= 20 and profile.max_children:
            count = rng.choices(
                range(profile.max_children + 1), weights=[4, 4, 3, 1, 1][: profile.max_children + 1]
            )[0]
            ages = [rng.randint(0, min(20, age - 18)) for _ in range(count)]
            father, mother = (spouse_surname, surname) if sex == "F" else (surname, spouse_surname)
            members += self._children(
                population,
                nationality,
                child_surname(father, mother),
                home,
                filed_on,
                ages,
                relationship="child",
            )
        return members

    def _children(
        self,
        population: str,
        nationality: str,
        surname: Surname,
        home: Home,
        filed_on: dt.date,
        ages: list[int],
        *,
        relationship: str,
    ) -> list[tuple[Human, str]]:
        rng = self.rng
        births = [birth_date_for_age(rng, age, filed_on) for age in ages]
        if len(births) >= 2 and rng.random() < TWIN_SHARE:
            births[1] = births[0]
        children: list[tuple[Human, str]] = []
        for birth in births:
            taken = frozenset(child.given.latin for child, _ in children)
            child = self._person(
                population,
                nationality,
                rng.choice("FM"),
                birth,
                surname,
                home,
                filed_on,
                "single",
                avoid_given=taken,
            )
            children.append((child, relationship))
        if len(children) >= 2:
            twins = births[1] == births[0]
            self.hard_cases.append(
                HardCase(
                    kind="twins" if twins else "siblings",
                    entity_ids=[
                        child.entity_id for child, _ in (children[:2] if twins else children)
                    ],
                    note="same surname, address and phone" + (" and birth date" if twins else ""),
                )
            )
        return children

    def _adult_sibling(
        self,
        program: str,
        profile: ProgramProfile,
        window: Window,
        filed_on: dt.date,
        principal: Human,
        surname: Surname,
        home: Home,
        limit: int,
    ) -> list[Slot]:
        """A brother or sister living with the principal who files separately."""
        rng = self.rng
        twin = rng.random() < 0.3
        birth = (
            principal.birth_date
            if twin
            else principal.birth_date
            + dt.timedelta(days=rng.choice((-1, 1)) * rng.randint(400, 3000))
        )
        if age_on(birth, filed_on) < 18:
            return []
        sibling = self._person(
            principal.population,
            principal.citizenships[0],
            rng.choice("FM"),
            birth,
            surname,
            home,
            filed_on,
            rng.choice(("single", "divorced")),
            avoid_given=frozenset({principal.given.latin}),
        )
        self.hard_cases.append(
            HardCase(
                kind="twins" if twin else "siblings",
                entity_ids=[principal.entity_id, sibling.entity_id],
                note="adults filing separately from one address and phone",
            )
        )
        return self._slots(
            program, profile, window, filed_on, home, [(sibling, "principal")], limit
        )

    def _slots(
        self,
        program: str,
        profile: ProgramProfile,
        window: Window,
        filed_on: dt.date,
        home: Home,
        members: list[tuple[Human, str]],
        limit: int,
    ) -> list[Slot]:
        rng = self.rng
        version = self.registry.version(window.version)
        assert version is not None, f"registry lost version {window.version}"
        allowed = {c: w for c, w in profile.categories.items() if c in version.categories}
        category = weighted(rng, allowed) if allowed else rng.choice(version.categories)
        household = self.ids.next("household")
        head = members[0][0]
        filer = self.accounts.applicant(head)
        language = POPULATIONS[head.population].language
        low, high = profile.duration_days
        slots: list[Slot] = []
        for human, relationship in members[:limit]:
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
                language=language,
                duration_days=rng.randint(low, high),
                principal=head if relationship != "principal" else None,
                urgency=Urgency(**details.urgency_facts(rng, category, filed_on)),
            )
            if home.parole is not None:
                slot.history = home.parole
            else:
                slot.history = details.abroad_history(rng, filed_on=filed_on)
                slot.needs_declaration = profile.declarations
                slot.attestations = (
                    details.attestations(rng) if profile.declarations else (slot.attestations)
                )
            if relationship == "child" and age_on(human.birth_date, filed_on) < 18:
                slot.companion, slot.companion_record = head, slots[0].record_id
            slot.evidence = details.evidence_files(
                rng,
                version,
                category=category,
                kind=window.kind,
                is_minor=age_on(human.birth_date, filed_on) < 18,
            )
            slots.append(slot)
        return slots
