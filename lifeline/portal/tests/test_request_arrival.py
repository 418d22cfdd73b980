"""Since when a person in the United States has lived here: asked by the request wizard only
of a person said to be here, written to the request document, shown on the review and request
pages, and read by the pre-screen's TPS and asylum routes (ADR 0252 and 0274)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from lifeline.accounts.models import User
from lifeline.intake.models import ParoleRequest
from lifeline.portal.tests.flows import (
    date_parts,
    make_account,
    post_steps,
    request_answers,
    signed_in,
)

pytestmark = pytest.mark.django_db

BASE = "/requests/new/"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    # 88 FR 68130: Venezuelans "continuously residing in the United States since July 31,
    # 2023" may register for TPS for the first time from 3 October 2023 to 2 April 2025.
    with time_machine.travel("2024-09-02 12:00Z", tick=False):
        yield


@pytest.fixture
def beneficiary() -> User:
    return make_account("beneficiary", email="luis@example.org")


def _venezuelan_here(arrival: dict[str, str] | None) -> dict[str, dict[str, Any]]:
    """A Venezuelan in the United States, with the arrival step's answers (None: not asked)."""
    answers = request_answers([], given_name="Luis", family_name="Pérez")
    answers["program"] = {"program": "chnv_venezuela", "category": "medical"}
    answers["residence"] = {"citizenship": "VE", "current_country": "US"}
    answers["passport"]["passport_country"] = "VE"
    answers["history"]["in_united_states"] = "yes"
    ordered: dict[str, dict[str, Any]] = {}
    for step, fields in answers.items():
        ordered[step] = fields
        if step == "history" and arrival is not None:
            ordered["arrival"] = arrival
    return ordered


def _since(iso: str) -> dict[str, str]:
    return date_parts("arrival", "in_us_since", iso)


def _post(client: Client, step: str, fields: dict[str, Any]) -> Any:
    data = {k if k.startswith(f"{step}-") else f"{step}-{k}": v for k, v in fields.items()}
    return client.post(f"{BASE}{step}/", data)


def _file(client: Client, answers: dict[str, dict[str, Any]]) -> ParoleRequest:
    """The request saved from the wizard, then sent (the pre-screen runs when it is sent)."""
    response = post_steps(client, BASE, answers)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = ParoleRequest.objects.get()
    data = {"version": str(created.version), "send_without_missing": "yes"}
    assert client.post(f"/requests/{created.reference}/submit/", data).status_code == 302
    created.refresh_from_db()
    return created


@pytest.mark.parametrize(
    ("since", "route_to"),
    [("2023-07-31", "tps"), ("2023-08-01", "asylum")],
)
def test_the_day_given_is_stored_and_the_prescreen_names_the_route(
    beneficiary: User, since: str, route_to: str
) -> None:
    created = _file(signed_in(beneficiary), _venezuelan_here(_since(since)))
    history = created.document["immigration_history"]
    assert history["in_united_states"] is True
    assert history["in_united_states_since"] == since
    result = created.prescreens.get(is_current=True)
    assert (result.outcome, result.route_to) == ("route_elsewhere", route_to)


def test_i_dont_know_leaves_the_day_out_and_the_prescreen_asks_for_it(beneficiary: User) -> None:
    created = _file(signed_in(beneficiary), _venezuelan_here({"in_us_since_unknown": "on"}))
    assert created.document["immigration_history"].get("in_united_states_since") is None
    result = created.prescreens.get(is_current=True)
    assert (result.outcome, result.route_to) == ("needs_information", "")
    page = signed_in(beneficiary).get(f"/requests/{created.reference}/").content.decode()
    assert 'id="in-us-since">I don\'t know<' in page
    assert "where the person has lived, and since when" in page


def test_the_step_is_asked_only_of_a_person_said_to_be_here(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    answers = _venezuelan_here(None)
    answers["history"]["in_united_states"] = "no"
    steps = list(answers)
    for step in steps[: steps.index("history") + 1]:
        response = _post(client, step, answers[step])
    assert response["Location"] == f"{BASE}household/"
    assert client.get(f"{BASE}arrival/")["Location"] == f"{BASE}household/"
    assert "Time in the United States" not in client.get(f"{BASE}household/").content.decode()

    answers["history"]["in_united_states"] = "yes"
    assert _post(client, "history", answers["history"])["Location"] == f"{BASE}arrival/"
    page = client.get(f"{BASE}arrival/").content.decode()
    assert "Since when has Luis Pérez lived in the United States?" in page
    assert "Step 6 of 11" in page


@pytest.mark.parametrize(
    ("arrival", "error"),
    [
        ({}, "Give the date or tick"),
        ({**_since("2023-07-31"), "in_us_since_unknown": "on"}, "not both"),
        (_since("2030-01-01"), "This date cannot be in the future."),
        (_since("1980-01-01"), "This date is before the person&#x27;s date of birth."),
        (_since("2023-02-30"), "Enter a real date"),
    ],
)
def test_the_step_needs_one_real_answer(
    beneficiary: User, arrival: dict[str, str], error: str
) -> None:
    client = signed_in(beneficiary)
    answers = _venezuelan_here(arrival)
    steps = list(answers)
    for step in steps[: steps.index("history") + 1]:
        assert _post(client, step, answers[step]).status_code == 302
    response = _post(client, "arrival", arrival)
    assert response.status_code == 400
    assert error in response.content.decode()


def test_the_review_shows_the_day_and_a_changed_answer_leaves_it_out(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    answers = _venezuelan_here(_since("2023-07-31"))
    for step, fields in answers.items():
        assert _post(client, step, fields).status_code == 302, step
    review = client.get(f"{BASE}review/").content.decode()
    assert "Since when has Luis Pérez lived in the United States?" in review
    assert "July 31, 2023" in review
    assert f'href="{BASE}arrival/"' in review

    answers["history"]["in_united_states"] = "no"
    assert _post(client, "history", answers["history"])["Location"] == f"{BASE}household/"
    review = client.get(f"{BASE}review/").content.decode()
    assert "lived in the United States?" not in review
    assert client.post(f"{BASE}review/").status_code == 302
    created = ParoleRequest.objects.get()
    assert created.document["immigration_history"].get("in_united_states_since") is None
    page = client.get(f"/requests/{created.reference}/").content.decode()
    assert 'id="in-us-since"' not in page


def test_the_request_page_shows_the_day_in_the_readers_language(beneficiary: User) -> None:
    created = _file(signed_in(beneficiary), _venezuelan_here(_since("2023-07-31")))
    page = signed_in(beneficiary).get(f"/requests/{created.reference}/").content.decode()
    assert 'id="in-us-since">July 31, 2023<' in page
    ukrainian = signed_in(beneficiary).get(f"/uk/requests/{created.reference}/").content.decode()
    assert 'id="in-us-since">31 липня 2023' in ukrainian
