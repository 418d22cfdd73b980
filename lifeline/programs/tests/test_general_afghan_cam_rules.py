"""General parole (ICE routing, fees), Afghan re-parole and Central American Minors rules."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.programs.evaluation import list_required_evidence, prescreen
from lifeline.programs.registry import get_registry
from lifeline.programs.tests.builders import DROP, document, rule, screen

ROUTING = "not_in_removal_proceedings_or_previously_removed"
# Said outright; since request document v2 an empty history is unknown, not "no".
_NOT_IN_US = {"in_united_states": False, "in_removal_proceedings": False, "removal_orders": []}


@pytest.mark.parametrize(
    ("history", "expected", "outcome", "route_to"),
    [
        ({}, "unknown", "needs_information", None),
        (_NOT_IN_US, "pass", "meets_criteria", None),
        ({"in_removal_proceedings": True}, "fail", "route_elsewhere", "ice"),
        (
            {"removal_orders": [{"ordered_on": "2015-01-01", "removed_on": "2015-02-01"}]},
            "fail",
            "route_elsewhere",
            "ice",
        ),
        (
            {**_NOT_IN_US, "removal_orders": [{"ordered_on": "2015-01-01"}]},
            "pass",
            "meets_criteria",
            None,
        ),
    ],
)
def test_removal_proceedings_or_a_past_removal_route_the_request_to_ice(
    history, expected, outcome, route_to
):
    result = screen("general", {"immigration_history": history})
    assert rule(result, ROUTING).result == expected
    assert (result.outcome, result.route_to) == (outcome, route_to)


def test_routing_to_ice_outranks_not_eligible_and_is_reported_with_every_other_problem():
    result = screen(
        "general",
        {
            "immigration_history": {"in_removal_proceedings": True, "in_united_states": True},
            "supporters": [],
        },
    )
    assert (result.outcome, result.route_to) == ("route_elsewhere", "ice")
    failing = {item.id for item in result.rules if item.result == "fail"}
    assert failing == {
        ROUTING,
        "outside_united_states",
        "person_here_may_apply_for_asylum",
        "supporter_named",
    }


@pytest.mark.parametrize(
    ("filed_on", "amount"),
    [("2016-12-23", 575), ("2024-03-31", 575), ("2024-04-01", 630), ("2025-10-16", 630)],
)
def test_the_i131_fee_follows_the_filing_date(filed_on, amount):
    result = screen("general", {"filed_on": filed_on})
    fee = next(fee for fee in result.fees if fee.kind == "i131_filing")
    assert (fee.amount_usd, fee.waivable) == (amount, True)


@pytest.mark.parametrize(
    ("evaluated_on", "urgency", "amount"),
    [
        ("2025-10-15", {}, 0),
        ("2025-10-16", {}, 1000),
        # 8 U.S.C. 1804(b)(1): "(A) the alien has a medical emergency; and (B)(i) the alien
        # cannot obtain necessary treatment in the foreign state in which the alien is
        # residing": no life-threatening condition is required for (B)(i).
        ("2025-10-16", {"medical_emergency": True, "treatment_unavailable_at_home": True}, 0),
        (
            "2025-10-16",
            {
                "medical_emergency": True,
                "life_threatening": False,
                "treatment_unavailable_at_home": True,
            },
            0,
        ),
        ("2025-10-16", {"medical_emergency": True, "treatment_unavailable_at_home": False}, 1000),
        ("2025-10-16", {"medical_emergency": False, "treatment_unavailable_at_home": True}, 1000),
        # Only one condition stated: the other is unknown, so the officer finds the exception.
        ("2025-10-16", {"treatment_unavailable_at_home": True}, 1000),
        ("2025-10-16", {"life_threatening": True, "treatment_unavailable_at_home": True}, 1000),
        # (B)(ii) also needs "insufficient time" for the normal visa process: an officer's finding.
        ("2025-10-16", {"life_threatening": True}, 1000),
        # 8 U.S.C. 1804(b)(5) also needs the normal visa process to be too slow, which no
        # request states: an officer finds that exception, the pre-screen does not.
        ("2025-10-16", {"event_kind": "funeral", "event_on": "2025-11-01"}, 1000),
        ("2025-10-16", {"event_kind": "organ_donation", "event_on": "2025-11-01"}, 1000),
        ("2025-10-16", {"event_kind": "dying_relative", "event_on": "2025-11-01"}, 1000),
        ("2025-10-16", {"event_kind": "court", "event_on": "2025-11-01"}, 1000),
    ],
)
def test_the_parole_fee_falls_due_on_grants_from_2025_10_16_with_statutory_exceptions(
    evaluated_on, urgency, amount
):
    base = {"diagnosis": "x", "treatment_on": "2025-12-01"}
    doc = document("general", {"filed_on": "2025-09-01", "urgency": {**base, **urgency}})
    evaluated_at = dt.datetime.fromisoformat(f"{evaluated_on}T12:00:00+00:00")
    fee = next(
        fee for fee in prescreen(doc, evaluated_at=evaluated_at).fees if fee.kind == "parole_grant"
    )
    assert (fee.amount_usd, fee.waivable) == (amount, False)


def test_a_general_request_filed_before_the_first_version_is_not_accepted():
    result = screen("general", {"filed_on": "2016-12-22"})
    assert result.outcome == "not_accepted"


@pytest.mark.parametrize(
    ("changes", "rule_id", "expected"),
    [
        (
            {"immigration_history.prior_parole.class_of_admission": "PAR"},
            "class_of_admission_oar_or_par",
            "pass",
        ),
        (
            {"immigration_history.prior_parole.class_of_admission": "UHP"},
            "class_of_admission_oar_or_par",
            "fail",
        ),
        (
            {"immigration_history.prior_parole.paroled_on": "2021-07-30"},
            "paroled_on_or_after_2021_07_31",
            "fail",
        ),
        (
            {"immigration_history.prior_parole.paroled_on": "2021-07-31"},
            "paroled_on_or_after_2021_07_31",
            "pass",
        ),
        ({"immigration_history.in_united_states": False}, "physically_present", "fail"),
        ({"immigration_history.prior_parole": DROP}, "class_of_admission_oar_or_par", "unknown"),
    ],
)
def test_afghan_reparole_rules(changes, rule_id, expected):
    assert rule(screen("afghan_reparole", changes), rule_id).result == expected


@pytest.mark.parametrize(
    ("filed_on", "petitioner", "amount"),
    [("2025-01-31", False, 0), ("2025-02-01", False, 630), ("2024-11-18", True, 630)],
)
def test_afghan_self_petitioned_reparole_is_fee_exempt_through_2025_01_31(
    filed_on, petitioner, amount
):
    changes = {"filed_on": filed_on}
    if petitioner:
        changes["petitioner"] = {
            "given_name": "P",
            "family_name": "Q",
            "birth_date": "1970-01-01",
            "sex": "M",
            "citizenships": ["US"],
            "current_country": "US",
        }
    fee = next(fee for fee in screen("afghan_reparole", changes).fees if fee.kind == "i131_filing")
    assert fee.amount_usd == amount


def test_an_initial_request_is_not_a_kind_afghan_reparole_takes():
    result = screen("afghan_reparole", {"kind": "initial"})
    assert rule(result, "request_kind_accepted").result == "fail"
    assert result.outcome == "not_accepted"


@pytest.mark.parametrize(("filed_on", "expected"), [("2024-08-14", "pass"), ("2024-08-15", "fail")])
def test_a_cam_child_is_under_21_on_the_filing_date(filed_on, expected):
    result = screen("cam", {"filed_on": filed_on, "beneficiary.birth_date": "2003-08-15"})
    assert rule(result, "under_21_on_filing_date").result == expected


@pytest.mark.parametrize(
    ("marital_status", "expected"),
    [("single", "pass"), ("divorced", "pass"), ("married", "fail"), (DROP, "unknown")],
)
def test_a_cam_child_is_unmarried(marital_status, expected):
    result = screen("cam", {"beneficiary.marital_status": marital_status})
    assert rule(result, "unmarried").result == expected


@pytest.mark.parametrize(
    ("kind", "filed_on", "outcome_accepting"),
    [
        ("initial", "2025-01-26", "pass"),
        ("initial", "2025-01-27", "fail"),
        ("initial", "2025-01-28", "fail"),
        ("reparole", "2025-01-26", "pass"),
        ("reparole", "2025-01-27", "pass"),
        ("reparole", "2025-01-28", "pass"),
    ],
)
def test_cam_paused_for_new_requests_in_january_2025(kind, filed_on, outcome_accepting):
    changes = {"kind": kind, "filed_on": filed_on}
    if kind == "reparole":
        changes["immigration_history"] = {
            "in_united_states": True,
            "prior_parole": {
                "class_of_admission": "DT",
                "paroled_on": "2022-01-01",
                "ends_on": "2025-01-01",
            },
        }
    result = screen("cam", changes)
    assert rule(result, "accepting_requests_on_filing_date").result == outcome_accepting


@pytest.mark.parametrize(
    ("country", "expected"), [("SV", "pass"), ("GT", "pass"), ("HN", "pass"), ("MX", "fail")]
)
def test_a_cam_child_is_a_national_of_el_salvador_guatemala_or_honduras(country, expected):
    result = screen("cam", {"beneficiary.citizenships": [country]})
    assert rule(result, "national_of_el_salvador_guatemala_or_honduras").result == expected


@pytest.mark.parametrize(
    ("filed_on", "current_country", "lawfully_present", "outcome"),
    [
        ("2023-07-18", "US", True, "meets_criteria"),
        ("2023-07-18", "SV", True, "not_eligible"),
        ("2023-07-18", DROP, True, "needs_information"),
        ("2023-07-18", "US", False, "not_eligible"),
        ("2023-07-18", "US", DROP, "needs_information"),
        ("2021-06-01", "SV", True, "not_eligible"),
        ("2021-06-01", "US", False, "not_eligible"),
    ],
)
def test_a_cam_parent_must_be_in_the_united_states_and_lawfully_present(
    filed_on, current_country, lawfully_present, outcome
):
    """82 FR 38926: "The parent in the United States must be lawfully present in order to
    request that his or her child be provided access to the program"; a known "no" to either
    is not eligible, an unstated answer (or no parent named: DROP) needs information."""
    where = "petitioner" if current_country is DROP else "petitioner.current_country"
    changes = {
        "filed_on": filed_on,
        where: current_country,
        "petitioner_lawfully_present_in_us": lawfully_present,
    }
    result = screen("cam", changes)
    assert result.outcome == outcome
    expected = {"meets_criteria": "pass", "needs_information": "unknown", "not_eligible": "fail"}
    failing = {
        r.id: r.result
        for r in result.rules
        if r.result in ("fail", "unknown") and r.id.startswith("parent_")
    }
    assert set(failing.values()) <= {expected[outcome]}
    assert (outcome == "meets_criteria") == (failing == {})


@pytest.mark.parametrize(
    ("passport", "asked_for"),
    [
        (None, {"passport_bio_page", "beneficiary_identity"}),
        ({"country": "AF", "number": "P0001", "expires_on": "2030-01-01"}, {"passport_bio_page"}),
    ],
)
def test_another_identity_document_is_asked_for_only_when_there_is_no_passport(passport, asked_for):
    """I-131 instructions: "A copy of the biographical page of the beneficiary's passport or, if
    it is not available, an explanation why a passport is not available and another
    government-issued identity document that establishes the beneficiary's citizenship"."""
    changes = {"beneficiary.passport": passport if passport is not None else DROP}
    items = {item.id for item in list_required_evidence(document("general", changes))}
    assert items & {"passport_bio_page", "beneficiary_identity"} == asked_for


@pytest.mark.parametrize(
    ("event_kind", "words"),
    [
        ("funeral", "funeral, when the normal visa process would not bring them in time"),
        ("organ_donation", "insufficient time for the normal visa process"),
        ("dying_relative", "about to die, when the normal visa process would not bring them"),
    ],
)
def test_the_parole_fee_names_the_exceptions_an_officer_may_still_find(event_kind, words):
    doc = document(
        "general",
        {"filed_on": "2025-10-20", "granted_on": "2025-11-03", "urgency.event_kind": event_kind},
    )
    fee = next(fee for fee in prescreen(doc).fees if fee.kind == "parole_grant")
    assert fee.amount_usd == 1000
    assert "An officer may still find a statutory exception" in fee.reason
    assert words in fee.reason


@pytest.mark.parametrize(
    ("filed_on", "accepting", "quote"),
    [
        ("2017-08-15", "pass", "On December 1, 2014, DHS and the U.S. Department of State"),
        ("2017-08-16", "fail", "will no longer provide special consideration of parole"),
        ("2017-09-01", "fail", "will no longer provide special consideration of parole"),
    ],
)
def test_cam_parole_of_2014_closed_on_16_august_2017_citing_its_termination_notice(
    filed_on, accepting, quote
):
    """82 FR 38926: "DATES: Applicable August 16, 2017."; parole already granted is not cut."""
    result = screen("cam", {"filed_on": filed_on})
    assert result.program_version == "cam-2014-12-01"
    accepting_rule = rule(result, "accepting_requests_on_filing_date")
    assert accepting_rule.result == accepting
    assert accepting_rule.citation.authority.startswith("82 FR 38926")
    assert quote in accepting_rule.citation.quote
    version = get_registry().version("cam-2014-12-01")
    assert version is not None and version.termination is None


@pytest.mark.parametrize(
    ("rule_id", "changes", "expected", "not_said"),
    [
        ("beneficiary_identity_document", {}, "pass", None),
        (
            "beneficiary_identity_document",
            {"beneficiary.passport": DROP},
            "unknown",
            "beneficiary.passport",
        ),
        ("medical_facts_stated", {}, "pass", None),
        ("medical_facts_stated", {"urgency.treatment_on": DROP}, "unknown", "urgency.treatment_on"),
        ("medical_facts_stated", {"urgency.diagnosis": ""}, "unknown", "urgency.diagnosis"),
        (
            "event_date_stated",
            {"urgency.event_kind": "funeral", "urgency.event_on": "2026-11-01"},
            "pass",
            None,
        ),
        ("event_date_stated", {"urgency.event_kind": "funeral"}, "unknown", "urgency.event_on"),
    ],
)
def test_a_fact_the_request_leaves_out_is_unknown_not_failed(rule_id, changes, expected, not_said):
    """A rule that only asks whether a fact was given reads its absence as unknown: the answer
    asks for it (needs_information) and names it, as for any other fact not stated."""
    result = screen("general", changes)
    ran = rule(result, rule_id)
    assert ran.result == expected
    if not_said is not None:
        assert ran.explanation.endswith(f"Not checked: the request does not say {not_said}.")
        assert result.outcome == "needs_information"
