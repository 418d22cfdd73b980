"""Dates, numbers, amounts and country names in the reader's language (CLDR data via Babel)."""
# ruff: noqa: RUF001 - letters in Cyrillic and Arabic script are intended.

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from babel import Locale, dates, numbers
from django.utils.translation import get_language

# Portal language -> CLDR locale. CLDR's Haitian Creole has no month or country names yet, so
# those come from the tables below, then from French (Haiti's other official language).
_CLDR = {"en": "en_US", "fa-af": "fa_AF", "ht": "ht"}
_NAMES_FALLBACK = {"ht": "fr_HT"}
_HAITIAN_MONTHS = (
    "janvye", "fevriye", "mas", "avril", "me", "jen",
    "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
)  # fmt: skip


# Country names in Kreyòl for the countries the programs' lists offer and Haiti's neighbours
# and hosts; any other country falls back to its French name.
HAITIAN_COUNTRIES = {
    "AF": "Afganistan", "AR": "Ajantin", "BE": "Bèljik", "BO": "Bolivi", "BR": "Brezil",
    "BS": "Baamas", "CA": "Kanada", "CH": "Swis", "CL": "Chili", "CN": "Chin", "CO": "Kolonbi",
    "CR": "Kosta Rika", "CU": "Kiba", "DE": "Almay", "DO": "Repiblik Dominikèn",
    "EC": "Ekwatè", "ES": "Espay", "FR": "Frans", "GB": "Wayòm Ini", "GF": "Giyàn",
    "GP": "Gwadloup", "GT": "Gwatemala", "GY": "Giyana", "HN": "Ondiras", "HT": "Ayiti",
    "IN": "End", "IR": "Iran", "IT": "Itali", "JM": "Jamayik", "JP": "Japon", "MD": "Moldavi",
    "MQ": "Matinik", "MX": "Meksik", "NI": "Nikaragwa", "NL": "Peyiba", "PA": "Panama",
    "PE": "Pewou", "PK": "Pakistan", "PL": "Polòy", "PR": "Pòtoriko", "PT": "Pòtigal",
    "PY": "Paragwe", "RO": "Woumani", "RU": "Risi", "SK": "Slovaki", "SN": "Senegal",
    "SR": "Sirinam", "SV": "Salvadò", "TC": "Zile Tik ak Kayik", "TJ": "Tadjikistan",
    "TR": "Tiki", "TT": "Trinidad ak Tobago", "UA": "Ikrèn", "US": "Etazini",
    "UY": "Irigwe", "UZ": "Ouzbekistan", "VE": "Venezyela",
}  # fmt: skip


def _language() -> str:
    return (get_language() or "en").lower()


def cldr_locale(language: str | None = None) -> str:
    language = language or _language()
    return _CLDR.get(language, language.replace("-", "_"))


DATE_PARTS = ("month", "day", "year")  # the memorable date's boxes, in the order they are sent


def date_part_order(language: str | None = None) -> tuple[str, ...]:
    """The order a reader of `language` writes a date in figures: CLDR's short date pattern
    (month first in American English, day first in Ukrainian and Arabic, year first in Dari and
    Pashto). Haitian Creole, whose CLDR data has no pattern of its own, day first as the portal
    writes its dates."""
    language = language or _language()
    if language == "ht":
        return ("day", "month", "year")
    pattern = dates.get_date_format("short", locale=cldr_locale(language)).pattern
    position = {part: pattern.find(part[0] if part != "month" else "M") for part in DATE_PARTS}
    return tuple(sorted(DATE_PARTS, key=lambda part: position[part]))


def format_date_local(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """1 December 2026 as a reader of `language` (default: the current one) writes it.

    Dari and Pashto readers also get the Solar Hijri date Afghanistan uses, in brackets.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    language = language or _language()
    if language == "ht":
        return f"{value.day} {_HAITIAN_MONTHS[value.month - 1]} {value.year}"
    gregorian = dates.format_date(value, "long", locale=cldr_locale(language))
    if language in SOLAR_HIJRI_MONTHS:
        return f"{gregorian} ({format_solar_hijri(value, language)})"
    return gregorian


# The Solar Hijri calendar of Afghanistan: the year starts on 1 Hamal (Nowruz, the March
# equinox); six months of 31 days, five of 30, and Hoot of 29 or 30. Month names as written in
# Afghanistan (the zodiac names in Dari, the Pashto names in Pashto).
SOLAR_HIJRI_MONTHS = {
    "fa-af": (
        "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله",
        "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت",
    ),
    "ps": (
        "وری", "غویی", "غبرګولی", "چنګاښ", "زمری", "وږی",
        "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه", "کب",
    ),
}  # fmt: skip
# Solar Hijri years that start a new run of the 33-year leap cycle (Borkowski's arithmetic,
# which matches the astronomical calendar for every year it is used in).
_CYCLE_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
    1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
)  # fmt: skip


@dataclass(frozen=True)
class SolarHijriDate:
    year: int
    month: int  # 1 = Hamal
    day: int


def nowruz_on(year: int) -> dt.date:
    """The Gregorian day of 1 Hamal of Solar Hijri `year`."""
    if not 1 <= year < _CYCLE_BREAKS[-1]:
        raise ValueError(f"Solar Hijri year {year} is outside 1 to {_CYCLE_BREAKS[-1] - 1}")
    leap_days, start, jump = -14, _CYCLE_BREAKS[0], 0
    for end in _CYCLE_BREAKS[1:]:
        jump = end - start
        if year < end:
            break
        leap_days += jump // 33 * 8 + jump % 33 // 4
        start = end
    elapsed = year - start
    leap_days += elapsed // 33 * 8 + (elapsed % 33 + 3) // 4
    if jump % 33 == 4 and jump - elapsed == 4:
        leap_days += 1
    gregorian_year = year + 621
    gregorian_leap_days = gregorian_year // 4 - (gregorian_year // 100 + 1) * 3 // 4 - 150
    return dt.date(gregorian_year, 3, 20 + leap_days - gregorian_leap_days)


def to_solar_hijri(value: dt.date) -> SolarHijriDate:
    """The Solar Hijri date of a Gregorian day: 2021-08-15 is 24 Asad 1400."""
    year = value.year - 621
    start = nowruz_on(year)
    if value < start:
        year -= 1
        start = nowruz_on(year)
    days = (value - start).days
    if days < 186:
        return SolarHijriDate(year, days // 31 + 1, days % 31 + 1)
    return SolarHijriDate(year, (days - 186) // 30 + 7, (days - 186) % 30 + 1)


def format_solar_hijri(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """24 Asad 1400 in Dari or Pashto month names (Dari names in any other language)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    months = SOLAR_HIJRI_MONTHS.get(language or _language(), SOLAR_HIJRI_MONTHS["fa-af"])
    date = to_solar_hijri(value)
    return f"{date.day} {months[date.month - 1]} {date.year}"


def format_number_local(value: int | float | None, language: str | None = None) -> str:
    if value is None:
        return ""
    return numbers.format_decimal(value, locale=cldr_locale(language))


_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_GROUPING = ("\u066c",)  # the Arabic thousands separator, whatever the page language
# Whole dollars grouped by threes with "," or "." ("86,000", "86.000", "1,250,000"): the way
# amounts in U.S. dollars are written, whatever the page language's own separator.
_GROUPED_BY_THREES = re.compile(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*")


def parse_whole_number_local(text: str, language: str | None = None) -> int | None:
    """A whole number as a reader of `language` types it: "62,000", "62 000", "$62,000" and
    Arabic-Indic digits are 62000 in English, and "62,000" is 62000 in Spanish and French too;
    None when the text is not one (e.g. "62,5")."""
    digits = "".join(
        str(unicodedata.decimal(char)) if unicodedata.decimal(char, None) is not None else char
        for char in text.strip().lstrip("$").rstrip("$")
    )
    digits = _SPACES.sub("", digits)
    if _GROUPED_BY_THREES.fullmatch(digits):
        return int(digits.replace(",", "").replace(".", ""))
    for symbol in (numbers.get_group_symbol(cldr_locale(language)), *_GROUPING):
        digits = digits.replace(symbol, "")
    return int(digits) if digits.isascii() and digits.isdigit() else None


def format_usd_local(value: int | None, language: str | None = None) -> str:
    """A whole-dollar amount, e.g. $86,000 or 86 000 $US."""
    if value is None:
        return ""
    locale = Locale.parse(cldr_locale(language))
    pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    return numbers.format_currency(
        value, "USD", format=pattern, locale=locale, currency_digits=False
    )


@cache
def _territories(language: str) -> dict[str, str]:
    locale = Locale.parse(_NAMES_FALLBACK.get(language, cldr_locale(language)))
    return dict(locale.territories)


def country_choices(codes: list[str], language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the reader's alphabet."""
    language = language or _language()
    names = _territories(language)
    if language == "ht":
        names = {**names, **HAITIAN_COUNTRIES}
    key = sort_key(language)
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda p: key(p[1]))


# Alphabetical order per language, for lists (there is no collation library in the lock). Each
# alphabet lists its letters in order; a letter's variants (hamza forms, Arabic kaf and yeh,
# Cyrillic ё) sort as the letter. Latin letters sort with their diacritics folded away, except
# Spanish ñ, a letter of its own after n.
_ALPHABETS = {
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "fa-af": "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
    "ps": "آابپتټثجځچڅحخدډذرړزژږسشښصضطظعغفقکګلمنڼوهيېیۍئ",
}
_VARIANTS = {
    "ru": {"ё": "е"},
    "ar": {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"},
    "fa-af": {
        "أ": "ا", "إ": "ا", "ٱ": "ا", "ة": "ه", "ۀ": "ه", "ك": "ک", "ي": "ی", "ى": "ی",
        "ئ": "ی", "ؤ": "و", "ګ": "گ",
    },
    "ps": {"أ": "ا", "إ": "ا", "ٱ": "ا", "ة": "ه", "ۀ": "ه", "ك": "ک", "گ": "ګ", "ى": "ی"},
}  # fmt: skip
_LATIN_FOLDS = {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}
_SEPARATORS = frozenset(" -\u2010\u2011")
_IGNORED = frozenset("'\u2019\u02bc\u0621")  # apostrophes, a lone hamza


def _weights(language: str) -> dict[str, int]:
    letters = _ALPHABETS.get(language, "abcdefghijklmnopqrstuvwxyz")
    weights = {letter: 100 + 10 * place for place, letter in enumerate(letters)}
    for variant, letter in _VARIANTS.get(language, {}).items():
        weights.setdefault(variant, weights[letter])
    if language == "es":
        weights["ñ"] = weights["n"] + 5
    return weights


def _fold_latin(text: str) -> str:
    folded = unicodedata.normalize("NFD", text)
    return "".join(_LATIN_FOLDS.get(c, c) for c in folded if not unicodedata.combining(c))


@cache
def sort_key(language: str) -> Callable[[str], tuple[tuple[int, ...], str]]:
    """A key that sorts words of `language` in its alphabetical order.

    Letters weigh by their place in the alphabet; word breaks come before any letter; marks
    (vowel signs, apostrophes, zero-width joiners) are ignored; letters of other scripts sort
    after the alphabet. Ties (case, diacritics) are broken by the text itself.
    """
    weights = _weights(language)
    latin = language not in _ALPHABETS

    def key(text: str) -> tuple[tuple[int, ...], str]:
        lowered = unicodedata.normalize("NFC", text.casefold())
        primary: list[int] = []
        for char in lowered:
            if char == "ñ" and language == "es":
                primary.append(weights["ñ"])
                continue
            for letter in _fold_latin(char) if latin or char.isascii() else char:
                if letter in weights:
                    primary.append(weights[letter])
                elif letter in _SEPARATORS:
                    primary.append(1)
                elif letter.isdigit():
                    primary.append(10 + unicodedata.digit(letter, 0))
                elif letter.isalpha() and letter not in _IGNORED:
                    primary.append(100_000 + ord(letter))
        return tuple(primary), text

    return key
