"""The program administrator's API: review a draft against pending requests, then publish it."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine

from lifeline.accounts.enums import UserRole
from lifeline.core.tests.api_helpers import error_of, post_json, token_client
from lifeline.intake.models import ProgramVersionReview
from lifeline.intake.tests.factories import make_user
from lifeline.intake.tests.test_policy_review import _pending, draft_text
from lifeline.programs.registry import reset_registry
from lifeline.programs.tests.policy_texts import make_policy_dir

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def test_an_administrator_reviews_a_draft_and_sees_whose_outcome_would_change() -> None:
    changed = _pending(700)
    _pending(180)
    client = token_client(make_user(UserRole.PROGRAM_ADMINISTRATOR))
    response = post_json(client, "/program-versions/reviews", {"source_yaml": draft_text()})
    assert response.status_code == 201, response.content
    report = response.json()
    assert report["evaluated_count"] == 2
    assert [change["reference"] for change in report["changes"]] == [changed]


def test_a_draft_with_a_mistake_is_refused_with_the_line_and_no_review_is_kept() -> None:
    client = token_client(make_user(UserRole.PROGRAM_ADMINISTRATOR))
    broken = draft_text().replace(
        'expression: "doc.requested_duration_days <= 365"',
        'expression: "doc.requested_duration_days <="',
    )
    response = post_json(client, "/program-versions/reviews", {"source_yaml": broken})
    assert response.status_code == 422
    assert "requested_duration_at_most_one_year" in error_of(response)["message"]
    assert not ProgramVersionReview.objects.exists()


@pytest.mark.parametrize("role", [UserRole.OFFICER, UserRole.SUPERVISOR, UserRole.BENEFICIARY])
def test_only_a_program_administrator_may_review_or_publish(role: str) -> None:
    client = token_client(make_user(role))
    review = post_json(client, "/program-versions/reviews", {"source_yaml": draft_text()})
    publish = post_json(client, "/program-versions/general-2027-01-01/publish")
    assert (review.status_code, publish.status_code) == (403, 403)


def test_publishing_without_a_review_is_a_conflict_and_after_one_it_succeeds(
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.LIFELINE_POLICY_DIR = make_policy_dir(tmp_path, with_shipped=True)
    reset_registry()
    try:
        client = token_client(make_user(UserRole.PROGRAM_ADMINISTRATOR))
        early = post_json(client, "/program-versions/general-2027-01-01/publish")
        assert early.status_code in {404, 409}
        assert (
            post_json(
                client, "/program-versions/reviews", {"source_yaml": draft_text()}
            ).status_code
            == 201
        )
        with django_capture_on_commit_callbacks(execute=True):
            published = post_json(client, "/program-versions/general-2027-01-01/publish")
        assert published.status_code == 200, published.content
        assert published.json()["status"] == "published"
        assert (settings.LIFELINE_POLICY_DIR / "general" / "general-2027-01-01.yaml").exists()
    finally:
        reset_registry()
