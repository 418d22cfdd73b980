"""Dates, numbers, amounts and country names in the reader's language (CLDR data via Babel)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale, dates, numbers
from django.utils.translation import get_language

# Portal language -> CLDR locale. CLDR's Haitian Creole has no month or country names yet, so
# those come from the table below and from French (Haiti's other official language).
_CLDR = {"en": "en_US", "fa-af": "fa_AF", "ht": "ht"}
_NAMES_FALLBACK = {"ht": "fr_HT"}
_HAITIAN_MONTHS = (
    "janvye", "fevriye", "mas", "avril", "me", "jen",
    "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
)  # fmt: skip


def _language() -> str:
    return (get_language() or "en").lower()


def cldr_locale(language: str | None = None) -> str:
    language = language or _language()
    return _CLDR.get(language, language.replace("-", "_"))


def format_date_local(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """1 December 2026 as a reader of `language` (default: the current one) writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    language = language or _language()
    if language == "ht":
        return f"{value.day} {_HAITIAN_MONTHS[value.month - 1]} {value.year}"
    return dates.format_date(value, "long", locale=cldr_locale(language))


def format_number_local(value: int | float | None, language: str | None = None) -> str:
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


@cache
def _territories(language: str) -> dict[str, str]:
    locale = Locale.parse(_NAMES_FALLBACK.get(language, cldr_locale(language)))
    return dict(locale.territories)


def country_choices(codes: list[str], language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the reader's language."""
    names = _territories(language or _language())
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda pair: pair[1])
