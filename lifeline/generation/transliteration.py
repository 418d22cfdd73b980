"""Romanise Cyrillic names the way passports do, under a primary and a variant scheme."""
# ruff: noqa: RUF001 - names and sentences in Cyrillic and Arabic script are intended.

from __future__ import annotations

import re
from collections.abc import Mapping

# Ukrainian national system (Cabinet of Ministers resolution 55, 2010): the passport standard.
# The second value, where present, applies at the start of a word.
_UK_2010: dict[str, tuple[str, str]] = {
    "а": ("a", "a"),
    "б": ("b", "b"),
    "в": ("v", "v"),
    "г": ("h", "h"),
    "ґ": ("g", "g"),
    "д": ("d", "d"),
    "е": ("e", "e"),
    "є": ("ie", "ye"),
    "ж": ("zh", "zh"),
    "з": ("z", "z"),
    "и": ("y", "y"),
    "і": ("i", "i"),
    "ї": ("i", "yi"),
    "й": ("i", "y"),
    "к": ("k", "k"),
    "л": ("l", "l"),
    "м": ("m", "m"),
    "н": ("n", "n"),
    "о": ("o", "o"),
    "п": ("p", "p"),
    "р": ("r", "r"),
    "с": ("s", "s"),
    "т": ("t", "t"),
    "у": ("u", "u"),
    "ф": ("f", "f"),
    "х": ("kh", "kh"),
    "ц": ("ts", "ts"),
    "ч": ("ch", "ch"),
    "ш": ("sh", "sh"),
    "щ": ("shch", "shch"),
    "ь": ("", ""),
    "ю": ("iu", "yu"),
    "я": ("ia", "ya"),
    "ʼ": ("", ""),
    "'": ("", ""),
    "’": ("", ""),
}
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

# Russian: ICAO Doc 9303 as used in Russian passports since 2013 (Dmitrii, Iuliia).
_RU_ICAO: dict[str, tuple[str, str]] = {
    "а": ("a", "a"),
    "б": ("b", "b"),
    "в": ("v", "v"),
    "г": ("g", "g"),
    "д": ("d", "d"),
    "е": ("e", "e"),
    "ё": ("e", "e"),
    "ж": ("zh", "zh"),
    "з": ("z", "z"),
    "и": ("i", "i"),
    "й": ("i", "i"),
    "к": ("k", "k"),
    "л": ("l", "l"),
    "м": ("m", "m"),
    "н": ("n", "n"),
    "о": ("o", "o"),
    "п": ("p", "p"),
    "р": ("r", "r"),
    "с": ("s", "s"),
    "т": ("t", "t"),
    "у": ("u", "u"),
    "ф": ("f", "f"),
    "х": ("kh", "kh"),
    "ц": ("ts", "ts"),
    "ч": ("ch", "ch"),
    "ш": ("sh", "sh"),
    "щ": ("shch", "shch"),
    "ъ": ("ie", "ie"),
    "ы": ("y", "y"),
    "ь": ("", ""),
    "э": ("e", "e"),
    "ю": ("iu", "iu"),
    "я": ("ia", "ia"),
}
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
