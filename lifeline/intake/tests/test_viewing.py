"""Opening a case file leaves an audit event in the request's stream."""

from __future__ import annotations

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.intake.tests.factories import make_request, make_user
from lifeline.intake.viewing import record_case_file_viewed

pytestmark = pytest.mark.django_db


def test_viewing_a_case_file_is_audited_with_who_and_where() -> None:
    officer = make_user(UserRole.OFFICER)
    request = make_request(status="in_review")
    record_case_file_viewed(viewer=officer, request=request, where="workspace.case")
    event = AuditEvent.objects.get(stream=f"request:{request.pk}", action="request.viewed")
    assert event.actor == officer
    assert event.case_reference == request.reference
    assert event.details == {"where": "workspace.case"}


def test_reading_a_request_through_the_api_is_audited(client) -> None:  # type: ignore[no-untyped-def]
    from lifeline.accounts.tokens import issue_api_token

    owner = make_user(UserRole.BENEFICIARY)
    request = make_request(filed_by=owner)
    token = issue_api_token(user=owner, name="test")
    for path in ("", "/timeline", "/evidence"):
        response = client.get(
            f"/api/v1/requests/{request.reference}{path}", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert response.status_code == 200
    places = [
        event.details["where"]
        for event in AuditEvent.objects.filter(stream=f"request:{request.pk}").order_by("sequence")
    ]
    assert places == ["api.request", "api.timeline", "api.evidence"]
