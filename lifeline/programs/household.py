"""The household of a request: one document per person, and the rule that spans the family."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lifeline.programs.built_in_rules import built_in_citation
from lifeline.programs.documents import Companion, FamilyMember, RequestDocument
from lifeline.programs.facts import is_minor
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


def stays_behind(member: FamilyMember, *, on: dt.date) -> bool:
    """Whether the request states that `member` neither travels with nor joins the principal:
    a spouse, or a child who is not a minor on `on` (the postmark date), with
    `travelling_with_principal` false. Such a person is not part of the request (ADR 0278): the
    household is the principal and the family members who travel with or join them. A minor
    stated not to travel with the principal stays in it: they may travel with another parent or
    guardian, which the program's own minor-travel rule decides. Not stated (`null`): they stay.
    """
    if member.travelling_with_principal is not False:
        return False
    return member.relationship == "spouse" or not is_minor(member.person.birth_date, on=on)


def left_out(document: RequestDocument) -> set[str]:
    """The `people` labels of the family members who are not part of the request."""
    on = document.postmarked_on
    return {
        f"household[{index}]"
        for index, member in enumerate(document.household)
        if stays_behind(member, on=on)
    }


def _both(first: bool | None, second: bool | None) -> bool | None:
    """Both conditions of an exception: false when one is false, unknown when one is unknown."""
    if first is False or second is False:
        return False
    if first is None or second is None:
        return None
    return True


def _own_emergency(member: FamilyMember) -> bool | None:
    """8 U.S.C. 1804(b)(1)(A) and (B)(i) for a family member, from their own stated facts.

    A family member's emergency counts only where the request states one: with
    `medical_emergency` left out they are not asked about, and the officer may still find it.
    """
    if member.medical_emergency is not True:
        return False
    return _both(True, member.treatment_unavailable_at_home)


def _parent_of(minor: FamilyMember, document: RequestDocument, label: str) -> bool:
    """Whether the person at `label` is the parent or legal guardian of `minor`, a child of the
    principal: the principal always is; a spouse is when the child travels with them as parent
    or guardian."""
    if label == "principal":
        return True
    companion = minor.travelling_with
    if not isinstance(companion, Companion) or companion.relationship == "other_adult":
        return False
    index = int(label.removeprefix("household[").removesuffix("]"))
    member = document.household[index]
    return member.relationship == "spouse" and companion.person == member.person


def household_facts(document: RequestDocument, *, on: dt.date) -> dict[str, dict[str, Any]]:
    """Facts about each person (by `people` label) that only the whole request shows.

    `own_medical_emergency_without_treatment_at_home`: a family member's own 8 U.S.C.
    1804(b)(1) exception (the principal's is read from `urgency`). `parent_or_guardian_of_minor_
    with_medical_emergency`: 8 U.S.C. 1804(b)(2), the person is "the parent or legal guardian of
    an alien described in paragraph (1)" who "is a minor" on `on`, the day the parole fee is
    priced. A fact that cannot be known is left out.
    """
    labels = ["principal", *(f"household[{i}]" for i in range(len(document.household)))]
    facts: dict[str, dict[str, Any]] = {label: {} for label in labels}
    for index, member in enumerate(document.household):
        own = _own_emergency(member)
        if own is not None:
            facts[f"household[{index}]"]["own_medical_emergency_without_treatment_at_home"] = own
    minors = [
        member
        for member in document.household
        if member.relationship == "child" and is_minor(member.person.birth_date, on=on)
    ]
    for label in labels:
        found: bool | None = False
        for minor in minors:
            if not _parent_of(minor, document, label):
                continue
            exempt = _own_emergency(minor)
            if exempt is True:
                found = True
                break
            if exempt is None:
                found = None
        if found is not None:
            facts[label]["parent_or_guardian_of_minor_with_medical_emergency"] = found
    return facts


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
