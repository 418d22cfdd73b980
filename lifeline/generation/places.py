"""Addresses, phones and identifiers: abroad for beneficiaries, in the U.S. for supporters."""

from __future__ import annotations

import random
from dataclasses import dataclass

from lifeline.generation.place_lists import ABROAD, STREETS, SUFFIXES, US_CITIES


@dataclass(frozen=True)
class Address:
    line1: str
    city: str
    region: str
    postcode: str
    country: str
    line2: str = ""

    @property
    def text(self) -> str:
        unit = f", {self.line2}" if self.line2 else ""
        if self.country == "US":
            return f"{self.line1}{unit}, {self.city}, {self.region} {self.postcode}"
        return f"{self.line1}{unit}, {self.city}, {country_name(self.country)}"


def country_name(country: str) -> str:
    return ABROAD[country][0]


def abroad_address(rng: random.Random, country: str) -> Address:
    _, _, _, _, cities, streets = ABROAD[country]
    unit = f"apt. {rng.randint(1, 120)}" if rng.random() < 0.6 else ""
    return Address(
        f"{rng.choice(streets)} {rng.randint(1, 180)}", rng.choice(cities), "", "", country, unit
    )


def abroad_phone(rng: random.Random, country: str) -> str:
    _, code, prefixes, digits, _, _ = ABROAD[country]
    local = "".join(str(rng.randint(0, 9)) for _ in range(digits))
    return f"+{code} {rng.choice(prefixes)} {local}"


def us_address(rng: random.Random, city_key: str) -> Address:
    city, state, zip_prefix, _ = US_CITIES[city_key]
    line1 = f"{rng.randint(10, 19999)} {rng.choice(STREETS)} {rng.choice(SUFFIXES)}"
    unit = f"Apt {rng.randint(1, 40)}{rng.choice('ABCD')}" if rng.random() < 0.35 else ""
    return Address(line1, city, state, f"{zip_prefix}{rng.randint(1, 99):02d}", "US", unit)


def us_phone(rng: random.Random, city_key: str) -> str:
    """A U.S. number in one of the formats people type: E.164, dashed or bracketed."""
    area = rng.choice(US_CITIES[city_key][3])
    exchange, line = rng.randint(201, 989), rng.randint(0, 9999)
    style = rng.random()
    if style < 0.5:
        return f"+1{area}{exchange}{line:04d}"
    if style < 0.8:
        return f"{area}-{exchange}-{line:04d}"
    return f"+1 ({area}) {exchange}-{line:04d}"


def reformat_phone(phone: str, rng: random.Random) -> str:
    """The same U.S. number written another way (for shared-phone rings)."""
    digits = "".join(char for char in phone if char.isdigit())[-10:]
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    return rng.choice((f"+1{digits}", f"{area}-{exchange}-{line}", f"({area}) {exchange}-{line}"))


def ssn(rng: random.Random) -> str:
    """A structurally valid SSN: area 001-899 but not 666, group 01-99, serial 0001-9999."""
    area = rng.randint(1, 898)
    area = 899 if area == 666 else area
    number = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
    return f"{number[:3]}-{number[3:5]}-{number[5:]}" if rng.random() < 0.7 else number


def passport_number(rng: random.Random, country: str) -> str:
    letters = "ABCEHKMPTX"
    if country in {"UA", "RU"}:
        return f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(100000, 999999)}"
    return f"{rng.choice(letters)}{rng.randint(1000000, 99999999)}"


def ip_address(rng: random.Random) -> str:
    """A public-looking IPv4 address from ranges that consumer ISPs use."""
    first = rng.choice((24, 47, 67, 73, 98, 108, 186, 190, 201))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
