"""Generate a whole synthetic data set from a seed: households, duplicates, rings, documents."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from lifeline.core.errors import ValidationFailed
from lifeline.generation.accounts import AccountBook
from lifeline.generation.assembly import GeneratedDeclaration, GeneratedRequest, assemble
from lifeline.generation.duplicates import plant_duplicates
from lifeline.generation.fraud import FraudPlanter
from lifeline.generation.households import HouseholdBuilder
from lifeline.generation.humans import PersonFactory, weighted
from lifeline.generation.narratives import narrate_household
from lifeline.generation.people import Human
from lifeline.generation.profiles import POPULATIONS, profile_for
from lifeline.generation.records import Account, HardCase, Ids, Ring, Slot
from lifeline.generation.sponsors import SponsorDesk
from lifeline.generation.windows import Window, program_windows
from lifeline.programs.registry import Registry

MAX_REQUESTS = 5_000_000
REPRESENTED_SHARE = 0.1
REQUESTS_PER_REPRESENTATIVE = 150


@dataclass(frozen=True)
class GenerationOptions:
    requests: int
    seed: int
    last_filing_on: dt.date
    duplicate_share: float = 0.05
    fraud_share: float = 0.08
    programs: tuple[str, ...] = ()
    first_filing_on: dt.date | None = None  # None: from each program's first open day

    def check(self) -> None:
        if not 0 <= self.requests <= MAX_REQUESTS:
            raise ValidationFailed(f"--requests must be between 0 and {MAX_REQUESTS:,}.")
        for name in ("duplicate_share", "fraud_share"):
            if not 0 <= getattr(self, name) <= 0.5:
                raise ValidationFailed(f"--{name.replace('_', '-')} must be between 0 and 0.5.")
        if self.first_filing_on is not None and self.first_filing_on > self.last_filing_on:
            raise ValidationFailed("The first filing day must come before the last one.")


@dataclass
class Dataset:
    """Everything generated for one seed, in filing order, with what the truth file needs."""

    options: GenerationOptions
    accounts: dict[str, Account]
    humans: dict[str, Human]
    requests: list[GeneratedRequest]
    declarations: list[GeneratedDeclaration]
    rings: list[Ring]
    hard_cases: list[HardCase]
    windows: dict[str, list[Window]]
    consents: list[tuple[str, str]] = field(default_factory=list)


def _households(slots: list[Slot]) -> list[list[Slot]]:
    groups: dict[str, list[Slot]] = {}
    for slot in slots:
        groups.setdefault(slot.household_id, []).append(slot)
    return list(groups.values())


def generate_dataset(
    options: GenerationOptions,
    registry: Registry,
    progress: Callable[[int], None] = lambda advanced: None,
) -> Dataset:
    """The data set for `options`; the same options and policy files give the same data."""
    options.check()
    rng, ids = random.Random(options.seed), Ids()
    windows = _windows(registry, options)
    people, accounts = PersonFactory(rng, ids), AccountBook(ids)
    builder = HouseholdBuilder(
        rng=rng, ids=ids, people=people, accounts=accounts, registry=registry, windows=windows
    )
    desk = SponsorDesk(
        rng=rng, people=people, accounts=accounts, last_filing_on=options.last_filing_on
    )
    weights = {program: profile_for(program).weight for program in windows}
    households: list[list[Slot]] = []

    def fill(target: int, planned: int) -> int:
        misses = 0
        while planned < target:
            slots = builder.build(weighted(rng, weights), target - planned)
            if not slots:
                misses += 1
                if misses > 100:
                    raise ValidationFailed("The open programs left no room for more requests.")
                continue
            households.extend(_households(slots))
            planned += len(slots)
            progress(len(slots))
        return planned

    duplicates_wanted = round(options.requests * options.duplicate_share)
    planned = fill(options.requests - duplicates_wanted, 0)
    duplicates = plant_duplicates(
        rng=rng,
        ids=ids,
        accounts=accounts,
        registry=registry,
        windows=windows,
        originals=[slot for group in households for slot in group],
        count=duplicates_wanted,
    )
    progress(len(duplicates))
    fill(options.requests, planned + len(duplicates))
    duplicate_groups = [[slot] for slot in duplicates]
    for group in households + duplicate_groups:
        desk.add_petitioner(group)
        if group[0].program == "general" and group[0].petitioner is None:
            wants = rng.random() < 0.75
            for slot in group:
                slot.has_supporter = wants
    planter = FraudPlanter(rng=rng, ids=ids, desk=desk)
    planter.plant(households, round(options.requests * options.fraud_share))
    for group in households + duplicate_groups:
        unbacked = [s for s in group if (s.has_declaration or s.has_supporter) and not s.supports]
        if unbacked:
            desk.back_household(unbacked, fresh=bool(unbacked[0].duplicate_of))
        narrate_household(
            rng, group, language=POPULATIONS[group[0].beneficiary.population].language
        )
    consents = _represent(rng, households, accounts, options.requests)
    ordered = sorted(
        (slot for group in households + duplicate_groups for slot in group),
        key=lambda slot: slot.record_id,
    )
    requests, declarations = assemble(ordered, accounts.accounts, seed=options.seed, ids=ids)
    return Dataset(
        options=options,
        accounts=accounts.accounts,
        humans=people.humans,
        requests=requests,
        declarations=declarations,
        rings=planter.rings,
        hard_cases=builder.hard_cases + desk.hard_cases,
        windows=windows,
        consents=consents,
    )


def _windows(registry: Registry, options: GenerationOptions) -> dict[str, list[Window]]:
    unknown = sorted(set(options.programs) - set(registry.programs()))
    if unknown:
        raise ValidationFailed(
            f"Unknown program {', '.join(unknown)}; known programs: "
            f"{', '.join(registry.programs())}."
        )
    windows = {
        program: found
        for program, found in program_windows(
            registry,
            last_filing_on=options.last_filing_on,
            first_filing_on=options.first_filing_on,
        ).items()
        if not options.programs or program in options.programs
    }
    if not windows:
        raise ValidationFailed(f"No chosen program was open on or before {options.last_filing_on}.")
    return windows


def _represent(
    rng: random.Random, households: list[list[Slot]], accounts: AccountBook, total: int
) -> list[tuple[str, str]]:
    """Some households file through an accredited representative they consented to."""
    if not households:
        return []
    offices = [
        accounts.representative(n + 1) for n in range(max(1, total // REQUESTS_PER_REPRESENTATIVE))
    ]
    consents: list[tuple[str, str]] = []
    for group in households:
        if rng.random() >= REPRESENTED_SHARE:
            continue
        office = rng.choice(offices)
        for slot in group:
            slot.representative = office
        pair = (office, group[0].filer)
        if pair not in consents:
            consents.append(pair)
    return consents
