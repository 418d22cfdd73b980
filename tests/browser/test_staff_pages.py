"""Staff pages in Chromium at desk widths: the case page's columns do not overlap, staff pages
are English and left to right under any language prefix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lifeline.accounts.mfa import current_totp_code, ensure_totp_secret
from lifeline.portal.tests.flows import PASSWORD, make_account
from lifeline.triage.tests.scenario import submitted_request

from .driver import Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LONG_NARRATIVE = {"urgency": {}, "narrative": "We would like to visit our mother in hospital."}


def _sign_in(tab: Driver, user: Any) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", user.username)
    tab.text("id_password", PASSWORD)
    tab.submit()


def _box(tab: Driver, selector: str) -> dict[str, float]:
    box = tab.page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_decision_form_never_overlaps_the_case_file_at_desk_widths(
    open_driver: Callable[..., Driver], width: int
) -> None:
    request = submitted_request(**LONG_NARRATIVE)
    desk = open_driver(width=width)
    _sign_in(desk, make_account("officer"))
    desk.open("/workspace/")
    desk.press("#take-next")
    assert request.reference in desk.page.inner_text("h1")
    form = _box(desk, "section[aria-labelledby=h-decide]")
    for selector in (
        "section[aria-labelledby=h-prescreen] table",
        "section[aria-labelledby=h-urgency] table",
        "section[aria-labelledby=h-timeline]",
        "section[aria-labelledby=h-evidence]",
    ):
        assert not _overlap(_box(desk, selector), form), f"{selector} overlaps the form"
    # Nothing in the case file reaches past its own column into the decision column.
    right_edges = desk.page.eval_on_selector_all(
        "#case-file *", "els => els.map(e => e.getBoundingClientRect().right)"
    )
    column = _box(desk, "#case-file")
    assert max(right_edges) <= column["x"] + column["width"] + 1


@pytest.mark.parametrize("prefix", ["ar", "fa-af", "uk"])
def test_staff_pages_are_english_left_to_right_under_any_language_prefix_and_say_so(
    open_driver: Callable[..., Driver], prefix: str
) -> None:
    for role, path in (
        ("supervisor", "/workspace/"),
        ("supervisor", "/analytics/"),
        ("integrity_analyst", "/integrity/"),
    ):
        desk = open_driver(width=1280)
        _sign_in(desk, make_account(role))
        desk.page.goto(f"{desk.base_url}/{prefix}{path}")
        root = desk.page.locator("html")
        assert (root.get_attribute("lang"), root.get_attribute("dir")) == ("en", "ltr"), path
        assert desk.page.evaluate("getComputedStyle(document.body).direction") == "ltr"
        assert "Staff pages are in English, left to right" in desk.page.inner_text("main")


def test_the_second_factor_page_is_styled_english_and_offers_no_sign_up(
    open_driver: Callable[..., Driver], settings: Any
) -> None:
    settings.LIFELINE_STAFF_MFA_REQUIRED = True
    officer = make_account("officer")
    secret = ensure_totp_secret(officer)
    desk = open_driver(language="ar", width=1280)
    desk.open("/accounts/login/")
    desk.text("id_login", officer.username)
    desk.text("id_password", PASSWORD)
    desk.submit()  # the driver checks axe, width and that the page is English
    page = desk.page
    assert "/accounts/2fa/authenticate/" in page.url
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator("input#id_code.usa-input").count() == 1
    button = page.locator("#mfa-sign-in")
    assert "usa-button" in (button.get_attribute("class") or "")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "rgb(239, 239, 239)",  # an unstyled browser button
    )
    header = page.inner_text("header")
    assert "Create an account" not in header and "Sign in" not in header
    desk.text("id_code", current_totp_code(secret))
    desk.press("#mfa-sign-in")
    page.wait_for_load_state()
    assert "/2fa/authenticate/" not in page.url  # signed in with the second factor
