"""The supporter declares; the beneficiary signs up, confirms, files with an upload and sees the
pre-screen: by keyboard alone in English, and on a 360 px phone in Arabic with mistakes made."""

from __future__ import annotations

import re
from collections.abc import Callable
from email.message import Message
from pathlib import Path

import pytest

from lifeline.core.tests.api_helpers import image_bytes
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.portal.antivirus import EICAR
from lifeline.portal.tests.flows import PASSWORD, make_account
from lifeline.supporters.models import SupporterDeclaration

from .driver import Driver
from .request_steps import (
    answer_from_support_to_review,
    answer_the_reason,
    answer_up_to_household,
    choose_program,
    describe_the_person,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BENEFICIARY_EMAIL = "olena.kovalenko@example.org"
ERRORS = {
    "ar": {"date": "أدخل تاريخًا حقيقيًا", "virus": "الملف يحتوي على فيروس"},
    "en": {"date": "Enter a real date", "virus": "The file contains a virus"},
}


def _link(inbox: list[Message], *, to: str, contains: str) -> str:
    for message in reversed(inbox):
        body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
        if message["To"] == to and contains in body:
            return re.search(r"https?://\S+", body).group(0)  # type: ignore[union-attr]
    raise AssertionError(f"no mail to {to} with {contains}: {[m['Subject'] for m in inbox]}")


def _sign_in(tab: Driver, login: str) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", login)
    tab.text("id_password", PASSWORD)
    tab.submit()


def _declare(tab: Driver) -> None:
    tab.press("main a[href*='/declarations/new/']")
    tab.select("id_beneficiary-program", "general")
    tab.text("id_beneficiary-given_name", "Olena")
    tab.text("id_beneficiary-family_name", "Kovalenko")
    tab.date("id_beneficiary-birth_date", "1988-03-14")
    tab.radio("id_beneficiary-sex", 0)
    tab.select("id_beneficiary-citizenship", "UA")
    tab.select("id_beneficiary-current_country", "PL")
    tab.text("id_beneficiary-beneficiary_email", BENEFICIARY_EMAIL)
    tab.submit()
    tab.text("id_identity-given_name", "Mark")
    tab.text("id_identity-family_name", "Kovalenko")
    tab.date("id_identity-birth_date", "1980-05-02")
    tab.radio("id_identity-sex", 1)
    tab.select("id_identity-citizenship", "US")
    tab.select("id_identity-current_country", "US")
    tab.text("id_identity-phone", "+1 202 555 0100")
    tab.submit()
    tab.select("id_status-status_in_us", "citizen")
    tab.text("id_status-ssn", "123-45-6789")
    tab.submit()
    tab.text("id_finances-annual_income_usd", "86,000")
    tab.text("id_finances-household_size", "3")
    tab.submit()
    tab.select("id_relationship-relationship", "sibling")
    tab.check("id_relationship-attest")
    tab.submit()
    tab.check_page("declaration-review")
    tab.submit()
    tab.check_page("declaration-filed")


def _sign_up_and_confirm_email(tab: Driver, inbox: list[Message]) -> None:
    tab.open("/accounts/signup/")
    tab.radio("id_role", 0)
    tab.text("id_email", BENEFICIARY_EMAIL)
    tab.text("id_password1", PASSWORD)
    tab.text("id_password2", PASSWORD)
    tab.submit()
    tab.check_page("verification-sent")
    tab.page.goto(_link(inbox, to=BENEFICIARY_EMAIL, contains="/accounts/confirm-email/"))
    tab.check_page()
    tab.submit()
    _sign_in(tab, BENEFICIARY_EMAIL)


def _file_request(tab: Driver, *, with_mistakes: bool) -> None:
    tab.press("main a[href*='/declarations/SD-']")
    tab.check_page("declaration-to-confirm")
    tab.press("main form[action$='/confirm/'] button")
    tab.open("/dashboard/")
    tab.press("main a[href*='/requests/new/']")
    choose_program(tab)
    describe_the_person(tab, born="1988-13-14" if with_mistakes else "1988-03-14")
    if with_mistakes:
        assert ERRORS[tab.language]["date"] in tab.page.inner_text("main")
        assert tab.page.evaluate("document.activeElement.id") == "form-errors"
        tab.check_page("request-mistake")
        assert ParoleRequest.objects.count() == 0
        tab.date("id_beneficiary-birth_date", "1988-03-14")
        tab.submit()
    answer_up_to_household(tab)
    tab.submit()  # no family members
    answer_the_reason(tab)
    assert tab.page.is_checked("#id_support-declarations_0")  # the confirmed declaration
    answer_from_support_to_review(tab)
    tab.check_page("request-review")
    tab.submit()
    tab.check_page("request-draft")


def _upload(tab: Driver, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    tab.select("id_kind", "physician_statement")
    tab.upload("id_file", path)
    tab.press("main form[action$='/evidence/'] button[type=submit]")


def run_journey(
    open_driver: Callable[..., Driver],
    inbox: list[Message],
    tmp_path: Path,
    *,
    language: str,
    keyboard: bool,
    width: int,
    with_mistakes: bool,
) -> None:
    make_account("supporter", email="mark@example.org")
    supporter = open_driver(language=language, keyboard=keyboard, width=width)
    _sign_in(supporter, "mark@example.org")
    supporter.check_page("supporter-dashboard")
    _declare(supporter)
    declaration = SupporterDeclaration.objects.get()
    assert declaration.reference in supporter.page.inner_text("main")

    beneficiary = open_driver(language=language, keyboard=keyboard, width=width)
    _sign_up_and_confirm_email(beneficiary, inbox)
    beneficiary.check_page("beneficiary-dashboard")
    _file_request(beneficiary, with_mistakes=with_mistakes)
    if with_mistakes:
        _upload(beneficiary, tmp_path, "letter.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n")
        assert ERRORS[language]["virus"] in beneficiary.page.inner_text("main")
        beneficiary.check_page("upload-refused")
        assert EvidenceItem.objects.count() == 0
    _upload(beneficiary, tmp_path, "letter.pdf", image_bytes("PDF"))
    assert EvidenceItem.objects.get().scan_status == "clean"
    assert beneficiary.page.locator("#missing-evidence").is_visible()
    beneficiary.check("send-without-missing")
    beneficiary.press("main form[action$='/submit/'] button[type=submit]")
    beneficiary.check_page("request-prescreened")
    request = ParoleRequest.objects.get()
    assert (request.status, request.prescreen_outcome) == ("prescreened", "meets_criteria")
    assert beneficiary.page.locator("#prescreen").is_visible()
    declaration.refresh_from_db()
    assert declaration.status == "confirmed"


def test_the_whole_journey_by_keyboard_alone_in_english(
    open_driver: Callable[..., Driver], smtp_inbox: list[Message], scanner: Path, tmp_path: Path
) -> None:
    run_journey(
        open_driver, smtp_inbox, tmp_path,
        language="en", keyboard=True, width=1280, with_mistakes=False,
    )  # fmt: skip


def test_the_whole_journey_in_arabic_on_a_360px_phone_with_mistakes_refused(
    open_driver: Callable[..., Driver], smtp_inbox: list[Message], scanner: Path, tmp_path: Path
) -> None:
    run_journey(
        open_driver, smtp_inbox, tmp_path,
        language="ar", keyboard=False, width=360, with_mistakes=True,
    )  # fmt: skip
