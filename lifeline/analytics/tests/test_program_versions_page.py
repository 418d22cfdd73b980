"""The draft program version page: a review is kept and shown; a bad file, or a reviewer who
may not prepare versions, gets the reason on the page and nothing is reviewed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.accounts.enums import UserRole
from lifeline.intake.models import ProgramVersionReview
from lifeline.intake.tests.factories import make_user
from lifeline.intake.tests.test_policy_review import draft_text
from lifeline.portal.tests.flows import signed_in

pytestmark = pytest.mark.django_db
PAGE = "/analytics/program-versions/"


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("draft.yaml", text.encode("utf-8"), content_type="text/yaml")


def test_a_program_administrator_reviews_a_draft_and_sees_the_review() -> None:
    client = signed_in(make_user(UserRole.PROGRAM_ADMINISTRATOR))
    response = client.post(PAGE, {"draft": _upload(draft_text())}, follow=True)
    assert response.status_code == 200
    review = ProgramVersionReview.objects.get()
    assert review.version == "general-2027-01-01"
    assert "general-2027-01-01" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "text", "reason"),
    [
        (UserRole.PROGRAM_ADMINISTRATOR, "version: [unclosed", "line 2: not valid YAML"),
        (UserRole.SUPERVISOR, None, "Only a program administrator can prepare program versions."),
    ],
)
def test_a_draft_that_cannot_be_reviewed_is_refused_with_its_reason(
    role: str, text: str | None, reason: str
) -> None:
    client = signed_in(make_user(role))
    response = client.post(PAGE, {"draft": _upload(text or draft_text())})
    assert response.status_code == 422
    assert reason in response.content.decode()
    assert not ProgramVersionReview.objects.exists()
