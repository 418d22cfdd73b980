"""The same person filed again, written a little differently: the duplicates to resolve."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence

from lifeline.generation import details
from lifeline.generation.accounts import AccountBook
from lifeline.generation.people import age_on, possible_variations
from lifeline.generation.profiles import profile_for
from lifeline.generation.records import Ids, Slot
from lifeline.generation.windows import Window, draw_day
from lifeline.programs.registry import Registry

SAME_PROGRAM_SHARE = 0.75
EXACT_SHARE = 0.15
NEW_ACCOUNT_SHARE = 0.5


def _variations(rng: random.Random, slot: Slot) -> tuple[str, ...]:
    options = [v for v in possible_variations(slot.beneficiary) if v != "phone_format"]
    roll = rng.random()
    if roll < EXACT_SHARE:
        return ()
    count = 1 if roll < 0.75 or len(options) < 2 else 2
    return tuple(sorted(rng.sample(options, count)))


def plant_duplicates(
    *,
    rng: random.Random,
    ids: Ids,
    accounts: AccountBook,
    registry: Registry,
    windows: dict[str, list[Window]],
    originals: Sequence[Slot],
    count: int,
) -> list[Slot]:
    """`count` new filings, each for the beneficiary of an adult principal's earlier request."""
    candidates = [
        slot
        for slot in originals
        if slot.relationship == "principal"
        and slot.kind == "initial"
        and age_on(slot.beneficiary.birth_date, slot.filed_on) >= 18
    ]
    duplicates: list[Slot] = []
    if not candidates:
        return duplicates
    for original in rng.choices(candidates, k=count):
        program = original.program
        if rng.random() > SAME_PROGRAM_SHARE and "general" in windows:
            program = "general"
        later = original.filed_on + dt.timedelta(days=rng.randint(7, 120))
        drawn = draw_day(rng, windows[program], "initial", not_before=later) or draw_day(
            rng, windows[program], "initial"
        )
        if drawn is None:
            continue
        filed_on, window = drawn
        if filed_on < original.beneficiary.birth_date:
            continue
        version = registry.version(window.version)
        assert version is not None, f"registry lost version {window.version}"
        profile = profile_for(program)
        category = (
            original.category
            if original.category in version.categories
            else (
                rng.choice(
                    [c for c in profile.categories if c in version.categories] or version.categories
                )
            )
        )
        filer = (
            accounts.applicant(original.beneficiary, fresh=True)
            if rng.random() < NEW_ACCOUNT_SHARE
            else original.filer
        )
        duplicate = dataclasses.replace(
            original,
            record_id=ids.next("request"),
            household_id=ids.next("household"),
            program=program,
            version=window.version,
            category=category,
            filed_on=filed_on,
            filer=filer,
            has_declaration=profile.declarations,
            supports=[],
            narrative="",
            petitioner=None,
            invitation=None,
            has_supporter=rng.random() < 0.5,
            duplicate_of=original.record_id,
            variations=_variations(rng, original),
            companion=None,
            companion_record="",
            principal=None,
            representative="",
        )
        duplicate.evidence = details.evidence_files(
            rng, version, category=category, kind="initial", is_minor=False, is_principal=True
        )
        duplicates.append(duplicate)
    return duplicates
