"""The parole-like generator: its error kinds, and the frozen held-out setting."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from lifeline.generation import integrity_pools, integrity_pools_held_out
from lifeline.generation.integrity_people import (
    DEVELOPMENT,
    ERROR_KINDS,
    HELD_OUT,
    generate_sample,
    setting_fingerprint,
)

# Changing the held-out setting, or the way its records are drawn, changes these digests.
# That must never happen to make a figure better: a new held-out setting gets a new name.
HELD_OUT_SETTING_DIGEST = "bff47a06216de7ef02bc5dcc5e4b9703bbae57de6210b81b46b55300d482520e"
HELD_OUT_RECORDS_DIGEST = "f79a1cec2dcf7fdd68f811641bbe33b6754416df4dfdf962edc5bbf2c59b1861"


def _digest(value: object) -> str:
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _names(pools: object) -> set[str]:
    names: set[str] = set()
    for attribute in ("UA_GIVEN", "UA_FAMILY", "RU_GIVEN", "RU_FAMILY", "AR_GIVEN",
                      "AR_FAMILY", "ES_GIVEN", "ES_FAMILY", "HT_GIVEN", "HT_FAMILY", "US_GIVEN",
                      "US_FAMILY"):  # fmt: skip
        for entry in getattr(pools, attribute):
            names.add(entry[0] if isinstance(entry, tuple) else entry)
    return names


def test_the_held_out_setting_and_its_records_are_frozen() -> None:
    sample = generate_sample(400, setting=HELD_OUT)
    assert _digest(setting_fingerprint(HELD_OUT)) == HELD_OUT_SETTING_DIGEST
    assert _digest([sample.records, sample.errors_of]) == HELD_OUT_RECORDS_DIGEST


def test_held_out_names_are_not_development_names() -> None:
    assert not _names(integrity_pools) & _names(integrity_pools_held_out)
    assert HELD_OUT.seed != DEVELOPMENT.seed


def test_every_error_kind_occurs_in_both_settings() -> None:
    for setting in (DEVELOPMENT, HELD_OUT):
        sample = generate_sample(6000, setting=setting)
        counts = Counter(kind for errors in sample.errors_of for kind in errors)
        assert set(counts) == set(ERROR_KINDS), setting.name


def test_relatives_share_a_household_but_not_a_person() -> None:
    sample = generate_sample(3000, setting=HELD_OUT)
    people_of_household: dict[int, set[int]] = {}
    for person, household in zip(sample.person_of, sample.household_of, strict=True):
        people_of_household.setdefault(household, set()).add(person)
    assert max(len(people) for people in people_of_household.values()) > 1
    assert all(household <= min(people) for household, people in people_of_household.items())
