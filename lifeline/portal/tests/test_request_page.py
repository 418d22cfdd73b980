"""The request page agrees with itself: the decision once decided, one filing date, references
kept left to right, missing documents named before sending; numbers typed as people write them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from lifeline.accounts.models import User
from lifeline.intake.models import ParoleRequest
from lifeline.portal.localise import parse_whole_number_local
from lifeline.portal.prescreen_words import FACT_LABELS, describe_open_point
from lifeline.portal.requests.timeline import list_timeline
from lifeline.portal.tests.flows import (
    beneficiary_with_a_confirmed_declaration,
    declaration_answers,
    make_account,
    post_steps,
    request_answers,
    signed_in,
)
from lifeline.programs.evaluation import prescreen
from lifeline.programs.tests.builders import EVALUATED_AT, document
from lifeline.supporters.models import SupporterDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


@pytest.fixture
def beneficiary() -> User:
    return beneficiary_with_a_confirmed_declaration()


def _draft(client: Client) -> ParoleRequest:
    reference = SupporterDeclaration.objects.get().reference
    post_steps(client, "/requests/new/", request_answers([reference]))
    return ParoleRequest.objects.get()


def _send(client: Client, created: ParoleRequest, **extra: str) -> None:
    data = {"version": str(created.version), **extra}
    assert client.post(f"/requests/{created.reference}/submit/", data).status_code == 302
    created.refresh_from_db()


def test_a_request_with_missing_documents_is_not_sent_without_an_explicit_yes(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    created = _draft(client)
    page = client.get(f"/requests/{created.reference}/").content.decode()
    assert 'id="missing-evidence"' in page
    assert "A physician&#x27;s statement of the diagnosis" in page
    _send(client, created)
    assert created.status == "draft"
    _send(client, created, send_without_missing="yes")
    assert created.status == "prescreened"


def test_a_decided_request_shows_the_decision_and_not_the_pre_screen(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    created = _draft(client)
    _send(client, created, send_without_missing="yes")
    before = client.get(f"/requests/{created.reference}/").content.decode()
    assert 'id="prescreen"' in before and 'id="decision"' not in before
    ParoleRequest.objects.filter(pk=created.pk).update(status="denied")
    after = client.get(f"/requests/{created.reference}/").content.decode()
    assert 'id="decision"' in after and 'id="prescreen"' not in after
    assert "meets the basic criteria" not in after


def test_the_timeline_dates_the_submission_on_the_filing_date(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    created = _draft(client)
    _send(client, created, send_without_missing="yes")
    ParoleRequest.objects.filter(pk=created.pk).update(filed_on=dt.date(2023, 5, 2))
    created.refresh_from_db()
    entries = list_timeline(created, today=dt.date(2026, 11, 2))
    submitted = next(entry for entry in entries if entry.title == "Submitted")
    assert submitted.on == created.filed_on == dt.date(2023, 5, 2)


def test_references_stay_left_to_right_on_right_to_left_pages(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    created = _draft(client)
    page = client.get(f"/ar/requests/{created.reference}/").content.decode()
    assert f'<bdi dir="ltr">{created.reference}</bdi>' in page
    dashboard = client.get("/ar/dashboard/").content.decode()
    assert f'<bdi dir="ltr">{created.reference}</bdi>' in dashboard


def test_the_error_summary_takes_the_focus() -> None:
    client = signed_in(make_account("beneficiary"))
    page = client.post("/requests/new/program/", {}).content.decode()
    assert 'id="form-errors" tabindex="-1" autofocus' in page


@pytest.mark.parametrize(
    ("language", "typed", "number"),
    [
        ("en", "62,000", 62000),
        ("en", "$62,000", 62000),
        ("en", " 62000 ", 62000),
        ("uk", "62 000", 62000),
        ("uk", "62\u00a0000", 62000),
        ("fr", "62\u202f000", 62000),
        ("es", "62.000", 62000),
        ("ar", "\u0666\u0662\u066c\u0660\u0660\u0660", 62000),
        ("fa-af", "\u06f6\u06f2\u06f0\u06f0\u06f0", 62000),
        ("es", "86,000", 86000),
        ("fr", "86,000", 86000),
        ("fr", "86.000", 86000),
        ("es", "1,250,000", 1250000),
        ("en", "1.250.000", 1250000),
        ("es", "86,00", None),
        ("fr", "86,5", None),
        ("en", "1,250.000", None),
        ("en", "62,5x", None),
        ("uk", "62,5", None),
        ("en", "-5", None),
    ],
)
def test_whole_numbers_are_read_as_people_write_them(
    language: str, typed: str, number: int | None
) -> None:
    assert parse_whole_number_local(typed, language) == number


def test_an_income_typed_with_a_thousands_separator_is_accepted() -> None:
    client = signed_in(make_account("supporter"))
    answers = declaration_answers("olena@example.org")
    answers["finances"]["annual_income_usd"] = "62,000"
    post_steps(client, "/declarations/new/", answers)
    declaration = SupporterDeclaration.objects.get()
    assert declaration.annual_income_usd == 62000


@pytest.mark.parametrize("language", ["es", "fr"])
def test_an_income_in_dollars_typed_with_a_comma_is_accepted_in_spanish_and_french(
    language: str,
) -> None:
    client = signed_in(make_account("supporter"))
    answers = declaration_answers("olena@example.org")
    answers["finances"]["annual_income_usd"] = "86,000"
    post_steps(client, f"/{language}/declarations/new/", answers)
    assert SupporterDeclaration.objects.get().annual_income_usd == 86000


@pytest.mark.parametrize(
    ("language", "expected"),
    [("uk", "Ще не перевірено"), ("ar", "لم يُتحقق منه بعد"), ("en", "Not checked yet")],
)
def test_pre_screen_points_are_in_the_readers_language_without_raw_keys(
    beneficiary: User, language: str, expected: str
) -> None:
    client = signed_in(beneficiary)
    created = _draft(client)
    _send(client, created, send_without_missing="yes")
    explanation = (
        "The principal lived in Ukraine through 11 February 2022. "
        "Not checked: the request does not say residence_history."
    )
    prescreen = created.prescreens.get(is_current=True)
    type(prescreen).objects.filter(pk=prescreen.pk).update(
        outcome="needs_information",
        rules=[{"id": "lived_in_ukraine", "result": "unknown", "explanation": explanation}],
    )
    prefix = "" if language == "en" else f"/{language}"
    page = client.get(f"{prefix}/requests/{created.reference}/").content.decode()
    assert expected in page and "residence_history" not in page
    assert "The principal lived in Ukraine through 11 February 2022." in page


@pytest.mark.parametrize("language", ["en", "fa-af"])
def test_each_persons_open_points_name_no_raw_fact_key(beneficiary: User, language: str) -> None:
    client = signed_in(beneficiary)
    created = _draft(client)
    _send(client, created, send_without_missing="yes")
    rule = {
        "id": "no_removal_order",
        "result": "unknown",
        "explanation": "The person was never ordered removed. "
        "Not checked: the request does not say removal_orders.",
        "citation": {"authority": "8 CFR 212.5", "url": "https://www.ecfr.gov/", "quote": "Q."},
    }
    people = [
        {"person": "principal", "relationship": "principal", "outcome": "needs_information",
         "rules": [rule], "fees": []},
        {"person": "household[0]", "relationship": "spouse", "outcome": "needs_information",
         "rules": [rule], "fees": []},
    ]  # fmt: skip
    prescreen = created.prescreens.get(is_current=True)
    type(prescreen).objects.filter(pk=prescreen.pk).update(people=people)
    prefix = "" if language == "en" else f"/{language}"
    page = client.get(f"{prefix}/requests/{created.reference}/").content.decode()
    assert "removal_orders" not in page
    assert page.count("The person was never ordered removed.") == 2
    with translation.override(language):
        assert page.count(str(FACT_LABELS["removal_orders"])) == 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("uk", "Висновок лікаря про діагноз, прогноз і очікувану тривалість лікування"),  # noqa: RUF001
        ("ar", "بيان من طبيب بالتشخيص والتوقعات والمدة المتوقعة للعلاج"),
        ("es", "Una declaración de un médico sobre el diagnóstico"),
    ],
)
def test_evidence_names_are_in_the_readers_language(
    beneficiary: User, language: str, expected: str
) -> None:
    client = signed_in(beneficiary)
    created = _draft(client)
    page = client.get(f"/{language}/requests/{created.reference}/").content.decode()
    assert expected in page
    assert "A physician&#x27;s statement of the diagnosis" not in page


@pytest.mark.parametrize(("sent_on", "cautioned"), [("2026-12-07", False), ("2026-12-08", True)])
def test_a_result_after_the_policies_cut_off_says_to_check_the_current_status(
    beneficiary: User, sent_on: str, cautioned: bool
) -> None:
    """The policies take into account texts published up to 7 December 2026."""
    with time_machine.travel(f"{sent_on} 12:00Z", tick=False):
        client = signed_in(beneficiary)
        created = _draft(client)
        _send(client, created, send_without_missing="yes")
        page = client.get(f"/requests/{created.reference}/").content.decode()
    assert ('id="prescreen-cut-off"' in page) is cautioned
    if cautioned:
        assert "The program rules were checked up to" in page


@pytest.mark.parametrize("language", ["en", "es", "uk"])
def test_an_unstated_arrival_in_the_united_states_is_asked_for_in_the_readers_words(
    language: str,
) -> None:
    """A Venezuelan here while the 2023 TPS registration is open, not saying since when."""
    answer = prescreen(
        document("chnv_venezuela", {"immigration_history.in_united_states": True}),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date(2024, 6, 1),
    )
    assert answer.outcome == "needs_information"
    tps = next(r for r in answer.rules if r.id == "national_here_may_register_for_tps")
    with translation.override(language):
        point = describe_open_point(tps.model_dump(mode="json"))
        assert str(FACT_LABELS["residence_history"]) in point.text
    assert "in_us_since" not in point.text + point.program_words
    assert point.program_words.startswith("A Venezuelan national living in the United States")
