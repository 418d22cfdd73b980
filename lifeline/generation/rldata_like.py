"""RLdata-like synthetic people (German names, birth dates, one corrupted field per duplicate)."""

from __future__ import annotations

import datetime as dt
import random
import string
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

# The error model, read off RLdata500's 50 duplicate pairs (its only labelled corruptions):
# the corrupted field (given 16, family 16, birth day 10, year 8, month 4 times; 4 of the 50
# pairs had a second field corrupted), the name edit (a letter inserted 21 times, replaced 9,
# deleted 2; always in the first name part), and the birth-date part (mostly one digit
# replaced, sometimes a new value altogether).
FIELD_WEIGHTS = {"given": 16, "family": 16, "day": 10, "year": 8, "month": 4}
SECOND_FIELD_SHARE = 4 / 50
NAME_EDIT_WEIGHTS = {"insert": 21, "replace": 9, "delete": 2}
DIGIT_TYPO_SHARE = 0.8
DUPLICATE_SHARE = 0.1  # RLdata500: 50 of 500 records; RLdata10000: 1,000 of 10,000


@dataclass(frozen=True)
class NamePools:
    """What people are drawn from: one entry per source person, so common names are common."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    given_second: tuple[str, ...]
    family_second: tuple[str, ...]
    birth_years: tuple[int, ...]
    given_second_share: float
    family_second_share: float


def pools_from(
    given_names: Sequence[str | None],
    family_names: Sequence[str | None],
    birth_dates: Sequence[str | None],
    truth: Sequence[str],
) -> NamePools:
    """Pools from a labelled RLdata-style set, from the people it holds once only (so no
    corrupted spelling of a duplicate enters them); a name's first word is its first part,
    the rest its second part."""
    counts = Counter(truth)
    rows = [r for r, entity in enumerate(truth) if counts[entity] == 1
            and given_names[r] and family_names[r] and birth_dates[r]]  # fmt: skip
    given = [str(given_names[r]).split(" ", 1) for r in rows]
    family = [str(family_names[r]).split(" ", 1) for r in rows]
    return NamePools(
        given=tuple(parts[0] for parts in given),
        family=tuple(parts[0] for parts in family),
        given_second=tuple(parts[1] for parts in given if len(parts) > 1),
        family_second=tuple(parts[1] for parts in family if len(parts) > 1),
        birth_years=tuple(int(str(birth_dates[r])[:4]) for r in rows),
        given_second_share=sum(len(p) > 1 for p in given) / len(rows),
        family_second_share=sum(len(p) > 1 for p in family) / len(rows),
    )


@dataclass
class _Person:
    given: str
    given_second: str | None
    family: str
    family_second: str | None
    born: dt.date

    def columns(self) -> tuple[str, str, str]:
        given = " ".join(filter(None, (self.given, self.given_second)))
        family = " ".join(filter(None, (self.family, self.family_second)))
        return given, family, self.born.isoformat()


def _person(pools: NamePools, rng: random.Random) -> _Person:
    def second(pool: tuple[str, ...], share: float) -> str | None:
        return rng.choice(pool) if pool and rng.random() < share else None

    while True:
        try:
            born = dt.date(rng.choice(pools.birth_years), rng.randint(1, 12), rng.randint(1, 31))
        except ValueError:  # 31 April and the like: draw again
            continue
        return _Person(
            rng.choice(pools.given), second(pools.given_second, pools.given_second_share),
            rng.choice(pools.family), second(pools.family_second, pools.family_second_share),
            born,
        )  # fmt: skip


def mistyped(name: str, rng: random.Random) -> str:
    """One keystroke: a letter inserted, replaced or deleted (never the name's only letter)."""
    edits = list(NAME_EDIT_WEIGHTS)
    edit = rng.choices(edits, weights=list(NAME_EDIT_WEIGHTS.values()))[0]
    if edit == "delete" and len(name) < 2:
        edit = "insert"
    at = rng.randrange(len(name) + (edit == "insert"))
    letter = rng.choice(string.ascii_uppercase.replace(name[at : at + 1], ""))
    if edit == "insert":
        return name[:at] + letter + name[at:]
    if edit == "replace":
        return name[:at] + letter + name[at + 1 :]
    return name[:at] + name[at + 1 :]


def _other_part(value: int, part: str, pools: NamePools, rng: random.Random) -> int:
    """A different value for one birth-date part: one digit replaced, or a new draw."""
    if rng.random() < DIGIT_TYPO_SHARE:
        digits = str(value)
        at = rng.randrange(len(digits))
        digit = rng.choice(string.digits.replace(digits[at], ""))
        return int(digits[:at] + digit + digits[at + 1 :])
    if part == "year":
        return rng.choice(pools.birth_years)
    return rng.randint(1, 12 if part == "month" else 31)


def corrupted(person: _Person, field: str, pools: NamePools, rng: random.Random) -> _Person:
    """The person with one field corrupted: a name mistyped or a birth-date part changed to
    another value that still makes a valid date."""
    if field == "given":
        return replace(person, given=mistyped(person.given, rng))
    if field == "family":
        return replace(person, family=mistyped(person.family, rng))
    while True:
        value = getattr(person.born, field)
        try:
            born = person.born.replace(**{field: _other_part(value, field, pools, rng)})
        except ValueError:
            continue
        if born != person.born and 1900 <= born.year <= 2099:  # RLdata500: 1924 to 2062
            return replace(person, born=born)


def generate(
    pools: NamePools, size: int, seed: int
) -> tuple[dict[str, list[str | None]], list[str]]:
    """`size` records, a tenth of them duplicates of another record with one field corrupted
    (sometimes two), in random order: project columns and each record's true entity."""
    rng = random.Random(seed)
    duplicates = round(size * DUPLICATE_SHARE)
    people = [_person(pools, rng) for _ in range(size - duplicates)]
    rows = [(person, entity) for entity, person in enumerate(people)]
    fields = list(FIELD_WEIGHTS)
    for entity in rng.sample(range(len(people)), duplicates):
        copy = people[entity]
        first = rng.choices(fields, weights=list(FIELD_WEIGHTS.values()))[0]
        chosen = [first]
        if rng.random() < SECOND_FIELD_SHARE:
            chosen.append(rng.choice([f for f in fields if f != first]))
        for field in chosen:
            copy = corrupted(copy, field, pools, rng)
        rows.append((copy, entity))
    rng.shuffle(rows)
    names = ("given_name", "family_name", "birth_date")
    columns: dict[str, list[str | None]] = {name: [] for name in names}
    for person, _ in rows:
        for name, value in zip(names, person.columns(), strict=True):
            columns[name].append(value)
    return columns, [str(entity) for _, entity in rows]
