"""Parole-like synthetic people and supporter forms with known truth, for training and tests."""
# ruff: noqa: RUF001 - Cyrillic surname endings are intended.

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType

from lifeline.core.romanisation import RUSSIAN_ICAO
from lifeline.generation import integrity_pools, integrity_pools_held_out
from lifeline.generation.transliteration import (
    FOREIGN_SCHEMES,
    PRIMARY_SCHEME,
    VARIANT_SCHEMES,
    romanise,
)
from lifeline.integrity.normalise.names import _transliterate_cyrillic

PERSON_FIELDS = [
    "record_id", "given_name", "family_name", "birth_date", "sex", "nationality", "ssn",
    "phone", "email", "address", "city", "postcode", "passport_number",
]  # fmt: skip
# The kinds of intake error a record can carry, as reported per kind by the benchmark.
ERROR_KINDS = (
    "given_variant", "family_variant", "given_typo", "family_typo", "original_script",
    "foreign_romanisation", "second_surname_dropped", "second_surname_misspelled",
    "name_order_swap", "day_month_swap", "day_off_by_one", "year_off_by_one", "moved",
)  # fmt: skip
_LANGUAGE = {"UA": "uk", "RU": "ru", "AF": "ar", "HT": "ht", "US": "en"}


@dataclass(frozen=True)
class ErrorRates:
    """How often a noisy record carries each kind of error (given its chance to occur)."""

    given_variant: float = 0.6
    family_variant: float = 0.5
    given_typo: float = 0.15
    family_typo: float = 0.15
    original_script: float = 0.06
    foreign_romanisation: float = 0.06
    second_surname_misspelled: float = 0.1
    name_order_swap: float = 0.04
    day_month_swap: float = 0.1
    day_off_by_one: float = 0.05
    year_off_by_one: float = 0.05
    # A record with a wrong birth date keeps its phone or passport (written another way).
    anchor_kept: float = 0.8
    ssn_blank: float = 0.4
    ssn_typo: float = 0.1
    passport_typo: float = 0.1
    phone_blank: float = 0.3
    email_blank: float = 0.4
    passport_blank: float = 0.5
    moved: float = 0.25
    street_abbreviated: float = 0.3


@dataclass(frozen=True)
class GeneratorSetting:
    """Everything that shapes a generated population: name pools, error rates, the mix of
    nationalities, the share of noisy first records and the seed."""

    name: str
    pools: ModuleType
    rates: ErrorRates
    nationalities: tuple[str, ...]
    noisy_first_share: float
    seed: int


DEVELOPMENT = GeneratorSetting(
    name="development",
    pools=integrity_pools,
    rates=ErrorRates(),
    nationalities=("UA",) * 4 + ("RU", "VE", "CU", "NI", "HT", "AF", "AF", "US", "US"),
    noisy_first_share=0.3,
    seed=101,
)
# Frozen: never used to build, train or tune the model; a test holds it (and the records it
# makes) to a fingerprint, so a change here shows.
HELD_OUT = GeneratorSetting(
    name="held-out-2026-12",
    pools=integrity_pools_held_out,
    rates=ErrorRates(
        given_variant=0.5,
        family_variant=0.45,
        given_typo=0.12,
        family_typo=0.18,
        original_script=0.08,
        foreign_romanisation=0.1,
        second_surname_misspelled=0.15,
        name_order_swap=0.06,
        day_month_swap=0.12,
        day_off_by_one=0.04,
        year_off_by_one=0.08,
        anchor_kept=0.75,
        ssn_blank=0.45,
        ssn_typo=0.08,
        passport_typo=0.12,
        phone_blank=0.35,
        email_blank=0.5,
        passport_blank=0.45,
        moved=0.3,
        street_abbreviated=0.25,
    ),
    nationalities=("UA",) * 3 + ("RU", "RU", "VE", "CU", "MX", "HT", "AF", "AF", "AF", "US"),
    noisy_first_share=0.35,
    seed=20_261_207,
)


@dataclass
class Person:
    """One true person: the stable attributes every record of them is drawn from."""

    person_id: int
    nationality: str
    given: tuple[str, ...]  # spelling variants, the usual Latin one first
    family: tuple[str, ...]
    birth_on: dt.date
    sex: str
    ssn: str
    phone: str
    email: str
    address: tuple[str, str, str]  # street line, city + state, ZIP
    passport: str
    extra: dict[str, str] = field(default_factory=dict)
    household_id: int = -1
    given_native: str = ""  # the name in its original script (Cyrillic, Arabic), if any
    family_native: str = ""


@dataclass(frozen=True)
class PeopleSample:
    """Generated records with their truth: person, household and error kinds per record."""

    records: list[dict[str, str]]
    person_of: list[int]
    household_of: list[int]
    errors_of: list[tuple[str, ...]]


def _russian_style(cyrillic: str) -> str:
    return "".join(RUSSIAN_ICAO.get(ch.lower(), (ch, ch))[0] for ch in cyrillic).capitalize()


def _feminine(cyrillic: str, sex: str) -> str:
    """Slavic surnames agree with the bearer: Смирнов / Смирнова, Зарицький / Зарицька."""
    if sex != "F":
        return cyrillic
    if cyrillic.endswith(("ов", "ев", "ёв", "ин")):
        return cyrillic + "а"
    if cyrillic.endswith(("ський", "цький")):
        return cyrillic[:-2] + "а"
    return cyrillic


def _slavic_latin(cyrillic: str, language: str) -> tuple[str, ...]:
    primary = romanise(cyrillic, PRIMARY_SCHEME[language])
    variants = [romanise(cyrillic, scheme) for scheme in VARIANT_SCHEMES[language]]
    if language == "uk":
        variants.append(_russian_style(cyrillic))
    return tuple(dict.fromkeys([primary, *variants]))


def _family_variants(
    rng: random.Random, nationality: str, pools: ModuleType
) -> tuple[tuple[str, ...], str]:
    """Latin spellings of a household's surname (usual first) and its original script."""
    if nationality == "UA" and pools is integrity_pools:
        cyr = rng.choice(pools.UA_FAMILY)
        return (_transliterate_cyrillic(cyr), _russian_style(cyr)), cyr
    if nationality in ("UA", "RU"):
        cyr = rng.choice(pools.UA_FAMILY if nationality == "UA" else pools.RU_FAMILY)
        return _slavic_latin(cyr, _LANGUAGE[nationality]), cyr
    if nationality == "AF":
        script, *latin = rng.choice(pools.AR_FAMILY)
        return (*latin[1:], latin[0]), script
    if nationality == "HT":
        return (rng.choice(pools.HT_FAMILY),), ""
    if nationality == "US":
        return (rng.choice(pools.US_FAMILY),), ""
    paternal, maternal = rng.sample(pools.ES_FAMILY, 2)
    return (f"{paternal} {maternal}", paternal, f"{paternal}-{maternal}"), ""


def _given_variants(
    rng: random.Random, nationality: str, pools: ModuleType
) -> tuple[tuple[str, ...], str]:
    """Latin spellings of a given name (usual first, nicknames among them) and its script."""
    if nationality in ("UA", "RU"):
        script, *latin = rng.choice(pools.UA_GIVEN if nationality == "UA" else pools.RU_GIVEN)
        schemes = _slavic_latin(script, _LANGUAGE[nationality])
        return tuple(dict.fromkeys([*latin, *schemes])), script
    if nationality == "AF":
        script, *latin = rng.choice(pools.AR_GIVEN)
        return (*latin[1:], latin[0]), script
    if nationality == "US":
        return rng.choice(pools.US_GIVEN), ""
    pool = pools.HT_GIVEN if nationality == "HT" else pools.ES_GIVEN
    name = rng.choice(pool)
    return ((name, pools.ES_NICKNAMES[name]) if name in pools.ES_NICKNAMES else (name,)), ""


def _ssn(rng: random.Random) -> str:
    return f"{rng.randint(1, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def person_ssn(person_id: int) -> str:
    """A valid-structure SSN that is unique per synthetic person (real SSNs are unique too)."""
    area = 1 + person_id % 665
    group = 1 + (person_id // 665) % 99
    serial = 1 + (person_id // (665 * 99)) % 9999
    return f"{area:03d}-{group:02d}-{serial:04d}"


def _address(rng: random.Random) -> tuple[str, str, str]:
    city, state, zip3 = rng.choice(integrity_pools.CITIES)
    long_type = rng.choice(integrity_pools.STREET_TYPES)[0]
    line = f"{rng.randint(1, 9999)} {rng.choice(integrity_pools.STREETS)} {long_type}"
    if rng.random() < 0.4:
        line += f" Apt {rng.randint(1, 40)}"
    return line, f"{city}, {state}", f"{zip3}{rng.randint(0, 99):02d}"


def _phone(rng: random.Random) -> str:
    return f"+1{rng.randint(201, 989)}{rng.randint(200, 999)}{rng.randint(1000, 9999)}"


def make_household(
    rng: random.Random, next_id: int, nationality: str, *, pools: ModuleType = integrity_pools
) -> list[Person]:
    """A household of 1-6 people sharing surname, address and phone; twins now and then."""
    family, family_native = _family_variants(rng, nationality, pools)
    address, phone = _address(rng), _phone(rng)
    size = rng.choice([1, 1, 2, 2, 3, 4, 5, 6])
    parent_birth = dt.date(rng.randint(1950, 1990), rng.randint(1, 12), rng.randint(1, 28))
    members: list[Person] = []
    givens_used: set[str] = set()
    twin_birth = None
    for index in range(size):
        given, given_native = _given_variants(rng, nationality, pools)
        while given[0] in givens_used:
            given, given_native = _given_variants(rng, nationality, pools)
        givens_used.add(given[0])
        if index < 2:
            birth = parent_birth + dt.timedelta(days=rng.randint(-2000, 2000))
        elif twin_birth is not None and rng.random() < 0.5:
            birth = twin_birth
        else:
            birth = parent_birth + dt.timedelta(days=rng.randint(7000, 12000))
            twin_birth = birth if rng.random() < 0.3 else None
        first = given[0].split()[0].lower()
        sex = rng.choice("FM")
        own_family, own_native = family, family_native
        if nationality in ("UA", "RU") and _feminine(family_native, sex) != family_native:
            own_native = _feminine(family_native, sex)
            own_family = _slavic_latin(own_native, _LANGUAGE[nationality])
        members.append(
            Person(
                person_id=next_id + index,
                nationality=nationality,
                given=given,
                family=own_family,
                birth_on=birth,
                sex=sex,
                ssn=person_ssn(next_id + index)
                if nationality == "US" or rng.random() < 0.3
                else "",
                phone=phone if rng.random() < 0.8 else _phone(rng),
                email=f"{first}.{next_id + index}@example.com",
                address=address,
                passport=f"{nationality}{rng.randint(1000000, 9999999)}",
                household_id=next_id,
                given_native=given_native,
                family_native=own_native,
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
    letters = "aeiounrst" if text.isascii() else text.replace(" ", "")
    return text[:i] + rng.choice(letters) + text[i + 1 :]


def _other_phone_format(phone: str) -> str:
    digits = phone.removeprefix("+1")
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def _names(
    rng: random.Random, person: Person, rates: ErrorRates, errors: list[str]
) -> tuple[str, str]:
    given, family = person.given[0], person.family[0]
    language = _LANGUAGE.get(person.nationality, "es")
    if language in FOREIGN_SCHEMES and rng.random() < rates.foreign_romanisation:
        scheme = rng.choice(FOREIGN_SCHEMES[language])
        given = romanise(person.given_native, scheme)
        family = romanise(person.family_native, scheme)
        if (given, family) != (person.given[0], person.family[0]):
            errors.append("foreign_romanisation")
    elif person.given_native and rng.random() < rates.original_script:
        given, family = person.given_native, person.family_native or family
        errors.append("original_script")
    else:
        if len(person.given) > 1 and rng.random() < rates.given_variant:
            given = rng.choice(person.given[1:])
            errors.append("given_variant")
        if len(person.family) > 1 and rng.random() < rates.family_variant:
            family = rng.choice(person.family[1:])
            dropped = language == "es" and " " not in family and "-" not in family
            errors.append("second_surname_dropped" if dropped else "family_variant")
    if language == "es" and " " in family and rng.random() < rates.second_surname_misspelled:
        paternal, maternal = family.split(" ", 1)
        family = f"{paternal} {_typo(rng, maternal)}"
        errors.append("second_surname_misspelled")
    if rng.random() < rates.given_typo:
        given = _typo(rng, given)
        errors.append("given_typo")
    if rng.random() < rates.family_typo:
        family = _typo(rng, family)
        errors.append("family_typo")
    if rng.random() < rates.name_order_swap:
        given, family = family, given
        errors.append("name_order_swap")
    return given, family


def _birth_date(
    rng: random.Random, birth: dt.date, rates: ErrorRates, errors: list[str]
) -> dt.date:
    if rng.random() < rates.day_month_swap and birth.day <= 12 and birth.day != birth.month:
        errors.append("day_month_swap")
        return dt.date(birth.year, birth.day, birth.month)
    if rng.random() < rates.day_off_by_one:
        errors.append("day_off_by_one")
        return birth.replace(day=min(28, max(1, birth.day + rng.choice([-1, 1]))))
    if rng.random() < rates.year_off_by_one:
        errors.append("year_off_by_one")
        return birth.replace(year=birth.year + rng.choice([-1, 1]), day=min(birth.day, 28))
    return birth


def render_record_with_errors(
    rng: random.Random,
    person: Person,
    record_id: str,
    *,
    noisy: bool,
    rates: ErrorRates = DEVELOPMENT.rates,
) -> tuple[dict[str, str], tuple[str, ...]]:
    """One record of a person and the error kinds it carries (none unless `noisy`)."""
    given, family, birth = person.given[0], person.family[0], person.birth_on
    ssn, phone, email, passport = person.ssn, person.phone, person.email, person.passport
    street, city, zip_code = person.address
    errors: list[str] = []
    if noisy:
        given, family = _names(rng, person, rates, errors)
        birth = _birth_date(rng, birth, rates, errors)
        ssn = "" if rng.random() < rates.ssn_blank else (
            _typo(rng, ssn) if rng.random() < rates.ssn_typo else ssn)  # fmt: skip
        passport = _typo(rng, passport) if rng.random() < rates.passport_typo else passport
        phone = "" if rng.random() < rates.phone_blank else phone
        email = "" if rng.random() < rates.email_blank else email.upper()
        passport = "" if rng.random() < rates.passport_blank else passport
        if birth != person.birth_on and rng.random() < rates.anchor_kept:
            if person.phone and rng.random() < 0.5:
                phone = _other_phone_format(person.phone)
            else:
                passport = " ".join([person.passport[:2].lower(), person.passport[2:]])
        if rng.random() < rates.moved:
            street, city, zip_code = _address(rng)
            errors.append("moved")
        elif rng.random() < rates.street_abbreviated:
            street = street.replace("Street", "St").replace("Avenue", "Ave").replace("Road", "Rd")
            street = street.split(" Apt ")[0] if rng.random() < 0.5 else street
    record = {
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
    return record, tuple(errors)


def render_record(
    rng: random.Random, person: Person, record_id: str, *, noisy: bool
) -> dict[str, str]:
    """One record of a person; a noisy one gets variants, typos, swaps and gaps."""
    return render_record_with_errors(rng, person, record_id, noisy=noisy)[0]


def generate_sample(
    n_records: int,
    *,
    setting: GeneratorSetting = DEVELOPMENT,
    seed: int | None = None,
    duplicate_share: float = 0.2,
) -> PeopleSample:
    """Records of people (about `duplicate_share` of them extra records of someone already
    present), with person, household and error kinds per record."""
    rng = random.Random(setting.seed if seed is None else seed)
    people: list[Person] = []
    n_people = max(1, int(n_records * (1 - duplicate_share)))
    while len(people) < n_people:
        nationality = rng.choice(setting.nationalities)
        people.extend(make_household(rng, len(people), nationality, pools=setting.pools))
    people = people[:n_people]
    rows: list[tuple[dict[str, str], Person, tuple[str, ...]]] = []

    def add(person: Person, *, noisy: bool) -> None:
        record, errors = render_record_with_errors(
            rng, person, f"r{len(rows)}", noisy=noisy, rates=setting.rates
        )
        rows.append((record, person, errors))

    for person in people:
        add(person, noisy=rng.random() < setting.noisy_first_share)
    while len(rows) < n_records:
        add(rng.choice(people), noisy=True)
    rng.shuffle(rows)
    return PeopleSample(
        records=[record for record, _, _ in rows],
        person_of=[person.person_id for _, person, _ in rows],
        household_of=[person.household_id for _, person, _ in rows],
        errors_of=[errors for _, _, errors in rows],
    )


def generate_people(
    n_records: int,
    *,
    seed: int = 1,
    duplicate_share: float = 0.2,
    setting: GeneratorSetting = DEVELOPMENT,
) -> tuple[list[dict[str, str]], dict[str, int]]:
    """Records of people (about `duplicate_share` of them extra records of someone already
    present) and the truth: record id to person id."""
    sample = generate_sample(n_records, setting=setting, seed=seed, duplicate_share=duplicate_share)
    truth = {r["record_id"]: p for r, p in zip(sample.records, sample.person_of, strict=True)}
    return sample.records, truth


def setting_fingerprint(setting: GeneratorSetting) -> Mapping[str, Sequence[object]]:
    """What a setting is made of, as plain values (for freezing it in a test)."""
    pools = {name: getattr(setting.pools, name) for name in sorted(dir(setting.pools))
             if name.isupper()}  # fmt: skip
    return {"rates": [repr(setting.rates)], "nationalities": list(setting.nationalities),
            "noisy_first_share": [setting.noisy_first_share], "seed": [setting.seed],
            "pools": [repr(pools)]}  # fmt: skip
