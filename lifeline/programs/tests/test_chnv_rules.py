"""CHNV rules at their boundaries: notices, irregular entry, removal bar, pause, termination."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from lifeline.parole.terms import TerminationInForce, apply_termination, termination_in_force
from lifeline.programs.document_files import request_document_schema
from lifeline.programs.evaluation import prescreen
from lifeline.programs.registry import get_registry
from lifeline.programs.tests.builders import EVALUATED_AT, document, rule, screen, supporter
from lifeline.programs.timeline_files import get_timeline


def _entry(entered_on: str, *, resolved: bool = False, country: str = "MX") -> dict:
    return {
        "country": country,
        "entered_on": entered_on,
        "resolved_by_voluntary_departure": resolved,
    }


def _us_departed(entered_on: str) -> dict:
    """A crossing into the United States ended by voluntary departure or withdrawal."""
    return _entry(entered_on, resolved=True, country="US")


@pytest.mark.parametrize(
    ("program", "filed_on", "entries", "expected"),
    [
        # Venezuela, October 2022 notice: entries after 19 Oct 2022 bar, with no exception.
        ("chnv_venezuela", "2022-12-01", [_entry("2022-10-18")], "pass"),
        ("chnv_venezuela", "2022-12-01", [_entry("2022-10-19")], "pass"),
        ("chnv_venezuela", "2022-12-01", [_entry("2022-10-20")], "fail"),
        ("chnv_venezuela", "2022-12-01", [_entry("2022-10-20", resolved=True)], "fail"),
        ("chnv_venezuela", "2022-12-01", [_us_departed("2022-10-20")], "fail"),
        # From 9 Jan 2023 (88 FR 1279): one crossing "into the United States at the Southwest
        # Border" ended by voluntary departure or withdrawal is excused; nothing else is.
        ("chnv_venezuela", "2023-06-01", [_us_departed("2022-10-20")], "pass"),
        (
            "chnv_venezuela",
            "2023-06-01",
            [
                _us_departed("2022-10-20"),
                _us_departed("2023-02-01"),
            ],
            "fail",
        ),
        ("chnv_venezuela", "2023-06-01", [_entry("2022-10-20", resolved=True)], "fail"),
        (
            "chnv_venezuela",
            "2023-06-01",
            [_entry("2022-10-20", resolved=True, country="PA")],
            "fail",
        ),
        ("chnv_venezuela", "2023-06-01", [_entry("2022-11-20")], "fail"),
        ("chnv_venezuela", "2023-06-01", [_entry("2022-11-20", country="US")], "fail"),
        # Cuba (and Haiti, Nicaragua): the bar runs from 9 Jan 2023.
        ("chnv_cuba", "2023-06-01", [_entry("2023-01-08")], "pass"),
        ("chnv_cuba", "2023-06-01", [_entry("2023-01-09")], "pass"),
        ("chnv_cuba", "2023-06-01", [_entry("2023-01-10")], "fail"),
        ("chnv_cuba", "2023-06-01", [_us_departed("2023-01-10")], "pass"),
        ("chnv_cuba", "2023-06-01", [_entry("2023-01-10", resolved=True)], "fail"),
        ("chnv_haiti", "2023-06-01", [_us_departed("2023-01-10")], "pass"),
        ("chnv_haiti", "2023-06-01", [_entry("2023-01-10", resolved=True, country="PA")], "fail"),
        ("chnv_nicaragua", "2023-06-01", [_us_departed("2023-01-10")], "pass"),
        ("chnv_nicaragua", "2023-06-01", [_entry("2023-01-10", resolved=True)], "fail"),
    ],
)
def test_irregular_entry_after_the_notice_date_bars_with_the_one_time_exception(
    program, filed_on, entries, expected
):
    result = screen(
        program, {"filed_on": filed_on, "immigration_history.irregular_entries": entries}
    )
    assert rule(result, "no_irregular_entry_after_notice").result == expected


SEA_BAR = "not_interdicted_at_sea_after_notice"


@pytest.mark.parametrize(
    ("program", "filed_on", "interdicted_on", "expected"),
    [
        # 88 FR 26329 (FR Doc 2023-09013) and 88 FR 26327 (FR Doc 2023-09014): "those who have
        # been interdicted at sea after April 27, 2023 will be ineligible for the announced
        # parole process."
        ("chnv_cuba", "2023-06-01", "2023-04-26", "pass"),
        ("chnv_cuba", "2023-06-01", "2023-04-27", "pass"),
        ("chnv_cuba", "2023-06-01", "2023-04-28", "fail"),
        ("chnv_cuba", "2023-06-01", "2024-01-15", "fail"),
        ("chnv_haiti", "2023-06-01", "2023-04-27", "pass"),
        ("chnv_haiti", "2023-06-01", "2023-04-28", "fail"),
        # The notices set no period after which the bar lapses; it stays in the 2025 versions.
        ("chnv_cuba", "2025-02-03", "2023-05-01", "fail"),
        ("chnv_haiti", "2025-03-25", "2023-05-01", "fail"),
        ("chnv_haiti", "2025-03-25", "2023-04-27", "pass"),
    ],
)
def test_an_interdiction_at_sea_after_27_april_2023_bars_cubans_and_haitians(
    program, filed_on, interdicted_on, expected
):
    interdictions = [{"interdicted_on": interdicted_on}]
    result = screen(
        program, {"filed_on": filed_on, "immigration_history.sea_interdictions": interdictions}
    )
    assert rule(result, SEA_BAR).result == expected
    assert rule(result, SEA_BAR).citation.authority.startswith("88 FR 2632")


@pytest.mark.parametrize(
    ("program", "filed_on", "applied"),
    [
        # "DHS will begin applying this amendment on April 28, 2023." (Cubans)
        ("chnv_cuba", "2023-04-27", False),
        ("chnv_cuba", "2023-04-28", True),
        # "DHS will begin applying this amendment April 29, 2023." (Haitians)
        ("chnv_haiti", "2023-04-28", False),
        ("chnv_haiti", "2023-04-29", True),
        # The notices change only the processes for Cubans and Haitians.
        ("chnv_venezuela", "2023-06-01", False),
        ("chnv_nicaragua", "2023-06-01", False),
    ],
)
def test_the_sea_interdiction_bar_applies_from_each_notice_date_to_cubans_and_haitians_only(
    program, filed_on, applied
):
    interdictions = [{"interdicted_on": "2023-05-01"}]
    result = screen(
        program, {"filed_on": filed_on, "immigration_history.sea_interdictions": interdictions}
    )
    assert (SEA_BAR in [item.id for item in result.rules]) is applied
    assert result.outcome == ("not_eligible" if applied else "meets_criteria")


@pytest.mark.parametrize(
    ("program", "filed_on", "outcome"),
    [
        ("chnv_cuba", "2023-06-01", "needs_information"),
        ("chnv_haiti", "2023-06-01", "needs_information"),
        ("chnv_cuba", "2023-04-27", "meets_criteria"),
        ("chnv_venezuela", "2023-06-01", "meets_criteria"),
    ],
)
def test_not_knowing_whether_the_person_was_interdicted_at_sea_asks_for_it_where_it_bars(
    program, filed_on, outcome
):
    result = screen(program, {"filed_on": filed_on, "immigration_history.sea_interdictions": None})
    assert result.outcome == outcome
    if outcome == "needs_information":
        assert rule(result, SEA_BAR).result == "unknown"


def _member_interdicted(interdicted_on: str | None) -> dict:
    history = {
        "in_united_states": False,
        "removal_orders": [],
        "irregular_entries": [],
        "sea_interdictions": [] if interdicted_on is None else [{"interdicted_on": interdicted_on}],
    }
    return {
        "relationship": "spouse",
        "person": {
            **_principal("CU"),
            "given_name": "Spouse",
            "marital_status": "married",
            "permanent_resident_of": [],
            "refugee_status_in": [],
            "passport": {"country": "CU", "number": "K7654321", "expires_on": "2030-01-01"},
        },
        "travelling_with_principal": True,
        "immigration_history": history,
        "attestations": {"vaccinations": True},
    }


@pytest.mark.parametrize(
    ("principal_on", "spouse_on", "principal_outcome", "spouse_outcome"),
    [
        # "those who have been interdicted at sea": principal and family member alike.
        (None, None, "meets_criteria", "meets_criteria"),
        (None, "2023-04-28", "meets_criteria", "not_eligible"),
        (None, "2023-04-27", "meets_criteria", "meets_criteria"),
        ("2023-04-28", None, "not_eligible", "not_eligible"),
    ],
)
def test_the_sea_interdiction_bar_reads_on_the_principal_and_each_family_member(
    principal_on, spouse_on, principal_outcome, spouse_outcome
):
    own = [] if principal_on is None else [{"interdicted_on": principal_on}]
    result = screen(
        "chnv_cuba",
        {
            "beneficiary.marital_status": "married",
            "immigration_history.sea_interdictions": own,
            "household": [_member_interdicted(spouse_on)],
        },
    )
    principal, spouse = result.people
    assert (principal.outcome, spouse.outcome) == (principal_outcome, spouse_outcome)
    spouse_bar = next(item for item in spouse.rules if item.id == SEA_BAR)
    assert spouse_bar.result == ("fail" if spouse_on == "2023-04-28" else "pass")


@pytest.mark.parametrize(
    ("ordered_on", "expected"),
    [("2018-05-31", "pass"), ("2018-06-01", "pass"), ("2018-06-02", "fail")],
)
def test_a_removal_order_within_five_years_of_filing_bars(ordered_on, expected):
    result = screen(
        "chnv_cuba", {"immigration_history.removal_orders": [{"ordered_on": ordered_on}]}
    )
    assert rule(result, "no_removal_order_in_prior_5_years").result == expected


@pytest.mark.parametrize("program", ["chnv_cuba", "chnv_haiti", "chnv_nicaragua", "chnv_venezuela"])
def test_each_process_is_for_its_own_nationals(program):
    result = screen("chnv_cuba", {"program": program})
    expected = "pass" if program == "chnv_cuba" else "fail"
    assert rule(result, f"principal_is_{program.removeprefix('chnv_')}_national").result == expected


@pytest.mark.parametrize(
    ("relationship", "changes", "expected"),
    [
        ("principal", {}, "pass"),
        ("principal", {"beneficiary.citizenships": ["CU", "ES"]}, "fail"),
        ("principal", {"beneficiary.permanent_resident_of": ["MX"]}, "fail"),
        ("principal", {"beneficiary.refugee_status_in": ["CR"]}, "fail"),
        ("spouse", {"beneficiary.citizenships": ["CU", "ES"]}, "not_applicable"),
    ],
)
def test_principal_dual_national_resident_or_refugee_elsewhere_bar(relationship, changes, expected):
    changes = {**changes, "relationship_to_principal": relationship}
    if relationship != "principal":
        changes["principal"] = {
            "given_name": "P",
            "family_name": "P",
            "birth_date": "1980-01-01",
            "sex": "M",
            "citizenships": ["CU"],
            "current_country": "CU",
        }
    result = screen("chnv_cuba", changes)
    bar = "principal_not_dual_national_resident_or_refugee_elsewhere"
    assert rule(result, bar).result == expected


@pytest.mark.parametrize(
    ("program", "country", "expires_on", "expected"),
    [
        ("chnv_cuba", "CU", "2023-05-31", "fail"),
        ("chnv_cuba", "CU", "2023-06-01", "pass"),
        ("chnv_venezuela", "VE", "2018-05-31", "fail"),
        ("chnv_venezuela", "VE", "2018-06-01", "pass"),
        ("chnv_venezuela", "VE", "2018-06-02", "pass"),
        ("chnv_venezuela", "CO", "2023-05-31", "fail"),
    ],
)
def test_passport_valid_on_filing_with_five_years_grace_for_venezuelan_passports(
    program, country, expires_on, expected
):
    passport = {"country": country, "number": "X1234567", "expires_on": expires_on}
    result = screen(program, {"beneficiary.passport": passport})
    assert rule(result, "valid_passport").result == expected


def test_an_unaccompanied_minor_is_not_eligible():
    result = screen("chnv_cuba", {"beneficiary.birth_date": "2010-01-01"})
    assert rule(result, "minor_travels_with_parent_or_guardian").result == "unknown"
    result = screen(
        "chnv_cuba",
        {
            "beneficiary.birth_date": "2010-01-01",
            "travelling_with": {
                "relationship": "other_adult",
                "person": {
                    "given_name": "A",
                    "family_name": "B",
                    "birth_date": "1990-01-01",
                    "sex": "M",
                    "citizenships": ["CU"],
                    "current_country": "CU",
                },
            },
        },
    )
    assert result.outcome == "not_eligible"


def test_venezuela_had_a_24000_total_cap_then_a_30000_monthly_cap_shared_by_four():
    registry = get_registry()
    october = registry.caps_in_force(dt.date(2022, 11, 1))
    assert (october["venezuela_total"].cap.limit, october["venezuela_total"].cap.period) == (
        24000,
        "total",
    )
    later = registry.caps_in_force(dt.date(2024, 1, 1))
    assert set(later) == {"chnv_monthly"}
    assert later["chnv_monthly"].cap.limit == 30000
    assert later["chnv_monthly"].programs == (
        "chnv_cuba",
        "chnv_haiti",
        "chnv_nicaragua",
        "chnv_venezuela",
    )
    assert registry.caps_in_force(dt.date(2025, 6, 1)) == {}


@pytest.mark.parametrize(
    ("original_ends_on", "expected"),
    [("2025-04-20", "2025-04-20"), ("2025-04-24", "2025-04-24"), ("2026-01-01", "2025-04-24")],
)
def test_chnv_termination_ends_unexpired_terms_on_2025_04_24(original_ends_on, expected):
    termination = _in_force("chnv_haiti", dt.date(2025, 6, 1))
    assert termination is not None
    ends_on, _ = apply_termination(
        termination, original_ends_on=dt.date.fromisoformat(original_ends_on), filings=[]
    )
    assert ends_on == dt.date.fromisoformat(expected)


def _in_force(program: str, on: dt.date) -> TerminationInForce | None:
    return termination_in_force(get_timeline(), get_registry().versions(program), program, on)


@pytest.mark.parametrize("program", ["chnv_cuba", "chnv_haiti", "chnv_nicaragua", "chnv_venezuela"])
@pytest.mark.parametrize(
    ("on", "blocked"),
    [
        ("2025-04-14", False),
        ("2025-04-15", True),
        ("2025-04-24", True),
        ("2025-05-29", True),
        ("2025-05-30", False),
        ("2025-05-31", False),
    ],
)
def test_the_court_order_of_15_april_2025_blocks_the_termination_until_the_stay_of_30_may(
    program, on, blocked
):
    """Noem v. Doe, No. 24A1079: the Supreme Court stayed "The April 15, 2025 order entered by
    the United States District Court for the District of Massachusetts" on 30 May 2025."""
    day = dt.date.fromisoformat(on)
    announced = get_timeline().termination_on(f"parole:{program}", day)
    assert announced is not None
    assert (announced.blocked_by is not None) is blocked
    assert (_in_force(program, day) is None) is blocked


@pytest.mark.parametrize(
    ("used", "result", "outcome"),
    [
        (None, "not_applicable", "meets_criteria"),
        (29_999, "pass", "meets_criteria"),
        (30_000, "fail", "not_accepted"),
    ],
)
def test_the_monthly_cap_of_30000_is_read_for_the_as_of_month(used, result, outcome):
    """88 FR 1279: "a monthly limit of 30,000 travel authorizations spread across this process"
    and the Cuban, Haitian and Nicaraguan processes. Usage stated for another month is not read."""
    usage = [{"cap": "chnv_monthly", "month": "2023-05", "used": 40_000}]
    if used is not None:
        usage.append({"cap": "chnv_monthly", "month": "2023-06", "used": used})
    answer = prescreen(
        document("chnv_venezuela", {"cap_usage": usage}),
        as_of=dt.date(2023, 6, 20),
        evaluated_at=EVALUATED_AT,
    )
    cap = rule(answer, "cap_not_reached_chnv_monthly")
    assert cap.result == result
    assert "30,000 travel authorizations in 2023-06" in cap.explanation
    assert cap.citation.authority.startswith("88 FR 1279")
    assert answer.outcome == outcome


def _principal(country: str) -> dict:
    return {
        "given_name": "Principal",
        "family_name": "Person",
        "birth_date": "1980-01-01",
        "sex": "F",
        "citizenships": [country],
        "current_country": country,
    }


@pytest.mark.parametrize(
    ("program", "country"),
    [
        ("chnv_cuba", "CU"),
        ("chnv_haiti", "HT"),
        ("chnv_nicaragua", "NI"),
        ("chnv_venezuela", "VE"),
    ],
)
@pytest.mark.parametrize(
    ("citizenships", "travelling_with_principal", "expected", "outcome"),
    [
        (["CO"], True, "pass", "meets_criteria"),
        (["CO"], False, "fail", "not_eligible"),
        (["CO"], None, "unknown", "needs_information"),
        # A national of the process's country qualifies on their own citizenship.
        (None, False, "pass", "meets_criteria"),
    ],
)
def test_a_family_member_of_another_nationality_qualifies_only_travelling_with_the_principal(
    program, country, citizenships, travelling_with_principal, expected, outcome
):
    """Each process is for its nationals "and their immediate family members" (uscis.gov/CHNV);
    a spouse of another nationality comes as the principal's family, travelling with them."""
    result = screen(
        program,
        {
            "relationship_to_principal": "spouse",
            "beneficiary.citizenships": citizenships or [country],
            "beneficiary.marital_status": "married",
            "principal": _principal(country),
            "travelling_with_principal": travelling_with_principal,
        },
    )
    assert rule(result, f"principal_is_{program.removeprefix('chnv_')}_national").result == expected
    assert result.outcome == outcome


@pytest.mark.parametrize(
    ("program", "filed_on", "granted_on", "as_of", "cautioned"),
    [
        # 90 FR 13611: "DHS is terminating the CHNV parole programs as of March 25, 2025."
        ("chnv_cuba", "2023-06-01", "2023-08-01", "2025-03-24", False),
        ("chnv_cuba", "2023-06-01", "2023-08-01", "2025-03-25", True),
        ("chnv_cuba", "2023-06-01", "2023-08-01", "2026-12-07", True),
        # 90 FR 58032: "DHS is terminating the FRP programs as of December 15, 2025."
        ("frp", "2024-02-20", "2024-06-01", "2025-12-14", False),
        ("frp", "2024-02-20", "2024-06-01", "2025-12-15", True),
        ("frp", "2024-02-20", "2024-06-01", "2026-02-01", True),
    ],
)
def test_a_parole_granted_before_the_termination_is_cautioned_once_the_program_is_terminated(
    program, filed_on, granted_on, as_of, cautioned
):
    result = prescreen(
        document(program, {"filed_on": filed_on, "granted_on": granted_on}),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date.fromisoformat(as_of),
    )
    termination = get_registry().versions(program)[-1].termination
    assert termination is not None
    found = [caution for caution in result.cautions if "was terminated on" in caution]
    assert bool(found) is cautioned
    if cautioned:
        assert termination.citation.quote.strip() in found[0]
        assert "does not reflect the termination" in found[0]
    if cautioned and program == "frp":
        # The notice's I-485 exception is named with it.
        assert "Form I-485" in found[0]


@pytest.mark.parametrize(
    ("today", "as_of", "result", "outcome", "month"),
    [
        # The as-of date governs the cap; without one it is the day of the check.
        (dt.datetime(2023, 6, 15, 12, tzinfo=dt.UTC), None, "fail", "not_accepted", "2023-06"),
        (
            dt.datetime(2023, 7, 1, 0, tzinfo=dt.UTC),
            None,
            "not_applicable",
            "meets_criteria",
            "2023-07",
        ),
        (
            dt.datetime(2031, 1, 1, tzinfo=dt.UTC),
            dt.date(2023, 6, 30),
            "fail",
            "not_accepted",
            "2023-06",
        ),
        (
            dt.datetime(2031, 1, 1, tzinfo=dt.UTC),
            dt.date(2023, 7, 1),
            "not_applicable",
            "meets_criteria",
            "2023-07",
        ),
    ],
)
def test_the_cap_month_is_the_as_of_month_and_without_one_the_day_of_the_check(
    time_machine, today, as_of, result, outcome, month
):
    time_machine.move_to(today)
    usage = [{"cap": "chnv_monthly", "month": "2023-06", "used": 30_000}]
    answer = prescreen(
        document("chnv_cuba", {"filed_on": "2023-06-01", "cap_usage": usage}), as_of=as_of
    )
    cap = rule(answer, "cap_not_reached_chnv_monthly")
    assert (cap.result, answer.outcome) == (result, outcome)
    assert f"in {month}" in cap.explanation


def test_the_request_schema_reads_the_cap_month_as_the_check_does():
    """The saved schema describes `cap_usage` from the model: without an as-of date the month
    read is that of the day of the check (as the test above shows), never the postmark's."""
    schema = json.loads(request_document_schema())
    description = schema["properties"]["cap_usage"]["description"]
    assert "the day of the check in UTC" in description
    assert "postmark" not in description


@pytest.mark.parametrize(
    ("as_of", "checked"),
    [(dt.date(2025, 3, 24), True), (dt.date(2025, 3, 25), False)],
)
def test_a_monthly_cap_is_not_counted_from_the_day_the_program_has_none(as_of, checked):
    """The termination version of 25 March 2025 (90 FR 13611) has no cap; the pause version of
    28 January 2025 keeps the shared monthly cap."""
    usage = [{"cap": "chnv_monthly", "month": "2025-03", "used": 30_000}]
    answer = prescreen(
        document("chnv_cuba", {"filed_on": "2024-12-02", "cap_usage": usage}),
        as_of=as_of,
        evaluated_at=EVALUATED_AT,
    )
    cap = rule(answer, "cap_not_reached_chnv_monthly")
    assert (cap.result == "fail") is checked
    if not checked:
        assert "from 2025-03-25 the program has no such cap" in cap.explanation


@pytest.mark.parametrize(
    ("filed_on", "expected"),
    [
        # The Venezuela page of October 2022: "Lawful permanent residents, lawful temporary
        # residents, and conditional permanent residents" are among the supporters.
        ("2022-10-18", "pass"),
        ("2023-01-08", "pass"),
        # From 9 January 2023 the rule quotes the CHNV page ("holds lawful status in the United
        # States"), which lists no statuses; its list stays as it was (ADR 0254).
        ("2023-01-09", "fail"),
    ],
)
def test_a_lawful_temporary_resident_supports_a_venezuelan_under_the_october_2022_text(
    filed_on, expected
):
    result = screen(
        "chnv_venezuela", {"filed_on": filed_on, "supporters": [supporter("temporary_resident")]}
    )
    assert rule(result, "supporter_status_qualifies").result == expected
