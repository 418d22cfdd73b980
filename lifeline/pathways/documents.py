"""The pathway request: what is known about one paroled person, with three-state facts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from lifeline.core.dates import PlausibleDates, require_order

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Program = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{2,40}$")]
ThreeState = Literal["yes", "no", "unknown"]

# Facts a person or representative answers yes, no or "unknown"; a fact left out is unknown.
FACT_NAMES = (
    "fear_of_return",
    "in_removal_proceedings",
    "present_in_united_states",
    "spouse_or_parent_is_cuban_principal",
    "resides_with_cuban_principal",
    "afghan_chief_of_mission_approval",
    "afghan_special_immigrant_classification_approved",
    "afghan_chief_of_mission_application_filed",
    "petitioner_is_us_citizen",
    "criminal_bar_possible",
)


class _Strict(PlausibleDates):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(_Strict):
    citizenships: list[Country] = Field(default_factory=list, max_length=5)
    birth_country: Country | None = None
    birth_date: dt.date | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "en"


class Arrival(_Strict):
    """An entry into the United States and the document it was made on."""

    on: dt.date
    document: Literal["parole", "i220a", "visa", "without_inspection", "unknown"]
    class_of_admission: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{2,4}$")] | None = None


class Departure(_Strict):
    on: dt.date


class ParoleInterval(_Strict):
    """A parole or re-parole period as granted (the I-94 end date); terminations are applied."""

    program: Program
    from_on: dt.date
    until_on: dt.date
    kind: Literal["parole", "reparole"] = "parole"
    # An individual determination of this date keeps the period to `until_on` whatever a
    # program termination says (90 FR 13611: "unless the Secretary makes an individual
    # determination to the contrary").
    continued_on: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ParoleInterval:
        require_order(self.from_on, self.until_on, ("from_on", "until_on"))
        return self


class TpsInterval(_Strict):
    country: Country
    from_on: dt.date
    until_on: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> TpsInterval:
        require_order(self.from_on, self.until_on, ("from_on", "until_on"))
        return self


# The outcomes of the parole record's filings (parole.enums.FilingOutcome), and "pending" and
# "unknown" besides.
PathwayFilingOutcome = Literal["pending", "approved", "denied", "rejected", "withdrawn", "unknown"]


class PathwayFiling(_Strict):
    form: Literal["i589", "i821", "i485", "i765", "i131_reparole", "i360", "ds157", "i130"]
    filed_on: dt.date
    outcome: PathwayFilingOutcome = Field(
        default="pending",
        description='"unknown": decided (on decided_on) with the outcome not told.',
    )
    decided_on: dt.date | None = None
    category: Annotated[str, StringConstraints(max_length=12)] | None = None


class WorkPermit(_Strict):
    category: Annotated[str, StringConstraints(pattern=r"^[ac]\d{1,2}$")]
    valid_from: dt.date
    valid_until: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> WorkPermit:
        require_order(self.valid_from, self.valid_until, ("valid_from", "valid_until"))
        return self


class Petition(_Strict):
    """A family-based petition (I-130) for this person."""

    category: Literal["IR", "F1", "F2A", "F2B", "F3", "F4"]
    priority_date: dt.date | None = None
    approved: ThreeState = "unknown"
    chargeability: Country | None = None


class PathwayRequest(_Strict):
    """Everything the pathway check reads; nothing here is saved."""

    as_of: dt.date | None = None
    person: Person
    arrivals: list[Arrival] = Field(default_factory=list, max_length=40)
    departures: list[Departure] = Field(default_factory=list, max_length=40)
    parole: list[ParoleInterval] = Field(default_factory=list, max_length=20)
    tps: list[TpsInterval] = Field(default_factory=list, max_length=10)
    filings: list[PathwayFiling] = Field(default_factory=list, max_length=40)
    work_permits: list[WorkPermit] = Field(default_factory=list, max_length=20)
    petition: Petition | None = None
    facts: dict[str, ThreeState] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_facts(self) -> PathwayRequest:
        unknown = sorted(set(self.facts) - set(FACT_NAMES))
        if unknown:
            raise ValueError(
                f"unknown fact(s) {', '.join(unknown[:20])}{' ...' * (len(unknown) > 20)} "
                f"({len(unknown)} in all); known facts: {', '.join(FACT_NAMES)}"
            )
        return self

    def fact(self, name: str) -> ThreeState:
        return self.facts.get(name, "unknown")

    def first_arrival(self) -> Arrival | None:
        return min(self.arrivals, key=lambda arrival: arrival.on, default=None)

    def last_arrival(self) -> Arrival | None:
        return max(self.arrivals, key=lambda arrival: arrival.on, default=None)

    def tps_held_until(self, on: dt.date, country: str | None = None) -> dt.date | None:
        """When the TPS held on `on` (for `country`, or any) ends; None when none is held."""
        return max(
            (
                t.until_on
                for t in self.tps
                if (country is None or t.country == country) and t.from_on <= on <= t.until_on
            ),
            default=None,
        )
