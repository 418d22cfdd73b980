"""Parole-like synthetic people and supporter forms with known truth, for training and tests."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from lifeline.core.romanisation import RUSSIAN_ICAO
from lifeline.generation import integrity_pools as pools
from lifeline.integrity.normalise.names import _transliterate_cyrillic

PERSON_FIELDS = [
    "record_id", "given_name", "family_name", "birth_date", "sex", "nationality", "ssn",
    "phone", "email", "address", "city", "postcode", "passport_number",
]  # fmt: skip


@dataclass
class Person:
    """One true person: the stable attributes every record of them is drawn from."""

    person_id: int
    nationality: str
    given: tuple[str, ...]  # spelling variants, original script first where there is one
    family: tuple[str, ...]
    birth_on: dt.date
    sex: str
    ssn: str
    phone: str
    email: str
    address: tuple[str, str, str]  # street line, city + state, ZIP
    passport: str
    extra: dict[str, str] = field(default_factory=dict)


def _russian_style(cyrillic: str) -> str:
    return "".join(RUSSIAN_ICAO.get(ch.lower(), (ch, ch))[0] for ch in cyrillic).capitalize()


def _family_variants(rng: random.Random, nationality: str) -> tuple[str, ...]:
    if nationality == "UA":
        cyr = rng.choice(pools.UA_FAMILY)
        return (_transliterate_cyrillic(cyr), cyr, _russian_style(cyr))
    if nationality == "AF":
        return tuple(reversed(rng.choice(pools.AR_FAMILY)))
    if nationality == "HT":
        return (rng.choice(pools.HT_FAMILY),)
    if nationality == "US":
        return (rng.choice(pools.US_FAMILY),)
    paternal, maternal = rng.sample(pools.ES_FAMILY, 2)
    return (f"{paternal} {maternal}", paternal, f"{paternal}-{maternal}")


def _given_variants(rng: random.Random, nationality: str) -> tuple[str, ...]:
    if nationality == "UA":
        group = rng.choice(pools.UA_GIVEN)
        return (group[1], group[0], *group[2:])
    if nationality == "AF":
        group = rng.choice(pools.AR_GIVEN)
        return (group[1], group[0], *group[2:])
    if nationality == "US":
        return rng.choice(pools.US_GIVEN)
    pool = pools.HT_GIVEN if nationality == "HT" else pools.ES_GIVEN
    name = rng.choice(pool)
    return (name, pools.ES_NICKNAMES[name]) if name in pools.ES_NICKNAMES else (name,)


def _ssn(rng: random.Random) -> str:
    return f"{rng.randint(1, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def person_ssn(person_id: int) -> str:
    """A valid-structure SSN that is unique per synthetic person (real SSNs are unique too)."""
    area = 1 + person_id % 665
    group = 1 + (person_id // 665) % 99
    serial = 1 + (person_id // (665 * 99)) % 9999
    return f"{area:03d}-{group:02d}-{serial:04d}"


def _address(rng: random.Random) -> tuple[str, str, str]:
    city, state, zip3 = rng.choice(pools.CITIES)
    long_type = rng.choice(pools.STREET_TYPES)[0]
    line = f"{rng.randint(1, 9999)} {rng.choice(pools.STREETS)} {long_type}"
    if rng.random() < 0.4:
        line += f" Apt {rng.randint(1, 40)}"
    return line, f"{city}, {state}", f"{zip3}{rng.randint(0, 99):02d}"


def _phone(rng: random.Random) -> str:
    return f"+1{rng.randint(201, 989)}{rng.randint(200, 999)}{rng.randint(1000, 9999)}"


def make_household(rng: random.Random, next_id: int, nationality: str) -> list[Person]:
    """A household of 1-6 people sharing surname, address and phone; twins now and then."""
    family = _family_variants(rng, nationality)
    address, phone = _address(rng), _phone(rng)
    size = rng.choice([1, 1, 2, 2, 3, 4, 5, 6])
    parent_birth = dt.date(rng.randint(1950, 1990), rng.randint(1, 12), rng.randint(1, 28))
    members: list[Person] = []
    givens_used: set[str] = set()
    twin_birth = None
    for index in range(size):
        given = _given_variants(rng, nationality)
        while given[0] in givens_used:
            given = _given_variants(rng, nationality)
        givens_used.add(given[0])
        if index < 2:
            birth = parent_birth + dt.timedelta(days=rng.randint(-2000, 2000))
        elif twin_birth is not None and rng.random() < 0.5:
            birth = twin_birth
        else:
            birth = parent_birth + dt.timedelta(days=rng.randint(7000, 12000))
            twin_birth = birth if rng.random() < 0.3 else None
        first = given[0].split()[0].lower()
        members.append(
            Person(
                person_id=next_id + index,
                nationality=nationality,
                given=given,
                family=family,
                birth_on=birth,
                sex=rng.choice("FM"),
                ssn=person_ssn(next_id + index)
                if nationality == "US" or rng.random() < 0.3
                else "",
                phone=phone if rng.random() < 0.8 else _phone(rng),
                email=f"{first}.{next_id + index}@example.com",
                address=address,
                passport=f"{nationality}{rng.randint(1000000, 9999999)}",
            )
        )
    return members


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    op = rng.random()
    if op < 0.4:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op < 0.7:
        return text[:i] + text[i + 1 :]
    return text[:i] + rng.choice("aeiounrst") + text[i + 1 :]


def render_record(
    rng: random.Random, person: Person, record_id: str, *, noisy: bool
) -> dict[str, str]:
    """One record of a person; a noisy one gets variants, typos, swaps and gaps."""
    given, family, birth = person.given[0], person.family[0], person.birth_on
    ssn, phone, email, passport = person.ssn, person.phone, person.email, person.passport
    street, city, zip_code = person.address
    if noisy:
        if rng.random() < 0.6:
            given = rng.choice(person.given)
        if rng.random() < 0.5:
            family = rng.choice(person.family)
        if rng.random() < 0.15:
            given = _typo(rng, given)
        if rng.random() < 0.15:
            family = _typo(rng, family)
        if rng.random() < 0.1 and birth.day <= 12:
            birth = dt.date(birth.year, birth.day, birth.month)
        elif rng.random() < 0.05:
            birth = birth.replace(day=min(28, max(1, birth.day + rng.choice([-1, 1]))))
        ssn = "" if rng.random() < 0.4 else (_typo(rng, ssn) if rng.random() < 0.1 else ssn)
        passport = _typo(rng, passport) if rng.random() < 0.1 else passport
        phone = "" if rng.random() < 0.3 else phone
        email = "" if rng.random() < 0.4 else email.upper()
        passport = "" if rng.random() < 0.5 else passport
        if rng.random() < 0.25:
            street, city, zip_code = _address(rng)
        elif rng.random() < 0.3:
            street = street.replace("Street", "St").replace("Avenue", "Ave").replace("Road", "Rd")
            street = street.split(" Apt ")[0] if rng.random() < 0.5 else street
    return {
        "record_id": record_id,
        "given_name": given,
        "family_name": family,
        "birth_date": birth.isoformat(),
        "sex": person.sex,
        "nationality": person.nationality,
        "ssn": ssn,
        "phone": phone,
        "email": email,
        "address": f"{street}, {city} {zip_code}" if street else "",
        "city": city.split(",")[0],
        "postcode": zip_code,
        "passport_number": passport,
    }


def generate_people(
    n_records: int, *, seed: int = 1, duplicate_share: float = 0.2
) -> tuple[list[dict[str, str]], dict[str, int]]:
    """Records of people (about `duplicate_share` of them extra records of someone already
    present) and the truth: record id to person id."""
    rng = random.Random(seed)
    nationalities = ["UA"] * 4 + ["VE", "CU", "NI", "HT", "AF", "AF", "US", "US"]
    people: list[Person] = []
    n_people = max(1, int(n_records * (1 - duplicate_share)))
    while len(people) < n_people:
        people.extend(make_household(rng, len(people), rng.choice(nationalities)))
    people = people[:n_people]
    records: list[dict[str, str]] = []
    truth: dict[str, int] = {}
    for person in people:
        record_id = f"r{len(records)}"
        records.append(render_record(rng, person, record_id, noisy=rng.random() < 0.3))
        truth[record_id] = person.person_id
    while len(records) < n_records:
        person = rng.choice(people)
        record_id = f"r{len(records)}"
        records.append(render_record(rng, person, record_id, noisy=True))
        truth[record_id] = person.person_id
    rng.shuffle(records)
    return records, truth
