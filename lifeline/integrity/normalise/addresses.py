"""U.S. addresses to building and unit keys (USPS abbreviations; usaddress for hard cases)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import usaddress

_SUFFIXES = {
    "STREET": "ST", "STR": "ST", "AVENUE": "AVE", "AV": "AVE", "AVN": "AVE", "ROAD": "RD",
    "DRIVE": "DR", "DRV": "DR", "BOULEVARD": "BLVD", "BOUL": "BLVD", "LANE": "LN",
    "COURT": "CT", "PLACE": "PL", "TERRACE": "TER", "CIRCLE": "CIR", "PARKWAY": "PKWY",
    "HIGHWAY": "HWY", "SQUARE": "SQ", "TRAIL": "TRL", "PIKE": "PIKE", "ALLEY": "ALY",
    "EXPRESSWAY": "EXPY", "FREEWAY": "FWY", "TURNPIKE": "TPKE", "CRESCENT": "CRES",
}  # fmt: skip
_DIRECTIONS = {
    "NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W",
    "NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
}  # fmt: skip
_DIRECTIONS |= {short: short for short in set(_DIRECTIONS.values())}
_UNIT_WORDS = {
    "APT", "APARTMENT", "UNIT", "STE", "SUITE", "#", "NO", "FL", "FLOOR", "RM", "ROOM",
    "BLDG", "LOT", "SPC", "SPACE", "TRLR", "DEPT",
}  # fmt: skip
_ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\s*$")
_PO_BOX = re.compile(r"^P\s*O\s*BOX\s+(\w+)")
_STATE = re.compile(r"\s+[A-Z]{2}$")
_NOT_ADDRESS_CHARS = re.compile(r"[^A-Z0-9# -]")


@dataclass(frozen=True, slots=True)
class AddressKeys:
    """One address as a building key (street address and ZIP or city) and a unit key."""

    building: str
    unit: str


def _clean(text: str) -> str:
    text = text.upper().replace("#", " # ")
    return " ".join(_NOT_ADDRESS_CHARS.sub(" ", text).split())


def _standard_street(words: list[str]) -> str:
    out = []
    for index, word in enumerate(words):
        if word in _DIRECTIONS and (index == 0 or index == len(words) - 1):
            out.append(_DIRECTIONS[word])
        elif index == len(words) - 1 or (index == len(words) - 2 and words[-1] in _DIRECTIONS):
            out.append(_SUFFIXES.get(word, word))
        else:
            out.append(word)
    return " ".join(out)


def _split_unit(words: list[str]) -> tuple[list[str], str]:
    for index, word in enumerate(words[1:], start=1):
        if word in _UNIT_WORDS:
            unit = "".join(w for w in words[index + 1 :] if w not in _UNIT_WORDS)
            return words[:index], unit
    return words, ""


def _fast_parse(street_line: str) -> tuple[str, str] | None:
    words = _clean(street_line).split()
    if len(words) < 2 or not words[0][0].isdigit():
        return None
    street, unit = _split_unit(words)
    return f"{street[0]} {_standard_street(street[1:])}", unit


def _usaddress_parse(text: str) -> tuple[str, str, str] | None:
    try:
        tagged, _ = usaddress.tag(text)
    except usaddress.RepeatedLabelError:
        return None
    if "AddressNumber" not in tagged or "StreetName" not in tagged:
        return None
    parts = [tagged.get(label, "") for label in (
        "StreetNamePreDirectional", "StreetName", "StreetNamePostType", "StreetNamePostDirectional"
    )]  # fmt: skip
    street = _standard_street(_clean(" ".join(p for p in parts if p)).split())
    unit = _clean(tagged.get("OccupancyIdentifier", "")).replace(" ", "").replace("#", "")
    place = _clean(tagged.get("ZipCode", "")[:5] or tagged.get("PlaceName", ""))
    return f"{_clean(tagged['AddressNumber'])} {street}", unit, place


@lru_cache(maxsize=10_000)
def _clean_place(city: str | None, postcode: str | None) -> str:
    return _clean(f"{city or ''} {postcode or ''}")  # few distinct places: cached


@lru_cache(maxsize=500_000)
def address_keys(
    raw: str | None, city: str | None = None, postcode: str | None = None
) -> AddressKeys | None:
    """Building and unit keys; a street line with a ZIP (or city) is needed for a key."""
    if raw is None or not str(raw).strip():
        return None
    text = _clean(str(raw))
    extra = _clean_place(city, postcode)
    zip_match = _ZIP.search(f"{text} {extra}".strip())
    po_box = _PO_BOX.match(text)
    if po_box:
        place = zip_match.group(1) if zip_match else extra
        key = f"PO BOX {po_box.group(1)}|{place}"
        return AddressKeys(building=key, unit=key)
    street_line = str(raw).split(",")[0]
    fast = _fast_parse(street_line) if "," in str(raw) or extra else None
    if fast is not None:
        street, unit = fast
        place = zip_match.group(1) if zip_match else _city_from(str(raw), city)
    else:
        parsed = _usaddress_parse(f"{raw} {city or ''} {postcode or ''}".strip())
        if parsed is None:
            return None
        street, unit, place = parsed
    if not place:
        return None
    building = f"{street}|{place}"
    return AddressKeys(building=building, unit=f"{building}|{unit}" if unit else building)


def _city_from(raw: str, city: str | None) -> str:
    if city:
        return _clean(city)
    parts = raw.split(",")
    return _STATE.sub("", _clean(parts[1])) if len(parts) > 1 else ""
