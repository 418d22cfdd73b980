"""Rules a stored flag can cite: the engine's registry plus over-pledging, with sign-off needs."""

from __future__ import annotations

from lifeline.integrity.identity.linkage_settings import MODEL_NAME
from lifeline.integrity.rings.policy import POLICY_VERSION, RingPolicy
from lifeline.integrity.rings.rules import RULES, Rule

OVER_PLEDGED = Rule(
    "OVER_PLEDGED",
    "The supporter's declared income is below the HHS poverty guideline for their household "
    "plus every beneficiary they have pledged for.",
    0.3,
)
FLAG_RULES: dict[str, Rule] = {**RULES, OVER_PLEDGED.code: OVER_PLEDGED}
# An open flag asks for a supervisor's sign-off on an approval (policy
# `approval_with_open_integrity_flag`), except under these rules, which inform the officer
# only: over-pledging is about the support's adequacy, which the officer weighs, not fraud.
INFORMATIONAL_RULES: frozenset[str] = frozenset({OVER_PLEDGED.code})
DEFAULT_POLICY = RingPolicy()


def describe(code: str) -> str:
    """The plain-language description of a rule code (the code itself when unknown)."""
    rule = FLAG_RULES.get(code)
    return rule.description if rule else code


def requires_supervisor_signoff(code: str) -> bool:
    return code not in INFORMATIONAL_RULES


def version_label(policy: RingPolicy = DEFAULT_POLICY) -> str:
    """The model and policy versions a flag was computed with, e.g. `person-linkage-v2; rings-v1
    N=20`."""
    return f"{MODEL_NAME}; {POLICY_VERSION} N={policy.serial_sponsor_forms}"
