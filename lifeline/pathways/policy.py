"""A pathway policy version: the options, their CEL gates over a person's facts, and sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from lifeline.programs.expressions import CompiledExpression
from lifeline.programs.sources import Source

# The options the engine answers. Each is a code of the route vocabulary (policies/routes.yaml,
# shared with rule results): loading a pathway policy fails on a code the vocabulary lacks.
OptionCode = Literal[
    "asylum",
    "tps",
    "cuban_adjustment",
    "afghan_special_immigrant",
    "family_adjustment",
    "reparole",
    "employment_authorization",
]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=800)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{2,60}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Gate(_Strict):
    """A condition an option needs; when it is false the option gets `otherwise`."""

    id: Identifier
    needs: list[Identifier] = Field(
        default_factory=list, description="Facts that must be known before the gate is run."
    )
    expression: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    otherwise: Literal["not_available", "needs_legal_review"]
    explanation: Sentence
    sources: list[Source] = Field(default_factory=list)
    _compiled: CompiledExpression | None = PrivateAttr(default=None)

    @property
    def compiled(self) -> CompiledExpression:
        assert self._compiled is not None, "gates are compiled when the policy is loaded"
        return self._compiled


class NoParams(_Strict):
    """The parameters of an option that takes none."""


class TpsParams(_Strict):
    late_registration_days: PositiveInt = Field(
        description="How long after parole ends a parolee may register late (8 CFR 244.2(g))."
    )


class CubanAdjustmentParams(_Strict):
    presence_years: PositiveInt


class WorkPermitParams(_Strict):
    renewal_days_before: PositiveInt
    validity_cap_enacted_on: dt.date
    validity_cap_from: dt.date
    no_auto_extension_from: dt.date
    asylum_wait_days: PositiveInt


OPTION_PARAMS: dict[str, type[BaseModel]] = {
    "tps": TpsParams,
    "cuban_adjustment": CubanAdjustmentParams,
    "employment_authorization": WorkPermitParams,
}


class OptionPolicy(_Strict):
    code: OptionCode
    label: Sentence
    plain_label: Sentence = Field(description="The option in plain words for the parolee page.")
    form: Sentence | None = None
    fee_kinds: list[Identifier] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    legal_rule: Sentence
    sources: list[Source] = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)
    held_by: list[Annotated[str, StringConstraints(pattern=r"^hold:[a-z0-9_]{2,40}$")]] = Field(
        default_factory=list,
        description="Timeline hold subjects that reach this option's filing: while a hold is in "
        "force for one of the person's nationalities, the answer says so (timing, not "
        "eligibility).",
    )
    _params: BaseModel | None = PrivateAttr(default=None)

    def params_as[Params: BaseModel](self, model: type[Params]) -> Params:
        """The option's parameters, checked against `model` when the policy was loaded."""
        assert isinstance(self._params, model), "params are checked when the policy is loaded"
        return self._params


class PathwayPolicy(_Strict):
    version: Annotated[str, StringConstraints(pattern=r"^pathways-\d{4}-\d{2}-\d{2}$")]
    title: Sentence
    effective_from: dt.date
    checked_on: dt.date
    options: list[OptionPolicy] = Field(min_length=1)

    def option(self, code: str) -> OptionPolicy:
        return next(option for option in self.options if option.code == code)


class BulletinMonth(_Strict):
    """One month's family-sponsored final action dates; None means "current". USCIS says each
    month which chart family adjustment applications file by; where that is on file,
    `uscis_family_chart` names it, with the dates for filing when it is that chart."""

    month: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]
    chart: Literal["final_action"]
    dates: dict[str, dict[str, dt.date | None]] = Field(
        description="category -> chargeability (ALL, MX, PH, IN, CN) -> cut-off date"
    )
    source: Source
    uscis_family_chart: Literal["final_action", "dates_for_filing"] | None = None
    filing_dates: dict[str, dict[str, dt.date | None]] | None = None
    uscis_source: Source | None = None

    @model_validator(mode="after")
    def _chart_named_with_its_source(self) -> BulletinMonth:
        if self.uscis_family_chart is not None and self.uscis_source is None:
            raise ValueError(f"{self.month}: the chart USCIS names needs its uscis_source")
        if self.uscis_family_chart == "dates_for_filing" and not self.filing_dates:
            raise ValueError(f"{self.month}: the dates_for_filing chart needs its filing_dates")
        return self


class VisaBulletin(_Strict):
    version: Annotated[str, StringConstraints(pattern=r"^visa-bulletin-\d{4}-\d{2}$")]
    months: list[BulletinMonth] = Field(min_length=1)

    def month(self, on: dt.date) -> BulletinMonth | None:
        key = f"{on:%Y-%m}"
        return next((month for month in self.months if month.month == key), None)

    def months_on_file(self) -> str:
        """The months shipped, in words: "2026-07" or "2026-06 and 2026-07"."""
        keys = sorted(month.month for month in self.months)
        if len(keys) == 1:
            return keys[0]
        return f"{', '.join(keys[:-1])} and {keys[-1]}"
