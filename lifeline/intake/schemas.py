"""API input and output schemas for requests, their timeline and their evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from lifeline.core.schemas import Reference
from lifeline.intake.documents import plain_document
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.programs.documents import RequestDocument, Strict
from lifeline.programs.schemas import EXAMPLE_REQUEST_DOCUMENT as EXAMPLE_DOCUMENT

Username = Annotated[str, StringConstraints(pattern=r"^[\w.@+-]{1,150}$")]
EvidenceKind = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{2,60}$")]


class RequestCreateIn(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [{"document": EXAMPLE_DOCUMENT}]})

    document: RequestDocument
    client_username: Username | None = Field(
        None, description="Representatives only: the consenting client you file for."
    )
    travelling_with: Reference | None = Field(
        None, description="A minor's parent or guardian's request (same family group)."
    )
    family_with: Reference | None = Field(
        None, description="Join the family group of this request."
    )
    prior_request: Reference | None = Field(None, description="For re-parole: the earlier case.")
    declarations: list[Reference] = Field(
        default_factory=list, max_length=10, description="Confirmed supporter declarations."
    )


class SubmitIn(Strict):
    expected_version: int | None = Field(
        None,
        ge=1,
        le=2_147_483_647,
        description="The version you last saw; a newer one on the server is a 409 conflict.",
    )


class RequestStatusQuery(Schema):
    status: RequestStatus | None = Field(None, description="Only requests in this status.")


class RequestOut(Schema):
    reference: str
    program: str
    kind: str
    category: str
    status: str
    version: int
    beneficiary_name: str
    filed_by: str
    representative: str | None
    filed_on: dt.date | None
    submitted_at: dt.datetime | None
    prescreen_outcome: str
    program_version: str
    fee_status: str
    travelling_with: str | None
    prior_request: str | None
    declarations: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_beneficiary_name(obj: ParoleRequest) -> str:
        return str(obj.beneficiary)

    @staticmethod
    def resolve_filed_by(obj: ParoleRequest) -> str:
        return obj.filed_by.username

    @staticmethod
    def resolve_representative(obj: ParoleRequest) -> str | None:
        return obj.representative.username if obj.representative else None

    @staticmethod
    def resolve_travelling_with(obj: ParoleRequest) -> str | None:
        return obj.travelling_with.reference if obj.travelling_with else None

    @staticmethod
    def resolve_prior_request(obj: ParoleRequest) -> str | None:
        return obj.prior_request.reference if obj.prior_request else None

    @staticmethod
    def resolve_declarations(obj: ParoleRequest) -> list[str]:
        return sorted(declaration.reference for declaration in obj.declarations.all())


class RequestDetailOut(RequestOut):
    document: dict[str, Any] = Field(description="The request document as filed (version 2).")

    @staticmethod
    def resolve_document(obj: ParoleRequest) -> dict[str, Any]:
        return plain_document(obj)


class StatusChangeEntry(Schema):
    kind: Literal["status_change"]
    occurred_at: dt.datetime
    from_status: str
    to_status: str
    actor_role: str
    reason: str


class PrescreenEntry(Schema):
    kind: Literal["prescreen"]
    occurred_at: dt.datetime
    outcome: str
    program: str
    program_version: str
    is_current: bool
    outcome_explanation: str = Field(description="The outcome in plain words.")
    route_to: str
    route: dict[str, Any] | None = Field(
        description="The route's code, label, explanation and primary citation (routes.yaml)."
    )
    parole_max_days: int | None
    parole: dict[str, Any] | None = Field(description="Requested, program maximum, allowed days.")
    fees: list[dict[str, Any]]
    rules: list[dict[str, Any]]
    people: list[dict[str, Any]] = Field(
        description="Each person's result, principal first (empty for records before v2)."
    )


TimelineEntry = Annotated[StatusChangeEntry | PrescreenEntry, Field(discriminator="kind")]


class EvidenceOut(Schema):
    id: int
    kind: str
    description: str
    original_filename: str
    content_type: str
    size_bytes: int
    sha256: str
    scan_status: str
    uploaded_by: str
    created_at: dt.datetime

    @staticmethod
    def resolve_uploaded_by(obj: EvidenceItem) -> str:
        return obj.uploaded_by.username
