"""Answers at the boundaries of the texts behind the Afghan close, TPS residence and
re-registration, minors' and fee rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import PathwayRegistry, get_pathway_registry
from lifeline.pathways.reminders import due_reminders

D = dt.date.fromisoformat
# U.S. Department of State, Afghan SIV FAQ: "You must apply before December 31, 2025."
AFGHAN_LAST_DAY = D("2025-12-31")


def _answer(data: dict[str, Any], on: str) -> Any:
    return check(PathwayRequest.model_validate(data), as_of=D(on))


def _option(data: dict[str, Any], code: str, on: str) -> Any:
    return next(o for o in _answer(data, on).options if o.code == code)


def _afghan(**facts: str) -> dict[str, Any]:
    return {
        "person": {"citizenships": ["AF"]},
        "arrivals": [{"on": "2021-09-01", "document": "parole", "class_of_admission": "OAR"}],
        "parole": [
            {"program": "afghan_reparole", "from_on": "2021-09-01", "until_on": "2027-08-31"}
        ],
        "facts": {
            "afghan_chief_of_mission_approval": "no",
            "afghan_special_immigrant_classification_approved": "no",
            **facts,
        },
    }


@pytest.mark.parametrize(
    ("on", "status"),
    [("2025-06-01", "may_apply"), ("2025-12-31", "may_apply"), ("2026-01-01", "deadline_passed")],
)
def test_an_afghan_without_approval_or_application_is_told_to_apply_by_the_close(
    on: str, status: str
):
    answer = _answer(_afghan(afghan_chief_of_mission_application_filed="no"), on)
    option = next(o for o in answer.options if o.code == "afghan_special_immigrant")
    assert option.status == status
    assert option.window.closes_on == AFGHAN_LAST_DAY
    reminded = [r.deadline.on for r in due_reminders(answer, on=D(on))]
    due = AFGHAN_LAST_DAY - dt.timedelta(days=90) <= D(on) <= AFGHAN_LAST_DAY
    assert (AFGHAN_LAST_DAY in reminded) == due
    if status == "may_apply":
        assert "by 2025-12-31" in option.summary


@pytest.mark.parametrize("on", ["2025-06-01", "2026-01-01"])
def test_an_afghan_application_not_known_to_be_filed_is_asked_for(on: str):
    option = _option(_afghan(), "afghan_special_immigrant", on)
    assert option.status == "needs_information"
    assert option.missing_facts == ["facts.afghan_chief_of_mission_application_filed"]
    assert option.window.closes_on == AFGHAN_LAST_DAY


def test_a_pending_chief_of_mission_application_waits():
    option = _option(
        _afghan(afghan_chief_of_mission_application_filed="yes"),
        "afghan_special_immigrant",
        "2026-01-01",
    )
    assert option.status == "not_yet"


def _haitian_who_left(**overrides: Any) -> dict[str, Any]:
    # 89 FR 54484: TPS for Haitians "continuously residing in the United States since June 3, 2024".
    return {
        "person": {"citizenships": ["HT"]},
        "arrivals": [
            {"on": "2019-01-01", "document": "visa"},
            {"on": "2024-07-15", "document": "parole"},
        ],
        "departures": [{"on": "2023-01-01"}],
        "parole": [{"program": "chnv_haiti", "from_on": "2024-07-15", "until_on": "2026-07-14"}],
    } | overrides


@pytest.mark.parametrize(
    ("left_on", "status"),
    [
        ("2023-01-01", "not_available"),  # abroad on 3 June 2024
        ("2024-06-02", "not_available"),  # left the day before
        ("2024-06-03", "needs_legal_review"),  # resided on the day, away after it
        ("2024-07-01", "needs_legal_review"),
    ],
)
def test_tps_residence_runs_from_the_last_arrival_across_an_absence(left_on: str, status: str):
    option = _option(_haitian_who_left(departures=[{"on": left_on}]), "tps", "2025-01-15")
    assert option.status == status
    assert "2019-01-01" not in option.summary


def test_tps_residence_with_no_departure_between_two_arrivals_asks_for_it():
    option = _option(_haitian_who_left(departures=[]), "tps", "2025-01-15")
    assert option.status == "needs_information"
    assert option.missing_facts == ["departures"]


@pytest.mark.parametrize(
    ("arrived", "status"), [("2024-06-03", "may_apply"), ("2024-06-04", "not_available")]
)
def test_tps_residence_date_is_inclusive(arrived: str, status: str):
    request = _haitian_who_left(
        arrivals=[{"on": arrived, "document": "parole"}],
        departures=[],
        parole=[{"program": "chnv_haiti", "from_on": arrived, "until_on": "2026-07-14"}],
    )
    assert _option(request, "tps", "2025-01-15").status == status


def _ukrainian_holder(**overrides: Any) -> dict[str, Any]:
    # 90 FR 5936: "Existing TPS beneficiaries who wish to extend their status through October
    # 19, 2026, must re-register during the 60-day re-registration period described in this
    # notice" (17 Jan to 18 Mar 2025).
    return {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2023-06-01", "document": "parole"}],
        "parole": [{"program": "u4u", "from_on": "2023-06-01", "until_on": "2025-05-31"}],
        "tps": [{"country": "UA", "from_on": "2023-12-01", "until_on": "2025-04-19"}],
    } | overrides


@pytest.mark.parametrize(
    ("on", "status"),
    [
        ("2025-01-16", "not_yet"),  # before the extension notice: no period announced
        ("2025-01-17", "may_apply"),
        ("2025-03-18", "may_apply"),
        ("2025-03-19", "needs_legal_review"),
    ],
)
def test_a_tps_holder_is_given_the_re_registration_period_of_the_extension(on: str, status: str):
    answer = _answer(_ukrainian_holder(), on)
    option = next(o for o in answer.options if o.code == "tps")
    assert option.status == status
    if status != "not_yet":
        assert (option.window.opens_on, option.window.closes_on) == (
            D("2025-01-17"),
            D("2025-03-18"),
        )
    reminded = D("2025-03-18") in [r.deadline.on for r in due_reminders(answer, on=D(on))]
    assert reminded == (status == "may_apply")


def test_a_tps_holder_with_the_next_period_on_record_or_filed_has_re_registered():
    renewed = _ukrainian_holder(
        tps=[
            {"country": "UA", "from_on": "2023-12-01", "until_on": "2025-04-19"},
            {"country": "UA", "from_on": "2025-04-20", "until_on": "2026-10-19"},
        ]
    )
    option = _option(renewed, "tps", "2025-04-01")
    assert option.status == "not_yet"
    assert "until 2026-10-19" in option.summary
    filed = _ukrainian_holder(filings=[{"form": "i821", "filed_on": "2025-02-01"}])
    assert _option(filed, "tps", "2025-03-01").status == "not_yet"
    assert _option(filed, "tps", "2025-01-31").status == "may_apply"


@pytest.mark.parametrize(
    ("on", "status"),
    [
        # The D.D.C. stay (not read) keeps Haiti's designation in force after 3 Feb 2026.
        ("2026-06-24", "needs_legal_review"),
        # The Supreme Court's decision of 25 Jun 2026 lifting it was read only in secondary
        # sources: "terminated" would rest on it.
        ("2026-06-25", "needs_legal_review"),
    ],
)
def test_a_termination_let_through_by_an_order_read_only_in_secondary_sources_needs_review(
    on: str, status: str
):
    option = _option(
        {
            "person": {"citizenships": ["HT"]},
            "arrivals": [{"on": "2023-05-01", "document": "parole"}],
        },
        "tps",
        on,
    )
    assert option.status == status
    if on >= "2026-06-25":
        assert any(line.startswith("Would be “not available”") for line in option.timeline)


def _cuban_spouse_or_child(birth_date: str | None, **person: Any) -> dict[str, Any]:
    return {
        "person": {"citizenships": ["MX"], "birth_date": birth_date, **person},
        "arrivals": [{"on": "2023-03-10", "document": "parole"}],
        "parole": [{"program": "chnv_cuba", "from_on": "2023-03-10", "until_on": "2025-03-09"}],
        "facts": {
            "spouse_or_parent_is_cuban_principal": "yes",
            "resides_with_cuban_principal": "yes",
        },
    }


@pytest.mark.parametrize(
    ("on", "status"),
    # INA 101(b)(1): "The term “child” means an unmarried person under twenty-one years of age".
    [("2025-03-14", "may_apply"), ("2025-03-15", "needs_legal_review")],
)
def test_a_cuban_principals_derivative_is_a_child_only_under_21(on: str, status: str):
    option = _option(_cuban_spouse_or_child("2004-03-15"), "cuban_adjustment", on)
    assert option.status == status


def test_unknown_nationality_or_petition_is_asked_for_not_read_as_no():
    unknown = {"person": {}, "arrivals": [{"on": "2023-03-10", "document": "parole"}]}
    cuban = _option(unknown, "cuban_adjustment", "2025-06-01")
    assert cuban.status == "needs_information"
    assert cuban.missing_facts == ["person.citizenships or person.birth_country"]
    family = _option(unknown, "family_adjustment", "2025-06-01")
    assert family.status == "needs_information"
    assert family.missing_facts == ["petition"]
    # A citizen of Mexico may still be a native of Cuba (born there): the birth country decides.
    mexican = unknown | {"person": {"citizenships": ["MX"]}}
    assert _option(mexican, "cuban_adjustment", "2025-06-01").missing_facts == [
        "person.birth_country"
    ]
    born_in_mexico = unknown | {"person": {"citizenships": ["MX"], "birth_country": "MX"}}
    assert _option(born_in_mexico, "cuban_adjustment", "2025-06-01").status == "not_available"


def _asylum_seeker(arrived: str, **person: Any) -> dict[str, Any]:
    return {
        "person": {"citizenships": ["NI"], **person},
        # No status in the year (a visa arrival's nonimmigrant status is an exception too).
        "arrivals": [{"on": arrived, "document": "without_inspection"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }


@pytest.mark.parametrize(
    ("arrived", "closes_on"),
    [
        # 8 CFR 208.4(a)(2)(ii): "When the last day of the period so computed falls on a
        # Saturday, Sunday, or" legal holiday, the period runs to the next day that is none.
        ("2025-03-06", "2026-03-06"),  # a Friday stays
        ("2025-03-07", "2026-03-09"),  # Saturday 7 Mar 2026 -> Monday
        ("2025-03-08", "2026-03-09"),  # Sunday 8 Mar 2026 -> Monday
        ("2025-05-25", "2026-05-26"),  # Memorial Day, Monday 25 May 2026 -> Tuesday
        ("2025-07-03", "2026-07-06"),  # Independence Day observed Friday 3 Jul 2026 -> Monday
        ("2025-12-25", "2026-12-28"),  # Christmas, Friday 25 Dec 2026 -> Monday
    ],
)
def test_a_one_year_date_on_a_weekend_or_holiday_moves_to_the_next_business_day(
    arrived: str, closes_on: str
):
    option = _option(_asylum_seeker(arrived), "asylum", "2025-12-30")
    assert option.window.closes_on == D(closes_on)


@pytest.mark.parametrize(
    ("birth_date", "on", "status"),
    [
        # INA 208(a)(2)(E): "Subparagraphs (A) and (B) shall not apply to an unaccompanied
        # alien child"; 6 U.S.C. 279(g)(2)(B): one who "has not attained 18 years of age".
        ("2008-01-10", "2026-01-09", "needs_legal_review"),
        ("2008-01-10", "2026-01-10", "may_apply"),
        ("2008-01-10", "2026-06-10", "deadline_passed"),
        ("2009-01-10", "2026-06-10", "needs_legal_review"),
    ],
)
def test_a_minor_is_not_given_the_adult_one_year_deadline_as_final(
    birth_date: str, on: str, status: str
):
    option = _option(_asylum_seeker("2025-03-06", birth_date=birth_date), "asylum", on)
    assert option.status == status
    assert option.window.closes_on == D("2026-03-06")


@pytest.mark.parametrize(
    ("filed_on", "on", "due_on"),
    [
        # Pub. L. 119-21 sec. 100009(a): "for each calendar year that an alien's application for
        # asylum remains pending", whatever its filing date; charged from 22 July 2025.
        ("2023-12-01", "2025-06-01", "2025-12-01"),
        ("2024-07-22", "2025-06-01", "2025-07-22"),
        ("2024-07-21", "2025-06-01", "2026-07-21"),
    ],
)
def test_the_annual_asylum_fee_is_owed_on_applications_filed_before_october_2024(
    filed_on: str, on: str, due_on: str
):
    request = _asylum_seeker("2023-06-01") | {"filings": [{"form": "i589", "filed_on": filed_on}]}
    option = _option(request, "asylum", on)
    assert option.window.closes_on == D(due_on)
    assert [fee.kind for fee in option.what_to_file.fees] == ["annual_asylum_fee"]


@pytest.mark.parametrize(
    ("permits", "on", "fees"),
    [
        # Pub. L. 119-21 sec. 100003(a)(2): "During fiscal year 2025, ... the greater of— (A)
        # $550"; charged from 22 July 2025.
        ([], "2025-07-21", {"i765_filing": 520, "i765_asylum_initial": 0}),
        ([], "2025-07-22", {"i765_filing": 520, "i765_asylum_initial": 550}),
        (
            [{"category": "c8", "valid_from": "2024-06-01", "valid_until": "2026-05-31"}],
            "2025-07-22",
            {"i765_filing": 520},
        ),
    ],
)
def test_a_first_c8_work_permit_carries_the_hr1_initial_fee(
    permits: list[dict[str, str]], on: str, fees: dict[str, int]
):
    request = _asylum_seeker("2023-06-01") | {
        "parole": [{"program": "general", "from_on": "2023-06-01", "until_on": "2024-05-31"}],
        "filings": [{"form": "i589", "filed_on": "2023-12-01"}],
        "work_permits": permits,
    }
    option = _option(request, "employment_authorization", on)
    assert {f.kind: f.amount_usd for f in option.what_to_file.fees} == fees


def test_an_a12_work_permit_carries_the_hr1_initial_fee():
    # Pub. L. 119-21 sec. 100003(c): the fee on "an initial application for employment
    # authorization under section 244(a)(1)(B)".
    holder = _ukrainian_holder(
        tps=[{"country": "UA", "from_on": "2025-04-20", "until_on": "2026-10-19"}]
    )
    option = _option(holder, "employment_authorization", "2025-08-01")
    assert {f.kind: f.amount_usd for f in option.what_to_file.fees} == {
        "i765_filing": 520,
        "i765_tps_initial": 550,
    }


def test_re_parole_after_parole_ended_shows_no_window_opening_after_it_closed():
    request = {
        "person": {"citizenships": ["AF"]},
        "arrivals": [{"on": "2021-09-01", "document": "parole"}],
        "parole": [
            {"program": "afghan_reparole", "from_on": "2021-09-01", "until_on": "2025-08-31"}
        ],
    }
    option = _option(request, "reparole", "2026-03-01")
    assert option.status == "deadline_passed"
    assert option.window.opens_on is None
    assert option.window.closes_on == D("2025-08-31")


def _without_afghan_close() -> PathwayRegistry:
    registry = get_pathway_registry()
    file = registry.timeline.file
    events = [
        e for e in file.events if not (e.subject == "program:afghan_siv" and e.effect == "close")
    ]
    assert len(events) == len(file.events) - 1
    return registry.with_timeline(file.model_copy(update={"events": events}))


@pytest.mark.parametrize(
    ("filed", "status"), [("unknown", "needs_information"), ("no", "needs_legal_review")]
)
def test_an_afghan_answer_with_no_close_on_file_names_no_last_day(filed: str, status: str):
    request = PathwayRequest.model_validate(
        _afghan(afghan_chief_of_mission_application_filed=filed)
    )
    answer = check(request, as_of=D("2025-06-01"), registry=_without_afghan_close())
    option = next(o for o in answer.options if o.code == "afghan_special_immigrant")

    assert option.status == status
    assert "None" not in option.summary
    assert option.window.closes_on is None
