"""Workspace pages through the test client: queue, take next, case page, evidence request,
decision, sign-off, parole record and payment, and the public verification page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.adjudication import services
from lifeline.audit.models import AuditEvent
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake.enums import RequestStatus
from lifeline.intake.evidence import add_evidence
from lifeline.intake.tests.factories import make_user, person_document
from lifeline.notices.models import Notice
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.people.models import FamilyGroup
from lifeline.supporters.evidence import add_declaration_evidence
from lifeline.supporters.tests.test_services import _declare
from lifeline.triage.tests.scenario import (
    GENERAL_RUBRIC,
    complete_the_file,
    officer,
    submitted_request,
    supervisor,
)

pytestmark = pytest.mark.django_db
CALM = {"urgency": {}, "narrative": "We would like to visit our mother in hospital."}


@pytest.fixture(autouse=True)
def _setup(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.delenv("LIFELINE_CLAMD_SOCKET", raising=False)
    monkeypatch.delenv("LIFELINE_CLAMD_ADDRESS", raising=False)
    monkeypatch.setattr(services, "is_sampled_for_second_review", lambda r, s: False)
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _decision_post(request, outcome: str, codes: list[str]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data: dict[str, Any] = {
        "decision-expected_version": request.version,
        "decision-outcome": outcome,
        "decision-reason_codes": codes,
        "decision-rationale": "The evidence now shows the need clearly.",
    }
    data.update({f"decision-rubric_{k}": v for k, v in GENERAL_RUBRIC.items()})
    return data


def test_an_officer_works_a_case_from_queue_to_approval_and_the_notice_verifies(
    django_capture_on_commit_callbacks: Any,
) -> None:
    request = submitted_request(**CALM)
    alice = officer()
    web = signed_in(alice)
    assert web.get("/workspace/").status_code == 200
    taken = web.post("/workspace/take-next/")
    assert taken.url == f"/workspace/cases/{request.reference}/"
    page = web.get(taken.url)
    assert page.status_code == 200
    for heading in (
        "Urgency",
        "People and family",
        "Supporters",
        "Evidence",
        "Pre-screen",
        "Integrity flags",
        "Similar decided cases",
        "Timeline",
        "Decide",
    ):
        assert heading in page.content.decode()
    request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        asked = web.post(
            f"/workspace/cases/{request.reference}/evidence-request/",
            {"evidence-expected_version": request.version, "evidence-items": ["passport_bio_page"]},
        )
    assert asked.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.EVIDENCE_REQUESTED
    add_evidence(
        actor=request.filed_by,
        request_id=request.pk,
        kind="passport_bio_page",
        upload=SimpleUploadedFile("passport.png", image_bytes("PNG"), "image/png"),
    )
    web.post("/workspace/take-next/")
    request.refresh_from_db()
    page = web.get(f"/workspace/cases/{request.reference}/")
    assert AuditEvent.objects.filter(
        stream=f"request:{request.pk}", action="request.viewed", details_json__contains="workspace"
    ).exists()
    evidence_url = re.search(
        r'src="(/workspace/cases/[^"]+/evidence/\d+/)"', page.content.decode()
    ).group(1)
    assert web.get(evidence_url)["Content-Type"] == "image/png"
    # The failed supporter rule and the missing documents are listed; the rest of the file
    # arrives, so the approval needs no override.
    assert "Answer for these before you decide" in page.content.decode()
    complete_the_file(request)
    stale = _decision_post(request, "approve", ["approve_urgent_humanitarian"])
    stale["decision-expected_version"] = request.version - 1
    conflict = web.post(f"/workspace/cases/{request.reference}/decide/", stale)
    assert conflict.status_code == 409 and "changed by someone else" in conflict.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decided = web.post(
            f"/workspace/cases/{request.reference}/decide/",
            _decision_post(request, "approve", ["approve_urgent_humanitarian"]),
        )
    assert decided.status_code == 302
    term = ParoleTerm.objects.get(request=request)
    assert term.status == TermStatus.FEE_DUE
    paid = web.post(
        f"/workspace/cases/{request.reference}/parole/",
        {"action": "pay", "payment_token": "tok_visa", "idempotency_key": "k-1"},
    )
    assert paid.status_code == 302
    term.refresh_from_db()
    assert term.status == TermStatus.TRAVEL_AUTHORIZED
    approval = Notice.objects.get(request=request, kind="approval")
    public = Client().get(f"/verify/{approval.verification_code}")
    text = public.content.decode()
    assert public.status_code == 200 and "Valid notice" in text and "Approval notice" in text
    assert str(request.beneficiary) not in text and request.reference not in text
    assert Client().get("/verify/ZZZZ-ZZZZ-ZZZZ").status_code == 404
    assert Client().get(f"/notices/{approval.verification_code}.pdf").status_code == 404
    assert (
        web.get(f"/notices/{approval.verification_code}.pdf")["Content-Type"] == "application/pdf"
    )


def test_a_supervisor_signs_off_a_denial_from_the_sign_off_queue() -> None:
    request = submitted_request()
    alice, boss = officer(), supervisor()
    web = signed_in(alice)
    web.post("/workspace/take-next/")
    request.refresh_from_db()
    complete_the_file(request)  # no open point left: the guardrails ask for no override
    web.post(
        f"/workspace/cases/{request.reference}/decide/",
        _decision_post(request, "deny", ["deny_no_urgent_reason"]),
    )
    boss_web = signed_in(boss)
    queue = boss_web.get("/workspace/sign-off/")
    assert request.reference in queue.content.decode()
    decision_id = request.decisions.get().pk
    boss_web.post("/workspace/sign-off/", {"decision_id": decision_id, "action": "sign"})
    request.refresh_from_db()
    assert request.status == RequestStatus.DENIED
    assert signed_in(alice).get("/workspace/sign-off/").status_code == 404


@pytest.mark.parametrize("path", ["/workspace/", "/workspace/workload/", "/workspace/sign-off/"])
def test_workspace_pages_are_for_staff_only(path: str) -> None:
    assert Client().get(path).status_code == 302  # to sign in
    assert signed_in(make_user()).get(path).status_code == 404


def test_a_supervisor_reassigns_and_an_officer_decides_an_expedite_from_the_case_page() -> None:
    request = submitted_request(**CALM)
    alice, bob, boss = officer(), officer(), supervisor()
    signed_in(alice).post("/workspace/take-next/")
    boss_web = signed_in(boss)
    boss_web.post(f"/workspace/cases/{request.reference}/assign/", {"officer_id": bob.pk})
    assert request.triage.__class__.objects.get(request=request).assigned_to == bob
    web = signed_in(bob)
    web.post(
        f"/workspace/cases/{request.reference}/expedite/",
        {"reason": "Letter from the hospital: surgery moved to next week."},
    )
    expedite = request.expedite_requests.get()
    web.post(
        f"/workspace/cases/{request.reference}/expedite/",
        {"expedite_id": expedite.pk, "grant": "1", "reason": "Confirmed with the hospital."},
    )
    expedite.refresh_from_db()
    assert expedite.status == "granted"
    page = web.get(f"/workspace/cases/{request.reference}/").content.decode()
    assert "Expedite granted" in page and "Confirmed with the hospital." in page


def test_the_queue_page_runs_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(12):
        submitted_request(**CALM)
    web = signed_in(officer())
    web.get("/workspace/")  # warm the session and the policy registry
    with django_assert_max_num_queries(12):
        assert web.get("/workspace/").status_code == 200


@pytest.mark.parametrize(
    ("name", "content_type", "disposition"),
    [("passport.png", "image/png", "inline"), ("letter.pdf", "application/pdf", "attachment")],
)
def test_evidence_files_are_sandboxed_and_pdfs_are_downloaded(
    name: str, content_type: str, disposition: str
) -> None:
    request = submitted_request(**CALM)
    add_evidence(
        actor=request.filed_by,
        request_id=request.pk,
        kind="passport_bio_page",
        upload=SimpleUploadedFile(name, image_bytes(name[-3:].upper()), content_type),
    )
    item = request.evidence.get()
    response = signed_in(officer()).get(f"/workspace/cases/{request.reference}/evidence/{item.pk}/")
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith(disposition)
    assert "sandbox" in response["Content-Security-Policy"].split("; ")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_files_may_be_framed_by_the_case_page_only() -> None:
    request = submitted_request(**CALM)
    alice = officer()
    add_evidence(
        actor=request.filed_by,
        request_id=request.pk,
        kind="passport_bio_page",
        upload=SimpleUploadedFile("passport.png", image_bytes("PNG"), "image/png"),
    )
    web = signed_in(alice)
    item = request.evidence.get()
    response = web.get(f"/workspace/cases/{request.reference}/evidence/{item.pk}/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert web.get("/workspace/")["X-Frame-Options"] == "DENY"


def test_the_case_page_lists_the_evidence_the_supporter_sent_with_the_declaration() -> None:
    request = submitted_request(**CALM)
    declaration = _declare(make_user(UserRole.SUPPORTER))
    request.declarations.add(declaration)
    page = signed_in(officer()).get(f"/workspace/cases/{request.reference}/").content.decode()
    assert "The supporter sent no evidence of status or income." in page
    add_declaration_evidence(
        actor=declaration.supporter_user,
        reference=declaration.reference,
        kind="status",
        upload=SimpleUploadedFile("green-card.pdf", image_bytes("PDF"), "application/pdf"),
    )
    page = signed_in(officer()).get(f"/workspace/cases/{request.reference}/").content.decode()
    assert "Supporter evidence (Status in the United States): green-card.pdf" in page


def test_the_decision_form_lists_the_concerns_and_an_override_goes_to_sign_off() -> None:
    request = submitted_request(**CALM)  # no supporter named, no documents sent
    web = signed_in(officer())
    web.post("/workspace/take-next/")
    request.refresh_from_db()
    page = web.get(f"/workspace/cases/{request.reference}/").content.decode()
    assert "Rule failed" in page and "Required evidence not sent" in page
    refused = web.post(
        f"/workspace/cases/{request.reference}/decide/",
        _decision_post(request, "approve", ["approve_urgent_humanitarian"]),
    )
    assert refused.status_code == 409
    assert "To go ahead, write why you override it" in refused.content.decode()
    overridden = web.post(
        f"/workspace/cases/{request.reference}/decide/",
        {
            **_decision_post(request, "approve", ["approve_urgent_humanitarian"]),
            "decision-override_reason": "The supporter's form was filed on paper at the office.",
        },
    )
    assert overridden.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DECISION_PENDING_SIGNOFF


def test_a_reason_for_the_other_outcome_is_refused_in_plain_words() -> None:
    request = submitted_request(**CALM)
    web = signed_in(officer())
    web.post("/workspace/take-next/")
    request.refresh_from_db()
    refused = web.post(
        f"/workspace/cases/{request.reference}/decide/",
        _decision_post(request, "approve", ["deny_no_urgent_reason"]),
    )
    text = refused.content.decode()
    assert refused.status_code == 409
    assert "is a reason to deny, not to approve" in text
    assert "deny_no_urgent_reason" not in text.split('id="h-decide"')[1].split("<fieldset")[0]


def test_the_case_timeline_names_statuses_and_roles_not_codes() -> None:
    request = submitted_request(**CALM)
    web = signed_in(officer())
    web.post("/workspace/take-next/")
    page = web.get(f"/workspace/cases/{request.reference}/").content.decode()
    timeline = page.split('id="h-timeline"')[1].split("</section>")[0]
    assert "in_review" not in timeline and "pre_screened" not in timeline
    assert "→ In review (Officer)" in timeline


def _member(relationship: str, given: str, born: str, **facts: Any) -> dict[str, Any]:
    person = person_document(given_name=given, birth_date=born, given_name_native="")
    person.pop("residence_history")
    return {"relationship": relationship, "person": person, "travelling_with_principal": True,
            **facts}  # fmt: skip


def test_the_case_page_shows_every_family_member_filed_with_their_own_pre_screen() -> None:
    spouse = _member(
        "spouse", "Andriy", "1986-07-01",
        immigration_history={"in_united_states": False, "in_removal_proceedings": False},
    )  # fmt: skip
    child = _member("child", "Sofia", "2015-05-05")
    request = submitted_request(**CALM, household=[spouse, child])
    web = signed_in(officer())
    web.post("/workspace/take-next/")
    page = web.get(f"/workspace/cases/{request.reference}/").content.decode()
    household = page[
        page.index('id="household"') : page.index("</table>", page.index('id="household"'))
    ]
    people = request.prescreens.get(is_current=True).people
    for index, (name, relationship, born) in enumerate(
        [("Andriy Kovalenko", "spouse", "1986-07-01"), ("Sofia Kovalenko", "child", "2015-05-05")]
    ):
        row = household.split("<tr>")[index + 2]
        assert name in row and f"<td>{relationship}</td>" in row and born in row
        own = next(p for p in people if p["person"] == f"household[{index}]")
        assert f"<td>{own['outcome']}" in row
    assert "This decision covers Olena Kovalenko and the 2 family members" in page
    assert "Andriy Kovalenko (spouse), Sofia Kovalenko (child)" in page
    assert 'name="decision-confirm_family_split"' not in page  # no request filed on its own


def test_a_case_without_family_says_so_and_asks_no_family_split() -> None:
    request = submitted_request(**CALM)
    web = signed_in(officer())
    web.post("/workspace/take-next/")
    page = web.get(f"/workspace/cases/{request.reference}/").content.decode()
    assert "No family member filed in this request." in page
    assert 'id="decision-covers"' not in page
    assert 'name="decision-confirm_family_split"' not in page


def test_a_case_with_a_family_linked_request_offers_the_family_split_confirmation() -> None:
    alice = officer()
    family = FamilyGroup.objects.create(label="Kovalenko")
    parent = submitted_request(**CALM)
    child = submitted_request(**CALM)
    for linked in (parent, child):
        linked.family_group = family
        linked.save(update_fields=["family_group"])
    taken = signed_in(alice).post("/workspace/take-next/").url
    other = child if parent.reference in taken else parent
    page = signed_in(alice).get(taken).content.decode()
    assert other.reference in page and "Family-linked requests, each filed on its own" in page
    assert 'name="decision-confirm_family_split"' in page
