"""Routes for CHNV and general applicants already in the United States, at each date's edges."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.programs.evaluation import prescreen
from lifeline.programs.tests.builders import (
    DROP,
    EVALUATED_AT,
    STATED_HISTORY,
    document,
    person,
    rule,
)

TPS = "national_here_may_register_for_tps"
ASYLUM = "national_here_may_apply_for_asylum"
UNSTATED = "residence not stated"
NO_US_STAY = "residence stated without a stay in the United States"


def _here(program: str, us_since: str, as_of: str, **changes: object):
    residence = [] if us_since is UNSTATED else [{"country": "CO", "from_on": "1985-06-15"}]
    if us_since not in (NO_US_STAY, UNSTATED):
        residence = [
            {"country": "CO", "from_on": "1985-06-15", "until_on": us_since},
            {"country": "US", "from_on": us_since},
        ]
    return prescreen(
        document(
            program,
            {
                "beneficiary.residence_history": residence,
                "immigration_history.in_united_states": True,
                **changes,
            },
        ),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date.fromisoformat(as_of),
    )


@pytest.mark.parametrize(
    ("us_since", "as_of", "tps", "asylum", "outcome", "route_to"),
    [
        # 88 FR 68130: "continuously residing in the United States since July 31, 2023";
        # first registration from 3 October 2023 to 2 April 2025.
        ("2023-07-30", "2024-06-01", "fail", "fail", "route_elsewhere", "tps"),
        ("2023-07-31", "2024-06-01", "fail", "fail", "route_elsewhere", "tps"),
        ("2023-08-01", "2024-06-01", "pass", "fail", "route_elsewhere", "asylum"),
        ("2023-07-31", "2023-10-02", "pass", "fail", "route_elsewhere", "asylum"),
        ("2023-07-31", "2023-10-03", "fail", "fail", "route_elsewhere", "tps"),
        ("2023-07-31", "2025-04-01", "fail", "fail", "route_elsewhere", "tps"),
        ("2023-07-31", "2025-04-02", "fail", "fail", "route_elsewhere", "tps"),
        ("2023-07-31", "2025-04-03", "pass", "fail", "route_elsewhere", "asylum"),
        # Since when the person has lived here is not stated: while the registration is open
        # the route turns on that day, so it is asked for; outside it, every day gives asylum.
        (UNSTATED, "2023-10-03", "unknown", "fail", "needs_information", None),
        (UNSTATED, "2024-06-01", "unknown", "fail", "needs_information", None),
        (UNSTATED, "2025-04-02", "unknown", "fail", "needs_information", None),
        (NO_US_STAY, "2024-06-01", "unknown", "fail", "needs_information", None),
        (UNSTATED, "2023-10-02", "pass", "fail", "route_elsewhere", "asylum"),
        (UNSTATED, "2025-04-03", "pass", "fail", "route_elsewhere", "asylum"),
        (NO_US_STAY, "2025-04-03", "pass", "fail", "route_elsewhere", "asylum"),
    ],
)
def test_a_venezuelan_here_is_sent_to_tps_while_first_registration_is_open_else_to_asylum(
    us_since, as_of, tps, asylum, outcome, route_to
):
    result = _here("chnv_venezuela", us_since, as_of)
    assert rule(result, "outside_united_states").result == "fail"
    assert rule(result, TPS).result == tps
    assert rule(result, ASYLUM).result == asylum
    assert (result.outcome, result.route_to) == (outcome, route_to)
    if route_to is not None:
        assert result.route is not None and result.route.citation is not None


def test_an_unknown_stay_here_is_asked_for_in_the_rule_that_turns_on_it():
    result = _here("chnv_venezuela", UNSTATED, "2024-06-01")
    assert result.outcome_explanation.startswith("A fact a rule turns on is not stated")
    assert rule(result, TPS).explanation.endswith("the request does not say in_us_since.")


def _split_stay(*us_rows: tuple[str, str | None]):
    residence = [{"country": "CO", "from_on": "1985-06-15", "until_on": us_rows[0][0]}]
    residence += [
        {"country": "US", "from_on": from_on, **({"until_on": until_on} if until_on else {})}
        for from_on, until_on in us_rows
    ]
    return prescreen(
        document(
            "chnv_venezuela",
            {
                "beneficiary.residence_history": residence,
                "immigration_history.in_united_states": True,
            },
        ),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date(2024, 6, 1),
    )


@pytest.mark.parametrize(
    ("us_rows", "route_to"),
    [
        # 88 FR 68130: "continuously residing in the United States since July 31, 2023".
        # Rows that meet, adjoin (the next starts the day after) or overlap are one stay.
        ((("2021-01-01", "2023-09-01"), ("2023-09-01", None)), "tps"),
        ((("2021-01-01", "2023-08-31"), ("2023-09-01", None)), "tps"),
        ((("2021-01-01", "2023-10-15"), ("2023-09-01", None)), "tps"),
        ((("2021-01-01", "2022-05-01"), ("2022-05-02", "2023-09-01"), ("2023-09-01", None)), "tps"),
        # A gap of a day or more is a new stay: absences are not modelled.
        ((("2021-01-01", "2023-08-30"), ("2023-09-01", None)), "asylum"),
        (
            (("2021-01-01", "2023-08-01"), ("2023-08-03", "2023-09-01"), ("2023-09-01", None)),
            "asylum",
        ),
    ],
)
def test_adjoining_rows_in_the_united_states_are_one_stay(us_rows, route_to):
    result = _split_stay(*us_rows)
    assert (result.outcome, result.route_to) == ("route_elsewhere", route_to)


@pytest.mark.parametrize(
    ("us_since", "as_of", "route_to"),
    [
        # 86 FR 41863: resident since 29 July 2021, registration 3 Aug 2021 to 3 Feb 2023.
        ("2021-07-29", "2021-08-02", "asylum"),
        ("2021-07-29", "2021-08-03", "tps"),
        ("2021-07-30", "2022-06-01", "asylum"),
        ("2021-07-29", "2023-01-25", "tps"),
        # 88 FR 5022: resident since 6 November 2022, registration 26 Jan 2023 to 3 Aug 2024.
        ("2022-11-06", "2023-01-25", "asylum"),
        ("2022-11-06", "2023-01-26", "tps"),
        ("2022-11-07", "2023-06-01", "asylum"),
        ("2022-11-06", "2024-08-03", "tps"),
        ("2022-11-06", "2024-06-30", "tps"),
        # 89 FR 54484: resident since 3 June 2024, registration 1 Jul 2024 to 3 Feb 2026.
        ("2024-06-03", "2024-06-30", "asylum"),
        ("2024-06-03", "2024-07-01", "tps"),
        ("2024-06-04", "2024-12-01", "asylum"),
        ("2021-07-29", "2024-08-04", "tps"),
        ("2024-06-03", "2025-08-04", "tps"),
        ("2024-06-03", "2026-02-03", "tps"),
        ("2024-06-03", "2026-02-04", "asylum"),
        ("2021-07-29", "2026-02-04", "asylum"),
        # Not stated since when: the three registrations run without a gap from 3 August 2021
        # to 3 February 2026, so the day is asked for on any date between; outside, asylum.
        (UNSTATED, "2021-08-02", "asylum"),
        (UNSTATED, "2021-08-03", None),
        (UNSTATED, "2023-01-26", None),
        (UNSTATED, "2024-08-03", None),
        (UNSTATED, "2026-02-03", None),
        (UNSTATED, "2026-02-04", "asylum"),
    ],
)
def test_a_haitian_here_follows_the_designation_whose_dates_they_meet(us_since, as_of, route_to):
    result = _here("chnv_haiti", us_since, as_of)
    outcome = "needs_information" if route_to is None else "route_elsewhere"
    assert (result.outcome, result.route_to) == (outcome, route_to)


@pytest.mark.parametrize("program", ["chnv_cuba", "chnv_nicaragua"])
@pytest.mark.parametrize("us_since", ["2023-03-01", UNSTATED, NO_US_STAY])
def test_a_cuban_or_nicaraguan_here_is_sent_to_asylum_whenever_they_came(program, us_since):
    # No first registration for Temporary Protected Status is offered to them (ADR 0231), so
    # every arrival day gives the same route and an unknown one is not asked for.
    result = _here(program, us_since, "2024-06-01")
    assert not any(item.id == TPS for item in result.rules)
    assert rule(result, ASYLUM).result == "fail"
    assert (result.outcome, result.route_to) == ("route_elsewhere", "asylum")


@pytest.mark.parametrize("program", ["chnv_venezuela", "chnv_haiti", "chnv_cuba", "chnv_nicaragua"])
def test_someone_of_another_nationality_here_stays_not_eligible(program):
    result = _here(program, "2021-01-01", "2024-06-01", **{"beneficiary.citizenships": ["CO"]})
    assert rule(result, ASYLUM).result == "pass"
    assert (result.outcome, result.route_to) == ("not_eligible", None)


@pytest.mark.parametrize(
    ("in_us", "outcome"), [(False, "meets_criteria"), (DROP, "needs_information")]
)
def test_no_route_for_someone_abroad_and_a_question_when_it_is_not_known(in_us, outcome):
    result = prescreen(
        document(
            "chnv_venezuela",
            {
                "beneficiary.residence_history": [{"country": "US", "from_on": "2023-01-01"}],
                "immigration_history.in_united_states": in_us,
            },
        ),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date(2024, 6, 1),
    )
    assert (result.outcome, result.route_to) == (outcome, None)


def test_a_program_closed_on_the_postmark_still_answers_not_accepted():
    result = _here("chnv_venezuela", "2023-07-31", "2025-04-01", filed_on="2025-03-25")
    assert rule(result, TPS).result == "fail"
    assert result.outcome == "not_accepted"


GENERAL_ASYLUM = "person_here_may_apply_for_asylum"
_PAROLE = {
    "class_of_admission": "DT",
    "paroled_on": "2025-06-01",
    "ends_on": "2027-06-01",
    "complied_with_conditions": True,
}


@pytest.mark.parametrize(
    ("changes", "asylum", "route_to"),
    [
        ({"immigration_history.in_united_states": True}, "fail", "asylum"),
        (
            {
                "immigration_history.in_united_states": True,
                "immigration_history.prior_parole": _PAROLE,
            },
            "pass",
            "reparole",
        ),
        (
            {
                "immigration_history.in_united_states": True,
                "immigration_history.in_removal_proceedings": True,
            },
            "fail",
            "ice",
        ),
        ({"immigration_history.in_united_states": False}, "pass", None),
    ],
)
def test_general_parole_sends_a_person_here_to_reparole_ice_or_asylum(changes, asylum, route_to):
    result = prescreen(document("general", changes), evaluated_at=EVALUATED_AT)
    assert rule(result, GENERAL_ASYLUM).result == asylum
    assert result.route_to == route_to


def test_general_parole_asks_whether_a_person_here_is_in_removal_proceedings_before_asylum():
    # The ICE route comes first: while it is not known, naming asylum could be wrong.
    result = prescreen(
        document(
            "general",
            {
                "immigration_history.in_united_states": True,
                "immigration_history.in_removal_proceedings": DROP,
            },
        ),
        evaluated_at=EVALUATED_AT,
    )
    assert rule(result, "not_in_removal_proceedings_or_previously_removed").result == "unknown"
    assert rule(result, GENERAL_ASYLUM).result == "fail"
    assert (result.outcome, result.route_to) == ("needs_information", None)


def test_general_parole_sends_a_person_here_to_asylum_whatever_day_they_came():
    # The program offers no Temporary Protected Status route of its own (ADR 0231): the day
    # of arrival changes no route, so a history that does not give it is not asked for.
    result = prescreen(
        document(
            "general",
            {
                "immigration_history.in_united_states": True,
                "beneficiary.residence_history": [{"country": "AF", "from_on": "1985-06-15"}],
            },
        ),
        evaluated_at=EVALUATED_AT,
    )
    assert (result.outcome, result.route_to) == ("route_elsewhere", "asylum")


UA_TPS = "ukrainian_here_may_register_for_tps"
UA_TPS_2022 = "ukrainian_here_may_register_for_tps_2022"
UA_ASYLUM = "ukrainian_here_may_apply_for_asylum"


def _ukrainian_here(us_since: str, as_of: str, **changes: object):
    residence = [{"country": "UA", "from_on": "1985-06-15"}]
    if us_since is UNSTATED:
        residence = []
    elif us_since is not NO_US_STAY:
        residence = [
            {"country": "UA", "from_on": "1985-06-15", "until_on": us_since},
            {"country": "US", "from_on": us_since},
        ]
    return prescreen(
        document(
            "u4u",
            {
                "beneficiary.residence_history": residence,
                "immigration_history.in_united_states": True,
                **changes,
            },
        ),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date.fromisoformat(as_of),
    )


@pytest.mark.parametrize(
    ("us_since", "as_of", "outcome", "route_to"),
    [
        # 87 FR 23211: "continuously resided in the United States since April 11, 2022";
        # "The registration period ... begins April 19, 2022 and will remain in effect through
        # October 19, 2023."
        ("2022-04-11", "2022-04-18", "route_elsewhere", "asylum"),
        ("2022-04-11", "2022-04-19", "route_elsewhere", "tps"),
        ("2022-04-12", "2022-06-01", "route_elsewhere", "asylum"),
        ("2022-04-11", "2023-10-19", "route_elsewhere", "tps"),
        # 88 FR 56872: "continuously residing in the United States since August 16, 2023";
        # first registration from 21 August 2023 to 19 April 2025.
        ("2023-08-16", "2023-08-20", "route_elsewhere", "asylum"),
        ("2023-08-16", "2023-08-21", "route_elsewhere", "tps"),
        ("2023-08-17", "2023-09-01", "route_elsewhere", "asylum"),
        ("2022-04-11", "2023-10-20", "route_elsewhere", "tps"),
        ("2023-08-16", "2025-04-19", "route_elsewhere", "tps"),
        # 90 FR 5936 extended the designation to 19 October 2026 without redesignating it: no
        # first registration after 19 April 2025, so whoever is here is sent to asylum.
        ("2023-08-16", "2025-04-20", "route_elsewhere", "asylum"),
        ("2022-04-11", "2026-06-01", "route_elsewhere", "asylum"),
        # Since when not stated: asked for while a registration is open, asylum otherwise.
        (UNSTATED, "2022-04-18", "route_elsewhere", "asylum"),
        (UNSTATED, "2022-04-19", "needs_information", None),
        (NO_US_STAY, "2023-08-21", "needs_information", None),
        (UNSTATED, "2025-04-19", "needs_information", None),
        (UNSTATED, "2025-04-20", "route_elsewhere", "asylum"),
        (NO_US_STAY, "2025-04-20", "route_elsewhere", "asylum"),
    ],
)
def test_a_ukrainian_here_is_sent_to_tps_while_a_registration_is_open_else_to_asylum(
    us_since, as_of, outcome, route_to
):
    result = _ukrainian_here(us_since, as_of)
    assert rule(result, "outside_united_states").result == "fail"
    assert rule(result, UA_ASYLUM).result == "fail"
    assert (result.outcome, result.route_to) == (outcome, route_to)
    if route_to == "asylum":
        assert rule(result, UA_TPS).result == rule(result, UA_TPS_2022).result == "pass"
        assert result.route is not None and result.route.citation is not None
        assert "1158(a)(1)" in result.route.citation.authority


def test_a_ukrainian_here_filing_under_the_2024_version_is_sent_to_asylum():
    result = _ukrainian_here("2023-08-16", "2025-06-01", filed_on="2024-06-03")
    assert result.program_version == "u4u-2024-02-27"
    assert (result.outcome, result.route_to) == ("route_elsewhere", "asylum")


def test_a_family_member_of_another_nationality_here_stays_not_eligible_under_u4u():
    result = _ukrainian_here("2023-08-16", "2025-06-01", **{"beneficiary.citizenships": ["PL"]})
    assert rule(result, UA_ASYLUM).result == "pass"
    assert (result.outcome, result.route_to) == ("not_eligible", None)


@pytest.mark.parametrize(
    ("in_us", "asylum", "outcome"),
    [
        (False, "pass", "not_eligible"),
        # Whether the person is here is not stated: were they here, asylum would outrank the
        # criterion not met, so neither is answered and the fact is asked for (ADR 0252).
        (DROP, "unknown", "needs_information"),
    ],
)
def test_a_criterion_not_met_is_answered_only_when_no_route_could_outrank_it(
    in_us, asylum, outcome
):
    result = prescreen(
        document(
            "chnv_cuba",
            {
                "immigration_history.in_united_states": in_us,
                "beneficiary.passport.expires_on": "2023-05-31",
            },
        ),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date(2024, 6, 1),
    )
    assert rule(result, "valid_passport").result == "fail"
    assert rule(result, ASYLUM).result == asylum
    assert (result.outcome, result.route_to) == (outcome, None)


def _stated_since(program: str, since: object, as_of: str, **changes: object):
    """A person here whose request gives no residence history, only since when they have
    lived in the United States (as the portal asks it, ADR 0274)."""
    return prescreen(
        document(
            program,
            {
                "beneficiary.residence_history": [],
                "immigration_history.in_united_states": True,
                "immigration_history.in_united_states_since": since,
                **changes,
            },
        ),
        evaluated_at=EVALUATED_AT,
        as_of=dt.date.fromisoformat(as_of),
    )


@pytest.mark.parametrize(
    ("program", "since", "as_of", "outcome", "route_to"),
    [
        # 88 FR 68130: "continuously residing in the United States since July 31, 2023".
        ("chnv_venezuela", "2023-07-31", "2024-06-01", "route_elsewhere", "tps"),
        ("chnv_venezuela", "2023-08-01", "2024-06-01", "route_elsewhere", "asylum"),
        ("chnv_venezuela", DROP, "2024-06-01", "needs_information", None),
        # 87 FR 23211: "continuously resided in the United States since April 11, 2022".
        ("u4u", "2022-04-11", "2022-06-01", "route_elsewhere", "tps"),
        ("u4u", "2022-04-12", "2022-06-01", "route_elsewhere", "asylum"),
        ("u4u", DROP, "2022-06-01", "needs_information", None),
    ],
)
def test_the_day_stated_without_a_residence_history_decides_the_route(
    program, since, as_of, outcome, route_to
):
    result = _stated_since(program, since, as_of)
    assert (result.outcome, result.route_to) == (outcome, route_to)


def test_the_day_stated_alone_leaves_where_a_ukrainian_lived_in_2022_unknown():
    """The stated day is not a residence history: the U4U rule on where the principal lived on
    11 February 2022 stays unknown rather than failing for a stay here that began later."""
    result = _stated_since("u4u", "2022-04-12", "2022-06-01")
    assert rule(result, "resided_in_ukraine_2022_02_11").result == "unknown"


@pytest.mark.parametrize(
    ("since", "changes", "message"),
    [
        ("2022-07-31", {"immigration_history.in_united_states": False}, "is not true"),
        ("2022-07-31", {"immigration_history.in_united_states": DROP}, "is not true"),
        ("2021-12-31", {"beneficiary.birth_date": "2022-01-01"}, "before birth_date"),
        (
            "2022-07-31",
            {"beneficiary.residence_history": [{"country": "US", "from_on": "2022-07-30"}]},
            "differs from the open United States stay",
        ),
    ],
)
def test_a_stated_day_that_contradicts_the_document_is_refused(since, changes, message):
    with pytest.raises(ValueError, match=message):
        _stated_since("chnv_venezuela", since, "2024-06-01", **changes)


def test_a_stated_day_that_agrees_with_the_residence_history_is_accepted():
    residence = [{"country": "US", "from_on": "2023-07-31"}]
    result = _stated_since(
        "chnv_venezuela", "2023-07-31", "2024-06-01", **{"beneficiary.residence_history": residence}
    )
    assert (result.outcome, result.route_to) == ("route_elsewhere", "tps")


def test_a_stated_day_is_held_to_the_whole_stay_not_to_its_last_row():
    """Adjoining U.S. rows are one stay: the day stated must be the day that stay began, the
    day the route is decided on, not the start of the last row."""
    residence = [
        {"country": "US", "from_on": "2020-01-01", "until_on": "2021-05-31"},
        {"country": "US", "from_on": "2021-06-01"},
    ]
    history = {"beneficiary.residence_history": residence}
    result = _stated_since("chnv_venezuela", "2020-01-01", "2024-06-01", **history)
    assert (result.outcome, result.route_to) == ("route_elsewhere", "tps")
    with pytest.raises(ValueError, match="differs from the open United States stay"):
        _stated_since("chnv_venezuela", "2021-06-01", "2024-06-01", **history)


@pytest.mark.parametrize(
    ("spouse_since", "outcome", "route_to"),
    [
        ("2023-07-31", "route_elsewhere", "tps"),
        ("2023-08-01", "route_elsewhere", "asylum"),
        # Not stated while the registration is open: the spouse's own route turns on that day
        # and outranks what the principal's route makes of them, so it is asked for (ADR 0252).
        (UNSTATED, "needs_information", None),
    ],
)
def test_a_spouse_here_is_not_refused_through_a_principal_routed_elsewhere(
    spouse_since, outcome, route_to
):
    spouse_residence = [{"country": "CO", "from_on": "1985-06-15"}]
    if spouse_since is not UNSTATED:
        spouse_residence = [
            {"country": "CO", "from_on": "1985-06-15", "until_on": spouse_since},
            {"country": "US", "from_on": spouse_since},
        ]
    spouse = {
        "relationship": "spouse",
        "person": person(
            citizenships=["VE"],
            current_country="US",
            residence_history=spouse_residence,
            passport={"country": "VE", "number": "V7654321", "expires_on": "2030-01-01"},
        ),
        "travelling_with_principal": True,
        "immigration_history": {**STATED_HISTORY, "in_united_states": True},
    }
    result = _here(
        "chnv_venezuela",
        "2023-08-01",
        "2024-06-01",
        **{"beneficiary.current_country": "US", "household": [spouse]},
    )
    principal, own = result.people
    assert (principal.outcome, principal.route_to) == ("route_elsewhere", "asylum")
    assert next(item for item in own.rules if item.id == "qualifies_through_principal").result == (
        "fail"
    )
    assert (own.outcome, own.route_to) == (outcome, route_to)
