"""API for programs: the versions on file, and an eligibility check of a request document."""

import datetime as dt
from typing import Annotated

from ninja import Body, Query, Router
from ninja.responses import codes_4xx

from lifeline.accounts.api import ApiRequest
from lifeline.core.dates import PlausibleDateOnly
from lifeline.core.schemas import ErrorOut
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import prescreen
from lifeline.programs.registry import get_registry
from lifeline.programs.results import PrescreenResult
from lifeline.programs.schemas import EXAMPLE_REQUEST_DOCUMENT, ProgramOut

router = Router(tags=["programs"])


@router.get("/programs", response={200: list[ProgramOut], codes_4xx: ErrorOut}, auth=None)
def list_programs(request: ApiRequest) -> list[dict[str, object]]:
    """Every program with its versions, oldest first (public: policy is public information)."""
    registry = get_registry()
    return [
        {"program": program, "versions": registry.versions(program)}
        for program in registry.programs()
    ]


@router.post("/eligibility/check", response={200: PrescreenResult, codes_4xx: ErrorOut})
def check_eligibility(
    request: ApiRequest,
    payload: Annotated[RequestDocument, Body(example=EXAMPLE_REQUEST_DOCUMENT)],
    as_of: Annotated[
        PlausibleDateOnly | None,
        Query(description="The date the question is asked for (YYYY-MM-DD); default today."),
    ] = None,
) -> PrescreenResult:
    """Pre-screen a request document without saving anything: outcome, rules, fees per person.

    With `as_of` the answer depends on no clock: it is evaluated as at that day's midnight UTC.
    """
    evaluated_at = None if as_of is None else dt.datetime.combine(as_of, dt.time(), dt.UTC)
    return prescreen(payload, as_of=as_of, evaluated_at=evaluated_at)
