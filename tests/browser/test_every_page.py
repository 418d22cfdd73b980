"""axe finds no violation on any portal page, in English and in Arabic, errors shown included."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lifeline.accounts.models import RepresentationConsent
from lifeline.core import clock
from lifeline.intake.models import ParoleRequest
from lifeline.intake.services import create_request
from lifeline.intake.tests.factories import request_document
from lifeline.people.models import FamilyGroup
from lifeline.portal.tests.flows import PASSWORD, make_account

from .driver import Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(tab: Driver, login: str) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", login)
    tab.text("id_password", PASSWORD)
    tab.submit()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_and_account_pages_pass_axe(
    open_driver: Callable[..., Driver], language: str
) -> None:
    tab = open_driver(language=language)
    tab.open("/")
    tab.check_page("home")
    for path in ("/accessibility/", "/accounts/password/reset/", "/accounts/login/"):
        tab.open(path)
    tab.open("/accounts/signup/")
    tab.submit()  # nothing filled in: every field's error is shown
    tab.check_page("signup-errors")
    user = make_account("beneficiary")
    for _attempt in range(5):
        tab.open("/accounts/login/")
        tab.text("id_login", user.email)
        tab.text("id_password", "not the password")
        tab.page.click("main form button[type=submit]")
    tab.check_page("locked-out")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_signed_in_pages_pass_axe(open_driver: Callable[..., Driver], language: str) -> None:
    beneficiary = make_account("beneficiary")
    representative = make_account("representative")
    RepresentationConsent.objects.create(
        representative=representative, client=beneficiary, granted_at=clock.now()
    )
    principal = create_request(
        actor=beneficiary,
        document=request_document(filed_on=clock.today().isoformat()),
        family_group=FamilyGroup.objects.create(label="Kovalenko family"),
    )
    tab = open_driver(language=language, width=360 if language == "ar" else 1280)
    _sign_in(tab, beneficiary.email)
    for path in ("/dashboard/", "/representatives/", f"/requests/{principal.reference}/"):
        tab.open(path)
    tab.check_page("request-page")
    tab.open(f"/requests/{principal.reference}/family/")
    tab.submit()  # nothing filled in
    tab.check_page("family-errors")
    assert ParoleRequest.objects.count() == 1

    lawyer = open_driver(language=language)
    _sign_in(lawyer, representative.email)
    lawyer.open("/clients/")
    lawyer.check_page("clients")
    lawyer.open(f"/requests/new/program/?client={beneficiary.pk}")
    lawyer.submit()  # nothing chosen
    lawyer.check_page("representative-request-errors")
