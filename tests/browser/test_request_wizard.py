"""The request wizard in Arabic on a 360 px phone: a paused program explained before starting,
the confirmed declaration's answers suggested, and the answers kept across a sign-out."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lifeline.portal.tests.flows import (
    PASSWORD,
    declaration_answers,
    make_account,
    post_steps,
    signed_in,
)
from lifeline.supporters.models import SupporterDeclaration

from .driver import Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(tab: Driver, login: str) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", login)
    tab.text("id_password", PASSWORD)
    tab.submit()


def test_the_wizard_in_arabic_at_360px_explains_a_paused_program_and_resumes_after_sign_out(
    open_driver: Callable[..., Driver],
) -> None:
    post_steps(
        signed_in(make_account("supporter")),
        "/declarations/new/",
        declaration_answers("olena@example.org"),
    )
    beneficiary = make_account("beneficiary", email="olena@example.org", language="ar")
    declaration = SupporterDeclaration.objects.get()
    signed_in(beneficiary).post(f"/declarations/{declaration.reference}/confirm/")

    tab = open_driver(language="ar", width=360)
    _sign_in(tab, "olena@example.org")
    tab.open("/programs/u4u/before-you-start/")
    assert tab.page.locator("#program-intake.usa-alert--warning").is_visible()
    assert tab.page.locator("#start-request").count() == 0
    tab.check_page("before-you-start-paused")
    tab.press("#fallback-program")
    tab.press("#start-request")
    assert tab.page.input_value("#id_program-program") == "general"
    assert tab.page.locator("#id_program-program option[value='u4u']").count() == 0
    tab.radio("id_program-category", 0)
    tab.submit()
    assert tab.page.input_value("#id_beneficiary-given_name") == "Olena"
    assert tab.page.input_value("#id_beneficiary-birth_date_2") == "1988"
    tab.radio("id_beneficiary-sex", 0)
    tab.submit()
    assert "/requests/new/residence/" in tab.page.url

    tab.press("header form.portal-signout button[type=submit]", check=False)
    _sign_in(tab, "olena@example.org")
    tab.open("/dashboard/")
    tab.press("#continue-draft")
    assert "/ar/requests/new/residence/" in tab.page.url
    tab.check_page("request-resumed")
    tab.open("/requests/new/beneficiary/")
    assert tab.page.input_value("#id_beneficiary-family_name") == "Kovalenko"
