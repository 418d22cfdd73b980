"""Amounts as the reader types them, and country names in the reader's language and alphabet
(CLDR data via Babel). Dates and amounts written for a reader are lifeline.core.local_formats."""
# ruff: noqa: RUF001 - letters in Cyrillic and Arabic script are intended.

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from babel import Locale, numbers

from lifeline.core.local_formats import cldr_locale, language_now

# CLDR's Haitian Creole has no country names yet, so those come from the table below, then
# from French (Haiti's other official language).
_NAMES_FALLBACK = {"ht": "fr_HT"}
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


@cache
def _territories(language: str) -> dict[str, str]:
    locale = Locale.parse(_NAMES_FALLBACK.get(language, cldr_locale(language)))
    return dict(locale.territories)


def country_choices(codes: list[str], language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the reader's alphabet."""
    language = language or language_now()
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
