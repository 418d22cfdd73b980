"""A draft program version is reviewed against pending requests before it can be published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.intake.models import ProgramVersionReview
from lifeline.intake.policy_review import (
    ReviewMissing,
    publish_reviewed_program_version,
    review_draft_program_version,
)
from lifeline.intake.services import create_request, submit_request
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.programs.enums import PublishedVersionStatus
from lifeline.programs.errors import PublishNotAllowed
from lifeline.programs.models import PublishedProgramVersion
from lifeline.programs.registry import get_registry, reset_registry
from lifeline.programs.tests.policy_texts import TEST_CITATION, make_policy_dir

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


NEW_RULE = f"""
  - id: requested_duration_at_most_one_year
    expression: "doc.requested_duration_days <= 365"
    effect: not_eligible
    explanation: General parole is granted for at most one year at a time.
    citation: {TEST_CITATION}
"""


def draft_text() -> str:
    shipped = Path(settings.LIFELINE_POLICY_DIR, "general", "general-2016-12-23.yaml")
    text = shipped.read_text(encoding="utf-8")
    text = text.replace("version: general-2016-12-23", "version: general-2027-01-01", 1)
    text = text.replace("effective_from: 2016-12-23", "effective_from: 2027-01-01", 1)
    text = text.replace("  - starts_on: 2016-12-23", "  - starts_on: 2027-01-01", 1)
    return text.replace("rules:\n", "rules:" + NEW_RULE, 1)


# Stated, so that no route the rules could name waits on an unknown (ADR 0252) and a criterion
# the draft adds decides the outcome.
OUTSIDE_THE_UNITED_STATES = {
    "in_united_states": False,
    "in_removal_proceedings": False,
    "removal_orders": [],
}


def _pending(duration_days: int) -> str:
    owner = make_user(UserRole.BENEFICIARY)
    document = request_document(
        requested_duration_days=duration_days, immigration_history=OUTSIDE_THE_UNITED_STATES
    )
    draft = create_request(actor=owner, document=document)
    return submit_request(request_id=draft.pk, actor=owner).reference


def test_the_review_lists_exactly_the_pending_requests_whose_outcome_would_change_and_why() -> None:
    unchanged, changed = _pending(180), _pending(700)
    administrator = make_user(UserRole.PROGRAM_ADMINISTRATOR)

    report = review_draft_program_version(actor=administrator, source_yaml=draft_text())

    assert report.evaluated_count == 2
    assert [change.reference for change in report.changes] == [changed]
    assert unchanged not in {change.reference for change in report.changes}
    (rule_change,) = [
        rule
        for rule in report.changes[0].rule_changes
        if rule.id == "requested_duration_at_most_one_year"
    ]
    assert (rule_change.before, rule_change.after) == (None, "fail")
    assert report.changes[0].after_outcome == "not_eligible"
    review = ProgramVersionReview.objects.get(version="general-2027-01-01")
    assert review.changed_count == 1
    assert AuditEvent.objects.filter(action="program_version.reviewed").exists()
    row = PublishedProgramVersion.objects.get(version="general-2027-01-01")
    assert row.status == PublishedVersionStatus.DRAFT


def test_publishing_needs_a_review_of_the_exact_text() -> None:
    administrator = make_user(UserRole.PROGRAM_ADMINISTRATOR)
    with pytest.raises(ReviewMissing, match="no what-if review"):
        publish_reviewed_program_version(actor=administrator, version="general-2027-01-01")


def test_only_a_program_administrator_may_review_a_draft() -> None:
    with pytest.raises(PublishNotAllowed):
        review_draft_program_version(actor=make_user(UserRole.OFFICER), source_yaml=draft_text())
    assert not ProgramVersionReview.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_reviewed_draft_is_published_and_then_used_for_new_filings(
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.LIFELINE_POLICY_DIR = make_policy_dir(tmp_path, with_shipped=True)
    reset_registry()
    try:
        administrator = make_user(UserRole.PROGRAM_ADMINISTRATOR)
        review_draft_program_version(actor=administrator, source_yaml=draft_text())
        row = publish_reviewed_program_version(actor=administrator, version="general-2027-01-01")
        assert row.status == PublishedVersionStatus.PUBLISHED
        assert row.published_by == administrator
        assert (settings.LIFELINE_POLICY_DIR / "general" / "general-2027-01-01.yaml").exists()
        in_force = get_registry().version_in_force("general", dt.date(2027, 2, 1))
        assert in_force.version == "general-2027-01-01"
    finally:
        reset_registry()
