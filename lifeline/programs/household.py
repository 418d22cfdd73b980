"""The household of a request: one document per person, and the rule that spans the family."""

from __future__ import annotations

from lifeline.programs.built_in_rules import built_in_citation
from lifeline.programs.documents import Companion, RequestDocument
from lifeline.programs.results import RuleRun


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


def through_principal(principal_outcome: str) -> RuleRun:
    """A spouse or child filed with the principal qualifies only through the principal."""
    rule_id = "qualifies_through_principal"
    source = built_in_citation(rule_id)
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
