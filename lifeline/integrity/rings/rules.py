"""Named integrity rules: codes, plain-language descriptions and evidence strengths."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule a flag can cite; `base` is the strength of one piece of its evidence."""

    code: str
    description: str
    base: float


RULES = {
    rule.code: rule
    for rule in (
        Rule("SERIAL_SPONSOR", "One supporter (after resolving spellings) is on many forms.", 0.6),
        Rule("SSN_MULTIPLE_NAMES", "One Social Security number is used under several names.", 0.7),
        Rule("SSN_INVALID", "The Social Security number has a never-issued structure.", 0.4),
        Rule("SHARED_PHONE", "One phone number is used by many unrelated supporters.", 0.6),
        Rule("SHARED_ADDRESS", "One address (to the unit) is used by many unrelated supporters."
        , 0.5),
        Rule("SHARED_EMAIL", "One e-mail address is used by several unrelated supporters.", 0.6),
        Rule("SHARED_IP", "One IP address filed for many unrelated supporters.", 0.5),
        Rule("SHARED_BANK_ACCOUNT", "One bank account is declared by unrelated supporters.", 0.8),
        Rule("NARRATIVE_REUSED", "The same or nearly the same answer is on other supporters' forms."
        , 0.5),
    )
}  # fmt: skip
RULE_FOR_KIND = {
    "phone": "SHARED_PHONE",
    "address": "SHARED_ADDRESS",
    "email": "SHARED_EMAIL",
    "ip": "SHARED_IP",
    "bank_account": "SHARED_BANK_ACCOUNT",
    "narrative": "NARRATIVE_REUSED",
    "ssn": "SSN_MULTIPLE_NAMES",
}


def evidence_strength(code: str, *, count: int, threshold: int) -> float:
    """Strength in [0, 1) of one signal: the rule's base at its threshold, rising with count
    (a phone shared by 200 households is stronger evidence than one shared by 5)."""
    base = RULES[code].base
    ratio = max(1.0, count / max(1, threshold))
    return min(0.99, 1 - float((1 - base) ** ratio))  # float ** float is typed Any


def combine(strengths: list[float]) -> float:
    """Noisy-or of independent pieces of evidence, in [0, 1]."""
    remaining = 1.0
    for strength in strengths:
        remaining *= 1 - strength
    return round(1 - remaining, 4)
