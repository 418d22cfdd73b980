"""Draw realistic names per population, in original script with passport and variant spellings."""
# ruff: noqa: RUF001 - names and sentences in Cyrillic and Arabic script are intended.

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import cache

from faker.providers.person.en_US import Provider as EnglishNames
from faker.providers.person.es_ES import Provider as SpainNames
from faker.providers.person.es_MX import Provider as MexicoNames
from faker.providers.person.fr_FR import Provider as FrenchNames
from faker.providers.person.ru_RU import Provider as RussianNames
from faker.providers.person.uk_UA import Provider as UkrainianNames

from lifeline.generation import name_lists
from lifeline.generation.transliteration import PRIMARY_SCHEME, VARIANT_SCHEMES, romanise

# Faker's Russian male list is mostly archaic; people born 1940-2020 mostly carry these.
_RUSSIAN_COMMON_MALE = (
    "Александр",
    "Алексей",
    "Андрей",
    "Дмитрий",
    "Сергей",
    "Иван",
    "Михаил",
    "Николай",
    "Владимир",
    "Евгений",
    "Игорь",
    "Павел",
    "Максим",
    "Артём",
    "Денис",
    "Олег",
    "Юрий",
    "Виктор",
    "Роман",
    "Константин",
    "Антон",
    "Вадим",
    "Илья",
    "Кирилл",
    "Никита",
)
_FEMININE_ENDINGS = {
    "uk": (("ий", "а"), ("ин", "ина"), ("ін", "іна"), ("ов", "ова"), ("ев", "ева"), ("єв", "єва")),
    "ru": (
        ("ий", "ая"),
        ("ой", "ая"),
        ("ый", "ая"),
        ("ов", "ова"),
        ("ев", "ева"),
        ("ёв", "ёва"),
        ("ин", "ина"),
        ("ын", "ына"),
    ),
}
SPANISH = frozenset(
    {"cuban", "venezuelan", "nicaraguan", "central_american", "colombian", "ecuadorian"}
)
CYRILLIC = {"ukrainian": "uk", "russian": "ru"}


@dataclass(frozen=True)
class Spelling:
    """One name: its original script (blank for Latin-script names), passport form and variants."""

    native: str
    latin: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Surname:
    """What a family passes on: the base (masculine) form, and a maternal surname in Spanish."""

    population: str
    base: Spelling
    maternal: Spelling | None = None


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _latin(name: str) -> Spelling:
    plain = strip_accents(name)
    return Spelling("", name, (plain,) if plain != name else ())


def _cyrillic(native: str, language: str) -> Spelling:
    latin = romanise(native, PRIMARY_SCHEME[language])
    variants = {romanise(native, scheme) for scheme in VARIANT_SCHEMES[language]} - {latin}
    return Spelling(native, latin, tuple(sorted(variants)))


def _listed(entry: tuple[str, tuple[str, ...]]) -> Spelling:
    native, spellings = entry
    return Spelling(native, spellings[0], spellings[1:])


@cache
def _spanish_given(sex: str) -> tuple[str, ...]:
    if sex == "F":
        pool = {*MexicoNames.first_names_female, *SpainNames.first_names_female}
    else:
        pool = {*MexicoNames.first_names_male, *SpainNames.first_names_male}
    return tuple(sorted(pool))


@cache
def _spanish_surnames() -> tuple[str, ...]:
    return tuple(sorted({*MexicoNames.last_names, *SpainNames.last_names}))


@cache
def _english(attribute: str) -> tuple[str, ...]:
    return tuple(getattr(EnglishNames, attribute))


def draw_given(rng: random.Random, population: str, sex: str) -> Spelling:
    """A given name for someone of `population` and `sex` ("F" or "M")."""
    female = sex == "F"
    if population == "ukrainian":
        pool = UkrainianNames.first_names_female if female else UkrainianNames.first_names_male
        return _cyrillic(rng.choice(pool), "uk")
    if population == "russian":
        if female:
            return _cyrillic(rng.choice(RussianNames.first_names_female), "ru")
        common = rng.random() < 0.8
        return _cyrillic(
            rng.choice(_RUSSIAN_COMMON_MALE if common else RussianNames.first_names_male), "ru"
        )
    if population == "afghan":
        return _listed(
            rng.choice(name_lists.AFGHAN_GIVEN_FEMALE if female else name_lists.AFGHAN_GIVEN_MALE)
        )
    if population == "haitian":
        own = name_lists.HAITIAN_GIVEN_FEMALE if female else name_lists.HAITIAN_GIVEN_MALE
        french = FrenchNames.first_names_female if female else FrenchNames.first_names_male
        return _latin(rng.choice(own if rng.random() < 0.7 else french))
    if population in SPANISH:
        local = name_lists.CARIBBEAN_GIVEN_FEMALE if female else name_lists.CARIBBEAN_GIVEN_MALE
        first = rng.choice(local if rng.random() < 0.25 else _spanish_given(sex))
        if rng.random() < 0.35:  # many carry two given names: "José Manuel"
            first = f"{first} {rng.choice(_spanish_given(sex))}"
        return _latin(first)
    return _latin(rng.choice(_english("first_names_female" if female else "first_names_male")))


def draw_surname(rng: random.Random, population: str) -> Surname:
    if population in CYRILLIC:
        source = UkrainianNames if population == "ukrainian" else RussianNames
        native = rng.choice(source.last_names_male)
        return Surname(population, _cyrillic(native, CYRILLIC[population]))
    if population == "afghan":
        return Surname(population, _listed(rng.choice(name_lists.AFGHAN_FAMILY)))
    if population == "haitian":
        own = rng.random() < 0.7
        return Surname(
            population,
            _latin(rng.choice(name_lists.HAITIAN_FAMILY if own else FrenchNames.last_names)),
        )
    if population in SPANISH:
        surnames = _spanish_surnames()
        return Surname(population, _latin(rng.choice(surnames)), _latin(rng.choice(surnames)))
    return Surname(population, _latin(rng.choice(_english("last_names"))))


def _feminine(native: str, language: str) -> str:
    for ending, replacement in _FEMININE_ENDINGS[language]:
        if native.endswith(ending):
            return native[: -len(ending)] + replacement
    return native


def family_name(surname: Surname, sex: str) -> Spelling:
    """The surname as `sex` carries it: gendered in Slavic languages, double in Spanish."""
    if surname.population in CYRILLIC:
        language = CYRILLIC[surname.population]
        native = surname.base.native
        return _cyrillic(_feminine(native, language) if sex == "F" else native, language)
    if surname.maternal is not None:
        full = f"{surname.base.latin} {surname.maternal.latin}"
        variants = dict.fromkeys((strip_accents(full), surname.base.latin))
        return Spelling("", full, tuple(variant for variant in variants if variant != full))
    return surname.base


def child_surname(father: Surname, mother: Surname) -> Surname:
    """Spanish children take both parents' first surnames; elsewhere the father's surname."""
    if father.maternal is not None and mother.maternal is not None:
        return Surname(father.population, father.base, mother.base)
    return father
