"""Dates, numbers and dollar amounts as a reader of each portal language writes them (CLDR
data via Babel), for pages, notices and messages alike. Machine formats (CSV, JSON, ICS, the
audit trail) stay ISO 8601 and never pass through here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale, dates, numbers
from django.utils.translation import get_language

# Portal language -> CLDR locale. CLDR's Haitian Creole has no month names yet, so those come
# from the table below.
_CLDR = {"en": "en_US", "fa-af": "fa_AF", "ht": "ht"}
_HAITIAN_MONTHS = (
    "janvye", "fevriye", "mas", "avril", "me", "jen",
    "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
)  # fmt: skip


def language_now() -> str:
    """The active language, lower case (en when none is)."""
    return (get_language() or "en").lower()


def cldr_locale(language: str | None = None) -> str:
    """The CLDR locale Babel reads for a portal language: fa-af is fa_AF, en is en_US."""
    language = language or language_now()
    return _CLDR.get(language, language.replace("-", "_"))


def format_date_local(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """1 December 2026 as a reader of `language` (default: the current one) writes it.

    Dari and Pashto readers also get the Solar Hijri date Afghanistan uses, in brackets.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    language = language or language_now()
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
    months = SOLAR_HIJRI_MONTHS.get(language or language_now(), SOLAR_HIJRI_MONTHS["fa-af"])
    date = to_solar_hijri(value)
    return f"{date.day} {months[date.month - 1]} {date.year}"


def format_number_local(value: int | float | None, language: str | None = None) -> str:
    """A number grouped and pointed the reader's way: 1,250.5 in English, 1 250,5 in French."""
    if value is None:
        return ""
    return numbers.format_decimal(value, locale=cldr_locale(language))


def format_usd_local(value: int | None, language: str | None = None) -> str:
    """A whole-dollar amount, e.g. $86,000 or 86 000 $US."""
    if value is None:
        return ""
    locale = Locale.parse(cldr_locale(language))
    pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    return numbers.format_currency(
        value, "USD", format=pattern, locale=locale, currency_digits=False
    )


# CLDR's Haitian Creole has no date patterns of its own yet (its short date is the root's ISO
# y-MM-dd); Haitians write the day first, as in French.
_FIELD_ORDER = {"ht": ("day", "month", "year")}
_FIELD_LETTERS = {"d": "day", "M": "month", "L": "month", "y": "year"}


def date_field_order(language: str | None = None) -> tuple[str, ...]:
    """The order a reader of `language` writes a date in figures: ("day", "month", "year") in
    Ukrainian or Arabic, month first in U.S. English, year first in Dari and Pashto (y/M/d)."""
    language = language or language_now()
    if language in _FIELD_ORDER:
        return _FIELD_ORDER[language]
    pattern = dates.get_date_format("short", locale=cldr_locale(language)).pattern
    order: list[str] = []
    for letter in pattern:
        part = _FIELD_LETTERS.get(letter)
        if part and part not in order:
            order.append(part)
    return tuple(order) if len(order) == 3 else ("day", "month", "year")
