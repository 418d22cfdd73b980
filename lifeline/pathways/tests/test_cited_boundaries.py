"""Answers on both sides of the dates the cited notices, orders and fee rules set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import get_pathway_registry

D = dt.date.fromisoformat


def _option(data: dict[str, Any], code: str, on: str) -> Any:
    answer = check(PathwayRequest.model_validate(data), as_of=D(on))
    return next(option for option in answer.options if option.code == code)


def _haitian(**overrides: Any) -> dict[str, Any]:
    return {
        "person": {"citizenships": ["HT"]},
        "arrivals": [{"on": "2024-03-01", "document": "parole"}],
        "parole": [{"program": "chnv_haiti", "from_on": "2024-03-01", "until_on": "2026-02-28"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    } | overrides


def _fees(option: Any) -> dict[str, Any]:
    return {fee.kind: fee for fee in option.what_to_file.fees}


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2026-02-02", "may_apply"),
        ("2026-02-03", "may_apply"),
        ("2026-02-04", "needs_legal_review"),
    ],
)
def test_tps_held_during_the_year_keeps_the_asylum_exception_open_like_parole(
    as_of: str, status: str
):
    # 8 CFR 208.4(a)(5)(iv): "maintained Temporary Protected Status, lawful immigrant or
    # nonimmigrant status, or was given parole, until a reasonable period before the filing".
    # CHNV parole ended on 24 Apr 2025 (90 FR 13611); TPS held from then runs to 3 Feb 2026.
    request = _haitian(tps=[{"country": "HT", "from_on": "2024-08-04", "until_on": "2026-02-03"}])
    option = _option(request, "asylum", as_of)
    assert option.status == status
    assert option.window.closes_on == D("2025-03-03")  # 1 Mar 2025 is a Saturday
    # From 4 Feb 2026 the D.D.C. stay keeps Haiti's termination from taking effect: TPS is held
    # on the date itself while the order lasts, so no later safe day is known.
    assert option.window.safe_on == max(D("2026-02-03"), D(as_of))
    assert "Temporary Protected Status (HT)" in " ".join(option.window.computation)


def test_tps_alone_is_an_exception_and_a_status_begun_after_the_year_is_not():
    held = {
        "person": {"citizenships": ["HT"]},
        "arrivals": [{"on": "2024-05-01", "document": "visa"}],
        "tps": [{"country": "HT", "from_on": "2024-08-04", "until_on": "2026-02-03"}],
        "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
    }
    assert _option(held, "asylum", "2026-01-15").window.safe_on == D("2026-02-03")
    late = held | {"arrivals": [{"on": "2023-06-01", "document": "without_inspection"}]}
    option = _option(late, "asylum", "2026-01-15")
    assert option.window.safe_on == option.window.closes_on == D("2024-06-03")  # 1 Jun: Sat
    assert option.status == "deadline_passed"


@pytest.mark.parametrize(
    ("as_of", "closes_on", "status"),
    [
        ("2025-02-23", "2026-02-03", "may_apply"),
        # 90 FR 10511 (24 Feb 2025): "the first-time registration will remain in effect until
        # August 3, 2025".
        ("2025-02-24", "2025-08-03", "may_apply"),
        ("2025-06-15", "2025-08-03", "may_apply"),
        ("2025-06-30", "2025-08-03", "may_apply"),
        # The E.D.N.Y. order set the partial vacatur aside; its text was not read.
        ("2025-07-01", "2026-02-03", "needs_legal_review"),
    ],
)
def test_haiti_registration_follows_the_partial_vacatur_and_the_order_that_set_it_aside(
    as_of: str, closes_on: str, status: str
):
    option = _option(_haitian(), "tps", as_of)
    assert option.status == status
    if status == "may_apply":
        assert option.window.closes_on == D(closes_on)
        assert option.summary == f"Register for TPS by {closes_on}."
    else:
        assert closes_on in option.timeline[-1] and "E.D.N.Y. order was not read" in option.summary


@pytest.mark.parametrize(
    ("as_of", "status", "blocked"),
    [
        ("2025-04-07", "active", False),
        # 90 FR 9040: terminated effective 7 Apr 2025; the N.D. Cal. order of 31 Mar 2025
        # postponed it until the Supreme Court's stay of 19 May 2025 (No. 24A1059).
        ("2025-04-08", "active", True),
        ("2025-04-15", "active", True),
        ("2025-05-18", "active", True),
        ("2025-05-19", "terminated", False),
        ("2025-09-04", "terminated", False),
        # The judgment of 5 Sep 2025, stayed as to Venezuela on 3 Oct 2025 (No. 25A326).
        ("2025-09-05", "active", True),
        ("2025-10-02", "active", True),
        ("2025-10-03", "terminated", False),
    ],
)
def test_venezuela_2023_termination_follows_the_district_court_and_the_supreme_court(
    as_of: str, status: str, blocked: bool
):
    state = get_pathway_registry().timeline.state_on("tps:ve", D(as_of))
    assert state.status == status
    assert (state.termination_blocked_by is not None) is blocked


def test_a_venezuelan_on_15_april_2025_is_not_told_tps_was_terminated():
    request = {
        "person": {"citizenships": ["VE"]},
        "arrivals": [{"on": "2023-05-01", "document": "visa"}],
    }
    option = _option(request, "tps", "2025-04-15")
    # The order that also held back the vacatur of the extension was not read (ADR 0158).
    assert option.status == "needs_legal_review"
    assert option.summary.startswith("Needs legal review: The order of 31 Mar 2025 was not read")
    assert any("Initial registration closed on 2025-04-02." in line for line in option.timeline)
    assert any("In force because of a court order: N.D. Cal." in line for line in option.timeline)


@pytest.mark.parametrize(
    ("as_of", "base", "surcharge"),
    [("2025-07-21", 520, 0), ("2025-07-22", 520, 550), ("2026-01-01", 520, 560)],
)
def test_a_parolee_work_permit_shows_the_base_fee_and_the_hr1_fee_of_the_date(
    as_of: str, base: int, surcharge: int
):
    request = _haitian(
        parole=[{"program": "u4u", "from_on": "2025-01-01", "until_on": "2027-01-01"}]
    )
    fees = _fees(_option(request, "employment_authorization", as_of))
    assert fees["i765_filing"].amount_usd == base
    assert fees["i765_parole_initial"].amount_usd == surcharge


@pytest.mark.parametrize(
    ("as_of", "fee"),
    # Pub. L. 119-21 sec. 100006 amends 8 U.S.C. 1254a(c)(1)(B) "by striking “$50” and
    # inserting “$500”": one first-time fee, not $50 and $500.
    [("2025-02-23", {"i821_base_filing": 50}), ("2025-07-22", {"i821_filing": 500})],
)
def test_tps_shows_the_one_first_time_fee_of_the_date(as_of: str, fee: dict[str, int]):
    fees = _fees(_option(_haitian(), "tps", as_of))
    assert {kind: f.amount_usd for kind, f in fees.items()} == fee


@pytest.mark.parametrize(
    ("code", "facts", "kind", "amount"),
    [
        ("cuban_adjustment", {}, "i485_filing", 1440),
        ("family_adjustment", {}, "i485_filing", 1440),
        ("afghan_special_immigrant", {}, "i485_afghan_special_immigrant", 0),
    ],
)
def test_every_adjustment_option_names_its_i485_fee(
    code: str, facts: dict[str, str], kind: str, amount: int
):
    request = {
        "person": {"citizenships": ["CU" if code == "cuban_adjustment" else "AF"]},
        "arrivals": [{"on": "2024-01-10", "document": "parole"}],
        "petition": {"category": "IR"},
        "facts": facts,
    }
    fees = _fees(_option(request, code, "2025-03-01"))
    assert fees[kind].amount_usd == amount


@pytest.mark.parametrize(("as_of", "noted"), [("2025-11-18", False), ("2025-11-19", True)])
def test_the_reparole_parole_fee_carries_the_unconfirmed_note_of_the_shared_schedule(
    as_of: str, noted: bool
):
    request = _haitian(
        person={"citizenships": ["UA"]},
        parole=[{"program": "u4u", "from_on": "2024-01-01", "until_on": "2026-01-01"}],
    )
    option = _option(request, "reparole", as_of)
    fee = _fees(option)["parole_grant"]
    assert ("is not confirmed" in fee.note) is noted


@pytest.mark.parametrize("as_of", ["2025-12-30", "2025-12-31"])
def test_afghan_answers_show_the_chief_of_mission_deadline_when_approval_is_unknown(as_of: str):
    request = {
        "person": {"citizenships": ["AF"]},
        "arrivals": [{"on": "2021-09-01", "document": "parole"}],
    }
    option = _option(request, "afghan_special_immigrant", as_of)
    assert option.status == "needs_information"
    assert option.window.closes_on == D("2025-12-31")
    assert "by 2025-12-31" in option.summary
    assert any("5 Jun 2026" in step for step in option.window.computation)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        # Not current on the final action chart; the chart USCIS named is not on file.
        ("2025-01-01", "needs_legal_review"),
        ("2025-12-01", "may_apply"),
        ("2026-07-01", "may_apply"),
        ("2026-08-01", "needs_legal_review"),
    ],
)
def test_a_month_without_a_visa_bulletin_on_file_says_which_months_are_known(
    as_of: str, status: str
):
    request = {
        "person": {"citizenships": ["CO"], "birth_country": "CO"},
        "arrivals": [{"on": "2024-05-01", "document": "parole"}],
        "parole": [{"program": "frp", "from_on": "2024-05-01", "until_on": "2027-04-30"}],
        "petition": {"category": "F3", "priority_date": "2011-02-01", "approved": "yes"},
    }
    option = _option(request, "family_adjustment", as_of)
    assert option.status == status
    if as_of == "2026-08-01":
        assert "2026-06 and 2026-07; for " + as_of[:7] in option.summary
        assert option.citations


@pytest.mark.parametrize(("until_on", "held"), [("2025-06-14", False), ("2025-06-15", True)])
def test_a_person_holding_tps_is_told_to_keep_it_not_to_register_again(until_on: str, held: bool):
    # 8 CFR 244.17(a): a TPS holder re-registers in the period USCIS specifies and does not pay
    # the Form I-821 fee required for initial registration.
    request = _haitian(tps=[{"country": "HT", "from_on": "2024-08-04", "until_on": until_on}])
    option = _option(request, "tps", "2025-06-15")
    assert option.status == ("not_yet" if held else "may_apply")
    assert option.summary.startswith("You hold TPS until 2025-06-15") is held
    assert option.summary.startswith("Register for TPS by 2025-08-03") is not held
    assert ("i821_base_filing" in _fees(option)) is not held


@pytest.mark.parametrize(
    ("until_on", "status"),
    [("2025-08-31", "deadline_passed"), ("2025-09-01", "not_yet"), ("2026-10-19", "not_yet")],
)
def test_a_tps_holder_after_initial_registration_re_registers_and_is_never_late(
    until_on: str, status: str
):
    # Ukraine: initial registration closed on 19 Apr 2025 (88 FR 56872); the 2025 extension
    # (90 FR 5936) is for existing beneficiaries, who re-register (8 CFR 244.17).
    request = {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2023-06-01", "document": "parole"}],
        "parole": [{"program": "u4u", "from_on": "2023-06-01", "until_on": "2025-05-31"}],
        "tps": [{"country": "UA", "from_on": "2024-01-15", "until_on": until_on}],
    }
    option = _option(request, "tps", "2025-09-01")
    assert option.status == status
    assert ("re-registering" in option.summary) is (status == "not_yet")


def _ukrainian_parole_over(**overrides: Any) -> dict[str, Any]:
    return {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2023-06-01", "document": "parole"}],
        "parole": [{"program": "u4u", "from_on": "2023-06-01", "until_on": "2025-05-31"}],
    } | overrides


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2025-12-30", "may_apply"), ("2025-12-31", "may_apply"), ("2026-01-01", "not_available")],
)
def test_after_parole_a_tps_holder_s_work_permit_is_category_a12_while_tps_lasts(
    as_of: str, status: str
):
    request = _ukrainian_parole_over(
        tps=[{"country": "UA", "from_on": "2024-01-15", "until_on": "2025-12-31"}]
    )
    option = _option(request, "employment_authorization", as_of)
    assert option.status == status
    assert ("(a)(12)" in option.summary) is (status == "may_apply")


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2025-09-27", "not_yet"), ("2025-09-28", "may_apply"), ("2025-09-29", "may_apply")],
)
def test_after_parole_a_pending_asylum_application_opens_category_c8_after_150_days(
    as_of: str, status: str
):
    # 8 CFR 208.7(a)(1): the request is submitted no earlier than 150 days after a complete
    # asylum application is received; filed 1 May 2025, that is 28 Sep 2025.
    request = _ukrainian_parole_over(filings=[{"form": "i589", "filed_on": "2025-05-01"}])
    option = _option(request, "employment_authorization", as_of)
    assert option.status == status
    assert option.window.opens_on == D("2025-09-28")
    assert "(c)(8)" in option.summary


def test_after_parole_a_decided_asylum_application_opens_no_c8_permit():
    filing = {"form": "i589", "filed_on": "2025-05-01", "outcome": "denied"}
    request = _ukrainian_parole_over(filings=[filing | {"decided_on": "2025-09-01"}])
    assert _option(request, "employment_authorization", "2025-09-28").status == "not_available"


@pytest.mark.parametrize(
    ("as_of", "advised"),
    [("2025-11-29", True), ("2025-11-30", True), ("2025-12-01", False)],
)
def test_general_re_parole_is_open_from_arrival_and_advised_90_days_before_the_end(
    as_of: str, advised: bool
):
    # General parole policy, rule reparole_while_on_parole: file before the parole end date,
    # "practitioners advise at least 90 days before"; 28 Feb 2026 less 90 days is 30 Nov 2025.
    request = {
        "person": {"citizenships": ["CO"]},
        "arrivals": [{"on": "2025-03-01", "document": "parole"}],
        "parole": [{"program": "general", "from_on": "2025-03-01", "until_on": "2026-02-28"}],
    }
    answered = check(PathwayRequest.model_validate(request), as_of=D(as_of))
    [option] = [o for o in answered.options if o.code == "reparole"]
    assert option.status == "may_apply"
    assert option.window.opens_on == D(as_of)
    assert ("Filing by 2025-11-30 is advised." in option.summary) is advised
    assert option.act_by(D(as_of)) == D("2025-11-30" if advised else "2026-02-28")


def test_afghan_re_parole_is_open_from_arrival_without_an_invented_date():
    request = {
        "person": {"citizenships": ["AF"]},
        "arrivals": [{"on": "2025-03-01", "document": "parole", "class_of_admission": "OAR"}],
        "parole": [
            {"program": "afghan_reparole", "from_on": "2025-03-01", "until_on": "2027-02-28"}
        ],
    }
    option = _option(request, "reparole", "2025-03-01")
    assert option.status == "may_apply"
    assert option.summary == "Ask for re-parole before 2027-02-28."


FRP_EXAMPLE = Path(__file__).parents[3] / "examples" / "pathways" / "frp-colombian-parolee.json"


@pytest.mark.parametrize(
    ("as_of", "in_force", "status"),
    [
        ("2026-07-27", True, "may_apply"),
        ("2026-07-28", True, "may_apply"),
        ("2026-07-29", None, "needs_legal_review"),
    ],
)
def test_past_the_frp_order_s_last_check_parole_and_what_rests_on_it_are_unknown(
    as_of: str, in_force: bool | None, status: str
):
    # The FRP termination (90 FR 58032) and the D. Mass. order restraining it were last checked
    # on 28 Jul 2026: after that date neither parole nor the I-485 filed while it lasts is known.
    answered = check(PathwayRequest.model_validate_json(FRP_EXAMPLE.read_text()), as_of=D(as_of))
    [family] = [o for o in answered.options if o.code == "family_adjustment"]
    assert answered.parole.in_force is in_force
    assert family.status == status
    assert ("unknown: check current status" in family.summary) is (in_force is None)


@pytest.mark.parametrize(
    ("as_of", "line"),
    [
        ("2025-12-01", None),
        ("2025-12-02", "PM-602-0192"),
        ("2026-01-01", "PM-602-0194"),
        ("2026-06-04", "PM-602-0194"),
        ("2026-06-05", None),  # vacated in Dorcas International Institute v. USCIS (D.R.I.)
        ("2026-06-13", None),  # USCIS follows the vacatur; the holds were checked to 28 Aug
        ("2026-08-23", None),  # the day before the N.D. Cal. injunction (Red Eagle Law v. Edlow)
        ("2026-08-24", None),  # PM 602-0192 and PM 602-0194 enjoined
        ("2026-08-25", None),
        ("2026-08-28", None),  # USCIS says it will follow the order: the holds' last check
        ("2026-08-29", "unknown: check current status"),
    ],
)
def test_the_uscis_hold_on_listed_nationals_is_said_from_pm_602_0192_of_2_december_2025(
    as_of: str, line: str | None
):
    # PM-602-0192 (2 Dec 2025) "Places on hold all pending immigration benefit requests for
    # applicants who are nationals or were born in one of the 19 countries" of PP 10949.
    haitian = _option(_haitian(), "asylum", as_of)
    ukrainian = _option(
        _haitian(person={"citizenships": ["UA"]}, parole=[], tps=[]), "asylum", as_of
    )
    held = [text for text in haitian.timeline if "USCIS" in text]
    assert held == [] if line is None else (len(held) == 1 and line in held[0])
    assert not [text for text in ukrainian.timeline if "USCIS" in text]


@pytest.mark.parametrize(
    ("until_on", "as_of", "ends_on"),
    [
        ("2025-04-30", "2025-05-29", "2025-04-30"),
        ("2025-04-30", "2025-05-30", "2025-04-30"),
        ("2025-04-30", "2025-05-31", "2025-04-30"),
        ("2025-06-30", "2025-05-29", "2025-06-30"),
        ("2025-06-30", "2025-05-31", "2025-04-24"),
    ],
)
def test_parole_that_ran_out_while_the_chnv_order_was_in_force_does_not_move_back(
    until_on: str, as_of: str, ends_on: str
):
    # 90 FR 13611: parole "not already expired by April 24, 2025 will terminate on that date";
    # the D. Mass. order of 15 Apr 2025 blocked it until the Supreme Court's stay of 30 May 2025.
    # An I-94 date of 30 Apr 2025 passed under the order: parole ended then, and stays so.
    request = {
        "person": {"citizenships": ["VE"]},
        "arrivals": [{"on": "2023-05-01", "document": "parole"}],
        "parole": [{"program": "chnv_venezuela", "from_on": "2023-05-01", "until_on": until_on}],
    }
    answered = check(PathwayRequest.model_validate(request), as_of=D(as_of))
    assert answered.parole.ends_on == D(ends_on)


@pytest.mark.parametrize(("as_of", "announced"), [("2025-02-04", False), ("2025-02-05", True)])
def test_the_venezuela_2023_tps_termination_is_announced_from_its_notice(
    as_of: str, announced: bool
):
    # 90 FR 9040 (FR Doc 2025-02294, published 5 Feb 2025): "The October 3, 2023 designation of
    # Venezuela for TPS is terminated effective at 11:59 p.m., local time, on April 7, 2025."
    request = {
        "person": {"citizenships": ["VE"]},
        "arrivals": [{"on": "2023-05-01", "document": "parole"}],
        "parole": [
            {"program": "chnv_venezuela", "from_on": "2023-05-01", "until_on": "2025-04-30"}
        ],
    }
    option = _option(request, "tps", as_of)
    assert (
        any(line.startswith("Announced: Venezuela 2023") for line in option.timeline) is announced
    )


@pytest.mark.parametrize(
    ("as_of", "tense"),
    [("2025-12-30", "must be"), ("2025-12-31", "must be"), ("2026-01-01", "had to be")],
)
def test_the_chief_of_mission_deadline_is_worded_by_whether_it_has_passed(as_of: str, tense: str):
    afghan = {
        "person": {"citizenships": ["AF"]},
        "arrivals": [{"on": "2021-09-01", "document": "parole"}],
        "parole": [
            {"program": "afghan_reparole", "from_on": "2021-09-01", "until_on": "2026-08-31"}
        ],
    }
    option = _option(afghan, "afghan_special_immigrant", as_of)
    assert f"the application for it {tense} made by 2025-12-31." in option.summary
    approved = afghan | {"facts": {"afghan_chief_of_mission_approval": "yes"}}
    option = _option(approved, "afghan_special_immigrant", as_of)
    assert option.summary == "Whether your special immigrant classification is approved is needed."
