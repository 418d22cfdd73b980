"""Families: a principal, a spouse and children, siblings and twins who share a home and phone."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from lifeline.generation import details, places
from lifeline.generation.humans import PersonFactory, weighted
from lifeline.generation.names import Surname, child_surname, draw_surname, family_name
from lifeline.generation.people import Human, age_on, birth_date_for_age
from lifeline.generation.profiles import POPULATIONS, ProgramProfile
from lifeline.generation.records import HardCase
from lifeline.programs.documents import ImmigrationHistory

REPAROLE_TERM_DAYS = 730
TWIN_SHARE = 0.12
ADULT_TWIN_SHARE = 0.3
MAIDEN_NAME_SHARE = 0.5
_SHARES_SURNAME = {"ukrainian", "russian", "haitian", "afghan"}
Member = tuple[Human, str]


@dataclass(frozen=True)
class Home:
    """Where a household lives; a paroled household lives in the U.S. since `parole`."""

    country: str
    address: places.Address
    phone: str
    parole: ImmigrationHistory | None = None


class FamilyMaker:
    """Creates the members of one household, and records siblings and twins as hard cases."""

    def __init__(self, rng: random.Random, people: PersonFactory) -> None:
        self.rng, self.people = rng, people
        self.hard_cases: list[HardCase] = []

    def home(
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
        human = self.people.beneficiary(
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
            avoid_given=avoid_given,
        )
        if (
            sex == "F"
            and marital_status != "single"
            and population in _SHARES_SURNAME
            and self.rng.random() < MAIDEN_NAME_SHARE
        ):
            maiden = family_name(draw_surname(self.rng, population), "F").latin
            if maiden != human.family.latin:
                human.other_names = [f"{human.given.latin} {maiden}"]
        return human

    def members(
        self,
        profile: ProgramProfile,
        population: str,
        nationality: str,
        surname: Surname,
        home: Home,
        filed_on: dt.date,
    ) -> list[Member]:
        """The household, head first: a principal with spouse and children, or (CAM) siblings."""
        rng = self.rng
        if profile.minors_only:
            count = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
            return self.children(
                population,
                nationality,
                surname,
                home,
                filed_on,
                [rng.randint(6, 20) for _ in range(count)],
                "principal",
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
        members: list[Member] = [(principal, "principal")]
        # Without a spouse on the request, the other parent's surname is still the children's.
        spouse_surname = surname if population in _SHARES_SURNAME else draw_surname(rng, population)
        if married:
            spouse_population = weighted(rng, profile.spouse_populations or {population: 1.0})
            if spouse_population != population or population not in _SHARES_SURNAME:
                spouse_surname = draw_surname(rng, spouse_population)
            spouse_age = max(18, min(80, age + rng.randint(-6, 6)))
            members.append(
                (
                    self._person(
                        spouse_population,
                        POPULATIONS[spouse_population].nationality or nationality,
                        "M" if sex == "F" else "F",
                        birth_date_for_age(rng, spouse_age, filed_on),
                        spouse_surname,
                        home,
                        filed_on,
                        "married",
                    ),
                    "spouse",
                )
            )
        if age >= 20 and profile.max_children:
            count = rng.choices(
                range(profile.max_children + 1), weights=[4, 4, 3, 1, 1][: profile.max_children + 1]
            )[0]
            ages = [rng.randint(0, min(20, age - 18)) for _ in range(count)]
            father, mother = (spouse_surname, surname) if sex == "F" else (surname, spouse_surname)
            members += self.children(
                population,
                nationality,
                child_surname(father, mother),
                home,
                filed_on,
                ages,
                "child",
            )
        return members

    def children(
        self,
        population: str,
        nationality: str,
        surname: Surname,
        home: Home,
        filed_on: dt.date,
        ages: list[int],
        relationship: str,
    ) -> list[Member]:
        """Brothers and sisters with distinct given names; sometimes the first two are twins."""
        rng = self.rng
        births = [birth_date_for_age(rng, age, filed_on) for age in ages]
        if len(births) >= 2 and rng.random() < TWIN_SHARE:
            births[1] = births[0]
        children: list[Member] = []
        for birth in births:
            taken = frozenset(child.given.latin for child, _ in children)
            children.append(
                (
                    self._person(
                        population,
                        nationality,
                        rng.choice("FM"),
                        birth,
                        surname,
                        home,
                        filed_on,
                        "single",
                        taken,
                    ),
                    relationship,
                )
            )
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

    def adult_sibling(
        self, principal: Human, surname: Surname, home: Home, filed_on: dt.date
    ) -> Human | None:
        """A brother or sister living with the principal who files separately (maybe a twin)."""
        rng = self.rng
        twin = rng.random() < ADULT_TWIN_SHARE
        birth = (
            principal.birth_date
            if twin
            else principal.birth_date
            + dt.timedelta(days=rng.choice((-1, 1)) * rng.randint(400, 3000))
        )
        if age_on(birth, filed_on) < 18:
            return None
        sibling = self._person(
            principal.population,
            principal.citizenships[0],
            rng.choice("FM"),
            birth,
            surname,
            home,
            filed_on,
            rng.choice(("single", "divorced")),
            frozenset({principal.given.latin}),
        )
        self.hard_cases.append(
            HardCase(
                kind="twins" if twin else "siblings",
                entity_ids=[principal.entity_id, sibling.entity_id],
                note="adults filing separately from one address and phone",
            )
        )
        return sibling
