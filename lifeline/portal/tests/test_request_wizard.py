"""The request wizard: only programs open today, a before-you-start page, suggested answers
from the confirmed declaration, a draft kept across sign-outs, the reason page per category."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.db import connection
from django.test import Client

from lifeline.accounts.models import User
from lifeline.intake.models import ParoleRequest
from lifeline.portal.models import WizardDraft
from lifeline.portal.tests.flows import (
    PASSWORD,
    beneficiary_with_a_confirmed_declaration,
    make_account,
    post_steps,
    request_answers,
    signed_in,
)
from lifeline.supporters.models import SupporterDeclaration

pytestmark = pytest.mark.django_db
BASE = "/requests/new/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


@pytest.fixture
def beneficiary() -> User:
    return beneficiary_with_a_confirmed_declaration()


def test_a_paused_program_is_not_offered_and_the_page_says_why(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    page = client.get(f"{BASE}program/").content.decode()
    assert 'value="general"' in page
    assert 'value="u4u"' not in page  # paused for new requests since 28 January 2025
    assert 'href="/programs/u4u/before-you-start/"' in page
    response = client.post(
        f"{BASE}program/", {"program-program": "u4u", "program-category": "other"}
    )
    assert response.status_code == 400
    assert ParoleRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("program", "open_today", "shown"),
    [
        ("u4u", False, "does not take new requests today"),
        ("chnv_cuba", False, "does not take new requests today"),
        ("general", True, "takes new requests today"),
    ],
)
def test_the_before_you_start_page_says_whether_the_program_takes_requests_today(
    program: str, open_today: bool, shown: str
) -> None:
    page = Client().get(f"/programs/{program}/before-you-start/").content.decode()
    assert shown in page
    assert ('id="start-request"' in page) is open_today
    assert ('href="/programs/general/before-you-start/"' in page) is not open_today


def test_an_unknown_program_has_no_before_you_start_page() -> None:
    assert Client().get("/programs/nothing/before-you-start/").status_code == 404


def test_the_confirmed_declaration_fills_in_the_program_and_the_person(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    program = client.get(f"{BASE}program/").content.decode()
    assert '<option value="general" selected>' in program
    client.post(f"{BASE}program/", {"program-program": "general", "program-category": "medical"})
    person = client.get(f"{BASE}beneficiary/").content.decode()
    assert 'value="Olena"' in person and 'value="Kovalenko"' in person
    assert 'value="1988"' in person


@pytest.mark.parametrize(("program", "selected"), [("general", True), ("u4u", False), ("", False)])
def test_a_program_chosen_on_its_before_you_start_page_is_suggested_if_open(
    program: str, selected: bool
) -> None:
    client = signed_in(make_account("beneficiary"))  # no declaration to suggest one
    response = client.get(f"{BASE}?restart=1&program={program}")
    assert response["Location"] == f"{BASE}program/" + (f"?program={program}" if program else "")
    page = client.get(response["Location"]).content.decode()
    assert ('<option value="general" selected>' in page) is selected


def _post(client: Client, answers: dict[str, dict[str, object]], *steps: str) -> None:
    for step in steps:
        data = {key if key.startswith(f"{step}-") else f"{step}-{key}": value
                for key, value in answers[step].items()}  # fmt: skip
        response = client.post(f"{BASE}{step}/", data)
        assert response.status_code == 302, (step, response.content.decode()[:2000])


def test_the_answers_are_kept_after_signing_out_and_the_form_resumes_where_it_stopped(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    answers = request_answers([SupporterDeclaration.objects.get().reference])
    _post(client, answers, "program", "beneficiary")
    client.logout()
    again = Client()
    assert again.login(username=beneficiary.username, password=PASSWORD)
    assert 'id="continue-draft"' in again.get("/dashboard/").content.decode()
    assert again.get(BASE)["Location"] == f"{BASE}residence/"
    assert 'value="Olena"' in again.get(f"{BASE}beneficiary/").content.decode()
    assert "Olena" in WizardDraft.objects.get().answers_json
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers_json FROM portal_wizarddraft")
        assert "Olena" not in cursor.fetchone()[0]  # encrypted at rest


def test_sending_the_request_removes_the_draft(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    post_steps(client, BASE, request_answers([SupporterDeclaration.objects.get().reference]))
    assert ParoleRequest.objects.count() == 1
    assert WizardDraft.objects.count() == 0


def test_the_medical_emergency_answer_reaches_the_document(beneficiary: User) -> None:
    """8 U.S.C. 1804(b)(1)(A): "the alien has a medical emergency" is asked, so the parole fee
    exception can be found from the request's own facts."""
    client = signed_in(beneficiary)
    answers = request_answers([SupporterDeclaration.objects.get().reference])
    answers["reason"]["medical_emergency"] = "no"
    post_steps(client, BASE, answers)
    assert ParoleRequest.objects.get().document["urgency"]["medical_emergency"] is False


@pytest.mark.parametrize(
    ("category", "asked", "not_asked"),
    [
        ("medical", "reason-diagnosis", "reason-threat_evidence"),
        ("protection", "reason-threat_evidence", "reason-diagnosis"),
        ("other", "reason-event_kind", "reason-life_threatening"),
        ("family_reunification", "reason-narrative", "reason-event_on_0"),
    ],
)
def test_the_reason_page_asks_only_about_the_chosen_reason(
    beneficiary: User, category: str, asked: str, not_asked: str
) -> None:
    client = signed_in(beneficiary)
    answers = request_answers([SupporterDeclaration.objects.get().reference])
    answers["program"]["category"] = category
    _post(client, answers, *list(answers)[: list(answers).index("reason")])
    page = client.get(f"{BASE}reason/").content.decode()
    assert f'name="{asked}"' in page and f'name="{not_asked}"' not in page


def test_a_protection_request_is_filed_without_the_medical_questions(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    answers = request_answers([SupporterDeclaration.objects.get().reference])
    answers["program"]["category"] = "protection"
    answers["reason"] = {
        "narrative": "Threatened by name.",
        "individually_targeted": "yes",
        "threat_evidence": "unknown",
        "requested_duration_days": "365",
    }
    response = post_steps(client, BASE, answers)
    assert response.status_code == 302
    urgency = ParoleRequest.objects.get().document["urgency"]
    assert urgency["individually_targeted"] is True and urgency["diagnosis"] in ("", None)


def test_the_persons_details_are_asked_over_three_short_pages(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    client.post(f"{BASE}program/", {"program-program": "general", "program-category": "medical"})
    page = client.get(f"{BASE}beneficiary/").content.decode()
    assert "beneficiary-given_name" in page and "passport_number" not in page
    assert "Step 2 of 10" in page
