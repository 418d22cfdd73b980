"""Make synthetic people: beneficiaries abroad (or paroled in the U.S.) and U.S. residents."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Mapping

from lifeline.generation import places
from lifeline.generation.names import Surname, draw_given, family_name, strip_accents
from lifeline.generation.people import Human
from lifeline.generation.place_lists import EMAIL_DOMAINS
from lifeline.generation.records import Ids
from lifeline.programs.documents import Residence

INVASION_ON = dt.date(2022, 2, 24)
_NON_LETTERS = re.compile(r"[^a-z]")


def weighted(rng: random.Random, table: Mapping[str, float]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[key] for key in keys])[0]


def _day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


class PersonFactory:
    """Creates people with consistent facts and registers them by entity id."""

    def __init__(self, rng: random.Random, ids: Ids) -> None:
        self.rng = rng
        self.ids = ids
        self.humans: dict[str, Human] = {}

    def email_for(self, human: Human) -> str:
        given = _NON_LETTERS.sub("", strip_accents(human.given.latin).lower())[:12] or "user"
        family = _NON_LETTERS.sub("", strip_accents(human.family.latin).lower())[:14] or "mail"
        number = int(human.entity_id[1:])
        return f"{given}.{family}{number}@{self.rng.choice(EMAIL_DOMAINS)}"

    def _register(self, human: Human) -> Human:
        self.humans[human.entity_id] = human
        return human

    def beneficiary(
        self,
        *,
        population: str,
        nationality: str,
        sex: str,
        birth_date: dt.date,
        surname: Surname,
        country_now: str,
        address: places.Address,
        phone: str,
        filed_on: dt.date,
        marital_status: str,
        in_us_since: dt.date | None = None,
        with_passport: bool = True,
        avoid_given: frozenset[str] = frozenset(),
    ) -> Human:
        """A person applying from abroad, or (with `in_us_since`) a parolee in the U.S.

        `avoid_given` keeps siblings (twins above all) from sharing a given name.
        """
        rng = self.rng
        given = draw_given(rng, population, sex)
        for _ in range(20):
            if given.latin not in avoid_given:
                break
            given = draw_given(rng, population, sex)
        history = [Residence(country=nationality, from_on=birth_date, until_on=None)]
        moved_on = None
        if in_us_since is not None:
            moved_on = in_us_since
        elif country_now != nationality:
            earliest = max(INVASION_ON if nationality == "UA" else birth_date, birth_date)
            moved_on = _day_between(rng, earliest, filed_on - dt.timedelta(days=7))
        if moved_on is not None and moved_on > birth_date:
            history = [
                Residence(
                    country=nationality,
                    from_on=birth_date,
                    until_on=moved_on - dt.timedelta(days=1),
                ),
                Residence(country=country_now, from_on=moved_on, until_on=None),
            ]
        elif moved_on is not None:  # born after the family moved
            history = [Residence(country=country_now, from_on=birth_date, until_on=None)]
        human = Human(
            entity_id=self.ids.next("entity"),
            population=population,
            sex=sex,
            given=given,
            family=family_name(surname, sex),
            birth_date=birth_date,
            citizenships=[nationality],
            current_country=country_now,
            address=address,
            phone=phone,
            marital_status=marital_status,
            residence=history,
            lineage=surname,
        )
        if with_passport:
            human.passport_country = nationality
            human.passport_number = places.passport_number(rng, nationality)
            human.passport_expires_on = filed_on + dt.timedelta(days=rng.randint(-120, 3600))
        if rng.random() < 0.6 and human.birth_date.year < filed_on.year - 16:
            human.email = self.email_for(human)
        return self._register(human)

    def us_resident(
        self,
        *,
        population: str,
        origin: str,
        sex: str,
        birth_date: dt.date,
        surname: Surname,
        city_key: str,
        is_citizen: bool,
        address: places.Address | None = None,
        phone: str | None = None,
    ) -> Human:
        """Someone living in the U.S. (born there if `origin` is "US"): supporter or petitioner."""
        rng = self.rng
        born_here = origin == "US"
        history = [Residence(country="US", from_on=birth_date, until_on=None)]
        if not born_here:
            earliest = max(birth_date + dt.timedelta(days=365), dt.date(1980, 1, 1))
            arrived_on = _day_between(rng, earliest, dt.date(2021, 6, 30))
            history = [
                Residence(
                    country=origin, from_on=birth_date, until_on=arrived_on - dt.timedelta(days=1)
                ),
                Residence(country="US", from_on=arrived_on, until_on=None),
            ]
        human = Human(
            entity_id=self.ids.next("entity"),
            population=population,
            sex=sex,
            given=draw_given(rng, population, sex),
            family=family_name(surname, sex),
            birth_date=birth_date,
            citizenships=["US"] if born_here or is_citizen else [origin],
            current_country="US",
            address=address or places.us_address(rng, city_key),
            phone=phone or places.us_phone(rng, city_key),
            marital_status=rng.choice(("married", "married", "single", "divorced")),
            residence=history,
            ssn=places.ssn(rng),
            lineage=surname,
        )
        if not is_citizen:
            human.a_number = f"A{rng.randint(200_000_000, 249_999_999)}"
        human.email = self.email_for(human)
        return self._register(human)
