"""What gates see: the three-state facts that are known, and facts derived from the request."""

from __future__ import annotations

from typing import Any

import cel

from lifeline.pathways.documents import PathwayRequest
from lifeline.programs.expressions import HELPERS

# Where a person or representative supplies each derived fact.
DERIVED_FROM = {
    "citizenships": "person.citizenships",
    "is_cuban": "person.citizenships or person.birth_country",
    "is_afghan": "person.citizenships",
    "ever_paroled": "parole or arrivals",
    "released_on_i220a": "arrivals",
    "has_petition": "petition",
}


def facts_of(request: PathwayRequest) -> dict[str, Any]:
    """Answered facts as booleans (unknown ones left out) plus the derived facts that are known."""
    facts: dict[str, Any] = {
        name: value == "yes" for name, value in request.facts.items() if value != "unknown"
    }
    person = request.person
    if person.citizenships or person.birth_country:
        facts["citizenships"] = sorted(person.citizenships)
    # A native of Cuba is one born there (Pub. L. 89-732 sec. 1: "a native or citizen of
    # Cuba"): without the country of birth, other citizenships leave it unknown.
    if "CU" in person.citizenships or person.birth_country is not None:
        facts["is_cuban"] = "CU" in {*person.citizenships, person.birth_country}
    if person.citizenships:
        facts["is_afghan"] = "AF" in person.citizenships
    if request.parole or request.arrivals:
        facts["ever_paroled"] = bool(request.parole) or any(
            arrival.document == "parole" for arrival in request.arrivals
        )
        facts["released_on_i220a"] = any(a.document == "i220a" for a in request.arrivals)
    if request.petition is not None:
        facts["has_petition"] = True
    return facts


def gate_context(facts: dict[str, Any]) -> cel.Context:
    return cel.Context(variables={"doc": {}, "facts": facts, "params": {}}, functions=HELPERS)
