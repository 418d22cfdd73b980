"""Family coherence: the household filed in a request, its relatives, and whether a decision
would split the family."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lifeline.adjudication.enums import LIVE_DECISION_STATUSES, Outcome
from lifeline.adjudication.models import Decision
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest, PrescreenRecord
from lifeline.programs.documents import RequestDocument

_FINAL_OUTCOME: dict[str, str] = {
    RequestStatus.APPROVED: Outcome.APPROVE,
    RequestStatus.DENIED: Outcome.DENY,
}


@dataclass(frozen=True)
class Relative:
    request: ParoleRequest
    link: str  # "travels with", "travelling companion", "family group"
    outcome: str | None  # approve / deny (in effect or pending), None while undecided


@dataclass(frozen=True)
class HouseholdMember:
    """A spouse or child filed on the request's household step, with their own pre-screen."""

    name: str
    relationship: str  # spouse / child
    birth_date: dt.date
    citizenships: list[str]
    current_country: str
    travelling_with_principal: bool | None
    outcome: str  # their own pre-screen outcome; empty before a per-person pre-screen
    open_rules: list[dict[str, Any]]  # their rules that failed or could not be checked


def list_household(
    document: RequestDocument, prescreen: PrescreenRecord | None
) -> list[HouseholdMember]:
    """Every family member filed in this request, in the order filed; the decision covers them."""
    results = {person["person"]: person for person in (prescreen.people if prescreen else [])}
    members: list[HouseholdMember] = []
    for index, member in enumerate(document.household):
        result = results.get(f"household[{index}]", {})
        person = member.person
        members.append(
            HouseholdMember(
                name=f"{person.given_name} {person.family_name}",
                relationship=member.relationship,
                birth_date=person.birth_date,
                citizenships=list(person.citizenships),
                current_country=person.current_country,
                travelling_with_principal=member.travelling_with_principal,
                outcome=str(result.get("outcome", "")),
                open_rules=[
                    rule
                    for rule in result.get("rules", [])
                    if rule.get("result") in ("fail", "unknown")
                ],
            )
        )
    return members


def list_relatives(request: ParoleRequest) -> list[Relative]:
    """Requests linked to this one: the adult a minor travels with, minors travelling with it,
    and the rest of its family group."""
    links: dict[int, str] = {}
    if request.travelling_with_id:
        links[request.travelling_with_id] = "travels with"
    for companion_id in ParoleRequest.objects.filter(travelling_with=request).values_list(
        "id", flat=True
    ):
        links[companion_id] = "travelling companion"
    if request.family_group_id:
        for member_id in ParoleRequest.objects.filter(
            family_group_id=request.family_group_id
        ).values_list("id", flat=True):
            links.setdefault(member_id, "family group")
    links.pop(request.pk, None)
    relatives = ParoleRequest.objects.filter(pk__in=links).select_related("beneficiary")
    pending = {
        d.request_id: d.outcome
        for d in Decision.objects.filter(request_id__in=links, status__in=LIVE_DECISION_STATUSES)
    }
    return [
        Relative(r, links[r.pk], _FINAL_OUTCOME.get(r.status) or pending.get(r.pk))
        for r in relatives.order_by("id")
    ]


def list_family_split(request: ParoleRequest, outcome: str) -> list[dict[str, str]]:
    """Relatives whose outcome (in effect or pending) is the opposite of `outcome`."""
    opposites: dict[str, str] = {Outcome.APPROVE: Outcome.DENY, Outcome.DENY: Outcome.APPROVE}
    opposite = opposites.get(outcome)
    if opposite is None:
        return []
    return [
        {
            "reference": relative.request.reference,
            "name": str(relative.request.beneficiary),
            "link": relative.link,
            "outcome": relative.outcome or "",
        }
        for relative in list_relatives(request)
        if relative.outcome == opposite
    ]
