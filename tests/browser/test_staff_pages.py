"""Staff pages in Chromium at desk widths: the case page's columns do not overlap, staff pages
are English and left to right under any language prefix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

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
