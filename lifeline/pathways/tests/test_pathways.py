"""Pathway answers at the boundaries of each cited date: the day before, of and after."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import get_pathway_registry

D = dt.date.fromisoformat


def _request(**overrides: Any) -> PathwayRequest:
    data: dict[str, Any] = {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2025-06-10", "document": "parole"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }
    return PathwayRequest.model_validate(data | overrides)


def _option(request: PathwayRequest, code: str, on: str) -> Any:
    answer = check(request, as_of=D(on))
    return next(option for option in answer.options if option.code == code)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2026-06-09", "may_apply"), ("2026-06-10", "may_apply"), ("2026-06-11", "deadline_passed")],
)
def test_asylum_without_parole_closes_one_year_after_the_last_arrival(as_of: str, status: str):
    option = _option(_request(), "asylum", as_of)
    assert option.status == status
    assert option.window.closes_on == D("2026-06-10") == option.window.safe_on


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2026-03-08", "may_apply"),
        ("2026-03-09", "may_apply"),
        ("2026-03-10", "needs_legal_review"),
    ],
)
def test_asylum_with_parole_is_safe_until_parole_ends_and_then_needs_review_not_a_grace_period(
    as_of: str, status: str
):
    request = _request(
        arrivals=[{"on": "2024-03-10", "document": "parole"}],
        parole=[{"program": "u4u", "from_on": "2024-03-10", "until_on": "2026-03-09"}],
    )
    option = _option(request, "asylum", as_of)
    assert option.status == status
    assert option.window.closes_on == D("2025-03-10")
    assert option.window.safe_on == D("2026-03-09")
    assert "208.4(a)(5)(iv)" in " ".join(option.window.computation)


@pytest.mark.parametrize(
    ("arrived_on", "status"),
    [("2023-08-15", "may_apply"), ("2023-08-16", "may_apply"), ("2023-08-17", "not_available")],
)
def test_ukraine_tps_needs_arrival_by_the_continuous_residence_date(arrived_on: str, status: str):
    request = _request(arrivals=[{"on": arrived_on, "document": "parole"}])
    assert _option(request, "tps", "2025-04-19").status == status


@pytest.mark.parametrize(
    ("as_of", "known"), [("2026-08-18", True), ("2026-08-19", True), ("2026-08-20", False)]
)
def test_an_as_of_date_after_the_last_check_answers_unknown_check_current_status(
    as_of: str, known: bool
):
    state = get_pathway_registry().timeline.state_on("tps:ua", D(as_of))
    assert state.known is known
    if not known:
        request = _request(arrivals=[{"on": "2023-01-01", "document": "parole"}])
        option = _option(request, "tps", as_of)
        assert option.status == "needs_legal_review"
        assert option.summary.startswith("unknown: check current status")


@pytest.mark.parametrize(
    ("subject", "as_of", "status", "blocked"),
    [
        ("tps:hn", "2025-07-30", "active", False),
        ("tps:hn", "2025-09-07", "active", False),
        # 90 FR 30089: "terminated effective at 11:59 p.m., local time, on September 8, 2025".
        ("tps:hn", "2025-09-08", "active", False),
        ("tps:hn", "2025-09-09", "terminated", False),
        # N.D. Cal. set the termination aside on 31 Dec 2025 (reported); the Ninth Circuit
        # stayed that judgment on 9 Feb 2026 (No. 26-199, reported).
        ("tps:hn", "2025-12-30", "terminated", False),
        ("tps:hn", "2025-12-31", "active", True),
        ("tps:hn", "2026-01-01", "active", True),
        ("tps:hn", "2026-02-08", "active", True),
        ("tps:hn", "2026-02-09", "terminated", False),
        ("tps:hn", "2026-02-10", "terminated", False),
        ("tps:ni", "2025-12-30", "terminated", False),
        ("tps:ni", "2025-12-31", "active", True),
        ("tps:ni", "2026-02-08", "active", True),
        ("tps:ni", "2026-02-09", "terminated", False),
        # 90 FR 20309: terminated "effective at 11:59 p.m., local time, on July 14, 2025"; the
        # Fourth Circuit's administrative stay of that day "will last until July 21" (reported),
        # when the court denied a stay pending appeal.
        ("tps:af", "2025-07-13", "active", False),
        ("tps:af", "2025-07-14", "active", False),
        ("tps:af", "2025-07-15", "active", True),
        ("tps:af", "2025-07-20", "active", True),
        ("tps:af", "2025-07-21", "terminated", False),
        ("tps:af", "2025-07-22", "terminated", False),
        # Until 3 Feb 2026 the E.D.N.Y. order holds back the termination of 90 FR 28760
        # (effective 2 Sep 2025), which 90 FR 54733 superseded.
        ("tps:ht", "2025-09-02", "active", False),
        ("tps:ht", "2025-09-03", "active", True),
        ("tps:ht", "2026-02-01", "active", True),
        # 90 FR 54733: terminated "effective at 11:59 p.m., local time, on February 3, 2026";
        # from the next day only the D.D.C. stay keeps it in force.
        ("tps:ht", "2026-02-03", "active", True),
        ("tps:ht", "2026-02-04", "active", True),
        ("tps:ht", "2026-06-24", "active", True),
        ("tps:ht", "2026-06-25", "terminated", False),
    ],
)
def test_terminations_take_effect_unless_a_court_order_in_force_blocks_them(
    subject: str, as_of: str, status: str, blocked: bool
):
    state = get_pathway_registry().timeline.state_on(subject, D(as_of))
    assert state.status == status
    assert (state.termination_blocked_by is not None) is blocked


@pytest.mark.parametrize(
    ("as_of", "ends_on"),
    [
        ("2025-03-24", "2026-03-09"),  # before the notice (90 FR 13611, 25 Mar 2025)
        ("2025-03-25", "2025-04-24"),  # the notice: unexpired parole ends on 24 Apr
        ("2025-04-14", "2025-04-24"),  # the day before the district court's order
        ("2025-04-15", "2026-03-09"),  # the order of 15 Apr 2025 blocks the termination
        ("2025-04-24", "2026-03-09"),
        ("2025-05-29", "2026-03-09"),
        ("2025-05-30", "2025-04-24"),  # the Supreme Court stays that order
    ],
)
def test_chnv_parole_ends_on_the_cut_off_unless_the_district_court_order_blocks_it(
    as_of: str, ends_on: str
):
    request = _request(
        person={"citizenships": ["CU"]},
        arrivals=[{"on": "2024-03-10", "document": "parole"}],
        parole=[{"program": "chnv_cuba", "from_on": "2024-03-10", "until_on": "2026-03-09"}],
    )
    assert check(request, as_of=D(as_of)).parole.ends_on == D(ends_on)


@pytest.mark.parametrize(
    ("as_of", "ends_on"),
    [
        ("2025-12-14", "2027-04-30"),  # before the notice (90 FR 58032, 15 Dec 2025)
        ("2025-12-15", "2026-01-14"),  # the notice: unexpired parole ends on 14 Jan 2026
        ("2026-01-09", "2026-01-14"),
        ("2026-01-10", "2027-04-30"),  # the court order blocks the termination
        ("2026-01-14", "2027-04-30"),
        ("2026-01-15", "2027-04-30"),
    ],
)
def test_frp_parole_keeps_its_i94_date_while_the_court_order_blocks_the_termination(
    as_of: str, ends_on: str
):
    request = _request(
        person={"citizenships": ["CO"]},
        parole=[{"program": "frp", "from_on": "2024-05-01", "until_on": "2027-04-30"}],
    )
    assert check(request, as_of=D(as_of)).parole.ends_on == D(ends_on)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2025-03-09", "not_yet"), ("2025-03-10", "may_apply"), ("2025-03-11", "may_apply")],
)
def test_cuban_adjustment_opens_after_one_year_of_presence_since_parole(as_of: str, status: str):
    request = _request(
        person={"citizenships": ["CU"]}, arrivals=[{"on": "2024-03-10", "document": "parole"}]
    )
    option = _option(request, "cuban_adjustment", as_of)
    assert option.status == status and option.window.opens_on == D("2025-03-10")


def test_a_release_on_form_i220a_is_not_parole_and_says_the_question_is_litigated():
    request = _request(
        person={"citizenships": ["CU"]}, arrivals=[{"on": "2023-05-01", "document": "i220a"}]
    )
    option = _option(request, "cuban_adjustment", "2025-01-01")
    assert option.status == "needs_legal_review"
    assert "Cabrera-Fernandez" in option.summary and "litigated" in option.summary


@pytest.mark.parametrize(
    ("filed_on", "as_of", "due_on", "amount"),
    [
        ("2025-01-15", "2025-12-31", "2026-01-15", 102),
        ("2024-12-31", "2025-12-30", "2025-12-31", 100),
    ],
)
def test_the_annual_asylum_fee_falls_due_on_the_anniversary_at_that_date_s_amount(
    filed_on: str, as_of: str, due_on: str, amount: int
):
    request = _request(filings=[{"form": "i589", "filed_on": filed_on}])
    option = _option(request, "asylum", as_of)
    assert option.window.closes_on == D(due_on)
    assert option.what_to_file.fees[0].amount_usd == amount


@pytest.mark.parametrize(
    ("as_of", "status", "due_on"),
    [
        ("2025-05-31", "may_apply", "2025-12-01"),
        ("2025-06-01", "not_available", None),
        ("2025-11-15", "not_available", None),
    ],
)
def test_no_annual_asylum_fee_falls_due_once_asylum_is_granted(
    as_of: str, status: str, due_on: str | None
):
    # The annual asylum fee (H.R. 1; 90 FR 34511) is charged "for each year an asylum
    # application stays pending": a grant ends it.
    filing = {"form": "i589", "filed_on": "2024-12-01", "outcome": "approved"}
    request = _request(filings=[filing | {"decided_on": "2025-06-01"}])
    option = _option(request, "asylum", as_of)
    assert option.status == status
    assert (option.window.closes_on if option.window else None) == (due_on and D(due_on))
    fees = option.what_to_file.fees if option.what_to_file else []
    assert ("annual_asylum_fee" in [f.kind for f in fees]) == bool(due_on)


@pytest.mark.parametrize(
    ("outcome", "as_of", "status"),
    [
        ("denied", "2025-05-31", "may_apply"),
        ("denied", "2025-06-01", "needs_legal_review"),
        ("withdrawn", "2025-06-01", "may_apply"),
    ],
)
def test_a_denied_asylum_application_is_not_read_as_granted(outcome: str, as_of: str, status: str):
    filing = {"form": "i589", "filed_on": "2024-12-01", "outcome": outcome}
    request = _request(
        arrivals=[{"on": "2024-10-01", "document": "parole"}],
        filings=[filing | {"decided_on": "2025-06-01"}],
    )
    option = _option(request, "asylum", as_of)
    assert option.status == status
    if outcome == "withdrawn":  # counted as never filed: the one-year date from arrival
        assert option.window.closes_on == D("2025-10-01")


@pytest.mark.parametrize(("as_of", "amount"), [("2025-07-21", 0), ("2025-07-22", 100)])
def test_the_asylum_filing_fee_starts_with_the_hr1_notice(as_of: str, amount: int):
    option = _option(
        _request(arrivals=[{"on": "2025-06-10", "document": "parole"}]), "asylum", as_of
    )
    assert option.what_to_file.fees[0].amount_usd == amount


def test_unknown_facts_become_missing_facts_not_guesses():
    request = _request(facts={})
    option = _option(request, "asylum", "2025-07-01")
    assert option.status == "needs_information"
    assert option.missing_facts == ["facts.fear_of_return", "facts.in_removal_proceedings"]


def test_the_command_refuses_bad_input_with_exit_status_2(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps({"person": {"citizenships": ["ukraine"]}}))
    with pytest.raises(CommandError) as raised:
        call_command("pathways", "check", str(path))
    assert raised.value.returncode == 2 and "person.citizenships" in str(raised.value)


@pytest.mark.django_db
def test_the_api_answers_every_option_and_refuses_a_bad_date_with_422():
    from lifeline.core.tests.api_helpers import post_json, token_client
    from lifeline.intake.tests.factories import make_user

    client = token_client(make_user())
    document = _request(as_of="2025-09-01").model_dump(mode="json")
    answer = post_json(client, "/pathways/check", document).json()
    assert {option["code"] for option in answer["options"]} >= {"asylum", "tps", "reparole"}
    bad = post_json(client, "/pathways/check", document | {"as_of": "2025-13-01"})
    assert bad.status_code == 422


def test_the_work_permit_validity_cites_8_usc_1809a_as_read_in_the_code():
    """8 U.S.C. 1809(a), read on uscode.house.gov: the employment authorization of a parolee
    "shall be valid for a period of 1 year or for the duration of the alien's parole, whichever
    is shorter." The option stays no surer than its weakest source."""
    option = _option(_request(), "employment_authorization", "2026-01-15")
    statute = next(c for c in option.citations if c.authority.startswith("8 U.S.C. 1809(a)"))
    assert statute.confidence == "verified"
    assert statute.read_in is None
    assert "valid for a period of 1 year" in (statute.quote or "")
    assert option.confidence == "secondary"
