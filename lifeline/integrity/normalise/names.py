"""Names in any script to romanised, folded and consonant-skeleton keys, with nickname groups."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from pathlib import Path

from anyascii import anyascii
from nicknames import NickNamer

from lifeline.core.romanisation import RUSSIAN_ICAO, UKRAINIAN_2010

_DATA = Path(__file__).resolve().parent.parent / "data"

_UKRAINIAN_LETTERS = set("іїєґ")
# Arabic letters that a plain fallback drops but that carry a vowel in common romanisations.
_ARABIC_HINTS = {"ع": "a", "ة": "a", "ء": "", "ى": "a"}
_PARTICLES = {"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "das", "di"}
_PARTICLES |= {"van", "von", "der", "den", "al", "el", "bin", "ibn", "bint", "ben"}
_FOLDS = [
    ("tsch", "c"), ("sch", "s"), ("tch", "c"), ("szcz", "sc"), ("shch", "sc"), ("kh", "h"),
    ("zh", "z"), ("sh", "s"), ("ch", "c"),
    ("ts", "c"), ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"), ("th", "t"), ("gh", "g"),
    ("ck", "k"), ("q", "k"), ("x", "ks"), ("w", "v"),
    ("yu", "u"), ("iu", "u"), ("ju", "u"), ("ya", "a"), ("ia", "a"), ("ja", "a"),
    ("ye", "e"), ("ie", "e"), ("je", "e"), ("yo", "o"), ("jo", "o"), ("yi", "i"),
    ("y", "i"), ("j", "i"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("h", "g"),
]  # fmt: skip
_DOUBLES = re.compile(r"(.)\1+")
# How German, Polish and French write Ukrainian and Russian names (Schewtschenko, Szewczenko,
# Chevtchenko), and how ALA-LC and English write Arabic ones (Fāṭimah, Fatima), read back into
# the English-style spelling that `fold` expects. A Latin name gets a key under each reading.
_READINGS = {
    "german": {"tsch": "ch", "sch": "sh", "ch": "kh", "z": "ts"},
    "german_voiced_s": {"tsch": "ch", "sch": "sh", "ch": "kh", "z": "ts", "ss": "s", "s": "z"},
    "polish": {"szcz": "shch", "sz": "sh", "cz": "ch", "ch": "kh", "rz": "zh"},
    "french": {"tch": "ch", "ch": "sh", "j": "zh", "ou": "u"},
}
_READING_PATTERNS = [
    (re.compile("|".join(sorted(table, key=len, reverse=True))), table)
    for table in _READINGS.values()
]
_ARABIC_READINGS = [(re.compile(r"ah\b"), "a"), (re.compile(r"\babd(?:u|e|a|o)l ?"), "abd ")]
_NON_LETTERS = re.compile(r"[^a-z ]+")


@dataclass(frozen=True, slots=True)
class NameKeys:
    """Comparable forms of one name: romanised text, tokens, folded key and skeleton."""

    romanised: str
    tokens: tuple[str, ...]
    key: str
    skeleton: str
    readings: tuple[str, ...] = ()  # the key under each romanisation convention (with `key`)


def _transliterate_cyrillic(text: str) -> str:
    table = UKRAINIAN_2010 if _UKRAINIAN_LETTERS & set(text.lower()) else RUSSIAN_ICAO
    out: list[str] = []
    at_word_start = True
    for char in text:
        lower = char.lower()
        value = table.get(lower)
        if value is None:
            out.append(char)
            at_word_start = not char.isalpha()
            continue
        inside, initial = value
        latin = initial if at_word_start else inside
        out.append(latin.capitalize() if char.isupper() and not out else latin)
        at_word_start = False
    return "".join(out)


def romanise(text: str) -> str:
    """Latin lower-case ASCII for a name in Latin, Cyrillic, Arabic or other scripts."""
    text = unicodedata.normalize("NFC", text.strip())
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        text = _transliterate_cyrillic(text)
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        text = "".join(_ARABIC_HINTS.get(ch, ch) for ch in text)
    ascii_text = anyascii(text).lower().replace("-", " ")
    return " ".join(_NON_LETTERS.sub("", ascii_text).split())


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Collapse romanisation differences (kh/h, ya/ia/ja, y/i, doubled letters) into one key."""
    folded = text.replace(" ", "")
    for old, new in _FOLDS:
        folded = folded.replace(old, new)
    return _DOUBLES.sub(r"\1", folded)


def skeleton(folded: str) -> str:
    """Consonants only, so 'mohammed', 'muhammad' and Arabic 'mhmd' share one key."""
    return _DOUBLES.sub(r"\1", re.sub(r"[aeiou]", "", folded))


def _folded_tokens(romanised: str) -> tuple[str, ...]:
    return tuple(fold(t) for t in romanised.split() if t not in _PARTICLES) or (fold(romanised),)


def _replace(table: dict[str, str], match: re.Match[str]) -> str:
    return table[match.group(0)]


def _reading_keys(romanised: str) -> set[str]:
    """The key of a Latin name read under each other convention (German, Polish, French,
    ALA-LC / English Arabic endings)."""
    keys = set()
    for pattern, table in _READING_PATTERNS:
        read = pattern.sub(partial(_replace, table), romanised)
        keys.add("".join(_folded_tokens(read)))
    arabic = romanised
    for pattern, replacement in _ARABIC_READINGS:
        arabic = pattern.sub(replacement, arabic)
    keys.add("".join(_folded_tokens(arabic)))
    return keys


@lru_cache(maxsize=500_000)
def name_keys(raw: str | None) -> NameKeys | None:
    """All comparable forms of a name; particles (de, van, al...) are dropped from tokens."""
    if not raw or not raw.strip():
        return None
    romanised = romanise(raw)
    if not romanised:
        return None
    tokens = _folded_tokens(romanised)
    key = "".join(tokens)
    latin = raw.isascii() or not any(
        "\u0400" <= ch <= "\u04ff" or "\u0600" <= ch <= "\u06ff" for ch in raw
    )
    readings = {key} | (_reading_keys(romanised) if latin else set())
    return NameKeys(
        romanised=romanised,
        tokens=tokens,
        key=key,
        skeleton=skeleton(key),
        readings=tuple(sorted(readings)),
    )


@cache
def _equivalence_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    with (_DATA / "name_equivalents.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(line for line in handle if not line.startswith("#")):
            members = {name_keys(name).key for name in row if name_keys(name)}  # type: ignore[union-attr]
            label = sorted(members)[0]
            for member in members:
                groups.setdefault(member, set()).add(label)
    return {member: frozenset(labels) for member, labels in groups.items()}


@cache
def _nicknamer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=200_000)
def given_name_groups(raw: str | None) -> tuple[str, ...]:
    """Labels shared by nicknames and cross-language forms (Sasha, Oleksandr, Alexander)."""
    keys = name_keys(raw)
    if keys is None:
        return ()
    words = [w for w in keys.romanised.split() if w not in _PARTICLES] or [keys.romanised]
    labels = {keys.key, fold(words[0])}
    for word in {words[0], "".join(words)}:
        labels |= {fold(c) for c in _nicknamer().canonicals_of(word)}
    for label in list(labels):
        labels |= _equivalence_groups().get(label, frozenset())
    return tuple(sorted(labels))
