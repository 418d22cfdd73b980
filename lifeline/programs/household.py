"""The household of a request: one document per person, and the rules that span the family."""

from __future__ import annotations

from lifeline.programs.documents import Companion, NoCompanion, RequestDocument
from lifeline.programs.facts import ADULT_AGE_YEARS, age_in_years
from lifeline.programs.policy import ProgramVersionPolicy
from lifeline.programs.results import RuleRun

_PARENTS = frozenset({"parent", "legal_guardian"})


def people(document: RequestDocument) -> list[tuple[str, RequestDocument]]:
    """(`principal` or `household[i]`, that person's own document), the request's person first."""
    members = [("principal", document.model_copy(update={"household": []}))]
    for index, member in enumerate(document.household):
        companion = member.travelling_with
        travels_with_parent = member.relationship == "child" and member.travelling_with_principal
        if companion is None and travels_with_parent:
            companion = Companion(relationship="parent", person=document.beneficiary)
        members.append(
            (
                f"household[{index}]",
                document.model_copy(
                    update={
                        "household": [],
                        "beneficiary": member.person,
                        "relationship_to_principal": member.relationship,
                        "principal": document.beneficiary,
                        "travelling_with_principal": member.travelling_with_principal,
                        "travelling_with": companion,
                        "immigration_history": member.immigration_history,
                        "attestations": member.attestations,
                        "requested_duration_days": (
                            member.requested_duration_days or document.requested_duration_days
                        ),
                    }
                ),
            )
        )
    return members


def minor_travel(version: ProgramVersionPolicy, document: RequestDocument) -> RuleRun:
    """A child under 18 on the postmark date travels with a parent or legal guardian."""
    rule_id = "minor_travels_with_parent_or_guardian"
    source = version.sources[0]
    age = age_in_years(document.beneficiary.birth_date, document.postmarked_on)
    if age >= ADULT_AGE_YEARS or document.kind == "reparole":
        text = "Applies to a child under 18 travelling to the United States."
        return RuleRun(rule_id, "not_applicable", text, source, "not_eligible", None)
    companion = document.travelling_with
    if companion is None:
        text = (
            f"The beneficiary is {age} on the postmark date and must travel with a parent or "
            "legal guardian; the request does not say whom they travel with."
        )
        return RuleRun(rule_id, "unknown", text, source, "not_eligible", None)
    if isinstance(companion, NoCompanion) or companion.relationship not in _PARENTS:
        who = "nobody" if isinstance(companion, NoCompanion) else "an adult who is not a parent"
        text = (
            f"A child under 18 must travel with a parent or legal guardian; this child "
            f"({age}) travels with {who}."
        )
        return RuleRun(rule_id, "fail", text, source, "not_eligible", None)
    text = f"The child ({age}) travels with their {companion.relationship.replace('_', ' ')}."
    return RuleRun(rule_id, "pass", text, source, "not_eligible", None)


def through_principal(version: ProgramVersionPolicy, principal_outcome: str) -> RuleRun:
    """A spouse or child filed with the principal qualifies only through the principal."""
    rule_id = "qualifies_through_principal"
    source = version.sources[0]
    if principal_outcome == "meets_criteria":
        return RuleRun(
            rule_id, "pass", "The principal meets the criteria.", source, "not_eligible", None
        )
    if principal_outcome == "needs_information":
        text = "A family member qualifies through the principal, whose request needs information."
        return RuleRun(rule_id, "unknown", text, source, "not_eligible", None)
    effect = "not_accepted" if principal_outcome == "not_accepted" else "not_eligible"
    text = (
        "A family member qualifies through the principal, and the principal's request is "
        f"{principal_outcome.replace('_', ' ')}."
    )
    return RuleRun(rule_id, "fail", text, source, effect, None)
