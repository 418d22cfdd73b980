"""What rules see: the request document as plain data plus facts derived from it in Python."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, get_args, get_origin

import cel
from pydantic import BaseModel

from lifeline.programs.documents import (
    NoCompanion,
    Passport,
    PersonDocument,
    RequestDocument,
    open_us_stay_started_on,
)
from lifeline.programs.expressions import HELPERS, Vocabulary
from lifeline.programs.projection import Tree, project

# Identifiers and free text no rule needs; keeping them out keeps them out of rule results too.
_PERSON_HIDDEN = {
    "given_name",
    "family_name",
    "given_name_native",
    "family_name_native",
    "other_names",
    "email",
    "phone",
    "ssn",
    "a_number",
}
_PERSON_EXCLUDE: dict[str, Any] = {**dict.fromkeys(_PERSON_HIDDEN, True), "passport": {"number"}}
_DUMP_EXCLUDE: dict[str, Any] = {
    "narrative": True,
    "beneficiary": _PERSON_EXCLUDE,
    "petitioner": _PERSON_EXCLUDE,
    "principal": _PERSON_EXCLUDE,
    "travelling_with": {"person": _PERSON_EXCLUDE},
    "supporters": {"__all__": {"bank_account": True, "person": _PERSON_EXCLUDE}},
    "household": True,
}
_PEOPLE = ("beneficiary", "petitioner", "principal")
_PARENTS = frozenset({"parent", "legal_guardian"})
ADULT_AGE_YEARS = 18
_HIDDEN_BY_MODEL: dict[type[BaseModel], set[str]] = {
    PersonDocument: _PERSON_HIDDEN,
    Passport: {"number"},
}

FACT_NAMES = frozenset(
    {
        "postmarked_on",
        "as_of",
        "travels_with_parent_or_guardian",
        "travels_alone",
        "was_invited",
        "travelling_with_principal",
        "beneficiary_age_years",
        "is_minor",
        "is_under_21",
        "is_principal",
        "principal_citizenships",
        "days_to_parole_expiry",
        "in_us_since",
        "own_medical_emergency_without_treatment_at_home",
        "parent_or_guardian_of_minor_with_medical_emergency",
    }
)


def document_data(document: RequestDocument) -> dict[str, Any]:
    """The document as rules see it: ISO date strings; absent facts are absent keys.

    A missing optional value (None) is left out so that a rule reading it cannot be evaluated
    (result "unknown"), and so is an empty residence history, which means "not stated". Family
    members are evaluated as documents of their own (see household.py), never from here.
    """
    data = document.model_dump(mode="json", exclude_none=True, exclude=_DUMP_EXCLUDE)
    for role in _PEOPLE:
        person = data.get(role)
        if person is not None and not person.get("residence_history"):
            person.pop("residence_history", None)
    return data


def age_in_years(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def is_minor(birth_date: dt.date, *, on: dt.date) -> bool:
    """Under 18 on `on`: the age the household rules and `facts.is_minor` turn on."""
    return age_in_years(birth_date, on) < ADULT_AGE_YEARS


def in_united_states_since(document: RequestDocument) -> dt.date | None:
    """Since when the person has lived in the United States: the stay there the residence
    history leaves open, else the day stated on its own in the immigration history (a request
    that gives no residence history, ADR 0274). None when neither says it: the day is then
    asked for (ADR 0252).

    U.S. rows that adjoin or overlap the open stay (one ends on or after the day before the
    next starts) are one stay, so the walk goes back through them; a gap between two U.S. rows
    starts a new stay, since absences are not modelled."""
    since = open_us_stay_started_on(document.beneficiary.residence_history)
    return since if since is not None else document.immigration_history.in_united_states_since


def derived_facts(document: RequestDocument, *, as_of: dt.date | None = None) -> dict[str, Any]:
    """Facts computed from the document; a fact that cannot be known is left out."""
    postmarked_on = document.postmarked_on
    age = age_in_years(document.beneficiary.birth_date, postmarked_on)
    is_principal = document.relationship_to_principal == "principal"
    facts: dict[str, Any] = {
        "postmarked_on": postmarked_on.isoformat(),
        "beneficiary_age_years": age,
        "is_minor": age < ADULT_AGE_YEARS,
        "is_under_21": age < 21,
        "is_principal": is_principal,
    }
    if as_of is not None:
        facts["as_of"] = as_of.isoformat()
    companion = document.travelling_with
    if isinstance(companion, NoCompanion):
        facts["travels_alone"] = True
        facts["travels_with_parent_or_guardian"] = False
    elif companion is not None:
        facts["travels_alone"] = False
        facts["travels_with_parent_or_guardian"] = companion.relationship in _PARENTS
    if document.invitation is not None:
        facts["was_invited"] = True
    elif document.was_invited is not None:
        facts["was_invited"] = document.was_invited
    if is_principal:
        facts["travelling_with_principal"] = True
    elif document.travelling_with_principal is not None:
        facts["travelling_with_principal"] = document.travelling_with_principal
    if is_principal:
        facts["principal_citizenships"] = list(document.beneficiary.citizenships)
    elif document.principal is not None:
        facts["principal_citizenships"] = list(document.principal.citizenships)
    prior = document.immigration_history.prior_parole
    if prior is not None:
        facts["days_to_parole_expiry"] = (prior.ends_on - postmarked_on).days
    since = in_united_states_since(document)
    if since is not None:
        facts["in_us_since"] = since.isoformat()
    return facts


def build_context(
    document: RequestDocument,
    usage: Tree | None = None,
    *,
    as_of: dt.date | None = None,
    household_facts: dict[str, Any] | None = None,
) -> cel.Context:
    """One CEL context per document, holding only what `usage` says the rules read.

    `household_facts` are the facts about this person that only the whole request shows
    (household.py); `params` is set per program version before its rules run.
    """
    facts = {**derived_facts(document, as_of=as_of), **(household_facts or {})}
    data = {"doc": document_data(document), "facts": facts}
    if usage is not None:
        data = {root: project(data[root], usage.get(root, {})) for root in data}
    return cel.Context(variables=data, functions=HELPERS)


def _model_fields(model: type[BaseModel], hidden: set[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in hidden:
            continue
        nested = _nested_models(info.annotation)
        if nested:
            merged: dict[str, Any] = {}
            for one in nested:
                merged.update(_model_fields(one, _HIDDEN_BY_MODEL.get(one, set())))
            fields[name] = merged
        else:
            fields[name] = None
    return fields


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models behind `Model`, `Model | None` or `A | B | None`; lists give none."""
    origin = get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        return [
            model
            for arg in get_args(annotation)
            if arg is not type(None)
            for model in _nested_models(arg)
        ]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def vocabulary(param_names: frozenset[str]) -> Vocabulary:
    return Vocabulary(doc_fields=DOC_FIELDS, fact_names=FACT_NAMES, param_names=param_names)


DOC_FIELDS = _model_fields(RequestDocument, {"narrative", "household"})
