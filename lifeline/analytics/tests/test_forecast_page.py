"""The forecast page and its database inputs: backlog, rates, what-if, errors, who may read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.analytics.forecast.inputs import (
    WhatIf,
    build_forecast_inputs,
    get_cached_observed_flows,
    get_observed_flows,
)
from lifeline.analytics.forecast.summary import get_forecast_flows
from lifeline.analytics.operations.summaries import refresh_operations_summaries
from lifeline.analytics.tests.decided_cases import decide_all, requests, staff
from lifeline.intake.enums import RequestStatus

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    cache.clear()  # the page keeps the observed flows for ten minutes
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


@pytest.fixture
def office() -> None:
    """56 days of history: 112 general and 56 u4u arrivals, two officers deciding 112 cases."""
    requests(30, program="general")
    requests(10, program="u4u", status=RequestStatus.SUBMITTED)
    requests(5, program="u4u", status=RequestStatus.DECISION_PENDING_SIGNOFF)
    decided = requests(72, program="general", status=RequestStatus.APPROVED)
    decided += requests(46, program="u4u", status=RequestStatus.DENIED)
    requests(20, program="u4u", submitted_on=dt.date(2026, 8, 1))  # before the window
    first, second = staff(), staff()
    staff()  # an active officer who has not decided yet
    decide_all(decided[:56], officer=first, grants=42)
    decide_all(decided[56:], officer=second, grants=16)


def signed_in(role: str) -> Client:
    client = Client()
    client.force_login(staff(role))
    return client


@pytest.mark.usefixtures("office")
def test_observed_flows_read_backlog_arrivals_and_decision_rates() -> None:
    observed = get_observed_flows(today=TODAY, history_weeks=8)
    flows = {flow.program: flow for flow in observed.programs}

    assert flows["general"].backlog == 30
    assert flows["u4u"].backlog == 30  # pending sign-off is already decided; old ones still wait
    assert flows["general"].arrivals_per_day == pytest.approx(102 / 56)
    assert flows["u4u"].arrivals_per_day == pytest.approx(61 / 56)
    assert flows["general"].approval_rate == pytest.approx(58 / 72)
    assert flows["u4u"].approval_rate == 0.0
    assert flows["cam"].backlog == 0 and flows["cam"].approval_rate == pytest.approx(58 / 118)
    assert observed.active_officers == 3
    assert observed.decisions_per_officer_per_day == pytest.approx(118 / 2 / 56)


@pytest.mark.usefixtures("office")
def test_what_if_changes_staffing_and_arrivals_and_filters_one_program() -> None:
    observed = get_observed_flows(today=TODAY)
    inputs = build_forecast_inputs(
        observed, WhatIf(program="u4u", officers=4, arrivals_change_percent=50)
    )

    assert [flow.program for flow in inputs.programs] == ["u4u"]
    assert inputs.programs[0].arrivals_per_day == pytest.approx(1.5 * 61 / 56)
    assert inputs.officers == 4
    assert build_forecast_inputs(observed, WhatIf(program="u4u")).officers == pytest.approx(1.2)


@pytest.mark.usefixtures("office")
@pytest.mark.parametrize("role", [UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR])
def test_the_page_answers_in_words_with_a_chart_and_a_table(role: str) -> None:
    page = signed_in(role).get("/analytics/forecast/", {"officers": "6", "horizon_days": "120"})
    html = page.content.decode()

    assert page.status_code == 200
    answer = html[html.find('id="forecast-answer"') :][:300]
    assert "The backlog clears between" in answer and "most likely on" in answer, answer
    assert 'id="forecast-data"' in html and 'id="forecast-table"' in html
    assert "<script>" not in html  # data travels as JSON, never as an inline script


@pytest.mark.usefixtures("office")
def test_arrivals_beyond_capacity_are_reported_as_not_clearing() -> None:
    page = signed_in(UserRole.SUPERVISOR).get(
        "/analytics/forecast/", {"officers": "0.1", "arrivals_change_percent": "400"}
    )

    assert page.status_code == 200
    assert "At these rates the backlog does not clear by" in page.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"officers": "-2"},
        {"officers": "many"},
        {"horizon_days": "100000"},
        {"arrivals_change_percent": "-150"},
        {"program": "atlantis"},
        {"interval_level": "0.3"},
    ],
)
def test_bad_what_if_input_shows_the_form_error_not_a_crash(query: dict[str, str]) -> None:
    page = signed_in(UserRole.SUPERVISOR).get("/analytics/forecast/", query)

    assert page.status_code == 400
    assert "usa-alert--error" in page.content.decode()


def test_an_empty_office_has_nothing_to_forecast() -> None:
    page = signed_in(UserRole.SUPERVISOR).get("/analytics/forecast/")

    assert page.status_code == 200
    assert "No case is waiting" in page.content.decode()


@pytest.mark.parametrize(
    "role", [UserRole.OFFICER, UserRole.AUDITOR, UserRole.INTEGRITY_ANALYST, UserRole.BENEFICIARY]
)
def test_other_roles_may_not_read_the_forecast(role: str) -> None:
    assert signed_in(role).get("/analytics/forecast/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    page = Client().get("/analytics/forecast/")

    assert page.status_code == 302 and "login" in page["Location"]


@pytest.mark.usefixtures("office")
def test_the_page_reads_the_observed_flows_once_in_ten_minutes(
    django_assert_num_queries: Any,
) -> None:
    first = get_cached_observed_flows(today=TODAY)

    with django_assert_num_queries(0):
        assert get_cached_observed_flows(today=TODAY) == first


@pytest.mark.usefixtures("office")
def test_the_hourly_refresh_keeps_the_flows_the_page_reads_in_a_few_rows(
    django_assert_max_num_queries: Any,
) -> None:
    counted = get_observed_flows(today=TODAY)
    refresh_operations_summaries()
    staff()  # after the refresh: the page keeps the refreshed counts until the next one

    with django_assert_max_num_queries(4):  # snapshot, its flow rows, caps in force
        stored = get_forecast_flows(today=TODAY)

    assert stored == counted


@pytest.mark.usefixtures("office")
def test_before_the_first_refresh_the_page_counts_the_flows_itself() -> None:
    assert get_forecast_flows(today=TODAY) == get_observed_flows(today=TODAY)
