"""Romanise Cyrillic names the way passports do, under a primary and a variant scheme."""
# ruff: noqa: RUF001 - names and sentences in Cyrillic and Arabic script are intended.

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

SCHEMES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "uk_national_2010": _UK_2010,
    "uk_bgn_pcgn": _UK_BGN,
    "uk_russian_style": _UK_RUSSIAN_STYLE,
    "ru_icao_2013": _RU_ICAO,
    "ru_passport_1997": _RU_1997,
}
PRIMARY_SCHEME = {"uk": "uk_national_2010", "ru": "ru_icao_2013"}
VARIANT_SCHEMES = {
    "uk": ("uk_bgn_pcgn", "uk_russian_style"),
    "ru": ("ru_passport_1997",),
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
