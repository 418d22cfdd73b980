"""Romanise Cyrillic names as passports, foreign documents and library records write them."""
# ruff: noqa: RUF001, RUF003 - names in Cyrillic, Arabic and ISO 9 letters are intended.

from __future__ import annotations

import re
from collections.abc import Mapping

from lifeline.core.romanisation import RUSSIAN_ICAO as _RU_ICAO
from lifeline.core.romanisation import UKRAINIAN_2010 as _UK_2010

# BGN/PCGN 1965, as in many pre-2010 Ukrainian passports: Andriy, Serhiy, Yuriy.
_UK_BGN = {
    **_UK_2010,
    "є": ("ye", "ye"),
    "ї": ("yi", "yi"),
    "й": ("y", "y"),
    "ю": ("yu", "yu"),
    "я": ("ya", "ya"),
}
# Russian-influenced spelling of Ukrainian names, common in older documents: Grigoriy, Sergiy.
_UK_RUSSIAN_STYLE = {**_UK_BGN, "г": ("g", "g"), "и": ("i", "i"), "х": ("kh", "kh")}

# The 1997-2010 Russian passport scheme (Dmitriy, Yuliya).
_RU_1997 = {
    **_RU_ICAO,
    "й": ("y", "y"),
    "ъ": ("", ""),
    "ю": ("yu", "yu"),
    "я": ("ya", "ya"),
    "е": ("e", "ye"),
}

# BGN/PCGN 1947 for Russian, as in English-language atlases and the press (Yevgeniy, Yuliya).
_RU_BGN = {**_RU_1997, "ё": ("ë", "yë"), "ы": ("y", "y"), "э": ("e", "e")}


def _table(letters: str, latin: str) -> dict[str, tuple[str, str]]:
    """A table from letters and space-separated Latin values (`-` for nothing, `x/y` for
    inside a word / at its start)."""
    table = {}
    for letter, value in zip(letters, latin.split(), strict=True):
        inside, _, initial = value.partition("/")
        inside = "" if inside == "-" else inside
        table[letter] = (inside, initial or inside)
    return table


_COMMON = "абдклмнопрстуф"
_COMMON_LATIN = "a b d k l m n o p r s t u f"
# ISO 9:1995, the same letters for Ukrainian and Russian (Ševčenko, Ûrìj, Hmelʹnicʹkij).
_ISO_9 = _table(
    _COMMON + "вгґеєёжзиіїйхцчшщъыьэюяʼ",
    _COMMON_LATIN + " v g g̀ e ê ë ž z i ì ï j h c č š ŝ ʺ y ʹ è û â -",
)
# German (Duden) spellings: Schewtschenko, Juri, Kusnezow.
_UK_GERMAN = _table(
    _COMMON + "вгґеєжзиіїйхцчшщьюяʼ",
    _COMMON_LATIN + " w h g e je sch s y i ji j ch z tsch sch schtsch - ju ja -",
)
_RU_GERMAN = _table(
    _COMMON + "вгеёжзийхцчшщъыьэюя",
    _COMMON_LATIN + " w g e/je jo sch s i j ch z tsch sch schtsch - y - e ju ja",
)
# Polish spellings: Szewczenko, Jurij, Chmielnicki.
_UK_POLISH = _table(
    _COMMON + "вгґеєжзиіїйхцчшщьюяʼ",
    _COMMON_LATIN + " w h g e je ż z y i ji j ch c cz sz szcz - ju ja -",
)
_RU_POLISH = _table(
    _COMMON + "вгеёжзийхцчшщъыьэюя",
    _COMMON_LATIN + " w g e/je jo ż z i j ch c cz sz szcz - y - e ju ja",
)
# French spellings: Chevtchenko, Iouri, Khmelnytsky.
_UK_FRENCH = _table(
    _COMMON + "вгґеєжзиіїйхцчшщьюяʼ",
    _COMMON_LATIN + " v h g e ie j z y i ï ï kh ts tch ch chtch - iou ia -",
) | {"у": ("ou", "ou")}
_RU_FRENCH = _table(
    _COMMON + "вгеёжзийхцчшщъыьэюя",
    _COMMON_LATIN + " v g e io j z i ï kh ts tch ch chtch - y - e iou ia",
) | {"у": ("ou", "ou")}

SCHEMES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "uk_national_2010": _UK_2010,
    "uk_bgn_pcgn": _UK_BGN,
    "uk_russian_style": _UK_RUSSIAN_STYLE,
    "ru_icao_2013": _RU_ICAO,
    "ru_passport_1997": _RU_1997,
    "ru_bgn_pcgn": _RU_BGN,
    "iso_9": _ISO_9,
    "uk_german": _UK_GERMAN,
    "ru_german": _RU_GERMAN,
    "uk_polish": _UK_POLISH,
    "ru_polish": _RU_POLISH,
    "uk_french": _UK_FRENCH,
    "ru_french": _RU_FRENCH,
}
PRIMARY_SCHEME = {"uk": "uk_national_2010", "ru": "ru_icao_2013"}
VARIANT_SCHEMES = {
    "uk": ("uk_bgn_pcgn", "uk_russian_style"),
    "ru": ("ru_passport_1997",),
}
# How German, Polish and French documents and press, and ISO 9 library records, write the same
# names (not passports).
FOREIGN_SCHEMES = {
    "uk": ("uk_german", "uk_polish", "uk_french", "iso_9"),
    "ru": ("ru_german", "ru_polish", "ru_french", "iso_9"),
}
# Schemes that write "зг" as "zgh" so that it is not read back as "zh".
_ZGH_SCHEMES = frozenset({"uk_national_2010", "uk_bgn_pcgn"})
_WORD = re.compile(r"[^\s\-]+")


def _romanise_word(word: str, table: Mapping[str, tuple[str, str]], *, zgh: bool) -> str:
    lower = word.lower()
    if zgh:
        lower = lower.replace("зг", "z\u0000")
    parts = []
    for index, char in enumerate(lower):
        if char == "\u0000":
            parts.append("gh")
            continue
        inside, initial = table.get(char, (char, char))
        parts.append(initial if index == 0 else inside)
    romanised = "".join(parts)
    return romanised[:1].upper() + romanised[1:]


def romanise(name: str, scheme: str) -> str:
    """`name` in Latin letters under `scheme`, word by word, keeping hyphens and spaces."""
    table, zgh = SCHEMES[scheme], scheme in _ZGH_SCHEMES
    return _WORD.sub(lambda match: _romanise_word(match.group(0), table, zgh=zgh), name)
