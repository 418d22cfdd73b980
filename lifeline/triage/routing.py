"""Which office works a case: routed by program when it joins the queue, or by a supervisor."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from lifeline.accounts.models import User
from lifeline.core.errors import Conflict, ValidationFailed
from lifeline.intake.auditing import audit_request
from lifeline.triage.access import require_supervisor
from lifeline.triage.enums import QueueState
from lifeline.triage.models import CaseTriage


def offices() -> dict[str, str]:
    """Office code -> name (setting LIFELINE_OFFICES)."""
    return dict(settings.LIFELINE_OFFICES)


def office_for_program(program: str) -> str:
    """The office a new case of this program goes to; "" means any office."""
    return str(settings.LIFELINE_OFFICE_FOR_PROGRAM.get(program, ""))


@transaction.atomic
def route_case(*, supervisor: User, request_id: int, office: str) -> CaseTriage:
    """A supervisor sends a waiting case to another office ("" for any office); audited."""
    require_supervisor(supervisor)
    if office and office not in offices():
        raise ValidationFailed(f"No office called {office!r}.")
    case = (
        CaseTriage.objects.select_for_update().select_related("request").get(request_id=request_id)
    )
    if case.state not in {QueueState.QUEUED, QueueState.ASSIGNED}:
        raise Conflict(f"A case that is {case.get_state_display().lower()} cannot be rerouted.")
    previous, case.office = case.office, office
    case.save(update_fields=["office", "updated_at"])
    audit_request(
        case.request,
        actor=supervisor,
        action="triage.case_routed",
        details={"from_office": previous, "to_office": office},
    )
    return case
