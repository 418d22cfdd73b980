"""Social Security number structure checks and keyed hashes for bank accounts and other secrets."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

# Numbers never issued or widely published, rejected on sight.
_KNOWN_BAD_SSNS = {"123456789", "078051120", "219099999"}

_NOT_DIGIT = re.compile(r"\D")


@dataclass(frozen=True, slots=True)
class SsnCheck:
    """A Social Security number reduced to nine digits and the structural rules it breaks."""

    digits: str | None
    problems: tuple[str, ...]

    @property
    def is_valid_structure(self) -> bool:
        return self.digits is not None and not self.problems


def check_ssn(raw: str | None) -> SsnCheck:
    """Area 000, 666 or 900-999, group 00 and serial 0000 are never issued."""
    if raw is None or not str(raw).strip():
        return SsnCheck(digits=None, problems=())
    digits = _NOT_DIGIT.sub("", str(raw))
    if len(digits) != 9:
        return SsnCheck(digits=None, problems=("not_nine_digits",))
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    problems = []
    if area == "000" or area == "666" or area >= "900":
        problems.append("area_never_issued")
    if group == "00":
        problems.append("group_00")
    if serial == "0000":
        problems.append("serial_0000")
    if digits in _KNOWN_BAD_SSNS or len(set(digits)) == 1:
        problems.append("placeholder")
    return SsnCheck(digits=digits, problems=tuple(problems))


def hash_identifier(value: str | None, *, key: bytes) -> str | None:
    """HMAC-SHA256 of the value with spaces removed and letters upper-cased; None when blank."""
    if value is None:
        return None
    normalised = "".join(str(value).split()).upper()
    if not normalised:
        return None
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


def normalise_bank_account(raw: str | None) -> str | None:
    """Routing and account digits only (letters kept for IBAN-like values), None when blank."""
    if raw is None:
        return None
    text = re.sub(r"[^0-9A-Za-z]", "", str(raw)).upper()
    if not text or set(text) <= {"0"}:
        return None
    return text
