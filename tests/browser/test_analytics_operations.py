"""The operations dashboards in Chromium: charts drawn under the strict CSP, axe finds nothing
with data, with filter errors and on the 403 page, in English and in Arabic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lifeline.analytics.operations.summaries import refresh_operations_summaries
from lifeline.analytics.tests.operations_data import build_operations_data
from lifeline.portal.tests.flows import PASSWORD, make_account

from .conftest import PageProblems
from .driver import Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(tab: Driver, user: Any) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", user.username)
    tab.text("id_password", PASSWORD)
    tab.submit()


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("ar", 1024)])
def test_the_operations_dashboards_draw_their_charts_and_pass_axe(
    open_driver: Callable[..., Driver], language: str, width: int
) -> None:
    build_operations_data(size=60)
    refresh_operations_summaries()
    supervisor = make_account("supervisor")
    tab = open_driver(language=language, width=width)
    _sign_in(tab, supervisor)
    tab.open("/analytics/")
    charts = tab.page.evaluate("Object.keys(window.Chart.instances).length")
    assert charts == tab.page.locator("canvas[data-chart]").count() >= 3
    assert tab.page.locator("table caption").count() >= 9
    tab.check_page("analytics-operations")
    tab.open("/analytics/?program=u4u&urgency=high")
    tab.open("/analytics/?date_from=2026-06-01&date_to=2026-01-01")
    assert tab.page.locator(".usa-alert--error").count() == 1
    tab.check_page("analytics-operations-errors")
    tab.page.set_viewport_size({"width": 360, "height": 800})  # a phone: nothing overflows
    tab.open("/analytics/?program=general")


def test_an_officer_gets_the_403_page(
    open_driver: Callable[..., Driver], problems: PageProblems
) -> None:
    officer = make_account("officer")
    tab = open_driver()
    _sign_in(tab, officer)
    tab.page.goto(tab.url("/analytics/"))
    assert "supervisors and program administrators" in tab.page.inner_text("main")
    tab.check_page("analytics-forbidden")
    refusal = "console error: Failed to load resource: the server responded with a status of 403"
    assert [message for message in problems.messages if not message.startswith(refusal)] == []
    problems.messages.clear()  # the 403 is the point of this test
