"""Request document v2: tri-state facts, the household, the dates that govern, fees and routes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pydantic import ValidationError

from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import prescreen
from lifeline.programs.routes import routes
from lifeline.programs.tests.builders import DROP, EVALUATED_AT, document, person, rule, screen
from lifeline.programs.upgrades import upgrade_stored_document, without_contradictory_travel


def _general(**changes):
    """The general base (medical) with every fact a parole fee exemption reads stated as "no"."""
    return {"urgency.life_threatening": False, "urgency.event_kind": "", **changes}


@pytest.mark.parametrize(
    ("travelling_with", "expected"),
    [
        (None, "unknown"),
        ({"none": True}, "fail"),
        ({"relationship": "other_adult", "person": person()}, "fail"),
        ({"relationship": "legal_guardian", "person": person()}, "pass"),
    ],
)
def test_a_minor_travelling_with_nobody_can_be_said_and_fails(travelling_with, expected):
    changes = {"beneficiary.birth_date": "2010-01-01", "travelling_with": travelling_with}
    result = screen("u4u", changes)
    assert rule(result, "minor_travels_with_parent_or_guardian").result == expected


@pytest.mark.parametrize(
    ("was_invited", "invitation", "expected"),
    [
        (False, None, "fail"),
        (None, None, "unknown"),
        (
            True,
            {"code": "FRP-1", "issued_on": "2023-07-31", "petitioner_status": "citizen"},
            "pass",
        ),
    ],
)
def test_never_invited_is_a_fact_and_frp_does_not_accept_it(was_invited, invitation, expected):
    result = screen("frp", {"was_invited": was_invited, "invitation": invitation})
    assert rule(result, "invitation_received_before_filing").result == expected


def test_an_invitation_with_was_invited_false_is_refused():
    with pytest.raises(ValueError, match="was_invited is false but an invitation is given"):
        document("frp", {"was_invited": False})


@pytest.mark.parametrize(
    ("field", "stored", "after"),
    [
        ("in_united_states", False, None),
        ("in_united_states", True, True),
        ("in_removal_proceedings", False, None),
        ("immigrant_visa_issued", False, None),
    ],
)
def test_a_stored_v1_default_becomes_unknown_and_a_stated_other_value_stays(field, stored, after):
    v1 = {
        "program": "general",
        "category": "medical",
        "filed_on": "2026-10-05",
        "beneficiary": person(),
        "immigration_history": {field: stored},
    }
    upgraded = RequestDocument.model_validate(upgrade_stored_document(v1))
    assert upgraded.schema_version == 2
    assert upgraded.postmarked_on == dt.date(2026, 10, 5)
    assert getattr(upgraded.immigration_history, field) is after


def test_a_v1_document_sent_to_the_api_keeps_what_it_states():
    v1 = {
        "program": "general",
        "category": "medical",
        "filed_on": "2026-10-05",
        "beneficiary": person(),
        "immigration_history": {"in_united_states": False},
    }
    assert RequestDocument.model_validate(v1).immigration_history.in_united_states is False


def test_no_fact_defaults_to_the_favourable_answer():
    bare = RequestDocument.model_validate(
        {
            "program": "afghan_reparole",
            "kind": "reparole",
            "category": "protection",
            "postmarked_on": "2024-11-18",
            "beneficiary": person(citizenships=["AF"]),
            "immigration_history": {
                "prior_parole": {
                    "class_of_admission": "OAR",
                    "paroled_on": "2021-09-02",
                    "ends_on": "2025-08-31",
                }
            },
        }
    )
    history = bare.immigration_history
    assert history.in_united_states is None
    assert history.in_removal_proceedings is None
    assert history.prior_parole is not None
    assert history.prior_parole.complied_with_conditions is None
    assert prescreen(bare, evaluated_at=EVALUATED_AT).outcome == "needs_information"


def _household(*members):
    return {"household": list(members)}


_STATED_HISTORY = {
    "in_united_states": False,
    "in_removal_proceedings": False,
    "immigrant_visa_issued": False,
}


def _child(birth_date="2015-04-01", **fields):
    return {
        "relationship": "child",
        "person": person(birth_date=birth_date, marital_status="single"),
        "immigration_history": _STATED_HISTORY,
        "attestations": {"vaccinations": True},
        **fields,
    }


def _principal_as_companion(relationship="parent"):
    """The principal of the u4u base, named as the person a relative travels with."""
    principal = document("u4u").beneficiary.model_dump(mode="json")
    return {"relationship": relationship, "person": principal}


@pytest.mark.parametrize(
    ("travel", "message"),
    [
        (
            {"travelling_with_principal": True, "travelling_with": {"none": True}},
            "household[0] (child): travelling_with_principal is true but travelling_with says "
            "they travel with nobody",
        ),
        (
            {"travelling_with_principal": False, "travelling_with": "PRINCIPAL"},
            "household[0] (child): travelling_with_principal is false but travelling_with names "
            "the principal",
        ),
    ],
)
def test_a_household_member_whose_travel_facts_contradict_is_refused(travel, message):
    if travel["travelling_with"] == "PRINCIPAL":
        travel = {**travel, "travelling_with": _principal_as_companion()}
    with pytest.raises(ValidationError, match=re.escape(message)):
        document("u4u", _household(_child(**travel)))


@pytest.mark.parametrize(
    "travel",
    [
        {"travelling_with_principal": True, "travelling_with": "PRINCIPAL"},
        {"travelling_with_principal": False, "travelling_with": {"none": True}},
        {
            "travelling_with_principal": False,
            "travelling_with": {"relationship": "parent", "person": person(given_name="Other")},
        },
        {"travelling_with_principal": None, "travelling_with": {"none": True}},
    ],
)
def test_household_travel_facts_that_agree_are_accepted(travel):
    if travel["travelling_with"] == "PRINCIPAL":
        travel = {**travel, "travelling_with": _principal_as_companion()}
    accepted = document("u4u", _household(_child(**travel)))
    assert accepted.household[0].travelling_with_principal is travel["travelling_with_principal"]


def test_a_relatives_own_document_whose_travel_facts_contradict_is_refused():
    principal = document("u4u").beneficiary.model_dump(mode="json")
    own = {
        "beneficiary.birth_date": "2015-04-01",
        "relationship_to_principal": "child",
        "principal": principal,
        "travelling_with_principal": False,
        "travelling_with": {"relationship": "parent", "person": principal},
    }
    with pytest.raises(
        ValidationError, match="the beneficiary: travelling_with_principal is false"
    ):
        document("u4u", own)


def test_a_stored_document_with_contradictory_travel_is_read_with_those_facts_unknown():
    """The portal once stored a relative filed with "Not a child under 18" as travelling with
    the principal and with nobody; read back, the companion is not named, as it now stores."""
    base = document("general").model_dump(mode="json")
    principal = base["beneficiary"]
    relative = base | {
        "beneficiary": {**principal, "given_name": "Child", "birth_date": "2015-04-01"},
        "relationship_to_principal": "child",
        "principal": principal,
        "travelling_with_principal": True,
        "travelling_with": {"none": True},
    }
    with pytest.raises(ValidationError, match="travel with nobody"):
        RequestDocument.model_validate(relative)
    read = RequestDocument.model_validate(without_contradictory_travel(relative))
    assert (read.travelling_with_principal, read.travelling_with) == (True, None)
    assert relative["travelling_with"] == {"none": True}
    member = _child(
        travelling_with_principal=False,
        travelling_with={"relationship": "parent", "person": principal},
    )
    household = base | _household(member)
    read = RequestDocument.model_validate(without_contradictory_travel(household))
    assert (read.household[0].travelling_with_principal, read.household[0].travelling_with) == (
        None,
        None,
    )
    consistent = base | _household(_child(travelling_with_principal=True))
    assert without_contradictory_travel(consistent) is consistent


def test_each_household_member_gets_their_own_result_and_the_household_a_summary():
    result = screen(
        "u4u",
        _household(
            _child(travelling_with_principal=True),
            # Three different children: the same person listed twice is refused (ADR 0261).
            _child("2013-02-01", travelling_with={"none": True}),
            _child("2017-09-01"),
        ),
    )
    assert [p.person for p in result.people] == [
        "principal",
        "household[0]",
        "household[1]",
        "household[2]",
    ]
    assert [p.outcome for p in result.people] == [
        "meets_criteria",
        "meets_criteria",
        "not_eligible",
        "needs_information",
    ]
    assert result.household is not None
    assert result.household.outcomes == {
        "meets_criteria": 2,
        "not_eligible": 1,
        "needs_information": 1,
    }
    assert not result.household.all_meet_criteria
    assert result.outcome == "meets_criteria"
    assert result.outcome_explanation == (
        "For the principal beneficiary: The request meets the basic criteria of the program; an "
        "officer decides. Of the 4 people in the request, 2 meet the basic criteria; 1 needs "
        "information; 1 does not meet a criterion."
    )


def test_a_request_of_one_person_explains_that_persons_outcome_alone():
    result = screen("u4u")
    assert result.outcome_explanation == result.people[0].outcome_explanation


@pytest.mark.parametrize(
    ("principal_changes", "member_result"),
    [
        ({}, "pass"),
        ({"beneficiary.citizenships": ["PL"]}, "fail"),
        ({"beneficiary.marital_status": None, "attestations.vaccinations": None}, "unknown"),
    ],
)
def test_a_family_member_qualifies_only_through_the_principal(principal_changes, member_result):
    result = screen(
        "u4u", {**principal_changes, **_household(_child(travelling_with_principal=True))}
    )
    member = result.people[1]
    assert next(r for r in member.rules if r.id == "qualifies_through_principal").result == (
        member_result
    )


@pytest.mark.parametrize(
    ("requested", "allowed"),
    [(None, 730), (200, 200), (730, 730), (900, 730)],
)
def test_the_parole_period_allowed_is_the_shorter_of_requested_and_the_maximum(requested, allowed):
    result = screen("u4u", {"requested_duration_days": requested})
    assert result.parole is not None
    assert (result.parole.requested_days, result.parole.allowed_days) == (requested, allowed)
    assert result.parole.program_max_days == 730


@pytest.mark.parametrize(
    ("postmarked_on", "i131_usd"),
    [("2024-03-29", 575), ("2024-04-01", 630)],
)
def test_the_filing_fee_is_priced_on_the_postmark_date(postmarked_on, i131_usd):
    result = screen("general", _general(filed_on=postmarked_on))
    fee = next(line for line in result.fees if line.kind == "i131_filing")
    assert (fee.amount_usd, fee.charged_at, fee.priced_on) == (
        i131_usd,
        "filing",
        dt.date.fromisoformat(postmarked_on),
    )


@pytest.mark.parametrize(
    ("granted_on", "as_of", "parole_usd", "priced_on"),
    [
        (None, "2025-10-15", 0, "2025-10-15"),
        (None, "2025-10-16", 1000, "2025-10-16"),
        ("2025-10-15", "2026-06-01", 0, "2025-10-15"),
        ("2025-10-16", "2024-01-01", 1000, "2025-10-16"),
    ],
)
def test_the_parole_fee_is_priced_on_the_grant_date_or_else_the_date_asked_about(
    granted_on, as_of, parole_usd, priced_on
):
    """8 U.S.C. 1804: the fee is paid by an alien "who is paroled", from 16 October 2025."""
    doc = document("general", _general(filed_on="2025-09-01", granted_on=granted_on))
    result = prescreen(doc, as_of=dt.date.fromisoformat(as_of), evaluated_at=EVALUATED_AT)
    fee = next(line for line in result.fees if line.kind == "parole_grant")
    assert (fee.amount_usd, fee.charged_at) == (parole_usd, "grant")
    assert fee.priced_on == dt.date.fromisoformat(priced_on)
    assert result.as_of == dt.date.fromisoformat(as_of)


def test_the_answer_never_reads_the_clock_when_a_date_is_given(time_machine):
    time_machine.move_to(dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
    doc = document("general", _general(filed_on="2025-09-01"))
    result = prescreen(doc, as_of=dt.date(2025, 10, 15))
    assert next(line for line in result.fees if line.kind == "parole_grant").amount_usd == 0


@pytest.mark.parametrize(
    ("remitted_cents", "waiver", "expected", "outcome"),
    [
        (None, False, "unknown", "needs_information"),
        (None, True, "not_applicable", "meets_criteria"),
        (63000, False, "pass", "meets_criteria"),
        (57500, False, "fail", "not_accepted"),
        (0, False, "fail", "not_accepted"),
        (0, True, "not_applicable", "meets_criteria"),
    ],
)
def test_a_wrong_filing_fee_is_not_accepted(remitted_cents, waiver, expected, outcome):
    result = screen(
        "general",
        _general(filing_fee_remitted_cents=remitted_cents, fee_waiver_requested=waiver),
    )
    assert rule(result, "filing_fee_remitted").result == expected
    assert result.outcome == outcome


def test_the_filing_fee_due_counts_everyone_in_the_household():
    spouse = {
        "relationship": "spouse",
        "person": person(citizenships=["AF"], marital_status="married"),
        "travelling_with_principal": True,
        "immigration_history": _STATED_HISTORY,
    }
    changes = _general(filing_fee_remitted_cents=126000, **_household(spouse))
    result = screen("general", changes)
    assert {p.person: rule_of(p, "filing_fee_remitted") for p in result.people} == {
        "principal": "pass",
        "household[0]": "pass",
    }


def rule_of(person_result, rule_id):
    return next(r.result for r in person_result.rules if r.id == rule_id)


def test_a_route_comes_from_the_vocabulary_with_its_explanation_and_citation():
    result = screen("general", {"immigration_history.in_removal_proceedings": True})
    assert (result.outcome, result.route_to) == ("route_elsewhere", "ice")
    assert result.route is not None
    assert "asks ICE for parole" in result.route.explanation
    assert result.route.citation is not None
    assert result.route.citation.url.startswith("https://www.uscis.gov/")


def test_the_route_vocabulary_has_the_codes_the_pathways_share():
    assert {
        "ice",
        "reparole",
        "parole_extension",
        "consular_processing_third_country",
        "tps",
        "asylum",
        "refugee_program",
    } <= set(routes())


@pytest.mark.parametrize(
    ("marital_status", "accepted"),
    [(DROP, True), (None, True), ("single", True), ("", False)],
)
def test_a_marital_status_not_stated_is_left_out_or_null_and_an_empty_string_is_refused(
    marital_status, accepted
):
    """docs/request-document.md: left out or `null` when not stated; `""` is not a value."""
    if accepted:
        doc = document("chnv_cuba", {"beneficiary.marital_status": marital_status})
        assert doc.beneficiary.marital_status == (
            None if marital_status is DROP else marital_status
        )
    else:
        with pytest.raises(ValidationError):
            document("chnv_cuba", {"beneficiary.marital_status": marital_status})
