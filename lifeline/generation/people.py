"""Synthetic people: who they really are, and how one of their forms writes them down."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from lifeline.generation import places
from lifeline.generation.names import Spelling, Surname, strip_accents
from lifeline.programs.documents import Passport, PersonDocument, Residence


@dataclass
class Human:
    """One real (synthetic) person: the ground truth every form about them is drawn from."""

    entity_id: str
    population: str
    sex: str
    given: Spelling
    family: Spelling
    birth_date: dt.date
    citizenships: list[str]
    current_country: str
    address: places.Address
    phone: str
    email: str = ""
    marital_status: str | None = None
    passport_country: str = ""
    passport_number: str = ""
    passport_expires_on: dt.date | None = None
    residence: list[Residence] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)
    ssn: str = ""
    a_number: str = ""
    lineage: Surname | None = None


def age_on(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def birth_date_for_age(rng: random.Random, age_years: int, on: dt.date) -> dt.date:
    """A birth date making someone exactly `age_years` old on `on`."""
    latest = (
        on.replace(year=on.year - age_years)
        if not (on.month == 2 and on.day == 29)
        else (on.replace(year=on.year - age_years, day=28))
    )
    return latest - dt.timedelta(days=rng.randint(0, 364))


def _typo(rng: random.Random, text: str) -> str:
    """One keying mistake: a dropped, doubled or swapped letter."""
    if len(text) < 4:
        return text + text[-1]
    index = rng.randint(1, len(text) - 2)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return text[:index] + text[index + 1 :]
    if kind == "double":
        return text[: index + 1] + text[index] + text[index + 1 :]
    return text[:index] + text[index + 1] + text[index] + text[index + 2 :]


def possible_variations(human: Human) -> list[str]:
    """Variations that change something for this person (a 5/5 birth date cannot be swapped)."""
    options = ["typo"]
    if human.given.variants or human.family.variants:
        options.append("transliteration")
    day, month = human.birth_date.day, human.birth_date.month
    if day <= 12 and day != month:
        options.append("day_month_swap")
    if " " in human.family.latin:
        options.append("short_surname")
    if human.phone.startswith("+1"):
        options.append("phone_format")
    return options


def _spelled(spelling: Spelling, rng: random.Random) -> str:
    return rng.choice(spelling.variants) if spelling.variants else strip_accents(spelling.latin)


def person_document(
    human: Human, *, variations: tuple[str, ...] = (), rng: random.Random | None = None
) -> PersonDocument:
    """The person as one form writes them; `variations` name the slips a duplicate filing makes."""
    given, family, birth, phone = (
        human.given.latin,
        human.family.latin,
        human.birth_date,
        human.phone,
    )
    for variation in variations:
        assert rng is not None, "variations need a random source"
        if variation == "transliteration":
            given = _spelled(human.given, rng) if human.given.variants else given
            family = _spelled(human.family, rng) if human.family.variants else family
        elif variation == "day_month_swap":
            birth = birth.replace(month=birth.day, day=birth.month)
        elif variation == "typo":
            if rng.random() < 0.5:
                given = _typo(rng, given)
            else:
                family = _typo(rng, family)
        elif variation == "short_surname":
            family = family.split(" ")[0]
        elif variation == "phone_format":
            phone = places.reformat_phone(phone, rng)
    passport = None
    if human.passport_number and human.passport_expires_on is not None:
        passport = Passport(
            country=human.passport_country,
            number=human.passport_number,
            expires_on=human.passport_expires_on,
        )
    return PersonDocument(
        given_name=given,
        family_name=family,
        given_name_native=human.given.native,
        family_name_native=human.family.native,
        other_names=list(human.other_names),
        birth_date=birth,
        sex=human.sex,  # type: ignore[arg-type]
        citizenships=list(human.citizenships),
        permanent_resident_of=[],
        refugee_status_in=[],
        residence_history=list(human.residence),
        current_country=human.current_country,
        marital_status=human.marital_status,  # type: ignore[arg-type]
        passport=passport,
        email=human.email,
        phone=phone,
        ssn=human.ssn,
        a_number=human.a_number,
    )
