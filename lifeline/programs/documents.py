"""The request document, version 2: what the API accepts, the CLI reads and rules see.

Every fact a rule can turn on is true, false or unknown (left out or null); no fact defaults to
an answer. A version 1 document is upgraded on validation (see `upgrades.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from lifeline.core.dates import PlausibleDates, require_order
from lifeline.core.names import checked_name, checked_native_name

CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="ISO 3166-1 alpha-2, upper case"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(checked_name),
]
NativeName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200),
    AfterValidator(checked_native_name),
]


_LIST_NOTE = "[] says there are none; left out or null, it is not known."


class Strict(PlausibleDates):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Passport(Strict):
    country: CountryCode
    number: Annotated[str, StringConstraints(min_length=3, max_length=20)]
    expires_on: dt.date


class Residence(Strict):
    country: CountryCode
    from_on: dt.date
    until_on: dt.date | None = Field(None, description="Empty while the person still lives there.")

    @model_validator(mode="after")
    def _ordered(self) -> Residence:
        require_order(self.from_on, self.until_on, ("from_on", "until_on"))
        return self


class RemovalOrder(Strict):
    ordered_on: dt.date
    removed_on: dt.date | None = None


class IrregularEntry(Strict):
    country: Literal["US", "MX", "PA"]
    entered_on: dt.date
    resolved_by_voluntary_departure: bool | None = Field(
        default=None, description="Departed voluntarily or withdrew the application for admission."
    )


class SeaInterdiction(Strict):
    interdicted_on: dt.date = Field(description="The day the person was interdicted at sea.")


class PendingFiling(Strict):
    kind: Literal["i485", "asylum", "tps", "other"]
    filed_on: dt.date
    decided_on: dt.date | None = None


class PriorParole(Strict):
    class_of_admission: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{2,4}$")]
    paroled_on: dt.date
    ends_on: dt.date
    complied_with_conditions: bool | None = None


class ImmigrationHistory(Strict):
    in_united_states: bool | None = None
    in_united_states_since: dt.date | None = Field(
        default=None,
        description=(
            "Since when the person has lived in the United States, for a person here "
            "(in_united_states true) whose residence history is not given; empty when not known."
        ),
    )
    in_removal_proceedings: bool | None = None
    removal_orders: list[RemovalOrder] | None = Field(
        default=None, max_length=20, description=_LIST_NOTE
    )
    irregular_entries: list[IrregularEntry] | None = Field(
        default=None, max_length=20, description=_LIST_NOTE
    )
    sea_interdictions: list[SeaInterdiction] | None = Field(
        default=None,
        max_length=20,
        description="Each time the person was interdicted at sea (stopped at sea, as by the "
        "U.S. Coast Guard, while trying to reach the United States). " + _LIST_NOTE,
    )
    pending_filings: list[PendingFiling] | None = Field(
        default=None, max_length=20, description=_LIST_NOTE
    )
    prior_parole: PriorParole | None = None
    immigrant_visa_issued: bool | None = None


class PersonDocument(Strict):
    given_name: Name
    family_name: Name
    given_name_native: NativeName = ""
    family_name_native: NativeName = ""
    other_names: list[Name] = Field(default_factory=list, max_length=10)
    birth_date: dt.date
    sex: Literal["F", "M", "X"]
    citizenships: list[CountryCode] = Field(min_length=1, max_length=5)
    permanent_resident_of: list[CountryCode] | None = Field(
        default=None, max_length=5, description=_LIST_NOTE
    )
    refugee_status_in: list[CountryCode] | None = Field(
        default=None, max_length=5, description=_LIST_NOTE
    )
    residence_history: list[Residence] = Field(default_factory=list, max_length=20)
    current_country: CountryCode
    marital_status: Literal["single", "married", "partnered", "divorced", "widowed"] | None = Field(
        default=None,
        description="Left out or null when not stated (an empty string is refused); some "
        "programs need unmarried children.",
    )
    passport: Passport | None = None
    email: Annotated[str, StringConstraints(max_length=254)] = ""
    phone: Annotated[str, StringConstraints(max_length=32)] = ""
    ssn: Annotated[str, StringConstraints(pattern=r"^(\d{3}-?\d{2}-?\d{4})?$")] = ""
    a_number: Annotated[str, StringConstraints(pattern=r"^(A?\d{8,9})?$")] = ""

    @model_validator(mode="after")
    def _countries_once(self) -> PersonDocument:
        for name in ("citizenships", "permanent_resident_of", "refugee_status_in"):
            countries = getattr(self, name) or []
            if len(set(countries)) != len(countries):
                raise ValueError(f"{name} names a country more than once")
        return self


class Companion(Strict):
    """The parent or legal guardian a minor travels with."""

    relationship: Literal["parent", "legal_guardian", "other_adult"]
    person: PersonDocument


class NoCompanion(Strict):
    """Said outright: the beneficiary travels with nobody."""

    none: Literal[True]


class SupporterDocument(Strict):
    person: PersonDocument
    status_in_us: Literal[
        "citizen",
        "national",
        "permanent_resident",
        "conditional_resident",
        "temporary_resident",
        "nonimmigrant",
        "asylee",
        "refugee",
        "parolee",
        "tps",
        "deferred_action",
        "daca",
        "ded",
        "asylum_applicant",
        "none",
    ]
    is_organization: bool | None = None
    annual_income_usd: int = Field(ge=0, le=100_000_000)
    household_size: int = Field(ge=1, le=50)
    relationship: (
        Literal["spouse", "child", "parent", "sibling", "other_relative", "friend", "none"] | None
    ) = None
    other_beneficiaries_pledged: int = Field(0, ge=0, le=100_000)
    bank_account: Annotated[str, StringConstraints(max_length=34)] = ""


class Urgency(Strict):
    diagnosis: Text = ""
    medical_emergency: bool | None = Field(
        default=None, description="Whether the beneficiary has a medical emergency."
    )
    life_threatening: bool | None = None
    treatment_on: dt.date | None = None
    treatment_unavailable_at_home: bool | None = None
    threat_evidence: bool | None = None
    individually_targeted: bool | None = None
    event_kind: Literal["", "funeral", "dying_relative", "court", "organ_donation", "other"] = ""
    event_on: dt.date | None = None
    child_without_parent: bool | None = None


class Invitation(Strict):
    code: Annotated[str, StringConstraints(min_length=4, max_length=40)]
    issued_on: dt.date
    petitioner_status: Literal["citizen", "permanent_resident"]
    i130_approved: bool | None = None


class Attestations(Strict):
    vaccinations: bool | None = None
    medical_screening: bool | None = None
    tb_screening: bool | None = None


class CapUsage(Strict):
    """How much of a program's numeric cap was used in one period, as the agency counts it."""

    cap: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,79}$")] = Field(
        description="The cap's id in the program's policy, e.g. `chnv_monthly`."
    )
    month: Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] | None = Field(
        default=None,
        description="YYYY-MM, required for a monthly cap; left out for a cap over the program. "
        "A cap id the program does not have, or a monthly cap without its month, is refused.",
    )
    used: int = Field(ge=0, le=100_000_000, description="How many the cap has counted so far.")


class FamilyMember(Strict):
    """A spouse or child filed together with the principal, with facts of their own."""

    relationship: Literal["spouse", "child"]
    person: PersonDocument
    travelling_with_principal: bool | None = Field(
        default=None, description="Whether this family member travels with the principal."
    )
    travelling_with: Companion | NoCompanion | None = None
    medical_emergency: bool | None = Field(
        default=None,
        description="Whether this family member has a medical emergency of their own (the "
        "parole fee exception of 8 U.S.C. 1804(b)(1), and (b)(2) for a parent or guardian of a "
        "minor).",
    )
    treatment_unavailable_at_home: bool | None = Field(
        default=None,
        description="Whether this family member cannot obtain the necessary treatment in the "
        "country where they reside.",
    )
    immigration_history: ImmigrationHistory = Field(default_factory=ImmigrationHistory)
    attestations: Attestations = Field(default_factory=Attestations)
    requested_duration_days: int | None = Field(None, ge=1, le=1825)


class RequestDocument(Strict):
    """One parole request with everything the program rules need, and no database references."""

    schema_version: Literal[2] = 2
    program: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{2,40}$")]
    kind: Literal["initial", "reparole"] = "initial"
    category: Literal["medical", "protection", "family_reunification", "public_benefit", "other"]
    postmarked_on: dt.date = Field(
        description="When the request reached USCIS: picks the program version and its intake."
    )
    granted_on: dt.date | None = Field(
        default=None, description="When parole was granted, if it was: prices the parole fee."
    )
    filing_fee_remitted_cents: int | None = Field(
        default=None,
        ge=0,
        le=10_000_000,
        description="The filing fee sent with the request, in cents.",
    )
    beneficiary: PersonDocument
    relationship_to_principal: Literal["principal", "spouse", "child"] = "principal"
    principal: PersonDocument | None = Field(
        default=None,
        description="The principal beneficiary a spouse or child joins (family members only).",
    )
    travelling_with_principal: bool | None = Field(
        default=None, description="For a spouse or child: whether they travel with the principal."
    )
    household: list[FamilyMember] = Field(
        default_factory=list,
        max_length=12,
        description="The principal's spouse and children filed together with this request.",
    )
    petitioner: PersonDocument | None = None
    petitioner_lawfully_present_in_us: bool | None = Field(
        default=None,
        description="Whether the petitioning parent or guardian is lawfully present in the "
        "United States (CAM).",
    )
    supporters: list[SupporterDocument] = Field(default_factory=list, max_length=10)
    travelling_with: Companion | NoCompanion | None = None
    immigration_history: ImmigrationHistory = Field(default_factory=ImmigrationHistory)
    urgency: Urgency = Field(default_factory=Urgency)
    was_invited: bool | None = Field(
        default=None, description="Whether the petitioner was invited (invitation-only programs)."
    )
    invitation: Invitation | None = None
    attestations: Attestations = Field(default_factory=Attestations)
    narrative: Annotated[str, StringConstraints(max_length=20_000)] = ""
    requested_duration_days: int | None = Field(None, ge=1, le=1825)
    fee_waiver_requested: bool = False
    cap_usage: list[CapUsage] = Field(
        default_factory=list,
        max_length=20,
        description="Cap usage where a rule turns on it: a monthly cap is read for the month of "
        "the as-of date (when none is given, the day of the check in UTC, so state the as-of "
        "date for a past month). Not stated: the cap is not checked. A cap the program does "
        "not have is refused.",
    )

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        from lifeline.programs.upgrades import upgrade_document

        return upgrade_document(data) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _dates_make_sense(self) -> RequestDocument:
        if self.beneficiary.birth_date > self.postmarked_on:
            raise ValueError("beneficiary.birth_date is after postmarked_on")
        if self.granted_on is not None and self.granted_on < self.postmarked_on:
            raise ValueError("granted_on is before postmarked_on")
        if self.principal is not None and self.relationship_to_principal == "principal":
            raise ValueError("principal is only for a spouse or child of the principal beneficiary")
        if self.household and self.relationship_to_principal != "principal":
            raise ValueError("household is only for the principal's request")
        if self.was_invited is False and self.invitation is not None:
            raise ValueError("was_invited is false but an invitation is given")
        self._arrival_makes_sense()
        self._family_makes_sense()
        return self

    def _arrival_makes_sense(self) -> None:
        history = self.immigration_history
        since = history.in_united_states_since
        if since is None:
            return
        if history.in_united_states is not True:
            raise ValueError(
                "immigration_history.in_united_states_since is given but in_united_states "
                "is not true"
            )
        if since < self.beneficiary.birth_date:
            raise ValueError("immigration_history.in_united_states_since is before birth_date")
        stay_started_on = open_us_stay_started_on(self.beneficiary.residence_history)
        if stay_started_on is not None and stay_started_on != since:
            raise ValueError(
                "immigration_history.in_united_states_since differs from the open United States "
                "stay in beneficiary.residence_history"
            )

    def _family_makes_sense(self) -> None:
        for index, member in enumerate(self.household):
            where = f"household[{index}]"
            _travel_makes_sense(
                f"{where} ({member.relationship})",
                member.travelling_with_principal,
                member.travelling_with,
                self.beneficiary,
            )
            if member.person == self.beneficiary:
                raise ValueError(f"{where} is the principal beneficiary themself")
            if member.person.birth_date > self.postmarked_on:
                raise ValueError(f"{where}.person.birth_date is after postmarked_on")
            for earlier in range(index):
                if self.household[earlier].person == member.person:
                    raise ValueError(f"{where} is the same person as household[{earlier}]")
            if member.relationship == "child" and member.person.birth_date <= (
                self.beneficiary.birth_date
            ):
                raise ValueError(f"{where} is a child not born after the principal beneficiary")
        if self.relationship_to_principal != "principal":
            _travel_makes_sense(
                "the beneficiary",
                self.travelling_with_principal,
                self.travelling_with,
                self.principal,
            )
        if self.principal is not None:
            if self.principal == self.beneficiary:
                raise ValueError("principal is the beneficiary themself")
            if self.relationship_to_principal == "child" and (
                self.beneficiary.birth_date <= self.principal.birth_date
            ):
                raise ValueError("beneficiary is a child not born after the principal")


def _same_person(one: PersonDocument, other: PersonDocument) -> bool:
    return (one.given_name.casefold(), one.family_name.casefold(), one.birth_date) == (
        other.given_name.casefold(),
        other.family_name.casefold(),
        other.birth_date,
    )


def _travel_makes_sense(
    who: str,
    with_principal: bool | None,
    companion: Companion | NoCompanion | None,
    principal: PersonDocument | None,
) -> None:
    """`travelling_with_principal` and `travelling_with` must not contradict each other."""
    if with_principal is True and isinstance(companion, NoCompanion):
        raise ValueError(
            f"{who}: travelling_with_principal is true but travelling_with says they travel "
            "with nobody ({'none': true}); state one or the other"
        )
    if (
        with_principal is False
        and isinstance(companion, Companion)
        and principal is not None
        and _same_person(companion.person, principal)
    ):
        raise ValueError(
            f"{who}: travelling_with_principal is false but travelling_with names the principal "
            "beneficiary as the person they travel with; state one or the other"
        )


def open_us_stay_started_on(residence_history: list[Residence]) -> dt.date | None:
    """The day the stay in the United States that the history leaves open began, or None.

    U.S. rows that adjoin or overlap it (one ends on or after the day before the next starts)
    are one stay, so the walk goes back through them; a gap between two U.S. rows starts a new
    stay, since absences are not modelled (ADR 0252)."""
    us_stays = [stay for stay in residence_history if stay.country == "US"]
    open_starts = [stay.from_on for stay in us_stays if stay.until_on is None]
    if not open_starts:
        return None
    since = max(open_starts)
    walked_back = True
    while walked_back:
        walked_back = False
        for stay in us_stays:
            ends_on = stay.until_on
            if ends_on is None or stay.from_on >= since:
                continue
            if ends_on >= since - dt.timedelta(days=1):
                since = stay.from_on
                walked_back = True
    return since
