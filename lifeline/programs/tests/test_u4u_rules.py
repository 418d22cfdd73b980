"""Uniting for Ukraine rules at their boundaries (the day before, of and after each date)."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.programs.evaluation import prescreen
from lifeline.programs.tests.builders import (
    DROP,
    EVALUATED_AT,
    document,
    rule,
    screen,
    supporter,
)

RESIDENCE = "beneficiary.residence_history"


@pytest.mark.parametrize(
    ("residence", "expected"),
    [
        ([{"country": "UA", "from_on": "1985-06-15", "until_on": "2022-02-10"}], "fail"),
        ([{"country": "UA", "from_on": "1985-06-15", "until_on": "2022-02-11"}], "pass"),
        ([{"country": "UA", "from_on": "2022-02-11"}], "pass"),
        ([{"country": "UA", "from_on": "2022-02-12"}], "fail"),
        ([{"country": "PL", "from_on": "2010-01-01"}], "fail"),
        ([], "unknown"),
    ],
)
def test_principal_must_have_lived_in_ukraine_on_2022_02_11(residence, expected):
    result = screen("u4u", {RESIDENCE: residence})
    assert rule(result, "resided_in_ukraine_2022_02_11").result == expected


@pytest.mark.parametrize(
    ("kind", "filed_on", "version", "accepting", "outcome"),
    [
        ("initial", "2022-04-24", "u4u-2022-04-25", "fail", "not_accepted"),
        ("initial", "2022-04-25", "u4u-2022-04-25", "pass", "meets_criteria"),
        ("initial", "2025-01-27", "u4u-2024-02-27", "pass", "meets_criteria"),
        ("initial", "2025-01-28", "u4u-2025-01-28", "fail", "not_accepted"),
        ("initial", "2025-01-29", "u4u-2025-01-28", "fail", "not_accepted"),
        ("reparole", "2024-02-26", "u4u-2022-04-25", "pass", "not_accepted"),
        ("reparole", "2024-02-27", "u4u-2024-02-27", "pass", "meets_criteria"),
        ("reparole", "2025-01-28", "u4u-2025-01-28", "pass", "meets_criteria"),
    ],
)
def test_filing_date_picks_the_version_and_the_january_2025_pause_stops_new_requests(
    kind, filed_on, version, accepting, outcome
):
    changes = {"kind": kind, "filed_on": filed_on}
    if kind == "reparole":
        changes.update(_reparole(ends_on=_days_after(filed_on, 90)))
    result = screen("u4u", changes)
    assert result.program_version == version
    assert rule(result, "accepting_requests_on_filing_date").result == accepting
    assert result.outcome == outcome


@pytest.mark.parametrize(
    ("filed_on", "version", "kind_rule", "outcome"),
    [
        ("2024-02-26", "u4u-2022-04-25", "fail", "not_accepted"),
        ("2024-02-27", "u4u-2024-02-27", "pass", "meets_criteria"),
        ("2024-02-28", "u4u-2024-02-27", "pass", "meets_criteria"),
    ],
)
def test_reparole_before_2024_02_27_was_not_yet_taken(filed_on, version, kind_rule, outcome):
    """uscis.gov re-parole page: "Effective Feb. 27, 2024, we will accept and consider, on a
    case-by-case basis, applications for certain Ukrainians ...": a re-parole request filed
    before then was not taken, and is not sent to the re-parole it already is."""
    result = screen(
        "u4u", {"kind": "reparole", "filed_on": filed_on, **_reparole(ends_on="2024-05-01")}
    )
    assert result.program_version == version
    kind = rule(result, "request_kind_accepted")
    assert kind.result == kind_rule
    assert (result.outcome, result.route_to) == (outcome, None)
    if kind_rule == "fail":
        assert "Effective Feb. 27, 2024" in kind.citation.quote
        assert "first took reparole requests on 2024-02-27" in kind.explanation


@pytest.mark.parametrize(
    ("days_before_expiry", "expected", "outcome"),
    [
        (179, "pass", "meets_criteria"),
        (180, "pass", "meets_criteria"),
        (181, "fail", "not_accepted"),
    ],
)
def test_reparole_is_filed_no_earlier_than_180_days_before_parole_ends(
    days_before_expiry, expected, outcome
):
    filed_on = "2024-06-03"
    result = screen(
        "u4u",
        {
            "kind": "reparole",
            "filed_on": filed_on,
            **_reparole(ends_on=_days_after(filed_on, days_before_expiry)),
        },
    )
    assert rule(result, "reparole_filed_within_180_days_of_expiry").result == expected
    assert result.outcome == outcome


@pytest.mark.parametrize(
    ("paroled_on", "expected"),
    [("2022-02-10", "fail"), ("2022-02-11", "pass"), ("2022-02-12", "pass")],
)
def test_reparole_needs_parole_on_or_after_2022_02_11(paroled_on, expected):
    result = screen(
        "u4u",
        {
            "kind": "reparole",
            "filed_on": "2024-06-03",
            **_reparole(ends_on="2024-09-01", paroled_on=paroled_on),
        },
    )
    assert rule(result, "reparole_paroled_on_or_after_2022_02_11").result == expected


def test_reparole_is_only_for_people_in_the_united_states_who_kept_the_conditions():
    changes = {"kind": "reparole", "filed_on": "2024-06-03", **_reparole(ends_on="2024-09-01")}
    changes["immigration_history.in_united_states"] = False
    changes["immigration_history.prior_parole.complied_with_conditions"] = False
    result = screen("u4u", changes)
    assert rule(result, "reparole_physically_present").result == "fail"
    assert rule(result, "reparole_complied_with_conditions").result == "fail"
    assert result.outcome == "not_eligible"


@pytest.mark.parametrize(
    ("expires_on", "country", "expected"),
    [
        ("2023-03-13", "UA", "fail"),
        ("2023-03-14", "UA", "pass"),
        ("2023-03-15", "UA", "pass"),
        ("2030-01-01", "PL", "fail"),
    ],
)
def test_principal_needs_a_ukrainian_passport_valid_on_the_filing_date(
    expires_on, country, expected
):
    passport = {"country": country, "number": "FE1234567", "expires_on": expires_on}
    result = screen("u4u", {"beneficiary.passport": passport})
    assert rule(result, "valid_passport").result == expected


def test_a_missing_passport_is_information_to_ask_for_not_a_refusal():
    result = screen("u4u", {"beneficiary.passport": DROP})
    assert rule(result, "valid_passport").result == "unknown"
    assert result.outcome == "needs_information"


@pytest.mark.parametrize(
    ("filed_on", "companion", "expected"),
    [
        ("2023-06-14", None, "unknown"),
        ("2023-06-14", "parent", "pass"),
        ("2023-06-14", "legal_guardian", "pass"),
        ("2023-06-14", "other_adult", "fail"),
        ("2023-06-15", None, "not_applicable"),
    ],
)
def test_a_minor_travels_with_a_parent_or_legal_guardian(filed_on, companion, expected):
    changes = {"filed_on": filed_on, "beneficiary.birth_date": "2005-06-15"}
    if companion:
        changes["travelling_with"] = {"relationship": companion, "person": _adult()}
    result = screen("u4u", changes)
    assert rule(result, "minor_travels_with_parent_or_guardian").result == expected


@pytest.mark.parametrize(
    ("filed_on", "marital_status", "expected"),
    [
        ("2023-06-14", "single", "pass"),
        ("2023-06-15", "single", "fail"),
        ("2023-06-14", "married", "fail"),
        ("2023-06-14", DROP, "unknown"),
    ],
)
def test_a_child_family_member_is_unmarried_and_under_21(filed_on, marital_status, expected):
    result = screen(
        "u4u",
        {
            "filed_on": filed_on,
            "relationship_to_principal": "child",
            "beneficiary.birth_date": "2002-06-15",
            "beneficiary.citizenships": ["PL"],
            "beneficiary.marital_status": marital_status,
            "principal": _adult(),
            "travelling_with_principal": True,
        },
    )
    assert rule(result, "family_member_is_immediate_family").result == expected
    assert rule(result, "principal_is_ukrainian_citizen").result == "pass"
    assert rule(result, "resided_in_ukraine_2022_02_11").result == "not_applicable"


def test_a_family_member_without_the_principal_named_cannot_be_checked():
    result = screen(
        "u4u", {"relationship_to_principal": "spouse", "beneficiary.citizenships": ["PL"]}
    )
    assert rule(result, "principal_is_ukrainian_citizen").result == "unknown"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (status, "pass")
        for status in (
            "citizen",
            "national",
            "permanent_resident",
            "conditional_resident",
            "nonimmigrant",
            "asylee",
            "refugee",
            "parolee",
            "tps",
            "deferred_action",
            "daca",
            "ded",
        )
    ]
    + [("asylum_applicant", "fail"), ("none", "fail")],
)
def test_supporter_status_list(status, expected):
    result = screen("u4u", {"supporters": [supporter(status)]})
    assert rule(result, "supporter_status_qualifies").result == expected


def test_every_supporter_must_qualify_and_be_an_individual():
    result = screen(
        "u4u",
        {
            "supporters": [
                supporter(),
                supporter("asylum_applicant"),
                supporter(is_organization=True),
            ]
        },
    )
    assert rule(result, "supporter_status_qualifies").result == "fail"
    assert rule(result, "supporter_is_individual").result == "fail"
    assert result.outcome == "not_eligible"


def test_no_supporter_yet_means_information_is_needed():
    result = screen("u4u", {"supporters": []})
    assert rule(result, "supporter_named").result == "fail"
    assert result.outcome == "needs_information"


def test_initial_u4u_requests_owe_no_i131_fee_and_reparole_owes_it_by_filing_date():
    initial = screen("u4u")
    before = screen(
        "u4u", {"kind": "reparole", "filed_on": "2024-03-31", **_reparole(ends_on="2024-08-01")}
    )
    after = screen(
        "u4u", {"kind": "reparole", "filed_on": "2024-04-01", **_reparole(ends_on="2024-08-01")}
    )
    assert _fee(initial, "i131_filing") == 0
    assert (_fee(before, "i131_filing"), _fee(after, "i131_filing")) == (575, 630)


def _fee(result, kind):
    return next(fee.amount_usd for fee in result.fees if fee.kind == kind)


def _adult():
    return {
        "given_name": "Parent",
        "family_name": "Person",
        "birth_date": "1980-01-01",
        "sex": "F",
        "citizenships": ["UA"],
        "current_country": "PL",
    }


def _days_after(day: str, days: int) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _reparole(*, ends_on: str, paroled_on: str = "2022-08-10") -> dict:
    return {
        "immigration_history.in_united_states": True,
        "immigration_history.prior_parole": {
            "class_of_admission": "UHP",
            "paroled_on": paroled_on,
            "ends_on": ends_on,
            "complied_with_conditions": True,
        },
        "beneficiary.current_country": "US",
    }


@pytest.mark.parametrize(
    ("travelling_with_principal", "expected"),
    [(True, "pass"), (False, "fail"), (None, "unknown")],
)
def test_a_family_member_of_another_nationality_travels_with_the_ukrainian_principal(
    travelling_with_principal, expected
):
    """FAQ: "an immediate family member of a Ukrainian citizen beneficiary ... traveling with"."""
    result = screen(
        "u4u",
        {
            "relationship_to_principal": "spouse",
            "beneficiary.citizenships": ["PL"],
            "beneficiary.marital_status": "married",
            "principal": _adult(),
            "travelling_with_principal": travelling_with_principal,
        },
    )
    assert rule(result, "principal_is_ukrainian_citizen").result == expected


@pytest.mark.parametrize(
    ("citizenships", "travelling_with_principal", "expected"),
    [
        (["UA"], False, "pass"),
        (["UA"], None, "pass"),
        (["UA", "PL"], False, "pass"),
        (["PL"], False, "fail"),
        (["PL"], None, "unknown"),
        (["PL"], True, "pass"),
    ],
)
def test_the_travel_condition_binds_only_a_family_member_who_is_not_ukrainian(
    citizenships, travelling_with_principal, expected
):
    """FAQ: "Are a Ukrainian citizen ... or, if not a Ukrainian citizen, are an immediate family
    member of a Ukrainian citizen beneficiary ... traveling with the Ukrainian citizen
    beneficiary": a Ukrainian citizen qualifies on their own citizenship."""
    result = screen(
        "u4u",
        {
            "relationship_to_principal": "child",
            "beneficiary.birth_date": "2004-01-01",
            "beneficiary.citizenships": citizenships,
            "principal": _adult(),
            "travelling_with_principal": travelling_with_principal,
        },
    )
    assert rule(result, "principal_is_ukrainian_citizen").result == expected


TPS_RULE = "ukrainian_here_may_register_for_tps"
_LEFT_UKRAINE = {"country": "UA", "from_on": "1985-06-15", "until_on": "2022-03-01"}
UNSTATED = "residence not stated"


@pytest.mark.parametrize(
    ("in_us", "us_since", "as_of", "tps", "outcome", "route_to"),
    [
        # 88 FR 56872: "continuously residing in the United States since August 16, 2023";
        # initial registration from 21 August 2023 to 19 April 2025.
        (True, "2023-08-16", "2024-12-01", "fail", "route_elsewhere", "tps"),
        (True, "2023-08-17", "2024-12-01", "pass", "route_elsewhere", "asylum"),
        (True, "2023-08-16", "2023-08-20", "pass", "route_elsewhere", "asylum"),
        (True, "2023-08-16", "2023-08-21", "fail", "route_elsewhere", "tps"),
        (True, "2023-08-16", "2025-04-19", "fail", "route_elsewhere", "tps"),
        (True, "2023-08-16", "2025-04-20", "pass", "route_elsewhere", "asylum"),
        # Since when the person has lived here not stated: asked for while the registration
        # is open (ADR 0252); after it every day of arrival gives asylum (ADR 0253).
        (True, None, "2024-12-01", "unknown", "needs_information", None),
        (True, UNSTATED, "2024-12-01", "unknown", "needs_information", None),
        (True, UNSTATED, "2025-04-20", "pass", "route_elsewhere", "asylum"),
        (False, None, "2024-12-01", "pass", "meets_criteria", None),
        (DROP, None, "2024-12-01", "unknown", "needs_information", None),
        (DROP, "2023-08-16", "2024-12-01", "unknown", "needs_information", None),
    ],
)
def test_a_ukrainian_already_here_is_sent_to_tps_only_while_first_registration_is_open(
    in_us, us_since, as_of, tps, outcome, route_to
):
    residence = [] if us_since is UNSTATED else [_LEFT_UKRAINE]
    if us_since not in (None, UNSTATED):
        residence.append({"country": "US", "from_on": us_since})
    changes = {
        "filed_on": "2023-08-21",
        "beneficiary.residence_history": residence,
        "immigration_history.in_united_states": in_us,
    }
    result = prescreen(
        document("u4u", changes), evaluated_at=EVALUATED_AT, as_of=dt.date.fromisoformat(as_of)
    )
    assert rule(result, TPS_RULE).result == tps
    assert (result.outcome, result.route_to) == (outcome, route_to)


TPS_2022_RULE = "ukrainian_here_may_register_for_tps_2022"


@pytest.mark.parametrize(
    ("us_since", "as_of", "tps_2022", "outcome", "route_to"),
    [
        # 87 FR 23211: "continuously resided in the United States since April 11, 2022";
        # "The registration period ... begins April 19, 2022 and will remain in effect through
        # October 19, 2023."
        ("2022-01-15", "2022-06-01", "fail", "route_elsewhere", "tps"),
        ("2022-04-11", "2022-06-01", "fail", "route_elsewhere", "tps"),
        ("2022-04-12", "2022-06-01", "pass", "route_elsewhere", "asylum"),
        ("2022-01-15", "2022-04-18", "pass", "route_elsewhere", "asylum"),
        ("2022-01-15", "2022-04-19", "fail", "route_elsewhere", "tps"),
        ("2022-01-15", "2023-10-19", "fail", "route_elsewhere", "tps"),
        # After 19 October 2023 only the 2023 redesignation's window (to 19 April 2025) is open.
        ("2022-01-15", "2023-10-20", "pass", "route_elsewhere", "tps"),
        ("2022-01-15", "2025-04-20", "pass", "route_elsewhere", "asylum"),
    ],
)
def test_a_ukrainian_here_since_april_2022_is_sent_to_tps_while_the_2022_registration_is_open(
    us_since, as_of, tps_2022, outcome, route_to
):
    residence = [
        {"country": "UA", "from_on": "1985-06-15", "until_on": us_since},
        {"country": "US", "from_on": us_since},
    ]
    changes = {
        "filed_on": "2022-05-02",
        "beneficiary.residence_history": residence,
        "immigration_history.in_united_states": True,
    }
    result = prescreen(
        document("u4u", changes), evaluated_at=EVALUATED_AT, as_of=dt.date.fromisoformat(as_of)
    )
    assert rule(result, TPS_2022_RULE).result == tps_2022
    assert (result.outcome, result.route_to) == (outcome, route_to)


@pytest.mark.parametrize(
    ("vaccinations", "expected", "ending"),
    [
        (True, "pass", "requirements)."),
        (None, "unknown", "Not checked: the request does not say vaccinations."),
        (
            False,
            "fail",
            "this is what it still needs (the answer asks for it; it is not a refusal).",
        ),
    ],
)
def test_a_stated_no_on_a_rule_that_asks_for_information_says_what_is_still_needed(
    vaccinations, expected, ending
):
    """A stated "no" stays a fact ("fail"), not unknown, but the rule only asks for what is
    missing: its explanation says so, and the answer still needs information."""
    result = screen("u4u", {"attestations.vaccinations": vaccinations})
    ran = rule(result, "vaccination_attested")
    assert ran.result == expected
    assert ran.explanation.endswith(ending)
    assert result.outcome == ("meets_criteria" if vaccinations else "needs_information")
