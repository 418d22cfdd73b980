"""Version 1 request documents brought to version 2, as read and as once stored."""

from __future__ import annotations

import copy
from typing import Any

SCHEMA_VERSION = 2
_PEOPLE = ("beneficiary", "petitioner", "principal")
_PERSON_LISTS = ("permanent_resident_of", "refugee_status_in")

# Facts version 1 filled in when left out; a stored value equal to one may never have been said.
_V1_DEFAULTS: tuple[tuple[tuple[str, ...], Any], ...] = (
    (("immigration_history", "in_united_states"), False),
    (("immigration_history", "in_removal_proceedings"), False),
    (("immigration_history", "immigrant_visa_issued"), False),
    (("immigration_history", "removal_orders"), []),
    (("immigration_history", "irregular_entries"), []),
    (("immigration_history", "pending_filings"), []),
    (("immigration_history", "prior_parole", "complied_with_conditions"), True),
    (("urgency", "life_threatening"), False),
    (("urgency", "treatment_unavailable_at_home"), False),
    (("urgency", "threat_evidence"), False),
    (("urgency", "individually_targeted"), False),
    (("urgency", "child_without_parent"), False),
    (("invitation", "i130_approved"), True),
    (("requested_duration_days",), 365),
    *(((role, name), []) for role in _PEOPLE for name in _PERSON_LISTS),
)


def is_version_1(data: dict[str, Any]) -> bool:
    return data.get("schema_version", 1) == 1 and "postmarked_on" not in data


def upgrade_document(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document in version 2's shape; facts left out stay unknown.

    Used on every validation, so callers that still send version 1 keep working; a fact they
    state (even one equal to an old default) is kept as stated.
    """
    _refuse_mixed_dates(data)
    if not is_version_1(data):
        return data
    upgraded = {key: value for key, value in data.items() if key != "filed_on"}
    upgraded["schema_version"] = SCHEMA_VERSION
    if "filed_on" in data:
        upgraded["postmarked_on"] = data["filed_on"]
    return upgraded


def _refuse_mixed_dates(data: dict[str, Any]) -> None:
    """A document names its filing date the way its own version does, never both ways."""
    if data.get("schema_version") == 1 and "postmarked_on" in data:
        raise ValueError(
            "schema_version 1 names the filing date filed_on, not postmarked_on: give filed_on "
            "only, or schema_version 2 with postmarked_on"
        )
    if "filed_on" in data and not is_version_1(data):
        raise ValueError(
            "filed_on is the filing date of schema_version 1; version 2 names it postmarked_on: "
            "give one of them, not both"
        )


def upgrade_stored_document(data: dict[str, Any]) -> dict[str, Any]:
    """A stored version 1 document as version 2, its defaulted facts turned back into unknowns.

    Version 1 wrote every default into the stored JSON, so a stored `false` for "in the United
    States" cannot be told from one nobody said; the migration treats all such values as unknown.
    """
    if not is_version_1(data):
        return data
    upgraded = copy.deepcopy(upgrade_document(data))
    for path, default in _V1_DEFAULTS:
        _drop_if(upgraded, path, default)
    for irregular in (upgraded.get("immigration_history") or {}).get("irregular_entries") or []:
        if irregular.get("resolved_by_voluntary_departure") is False:
            irregular.pop("resolved_by_voluntary_departure")
    for supporter in upgraded.get("supporters") or []:
        for name in _PERSON_LISTS:
            _drop_if(supporter, ("person", name), [])
        if supporter.get("relationship") == "none":
            supporter.pop("relationship")
        if supporter.get("is_organization") is False:
            supporter.pop("is_organization")
    return upgraded


def _drop_if(data: dict[str, Any], path: tuple[str, ...], default: Any) -> None:
    node: Any = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict) and path[-1] in node and node[path[-1]] == default:
        node.pop(path[-1])


def without_contradictory_travel(data: dict[str, Any]) -> dict[str, Any]:
    """A stored document whose travel facts contradict each other, with them made unknown.

    Documents are now refused when they do (ADR 0273), but the portal once stored a relative
    filed with "Not a child under 18" as travelling with the principal and with nobody
    (`{"none": true}`): that meant no companion named, so `travelling_with` is dropped. A
    companion naming the principal beside `travelling_with_principal: false` leaves both unknown.
    `data` is the opened (unsealed) version 2 JSON; it is not changed.
    """
    fixed = copy.deepcopy(data)
    is_relative = fixed.get("relationship_to_principal") not in (None, "principal")
    people = [(fixed, fixed.get("principal") if is_relative else None)] + [
        (member, fixed.get("beneficiary")) for member in fixed.get("household") or []
    ]
    changed = False
    for person, principal in people:
        with_principal = person.get("travelling_with_principal")
        companion = person.get("travelling_with") or {}
        named = companion.get("person")
        if with_principal is True and companion.get("none") is True:
            person.pop("travelling_with")
            changed = True
        elif (
            with_principal is False
            and isinstance(named, dict)
            and isinstance(principal, dict)
            and _identity(named) == _identity(principal)
        ):
            person.pop("travelling_with")
            person.pop("travelling_with_principal")
            changed = True
    return fixed if changed else data


def _identity(person: dict[str, Any]) -> tuple[str, str, str]:
    return (
        str(person.get("given_name", "")).casefold(),
        str(person.get("family_name", "")).casefold(),
        str(person.get("birth_date", "")),
    )
