"""One scripted task per applicant-side role, left to right in English and right to left in
Arabic and Dari, on a 360 px phone and at a 1280 px desk: a supporter declares, a beneficiary
files a household request with an upload, a representative files for a client. Each ends on
what the person sees: the state of what they filed, in their own language, and the mail or
notice it sent."""

from __future__ import annotations

from collections.abc import Callable
from email.message import Message
from pathlib import Path

import pytest
from django.utils import translation

from lifeline.accounts.models import RepresentationConsent
from lifeline.core import clock
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest
from lifeline.portal import choices
from lifeline.portal.tests.flows import make_account
from lifeline.supporters.models import SupporterDeclaration

from .driver import Driver
from .request_steps import (
    MALE,
    SPOUSE,
    FamilyMember,
    add_family_member,
    answer_from_support_to_review,
    answer_the_reason,
    answer_up_to_household,
    choose_program,
    describe_the_person,
)
from .roles import APPLICANT_READERS, Reader, sign_in, snap
from .test_journeys import BENEFICIARY_EMAIL, _declare

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SPOUSE_TARAS = FamilyMember(SPOUSE, "Taras", "Kovalenko", "1986-07-21", MALE, "FE654321")


def _in_language(reader: Reader, labels: dict[str, object], key: str) -> str:
    with translation.override(reader.language):
        return str(labels[key])


def _assert_reading_direction(tab: Driver, reader: Reader) -> None:
    page = tab.page
    assert page.evaluate("document.documentElement.lang") == reader.language
    direction = "rtl" if reader.is_right_to_left else "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == direction


def _assert_reference_on_one_line(tab: Driver, reference: str) -> None:
    """The reference in the heading reads as one piece, even in right-to-left text on a phone."""
    shown = tab.page.locator("h1 bdi[dir=ltr]")
    assert shown.inner_text() == reference
    assert shown.evaluate("element => element.getClientRects().length") == 1


def supporter_declares(tab: Driver, reader: Reader, inbox: list[Message], workdir: Path) -> None:
    sign_in(tab, make_account("supporter"))
    _assert_reading_direction(tab, reader)
    snap(tab, reader, "supporter", "dashboard")
    _declare(tab)
    declaration = SupporterDeclaration.objects.get()
    main = tab.page.inner_text("main")
    assert declaration.reference in main
    _assert_reference_on_one_line(tab, declaration.reference)
    assert _in_language(reader, choices.DECLARATION_STATUSES, declaration.status) in main
    _assert_reading_direction(tab, reader)
    snap(tab, reader, "supporter", "declared")
    invited = [message for message in inbox if message["To"] == BENEFICIARY_EMAIL]
    assert invited, [message["To"] for message in inbox]  # the beneficiary is told


def _answer_from_the_reason_and_save(tab: Driver) -> None:
    answer_the_reason(tab)
    answer_from_support_to_review(tab)  # no declaration of support yet
    tab.submit()  # the answers checked


def _fill_request(tab: Driver) -> None:
    choose_program(tab)
    describe_the_person(tab)
    answer_up_to_household(tab)
    tab.submit()  # no family members
    _answer_from_the_reason_and_save(tab)


def _upload_and_send(tab: Driver, workdir: Path) -> None:
    letter = workdir / "letter.png"
    letter.write_bytes(image_bytes("PNG"))
    tab.select("id_kind", "physician_statement")
    tab.upload("id_file", letter)
    tab.press("main form[action$='/evidence/'] button[type=submit]")
    tab.check("send-without-missing")
    tab.press("main form[action$='/submit/'] button[type=submit]")


def beneficiary_files_for_the_household(
    tab: Driver, reader: Reader, inbox: list[Message], workdir: Path
) -> None:
    sign_in(tab, make_account("beneficiary", language=reader.language))
    _assert_reading_direction(tab, reader)
    tab.press("main a[href*='/requests/new/']")
    choose_program(tab)
    describe_the_person(tab)
    answer_up_to_household(tab)
    add_family_member(tab, 0, SPOUSE_TARAS)
    snap(tab, reader, "beneficiary", "family-member", at="#family-member-1")
    tab.submit()
    _answer_from_the_reason_and_save(tab)
    request = ParoleRequest.objects.get()  # one request for the household
    (spouse,) = read_document(request).household
    assert (spouse.relationship, spouse.person.given_name) == ("spouse", "Taras")
    _upload_and_send(tab, workdir)
    request.refresh_from_db()
    assert request.status == "prescreened"
    state = tab.page.inner_text("#request-state")
    assert state == _in_language(reader, choices.REQUEST_STATUSES, request.status)
    _assert_reference_on_one_line(tab, request.reference)
    assert "letter.png" in tab.page.inner_text("main section[aria-labelledby=checklist-heading]")
    names = {"principal": "Olena Kovalenko", "household[0]": "Taras Kovalenko"}
    people = request.prescreens.latest("pk").people
    assert [person["person"] for person in people] == list(names)
    for number, person in enumerate(people, start=1):  # each person's own result, in order
        shown = tab.page.inner_text(f"#prescreen-person-{number}")
        assert names[person["person"]] in shown
        assert _in_language(reader, choices.HOUSEHOLD_ROLES, person["relationship"]) in shown
        assert _in_language(reader, choices.OUTCOME_LABELS, person["outcome"]) in shown
    _assert_reading_direction(tab, reader)
    snap(tab, reader, "beneficiary", "sent")


def representative_files_for_a_client(
    tab: Driver, reader: Reader, inbox: list[Message], workdir: Path
) -> None:
    client = make_account("beneficiary", email="olena@example.org")
    lawyer = make_account("representative")
    RepresentationConsent.objects.create(
        representative=lawyer, client=client, granted_at=clock.now()
    )
    sign_in(tab, lawyer)
    tab.open("/clients/")
    _assert_reading_direction(tab, reader)
    snap(tab, reader, "representative", "clients")
    tab.press(f"main a[href*='client={client.pk}']")
    _fill_request(tab)
    request = ParoleRequest.objects.get()
    assert (request.filed_by, request.status) == (client, "draft")  # filed for the client
    _upload_and_send(tab, workdir)
    request.refresh_from_db()
    assert request.status == "prescreened"
    state = tab.page.inner_text("#request-state")
    assert state == _in_language(reader, choices.REQUEST_STATUSES, request.status)
    _assert_reference_on_one_line(tab, request.reference)
    _assert_reading_direction(tab, reader)
    snap(tab, reader, "representative", "filed")
    tab.open("/clients/")
    assert request.reference in tab.page.inner_text("main")


TASKS = {
    "supporter": supporter_declares,
    "beneficiary": beneficiary_files_for_the_household,
    "representative": representative_files_for_a_client,
}


@pytest.mark.parametrize("reader", APPLICANT_READERS, ids=str)
@pytest.mark.parametrize("role", TASKS)
def test_each_applicant_role_does_its_task_in_its_own_language_and_direction(
    open_driver: Callable[..., Driver],
    smtp_inbox: list[Message],
    tmp_path: Path,
    role: str,
    reader: Reader,
) -> None:
    tab = open_driver(language=reader.language, width=reader.width)
    TASKS[role](tab, reader, smtp_inbox, tmp_path)
