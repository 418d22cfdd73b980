"""API for pathways: every option after parole for a pathway request, as of a date."""

from ninja import Router
from ninja.responses import codes_4xx

from lifeline.accounts.api import ApiRequest
from lifeline.core.schemas import ErrorOut
from lifeline.pathways.answers import PathwayAnswer
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.known_programs import require_known_programs

router = Router(tags=["pathways"])


@router.post("/pathways/check", response={200: PathwayAnswer, codes_4xx: ErrorOut})
def check_pathways(request: ApiRequest, payload: PathwayRequest) -> PathwayAnswer:
    """Options, deadlines, fees and cited sources for a paroled person; nothing is saved."""
    require_known_programs(payload)
    return check(payload)
