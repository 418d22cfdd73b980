"""The officer workspace in Chromium: an officer takes the next case and requests evidence, the
applicant answers from the portal, the officer approves, a supervisor signs off, the fee is paid
and the notice verifies on the public page; axe finds nothing on any workspace page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from lifeline.adjudication import services as adjudication
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.intake.services import create_request, submit_request
from lifeline.intake.tests.factories import request_document
from lifeline.integrity.services import FlagDraft, raise_flags
from lifeline.notices.models import Notice
from lifeline.notifications.tasks import deliver_pending_notifications_task
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.portal.tests.flows import PASSWORD, make_account

from .driver import Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FLAG: dict[str, Any] = {
    "rule_code": "SHARED_PHONE",
    "program": "general",
    "score": 0.9,
    "version": "browser-test",
    "evidence": {"value": "+1 202 555 0100", "forms": 40},
}


def _sign_in(tab: Driver, user: Any) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", user.username)
    tab.text("id_password", PASSWORD)
    tab.submit()


def _decide(tab: Driver) -> None:
    page = tab.page
    page.click("label[for='id_decision-outcome_0']")  # approve
    page.click("label[for='id_decision-reason_codes_0']")  # approve_urgent_humanitarian
    for radio in page.locator("input[type=radio][name^='decision-rubric_'][value='meets']").all():
        page.click(f"label[for='{radio.get_attribute('id')}']")
    page.fill("#id_decision-rationale", "The hospital letter confirms the urgent treatment.")
    if page.locator("#id_decision-override_reason").count():  # the case lists concerns
        page.fill("#id_decision-override_reason", "The supporter's form came on paper this week.")
    tab.press("#record-decision")


def test_an_officer_takes_a_case_to_an_approval_that_a_supervisor_signs_and_that_verifies(
    open_driver: Callable[..., Driver], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An open integrity flag: the approval needs a supervisor's sign-off under the policy.
    monkeypatch.setattr(adjudication, "is_sampled_for_second_review", lambda r, s: False)
    applicant = make_account("beneficiary")
    officer, boss = make_account("officer"), make_account("supervisor")
    with transaction.atomic():
        draft = create_request(
            actor=applicant,
            document=request_document(
                urgency={}, narrative="My mother needs surgery; we want to be with her."
            ),
        )
    request = submit_request(request_id=draft.pk, actor=applicant)
    raise_flags([FlagDraft(**FLAG, request_id=request.pk, subject_key=f"request:{request.pk}")])

    desk = open_driver()
    _sign_in(desk, officer)
    desk.open("/workspace/")
    desk.press("#take-next")
    assert request.reference in desk.page.inner_text("h1")
    assert "One phone number is used by many unrelated supporters" in desk.page.content()
    desk.page.click("label[for='id_evidence-items_1']")
    desk.press("#request-evidence")
    request.refresh_from_db()
    assert request.status == RequestStatus.EVIDENCE_REQUESTED

    portal = open_driver()
    _sign_in(portal, applicant)
    portal.open(f"/requests/{request.reference}/")
    picture = tmp_path / "passport.png"
    picture.write_bytes(image_bytes("PNG"))
    portal.select("id_kind", "passport_bio_page")
    portal.upload("id_file", picture)
    portal.submit()
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW  # the answer put it back in the queue

    desk.open("/workspace/")
    desk.press("#take-next")
    _decide(desk)
    request.refresh_from_db()
    assert request.status == RequestStatus.DECISION_PENDING_SIGNOFF
    desk.open("/workspace/workload/")

    chief = open_driver()
    _sign_in(chief, boss)
    chief.open("/workspace/sign-off/")
    chief.press("main form button[value=sign]")
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED

    chief.open(f"/workspace/cases/{request.reference}/parole/")
    chief.text("id_payment_token", "tok_visa")
    chief.press("#pay-fee")
    term = ParoleTerm.objects.get(request=request)
    assert term.status == TermStatus.TRAVEL_AUTHORIZED
    chief.open("/workspace/terminations/")

    deliver_pending_notifications_task.enqueue()
    notice = Notice.objects.get(request=request, kind="approval")
    public = open_driver()
    public.open(f"/verify/{notice.verification_code}")
    assert "Valid notice" in public.page.inner_text("#verdict")
    assert str(request.beneficiary) not in public.page.content()
    assert ParoleRequest.objects.get(pk=request.pk).notices.count() >= 3
