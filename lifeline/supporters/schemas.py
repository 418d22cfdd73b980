"""API input and output schemas for supporter declarations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from lifeline.core.schemas import Reference
from lifeline.programs.documents import PersonDocument, Strict, SupporterDocument
from lifeline.programs.schemas import EXAMPLE_PERSON
from lifeline.supporters.models import SupporterDeclaration

ProgramId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{2,40}$")]
EXAMPLE_DECLARATION: dict[str, Any] = {
    "program": "general",
    "supporter": {
        "person": {
            **EXAMPLE_PERSON,
            "given_name": "Maria",
            "family_name": "Hughes",
            "citizenships": ["US"],
            "current_country": "US",
            "passport": None,
        },
        "status_in_us": "citizen",
        "annual_income_usd": 82000,
        "household_size": 3,
        "relationship": "friend",
    },
    "beneficiary": EXAMPLE_PERSON,
    "beneficiary_email": "olena@example.org",
}
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
]


class DeclarationIn(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_DECLARATION]})

    program: ProgramId
    supporter: SupporterDocument
    beneficiary: PersonDocument
    beneficiary_email: Email = Field(
        description="The beneficiary confirms by signing in with an account of this email."
    )
    joins_reference: Reference | None = Field(
        None, description="Join another supporter's live declaration as a co-supporter."
    )


class DeclarationOut(Schema):
    reference: str
    program: str
    status: str
    beneficiary_name: str
    beneficiary_email: str
    supporter_name: str
    joins_reference: str | None
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_beneficiary_name(obj: SupporterDeclaration) -> str:
        return str(obj.beneficiary)

    @staticmethod
    def resolve_supporter_name(obj: SupporterDeclaration) -> str:
        return str(obj.supporter)

    @staticmethod
    def resolve_joins_reference(obj: SupporterDeclaration) -> str | None:
        return obj.joins.reference if obj.joins else None
