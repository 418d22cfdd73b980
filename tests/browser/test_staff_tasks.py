"""One scripted task per staff role, under an English and an Arabic address prefix, on a phone
and at a desk: an officer decides a case with an evidence request, a supervisor signs off, an
integrity analyst works a flag, a program administrator reviews a draft program version, an
auditor follows one case's trail. Every staff page met on
the way is English, left to right, and says so (ADR 0090)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lifeline.adjudication import services as adjudication
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake.enums import RequestStatus
from lifeline.intake.evidence import add_evidence
from lifeline.intake.models import ParoleRequest, ProgramVersionReview
from lifeline.intake.tests.test_policy_review import OUTSIDE_THE_UNITED_STATES, draft_text
from lifeline.integrity.models import FlagStatus, IntegrityFlag
from lifeline.integrity.services import FlagDraft, raise_flags
from lifeline.notices.models import Notice
from lifeline.portal.tests.flows import make_account
from lifeline.triage.tests.scenario import (
    GENERAL_RUBRIC,
    RATIONALE,
    submitted_request,
    taken_request,
)

from .driver import Driver
from .roles import STAFF_READERS, Reader, assert_english_left_to_right, sign_in, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHARED_PHONE: dict[str, Any] = {
    "rule_code": "SHARED_PHONE",
    "program": "general",
    "score": 0.9,
    "version": "browser-test",
    "evidence": {"value": "+1 202 555 0100", "forms": 40},
}
OVERRIDE = "The supporter's form came on paper this week; the hospital letter is on file."


@pytest.fixture(autouse=True)
def _no_blind_second_review(monkeypatch: pytest.MonkeyPatch) -> None:
    """A decision is drawn for a blind second review by its reference (5% of general cases);
    the officer's task ends at the sign-off, so the draw is taken out (its own tests cover it)."""
    monkeypatch.setattr(adjudication, "is_sampled_for_second_review", lambda r, s: False)


def _open_staff_page(tab: Driver, path: str) -> None:
    tab.open(path)
    assert_english_left_to_right(tab)


def _press_on_staff_page(tab: Driver, selector: str) -> None:
    tab.press(selector)
    assert_english_left_to_right(tab)


def _approve(tab: Driver) -> None:
    page = tab.page
    page.click("label[for='id_decision-outcome_0']")  # approve
    page.click("label[for='id_decision-reason_codes_0']")
    for radio in page.locator("input[type=radio][name^='decision-rubric_'][value='meets']").all():
        page.click(f"label[for='{radio.get_attribute('id')}']")
    page.fill("#id_decision-rationale", RATIONALE)
    if page.locator("#id_decision-override_reason").count():  # the case lists concerns
        page.fill("#id_decision-override_reason", OVERRIDE)
    _press_on_staff_page(tab, "#record-decision")


def _case_summary(tab: Driver) -> str:
    return tab.page.inner_text("main .usa-intro")


def officer_decides_a_case_with_an_evidence_request(
    tab: Driver, reader: Reader, workdir: Path
) -> None:
    request = submitted_request(narrative="My mother needs surgery; we want to be with her.")
    sign_in(tab, make_account("officer"))
    _open_staff_page(tab, "/workspace/")
    snap(tab, reader, "officer", "queue")
    _press_on_staff_page(tab, "#take-next")
    assert request.reference in tab.page.inner_text("h1")
    asked = tab.page.locator("input[name='evidence-items']").first
    kind = asked.get_attribute("value")
    tab.page.click(f"label[for='{asked.get_attribute('id')}']")
    snap(tab, reader, "officer", "case", at="#h-rfe")
    _press_on_staff_page(tab, "#request-evidence")
    assert "Evidence requested" in _case_summary(tab)
    assert "Request for evidence" in tab.page.inner_text("section[aria-labelledby=h-timeline]")

    add_evidence(  # the applicant answers from the portal (tests/browser/test_workspace.py)
        actor=request.filed_by,
        request_id=request.pk,
        kind=str(kind),
        upload=SimpleUploadedFile("answer.png", image_bytes("PNG"), content_type="image/png"),
    )
    _open_staff_page(tab, "/workspace/")
    _press_on_staff_page(tab, "#take-next")
    assert "In review" in _case_summary(tab)
    _approve(tab)
    request.refresh_from_db()
    assert request.status == RequestStatus.DECISION_PENDING_SIGNOFF
    assert "Decision pending sign-off" in _case_summary(tab)
    assert "Decision recorded" in tab.page.inner_text("main")
    snap(tab, reader, "officer", "decided")


def supervisor_signs_off(tab: Driver, reader: Reader, workdir: Path) -> None:
    officer = make_account("officer")
    request = taken_request(officer, narrative="My mother needs surgery; we want to be with her.")
    raise_flags([FlagDraft(**SHARED_PHONE, request_id=request.pk, subject_key=f"r:{request.pk}")])
    decision = adjudication.record_decision(
        officer=officer,
        request_id=request.pk,
        expected_version=request.version,
        outcome="approve",
        reason_codes=["approve_urgent_humanitarian"],
        rubric_scores=GENERAL_RUBRIC,
        rationale=RATIONALE,
    )
    assert "open_integrity_flag" in decision.signoff_reasons
    sign_in(tab, make_account("supervisor"))
    _open_staff_page(tab, "/workspace/sign-off/")
    waiting = tab.page.locator(f"section[aria-labelledby=d-{decision.pk}]")
    assert "open_integrity_flag" in waiting.inner_text()
    snap(tab, reader, "supervisor", "sign-off-queue")
    tab.page.fill(f"#comment-{decision.pk}", "The flag is a shared office phone; signed.")
    _press_on_staff_page(tab, f"section[aria-labelledby=d-{decision.pk}] button[value=sign]")
    assert "Signed: the decision is in effect." in tab.page.inner_text("main")
    assert "Nothing is waiting for sign-off." in tab.page.inner_text("main")
    _open_staff_page(tab, f"/workspace/cases/{request.reference}/")
    assert "Approved" in _case_summary(tab)
    notice = Notice.objects.get(request=request, kind="approval")
    assert notice.verification_code in tab.page.inner_text("section[aria-labelledby=h-timeline]")
    snap(tab, reader, "supervisor", "signed-case")


def analyst_works_a_flag(tab: Driver, reader: Reader, workdir: Path) -> None:
    request = submitted_request()
    raise_flags([FlagDraft(**SHARED_PHONE, request_id=request.pk, subject_key=f"r:{request.pk}")])
    flag = IntegrityFlag.objects.get()
    sign_in(tab, make_account("integrity_analyst"))
    _open_staff_page(tab, "/integrity/")
    row = tab.page.locator("#flag-queue tbody tr")
    assert row.count() == 1 and request.reference in row.inner_text()
    snap(tab, reader, "analyst", "queue")
    _press_on_staff_page(tab, f"#flag-queue a[href$='/integrity/flags/{flag.pk}/']")
    tab.page.click("label[for='id_decision_0']")  # confirm
    tab.page.fill("#id_reason", "Forty forms on one phone line, none from the same family.")
    snap(tab, reader, "analyst", "flag", at="#h-decide")
    _press_on_staff_page(tab, "#record-flag-decision")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CONFIRMED
    assert flag.get_status_display() in tab.page.inner_text("main dl")
    assert "Forty forms on one phone line" in tab.page.inner_text("main dl")


def auditor_follows_a_case(tab: Driver, reader: Reader, workdir: Path) -> None:
    officer = make_account("officer")
    request = taken_request(officer, complete=False)
    other = submitted_request()
    sign_in(tab, make_account("auditor"))
    _open_staff_page(tab, "/audit/")
    tab.text("id_case_reference", request.reference)
    _press_on_staff_page(tab, "main form[role=search] button[type=submit]")
    assert "Chain intact" in tab.page.inner_text("#chain-status")
    rows = tab.page.locator("main table tbody tr")
    assert rows.count() >= 2
    cases = {rows.nth(n).locator("td").nth(4).inner_text() for n in range(rows.count())}
    assert cases == {request.reference}, cases  # nothing of the other case
    assert other.reference not in tab.page.inner_text("main")
    trail = tab.page.inner_text("main table")
    assert officer.username in trail
    snap(tab, reader, "auditor", "case-trail", at="#chain-status")
    _press_on_staff_page(tab, "main table tbody tr:last-child a")  # the oldest event
    assert request.reference in tab.page.inner_text("main dl")
    snap(tab, reader, "auditor", "event")
    assert ParoleRequest.objects.count() == 2


def administrator_reviews_a_draft_version(tab: Driver, reader: Reader, workdir: Path) -> None:
    outside = OUTSIDE_THE_UNITED_STATES
    stays = submitted_request(requested_duration_days=180, immigration_history=outside)
    changes = submitted_request(requested_duration_days=700, immigration_history=outside)
    draft = workdir / "general-2027-01-01.yaml"
    draft.write_text(draft_text(), encoding="utf-8")
    sign_in(tab, make_account("program_administrator"))
    _press_on_staff_page(tab, "main nav a[href$='/analytics/program-versions/']")
    tab.submit()  # no file chosen: refused with the reason, nothing reviewed
    assert "This field is required." in tab.page.inner_text("#id_draft-error")
    assert not ProgramVersionReview.objects.exists()
    tab.upload("id_draft", draft)
    snap(tab, reader, "administrator", "draft")
    _press_on_staff_page(tab, "#review-draft")
    assert "1 of 2 pending requests would change outcome" in tab.page.inner_text("main")
    review = tab.page.locator("section[aria-labelledby^=review-]").first
    assert "general-2027-01-01" in review.inner_text()
    changed = review.locator("tbody tr")
    assert changed.count() == 1
    assert changes.reference in changed.inner_text()
    assert "requested_duration_at_most_one_year" in changed.inner_text()
    assert stays.reference not in tab.page.inner_text("main")
    snap(tab, reader, "administrator", "review", at="#h-reviews")


TASKS = {
    "officer": officer_decides_a_case_with_an_evidence_request,
    "supervisor": supervisor_signs_off,
    "analyst": analyst_works_a_flag,
    "administrator": administrator_reviews_a_draft_version,
    "auditor": auditor_follows_a_case,
}


@pytest.mark.parametrize("reader", STAFF_READERS, ids=str)
@pytest.mark.parametrize("role", TASKS)
def test_each_staff_role_does_its_task_in_english_left_to_right_under_any_prefix(
    open_driver: Callable[..., Driver], role: str, reader: Reader, tmp_path: Path
) -> None:
    TASKS[role](open_driver(language=reader.language, width=reader.width), reader, tmp_path)
