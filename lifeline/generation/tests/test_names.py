"""Romanisation schemes, gendered and double surnames, and the windows read from policy files."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from lifeline.generation.names import Spelling, Surname, child_surname, draw_surname, family_name
from lifeline.generation.transliteration import romanise
from lifeline.generation.windows import program_windows
from lifeline.programs.registry import get_registry


@pytest.mark.parametrize(
    ("native", "scheme", "latin"),
    [
        ("Андрій", "uk_national_2010", "Andrii"),
        ("Андрій", "uk_bgn_pcgn", "Andriy"),
        ("Сергій", "uk_russian_style", "Sergiy"),
        ("Згурський", "uk_national_2010", "Zghurskyi"),
        ("Юлія", "uk_national_2010", "Yuliia"),
        ("Єфименко", "uk_national_2010", "Yefymenko"),
        ("Григорій", "uk_national_2010", "Hryhorii"),
        ("Ганна-Марія", "uk_national_2010", "Hanna-Mariia"),
        ("Дмитрий", "ru_icao_2013", "Dmitrii"),
        ("Дмитрий", "ru_passport_1997", "Dmitriy"),
        ("Юлия", "ru_icao_2013", "Iuliia"),
        ("Евгений", "ru_passport_1997", "Yevgeniy"),
        ("Подъячев", "ru_icao_2013", "Podieiachev"),
        ("Шевченко", "uk_german", "Schewtschenko"),
        ("Шевченко", "uk_polish", "Szewczenko"),
        ("Шевченко", "uk_french", "Chevtchenko"),
        ("Шевченко", "iso_9", "Ševčenko"),
        ("Юрій", "uk_french", "Iouriï"),
        ("Кузнецов", "ru_german", "Kusnezow"),
        ("Евгений", "ru_german", "Jewgenij"),
        ("Евгений", "ru_bgn_pcgn", "Yevgeniy"),
        ("Щербина", "uk_polish", "Szczerbyna"),
    ],
)
def test_names_are_romanised_as_each_scheme_writes_them(
    native: str, scheme: str, latin: str
) -> None:
    assert romanise(native, scheme) == latin


@pytest.mark.parametrize(
    ("population", "base", "feminine"),
    [
        ("ukrainian", "Ковальський", "Ковальська"),
        ("ukrainian", "Шевченко", "Шевченко"),
        ("russian", "Горшков", "Горшкова"),
        ("russian", "Толстой", "Толстая"),
    ],
)
def test_slavic_surnames_take_the_feminine_form_for_women(
    population: str, base: str, feminine: str
) -> None:
    surname = Surname(population, Spelling(base, base))
    assert family_name(surname, "F").native == feminine
    assert family_name(surname, "M").native == base


def test_spanish_children_take_both_parents_first_surnames() -> None:
    rng = random.Random(3)
    father, mother = draw_surname(rng, "cuban"), draw_surname(rng, "cuban")
    child = family_name(child_surname(father, mother), "F").latin
    assert child == f"{father.base.latin} {mother.base.latin}"
    assert father.base.latin in family_name(father, "M").variants


def test_u4u_windows_follow_the_policy_versions() -> None:
    windows = program_windows(get_registry(), last_filing_on=dt.date(2026, 11, 1))["u4u"]
    initial = [w for w in windows if w.kind == "initial"]
    reparole = [w for w in windows if w.kind == "reparole"]
    assert initial[0].from_on == dt.date(2022, 4, 25)
    assert initial[-1].until_on == dt.date(2025, 1, 27)
    assert reparole[0].from_on == dt.date(2024, 2, 27)
    assert reparole[-1].until_on == dt.date(2026, 11, 1)


def test_a_pause_of_travel_authorizations_leaves_filings_open() -> None:
    # August 2024: CHNV travel authorizations were paused while supporter declarations were
    # still received (the program's intake stays open), so filings run without a gap from the
    # first day of Form I-134A to the day before its pause of 28 January 2025; the version of
    # 28 April 2023 (the interdiction-at-sea bar) starts a window the day after the first ends.
    windows = program_windows(get_registry(), last_filing_on=dt.date(2026, 11, 1))["chnv_cuba"]
    assert [(w.from_on, w.until_on) for w in windows] == [
        (dt.date(2023, 1, 6), dt.date(2023, 4, 27)),
        (dt.date(2023, 4, 28), dt.date(2025, 1, 27)),
    ]
