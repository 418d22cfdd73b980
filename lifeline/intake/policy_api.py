"""API for program administrators: review a draft program version, then publish it."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Schema
from ninja.responses import codes_4xx
from pydantic import Field

from lifeline.accounts.api import ApiRequest
from lifeline.core.idempotency import IdempotencyKey, idempotent_response
from lifeline.core.schemas import ErrorOut
from lifeline.intake.policy_review import (
    publish_reviewed_program_version,
    review_draft_program_version,
)
from lifeline.programs.results import WhatIfReport

router = Router(tags=["program versions"])


class DraftIn(Schema):
    source_yaml: str = Field(min_length=1, max_length=500_000, description="The version file.")


class PublishedOut(Schema):
    program: str
    version: str
    status: str
    effective_from: str


@router.post("/program-versions/reviews", response={201: WhatIfReport, codes_4xx: ErrorOut})
def review_draft(
    request: ApiRequest, payload: DraftIn, idempotency_key: IdempotencyKey
) -> HttpResponse:
    """Validate a draft and list every pending request whose pre-screen outcome would change."""
    return idempotent_response(
        user=request.auth,
        key=idempotency_key,
        operation="program_versions.review",
        payload=payload.model_dump(),
        status=201,
        create=lambda: review_draft_program_version(
            actor=request.auth, source_yaml=payload.source_yaml
        ),
    )


@router.post(
    "/program-versions/{version}/publish", response={200: PublishedOut, codes_4xx: ErrorOut}
)
def publish(request: ApiRequest, version: str, idempotency_key: IdempotencyKey) -> HttpResponse:
    """Publish a reviewed draft: it takes effect on its effective date."""

    def publish_version() -> PublishedOut:
        row = publish_reviewed_program_version(actor=request.auth, version=version)
        return PublishedOut(
            program=row.program,
            version=row.version,
            status=row.status,
            effective_from=row.effective_from.isoformat(),
        )

    return idempotent_response(
        user=request.auth,
        key=idempotency_key,
        operation="program_versions.publish",
        payload={"version": version},
        status=200,
        create=publish_version,
    )
