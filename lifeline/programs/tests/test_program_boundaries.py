"""Every shipped program at the boundaries of its cited texts: facts that say no, facts left
unknown, households, the dates that open and close intake, fees by grant date, the filing fee
sent, and routes.

Each row names the rule and, in a comment, the sentence of the primary text it comes from (the
policy file quotes it in full under the rule's citation).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.programs.evaluation import get_filing_fee_due_cents, prescreen
from lifeline.programs.results import PrescreenResult
from lifeline.programs.tests.builders import (
    DROP,
    EVALUATED_AT,
    document,
    person,
    rule,
    screen,
    supporter,
)

PROGRAMS = [
    "general", "u4u", "chnv_cuba", "chnv_haiti", "chnv_nicaragua", "chnv_venezuela", "frp",
    "afghan_reparole", "cam",
]  # fmt: skip
INITIAL_WITH_HOUSEHOLD = [
    "general", "u4u", "chnv_cuba", "chnv_haiti", "chnv_nicaragua", "chnv_venezuela", "frp",
]  # fmt: skip
# Programs whose cited texts require a child under 18 to travel with a parent or legal guardian
# (the U4U page and the CHNV notices say so); the CAM page, the FRP notices and INA 212(d)(5)(A)
# do not, so those programs carry no such rule.
MINOR_TRAVEL_REQUIRED = ["u4u", "chnv_cuba", "chnv_haiti", "chnv_nicaragua", "chnv_venezuela"]
NO_MINOR_TRAVEL_RULE = ["general", "frp", "cam"]
# Programs charging no filing fee: the supporter's declaration is filed online at no cost, or
# the re-parole request is fee-exempt.
NO_FILING_FEE = [program for program in PROGRAMS if program != "general"]
NATIONALITY = {
    "general": "AF", "u4u": "UA", "chnv_cuba": "CU", "chnv_haiti": "HT", "chnv_nicaragua": "NI",
    "chnv_venezuela": "VE", "frp": "CO", "afghan_reparole": "AF", "cam": "SV",
}  # fmt: skip
# A CAM child travels to the parent in the United States; the minor-travel household rule asks
# whom with, so the base states a parent.
CAM_TRAVEL = {
    "travelling_with": {"relationship": "parent", "person": person(birth_date="1980-01-01")}
}


def _changes(program: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**(CAM_TRAVEL if program == "cam" else {}), **(extra or {})}


def test_every_shipped_program_has_a_base_request_that_meets_the_criteria():
    for program in PROGRAMS:
        result = screen(program, _changes(program))
        blocking = [r.id for r in result.rules if r.result in ("fail", "unknown")]
        assert result.outcome == "meets_criteria", (program, blocking)


# (program, path, the answer that fails, rule, outcome when it fails); the comment gives words
# of the sentence each rule's citation quotes.
IN_US = "immigration_history.in_united_states"
SAYS_NO = [
    # INA 212(d)(5)(A): parole "into the United States" of an alien "applying for admission";
    # a person already here is sent to asylum, INA 208(a)(1) (test_in_united_states_routes.py).
    ("general", IN_US, True, "outside_united_states", "route_elsewhere"),
    # U4U page: "immediate family members outside the United States may apply"; those already
    # here are sent to TPS while a first registration is open to them, else to asylum, INA
    # 208(a)(1) (see the TPS table in test_u4u_rules.py).
    ("u4u", IN_US, True, "outside_united_states", "route_elsewhere"),
    # CHNV notices: nationals who come "to lawfully enter the United States"; a national already
    # here is sent to TPS or asylum (test_in_united_states_routes.py).
    ("chnv_cuba", IN_US, True, "outside_united_states", "route_elsewhere"),
    ("chnv_haiti", IN_US, True, "outside_united_states", "route_elsewhere"),
    ("chnv_nicaragua", IN_US, True, "outside_united_states", "route_elsewhere"),
    ("chnv_venezuela", IN_US, True, "outside_united_states", "route_elsewhere"),
    # 88 FR 26329 and 26327: "those who have been interdicted at sea after April 27, 2023 will
    # be ineligible for the announced parole process."
    (
        "chnv_haiti", "immigration_history.sea_interdictions", [{"interdicted_on": "2023-05-02"}],
        "not_interdicted_at_sea_after_notice", "not_eligible",
    ),
    # U4U notice: those who "meet other eligibility requirements" (vaccinations among them).
    ("u4u", "attestations.vaccinations", False, "vaccination_attested", "needs_information"),
    # CHNV notices: "individuals must have a supporter in the United States".
    (
        "chnv_nicaragua", "attestations.vaccinations", False, "vaccination_attested",
        "needs_information",
    ),
    (
        "chnv_cuba", "supporters", [supporter(is_organization=True)], "supporter_is_individual",
        "not_eligible",
    ),
    (
        "chnv_venezuela", "supporters", [supporter("permanent_resident", is_organization=True)],
        "supporter_is_individual", "not_eligible",
    ),
    # FRP notices: "principal beneficiaries of an approved Form I-130" travel on parole "rather
    # than remain outside the United States" waiting for an immigrant visa.
    (
        "frp", "immigration_history.immigrant_visa_issued", True, "no_immigrant_visa_issued",
        "route_elsewhere",
    ),
    ("frp", "invitation.i130_approved", False, "i130_petition_approved", "not_eligible"),
    # FRP notice: everything online "with the exception of a medical exam by a panel physician".
    (
        "frp", "attestations.medical_screening", False, "medical_screening_attested",
        "needs_information",
    ),
    # Afghan re-parole: an Afghan national "who entered the United States on or after July 31,
    # 2021, with an OAR or PAR" class of admission, considered "on a case-by-case basis".
    ("afghan_reparole", IN_US, False, "physically_present", "not_eligible"),
    (
        "afghan_reparole", "immigration_history.prior_parole.complied_with_conditions", False,
        "complied_with_conditions", "not_eligible",
    ),
    # 88 FR 21694 (CAM): "unmarried children under 21 years of age".
    ("cam", "beneficiary.marital_status", "married", "unmarried", "not_eligible"),
]  # fmt: skip


@pytest.mark.parametrize(("program", "path", "answer", "rule_id", "outcome"), SAYS_NO)
def test_a_fact_answered_no_fails_its_rule(program, path, answer, rule_id, outcome):
    result = screen(program, _changes(program, {path: answer}))
    assert rule(result, rule_id).result == "fail"
    assert result.outcome == outcome


@pytest.mark.parametrize(("program", "path", "answer", "rule_id", "outcome"), SAYS_NO)
def test_the_same_fact_left_unknown_asks_for_it(program, path, answer, rule_id, outcome):
    if path == "supporters":
        changes = {"supporters": [supporter(is_organization=None)]}
    elif path == "travelling_with":
        changes = {"travelling_with": DROP}
    else:
        changes = {path: DROP}
    result = screen(program, _changes(program, changes))
    assert rule(result, rule_id).result == "unknown"
    assert "Not checked" in rule(result, rule_id).explanation or rule_id.startswith("minor")
    assert result.outcome == "needs_information"


def _member(program: str, relationship: str, born: str, **facts: Any) -> dict[str, Any]:
    country = NATIONALITY[program]
    member: dict[str, Any] = {
        "relationship": relationship,
        "person": person(
            birth_date=born,
            citizenships=[country],
            current_country=country if program != "afghan_reparole" else "US",
            passport={"country": country, "number": "M7654321", "expires_on": "2032-01-01"},
        ),
        "travelling_with_principal": True,
        "immigration_history": {
            "in_united_states": program == "afghan_reparole",
            "in_removal_proceedings": False,
            "immigrant_visa_issued": False,
            "removal_orders": [],
            "irregular_entries": [],
            "sea_interdictions": [],
        },
        "attestations": {"vaccinations": True, "medical_screening": True},
    }
    if program == "afghan_reparole":
        member["immigration_history"]["prior_parole"] = {
            "class_of_admission": "OAR",
            "paroled_on": "2021-09-02",
            "ends_on": "2025-08-31",
            "complied_with_conditions": True,
        }
    member.update(facts)
    return member


def _person(result: PrescreenResult, index: int) -> Any:
    return next(p for p in result.people if p.person == f"household[{index}]")


@pytest.mark.parametrize("program", MINOR_TRAVEL_REQUIRED)
def test_a_child_under_18_travelling_with_no_parent_or_guardian_is_not_eligible(program):
    child = _member(
        program,
        "child",
        "2016-01-01",
        travelling_with_principal=False,
        travelling_with={"none": True},
    )
    with_parent = _member(program, "child", "2017-06-01")
    result = screen(program, {"household": [child, with_parent]})
    alone, accompanied = _person(result, 0), _person(result, 1)
    assert alone.outcome == "not_eligible"
    assert [r.result for r in alone.rules if r.id == "minor_travels_with_parent_or_guardian"] == [
        "fail"
    ]
    assert accompanied.outcome == "meets_criteria"
    assert result.outcome == "meets_criteria" and result.household.all_meet_criteria is False


@pytest.mark.parametrize("program", MINOR_TRAVEL_REQUIRED)
@pytest.mark.parametrize(
    ("travelling_with", "result", "outcome"),
    [
        ({"none": True}, "fail", "not_eligible"),
        (DROP, "unknown", "needs_information"),
        ({"relationship": "legal_guardian", "person": person()}, "pass", "meets_criteria"),
    ],
)
def test_a_child_principal_must_travel_with_a_parent_or_guardian_where_the_text_says_so(
    program, travelling_with, result, outcome
):
    child = {"beneficiary.birth_date": "2012-03-03", "travelling_with": travelling_with}
    answer = screen(program, child)
    assert rule(answer, "minor_travels_with_parent_or_guardian").result == result
    assert answer.outcome == outcome


@pytest.mark.parametrize("program", NO_MINOR_TRAVEL_RULE)
@pytest.mark.parametrize("travelling_with", [{"none": True}, "aunt"])
def test_a_child_travelling_without_a_parent_is_not_refused_where_the_text_does_not_require_it(
    program, travelling_with
):
    companion = (
        {"relationship": "other_adult", "person": person(birth_date="1975-05-05")}
        if travelling_with == "aunt"
        else travelling_with
    )
    child = _changes(
        program, {"beneficiary.birth_date": "2012-03-03", "travelling_with": companion}
    )
    result = screen(program, child)
    assert "minor_travels_with_parent_or_guardian" not in [r.id for r in result.rules]
    assert result.outcome == "meets_criteria", [r for r in result.rules if r.result != "pass"]


@pytest.mark.parametrize("program", INITIAL_WITH_HOUSEHOLD)
def test_a_child_turning_18_on_the_postmark_date_is_an_adult_for_the_travel_rule(program):
    postmarked_on = dt.date.fromisoformat(screen(program).postmarked_on.isoformat())
    born = postmarked_on.replace(year=postmarked_on.year - 18).isoformat()
    child = _member(
        program, "child", born, travelling_with_principal=False, travelling_with={"none": True}
    )
    result = screen(program, {"household": [child]})
    travel = [
        r for r in _person(result, 0).rules if r.id == "minor_travels_with_parent_or_guardian"
    ]
    assert [r.result for r in travel] in (["not_applicable"], [])


# (program, a change that makes the principal fail a criterion of their own, their outcome)
PRINCIPAL_FAILS = {
    "general": ({"immigration_history.in_united_states": True}, "route_elsewhere"),
    "u4u": ({"beneficiary.citizenships": ["PL"]}, "not_eligible"),
    "chnv_cuba": ({"beneficiary.citizenships": ["CO"]}, "not_eligible"),
    "chnv_haiti": ({"beneficiary.citizenships": ["CO"]}, "not_eligible"),
    "chnv_nicaragua": ({"beneficiary.citizenships": ["CO"]}, "not_eligible"),
    "chnv_venezuela": ({"beneficiary.citizenships": ["CO"]}, "not_eligible"),
    "frp": ({"invitation.i130_approved": False}, "not_eligible"),
    "afghan_reparole": (
        {"immigration_history.prior_parole.complied_with_conditions": False},
        "not_eligible",
    ),
}


@pytest.mark.parametrize("program", sorted(PRINCIPAL_FAILS))
def test_a_spouse_qualifies_only_through_the_principal(program):
    spouse = _member(program, "spouse", "1984-02-02")
    through = screen(program, {"household": [spouse]})
    assert _person(through, 0).outcome == "meets_criteria"
    changes, principal_outcome = PRINCIPAL_FAILS[program]
    refused = screen(program, {**changes, "household": [spouse]})
    assert refused.outcome == principal_outcome
    member = _person(refused, 0)
    assert member.outcome == "not_eligible"
    assert [r.result for r in member.rules if r.id == "qualifies_through_principal"] == ["fail"]


# (program, postmark date, outcome, words of the intake reason): the version in force on the
# postmark date decides whether the program takes the request.
INTAKE = [
    # USCIS, 28 Jan 2025: "USCIS is pausing acceptance of Form I-134A": U4U, CHNV and FRP
    # requests start with that form.
    ("u4u", "2025-01-27", "meets_criteria", None),
    ("u4u", "2025-01-28", "not_accepted", "Paused for initial requests on 2025-01-28"),
    ("chnv_cuba", "2025-01-27", "meets_criteria", None),
    ("chnv_cuba", "2025-01-28", "not_accepted", "Paused for initial requests on 2025-01-28"),
    ("chnv_venezuela", "2025-01-27", "meets_criteria", None),
    ("chnv_venezuela", "2025-01-28", "not_accepted", "Paused for initial requests on 2025-01-28"),
    ("frp", "2025-01-27", "meets_criteria", None),
    ("frp", "2025-01-28", "not_accepted", "Paused for initial requests on 2025-01-28"),
    # CHNV: "DHS will begin using the Form I-134A ... for this process on January 6, 2023";
    # travel authorizations paused 2 Aug 2024 for review while supporter declarations were
    # still received (intake open), resumed 29 Aug 2024, terminated by 90 FR 13611.
    ("chnv_cuba", "2023-01-05", "not_accepted", "took no requests before"),
    ("chnv_cuba", "2023-01-06", "meets_criteria", None),
    ("chnv_cuba", "2024-08-01", "meets_criteria", None),
    ("chnv_cuba", "2024-08-02", "meets_criteria", None),
    ("chnv_cuba", "2024-08-29", "meets_criteria", None),
    ("chnv_cuba", "2025-03-25", "not_accepted", "Terminated"),
    ("chnv_haiti", "2024-08-02", "meets_criteria", None),
    ("chnv_haiti", "2025-03-25", "not_accepted", "Terminated"),
    ("chnv_nicaragua", "2024-08-28", "meets_criteria", None),
    ("chnv_nicaragua", "2025-03-25", "not_accepted", "Terminated"),
    # 87 FR 63507: "DHS will begin accepting online applications for this process on October
    # 18, 2022."
    ("chnv_venezuela", "2022-10-17", "not_accepted", "took no requests before"),
    ("chnv_venezuela", "2022-10-18", "meets_criteria", None),
    ("chnv_venezuela", "2025-03-25", "not_accepted", "Terminated"),
    # 90 FR 58032: FRP terminated from 15 December 2025.
    ("frp", "2025-12-14", "not_accepted", "Paused for initial requests on 2025-12-14"),
    ("frp", "2025-12-15", "not_accepted", "Terminated"),
    # 90 FR 8459 (EO 14163): CAM paused for initial requests from 27 January 2025.
    ("cam", "2025-01-26", "meets_criteria", None),
    ("cam", "2025-01-27", "not_accepted", "Paused for initial requests"),
    # Afghan re-parole opened on 9 June 2023.
    ("afghan_reparole", "2023-06-08", "not_accepted", "took no requests before"),
    ("afghan_reparole", "2023-06-09", "meets_criteria", None),
]


@pytest.mark.parametrize(("program", "postmarked_on", "outcome", "reason"), INTAKE)
def test_the_postmark_date_decides_whether_the_program_takes_the_request(
    program, postmarked_on, outcome, reason
):
    changes = _changes(program, {"filed_on": postmarked_on})
    if program == "chnv_venezuela" and postmarked_on < "2023-01-09":
        changes["attestations"] = {"vaccinations": True}
    result = screen(program, changes)
    accepting = rule(result, "accepting_requests_on_filing_date")
    assert result.outcome == outcome, [r for r in result.rules if r.result != "pass"]
    if reason is None:
        assert accepting.result == "pass"
    else:
        assert accepting.result == "fail" and reason in accepting.explanation
        assert accepting.citation.url.startswith("https://") and accepting.citation.quote


@pytest.mark.parametrize(
    ("days_to_expiry", "result", "outcome"),
    [
        (180, "pass", "meets_criteria"),
        (181, "fail", "not_accepted"),
        (-1, "pass", "meets_criteria"),
    ],
)
def test_u4u_reparole_is_filed_no_earlier_than_180_days_before_parole_ends(
    days_to_expiry, result, outcome
):
    """U4U re-parole: "more than 180 days before the expiration ... we may reject or deny"."""
    postmarked_on = dt.date(2024, 6, 3)
    ends_on = postmarked_on + dt.timedelta(days=days_to_expiry)
    answer = screen(
        "u4u",
        {
            "kind": "reparole",
            "filed_on": postmarked_on.isoformat(),
            "beneficiary.current_country": "US",
            "immigration_history.in_united_states": True,
            "immigration_history.prior_parole": {
                "class_of_admission": "UHP",
                "paroled_on": "2022-06-01",
                "ends_on": ends_on.isoformat(),
                "complied_with_conditions": True,
            },
        },
    )
    assert rule(answer, "reparole_filed_within_180_days_of_expiry").result == result
    assert answer.outcome == outcome


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize(("granted_on", "parole_usd"), [("2025-10-15", 0), ("2025-10-16", 1000)])
def test_the_parole_fee_starts_with_grants_on_16_october_2025(program, granted_on, parole_usd):
    """8 U.S.C. 1804(a): the fee is paid "by any alien who is paroled", from 16 October 2025."""
    changes = _changes(program, {"granted_on": granted_on})
    if program == "general":
        changes["filed_on"] = "2025-09-01"
    result = prescreen(
        document(program, changes), as_of=dt.date(2026, 6, 1), evaluated_at=EVALUATED_AT
    )
    fee = next(line for line in result.fees if line.kind == "parole_grant")
    assert (fee.amount_usd, fee.charged_at) == (parole_usd, "grant")
    assert fee.priced_on == dt.date.fromisoformat(granted_on)


# (program, changes, filing fee sent in cents, rule result, outcome)
FILING_FEE = [
    # I-131 instructions: the fee in force on the postmark date, for each beneficiary.
    ("general", {}, 63000, "pass", "meets_criteria"),
    ("general", {}, 62999, "fail", "not_accepted"),
    ("general", {"filed_on": "2024-03-31"}, 57500, "pass", "meets_criteria"),
    ("general", {"filed_on": "2024-04-01"}, 57500, "fail", "not_accepted"),
    # Supporter-based processes: the supporter's Form I-134A is filed online at no cost, so
    # there is no filing fee to check.
    ("u4u", {}, 0, "not_applicable", "meets_criteria"),
    ("chnv_cuba", {}, 0, "not_applicable", "meets_criteria"),
    ("chnv_haiti", {}, 0, "not_applicable", "meets_criteria"),
    ("chnv_nicaragua", {}, 0, "not_applicable", "meets_criteria"),
    ("chnv_venezuela", {}, 0, "not_applicable", "meets_criteria"),
    ("frp", {}, 0, "not_applicable", "meets_criteria"),
    ("cam", {}, 0, "not_applicable", "meets_criteria"),
    # Afghan re-parole: self-petitioned OAR/PAR re-parole requests are fee-exempt.
    ("afghan_reparole", {}, 0, "not_applicable", "meets_criteria"),
    ("afghan_reparole", {}, 63000, "fail", "not_accepted"),
]


@pytest.mark.parametrize(("program", "changes", "cents", "result", "outcome"), FILING_FEE)
def test_a_filing_fee_other_than_the_fee_due_is_not_accepted(
    program, changes, cents, result, outcome
):
    answer = screen(program, _changes(program, {**changes, "filing_fee_remitted_cents": cents}))
    assert rule(answer, "filing_fee_remitted").result == result
    assert answer.outcome == outcome


@pytest.mark.parametrize(
    ("program", "changes", "cents"),
    [(program, changes, cents) for program, changes, cents, result, _ in FILING_FEE
     if result in ("pass", "not_applicable")],
)  # fmt: skip
def test_the_fee_to_send_is_the_fee_the_instructions_set(program, changes, cents):
    unstated = _changes(program, {**changes, "filing_fee_remitted_cents": None})
    assert get_filing_fee_due_cents(document(program, unstated)) == cents


def test_a_filing_fee_not_stated_asks_for_it():
    answer = screen("general", {"filing_fee_remitted_cents": None})
    assert rule(answer, "filing_fee_remitted").result == "unknown"
    assert "$630.00 is due" in rule(answer, "filing_fee_remitted").explanation
    assert answer.outcome == "needs_information"


@pytest.mark.parametrize("program", NO_FILING_FEE)
def test_a_program_with_no_filing_fee_does_not_ask_for_one(program):
    answer = screen(program, _changes(program, {"filing_fee_remitted_cents": None}))
    fee_rule = rule(answer, "filing_fee_remitted")
    assert (fee_rule.result, fee_rule.explanation) == (
        "not_applicable",
        "No filing fee is due with this request.",
    )
    assert answer.outcome == "meets_criteria"


def test_the_filing_fee_is_one_fee_for_each_person_filed_for():
    """I-131 instructions: "A separate application and fee for each individual principal and
    derivative beneficiary is required"."""
    spouse = _member("general", "spouse", "1984-02-02")
    one_fee = screen("general", {"household": [spouse], "filing_fee_remitted_cents": 63000})
    fee_rule = rule(one_fee, "filing_fee_remitted")
    assert fee_rule.result == "fail" and "$1,260.00" in fee_rule.explanation
    assert "one fee for each person filed for ($630 + $630)" in fee_rule.explanation
    both = screen("general", {"household": [spouse], "filing_fee_remitted_cents": 126000})
    assert rule(both, "filing_fee_remitted").result == "pass"
    assert fee_rule.citation.authority == "USCIS Policy Manual, vol. 1, pt. B, ch. 6"


def test_u4u_in_the_united_states_is_routed_to_tps():
    """The route carries its own citation (INA 244(a)(1)), not the rule's."""
    residence = [
        {"country": "UA", "from_on": "1985-06-15", "until_on": "2022-03-01"},
        {"country": "US", "from_on": "2023-08-01"},
    ]
    changes = {IN_US: True, "beneficiary.residence_history": residence}
    result = prescreen(
        document("u4u", changes), evaluated_at=EVALUATED_AT, as_of=dt.date(2024, 12, 1)
    )
    assert (result.outcome, result.route_to) == ("route_elsewhere", "tps")
    assert result.route is not None and result.route.citation is not None
    assert result.route.citation.authority.startswith("INA 244(a)(1)")


@pytest.mark.parametrize(
    "changes",
    [
        {"immigration_history.in_removal_proceedings": True},
        {
            "immigration_history.removal_orders": [
                {"ordered_on": "2019-03-01", "removed_on": "2019-04-02"}
            ]
        },
    ],
)
def test_a_person_in_removal_proceedings_or_removed_before_is_routed_to_ice(changes):
    """USCIS: "If you are currently in removal proceedings or have been previously removed ...
    you must submit your request to U.S. Immigration and Customs Enforcement"."""
    result = screen("general", changes)
    assert (result.outcome, result.route_to) == ("route_elsewhere", "ice")
    assert result.route is not None and result.route.label.startswith("U.S. Immigration")
    assert "removal proceedings" in result.route.explanation
    assert result.route.citation is not None
    assert result.route.citation.authority == "Humanitarian Parole"
    assert result.route.citation.url.startswith("https://www.uscis.gov/")
    assert "removal proceedings" in result.route.citation.quote
    assert result.people[0].route == result.route
    assert result.outcome_explanation.startswith("Another office or process decides")


def _medical_household(**urgency: Any) -> PrescreenResult:
    spouse = _member("general", "spouse", "1984-02-02")
    child = _member("general", "child", "2016-01-01")
    changes = {"household": [spouse, child], "urgency": {"diagnosis": "x", **urgency}}
    return prescreen(
        document("general", changes), as_of=dt.date(2026, 11, 2), evaluated_at=EVALUATED_AT
    )


def test_the_medical_fee_exemption_is_the_patients_alone():
    """8 U.S.C. 1804(b)(1): "the alien has a medical emergency; and ... cannot obtain necessary
    treatment in the foreign state in which the alien is residing" exempts that person; (b)(2)
    reaches only "the parent or legal guardian" of a minor with the emergency, so a spouse or a
    child of the patient pays the fee."""
    result = _medical_household(medical_emergency=True, treatment_unavailable_at_home=True)
    parole_fees = [
        next(fee for fee in person.fees if fee.kind == "parole_grant") for person in result.people
    ]
    assert [fee.amount_usd for fee in parole_fees] == [0, 1000, 1000]
    exempt = parole_fees[0]
    assert exempt.citation is not None and exempt.citation.authority.startswith(
        "8 U.S.C. 1804(b)(1)(A), (B)(i)"
    )
    assert "cannot obtain necessary treatment in the foreign state" in exempt.citation.quote
    assert parole_fees[1].citation is not None
    assert parole_fees[1].citation.authority.startswith("8 U.S.C. 1804(c)")  # the amount


def test_an_emergency_not_life_threatening_is_exempt_when_untreatable_at_home():
    result = _medical_household(
        medical_emergency=True, life_threatening=False, treatment_unavailable_at_home=True
    )
    principal_fee = next(fee for fee in result.people[0].fees if fee.kind == "parole_grant")
    assert principal_fee.amount_usd == 0


def test_without_the_emergency_stated_the_officer_is_told_of_the_exception():
    result = _medical_household(life_threatening=False, treatment_unavailable_at_home=True)
    principal_fee = next(fee for fee in result.people[0].fees if fee.kind == "parole_grant")
    assert principal_fee.amount_usd == 1000
    assert "a medical emergency whose necessary treatment cannot be obtained" in (
        principal_fee.reason
    )


@pytest.mark.parametrize(
    ("postmarked_on", "as_of", "cautioned"),
    [
        ("2026-12-07", "2026-12-07", False),
        ("2026-12-07", "2026-12-08", True),
        ("2026-12-08", "2026-12-08", True),
    ],
)
def test_a_date_after_the_policies_cut_off_is_cautioned(postmarked_on, as_of, cautioned):
    """Every policy version and fee schedule states `cut_off_on` 2026-12-07: a later date gets a
    caution in the answer rather than a silent normal answer."""
    result = prescreen(
        document("general", {"filed_on": postmarked_on}),
        as_of=dt.date.fromisoformat(as_of),
        evaluated_at=EVALUATED_AT,
    )
    if not cautioned:
        assert result.cautions == []
        return
    [caution] = result.cautions
    assert caution.startswith("Policies checked to 2026-12-07")
    assert "check the program's current status" in caution
    assert result.outcome == "meets_criteria"


# (program, changes, route): rules whose cited text points to another process.
ROUTED = [
    # 88 FR 43591 (FRP): parole "rather than remain outside the United States while awaiting
    # availability of their immigrant visas": a visa already issued is travelled on.
    (
        "frp",
        {"immigration_history.immigrant_visa_issued": True},
        "consular_processing_third_country",
    ),
    # I-131 instructions: a parolee who needs to remain "must file a new Form I-131 ... and type
    # or print REPAROLE".
    (
        "general",
        {
            IN_US: True,
            "immigration_history.prior_parole": {
                "class_of_admission": "DT",
                "paroled_on": "2026-01-05",
                "ends_on": "2027-01-04",
            },
        },
        "reparole",
    ),
]


@pytest.mark.parametrize(("program", "changes", "route"), ROUTED)
def test_a_rule_whose_text_points_elsewhere_routes_there(program, changes, route):
    result = screen(program, changes)
    assert (result.outcome, result.route_to) == ("route_elsewhere", route)
    assert result.route is not None and result.route.citation is not None
    assert result.route.citation.quote


def test_a_person_in_the_united_states_without_parole_is_not_sent_to_reparole():
    result = screen("general", {IN_US: True})
    assert rule(result, "parolee_in_united_states_files_reparole").result == "pass"
    assert (result.outcome, result.route_to) == ("route_elsewhere", "asylum")


@pytest.mark.parametrize("program", ["chnv_cuba", "chnv_haiti", "chnv_nicaragua", "chnv_venezuela"])
def test_a_chnv_parolee_asking_for_reparole_is_sent_to_the_general_reparole_request(program):
    """I-131 instructions: a parolee who needs to remain "must file a new Form I-131 ... and type
    or print REPAROLE"; the CHNV versions take initial requests only."""
    history = {
        IN_US: True,
        "immigration_history.prior_parole": {
            "class_of_admission": "CHNV",
            "paroled_on": "2023-03-01",
            "ends_on": "2025-03-01",
        },
    }
    result = screen(program, {"kind": "reparole", "filed_on": "2024-06-01", **history})
    assert rule(result, "request_kind_accepted").result == "fail"
    assert (result.outcome, result.route_to) == ("route_elsewhere", "reparole")
    assert result.route is not None and result.route.citation is not None


@pytest.mark.parametrize(
    ("as_of", "cautioned"),
    [(dt.date(2023, 5, 31), True), (dt.date(2023, 6, 1), False), (dt.date(2023, 6, 2), False)],
)
def test_an_as_of_date_before_the_postmark_is_cautioned(as_of, cautioned):
    result = prescreen(document("chnv_cuba"), evaluated_at=EVALUATED_AT, as_of=as_of)
    before = [c for c in result.cautions if "before the postmark date" in c]
    assert bool(before) is cautioned


@pytest.mark.parametrize(
    ("as_of", "cautioned"),
    [(dt.date(2025, 10, 15), True), (dt.date(2025, 10, 16), False), (dt.date(2025, 10, 17), False)],
)
def test_an_as_of_date_before_the_grant_date_is_cautioned(as_of, cautioned):
    """As the postmark caution: an as-of date before `granted_on` asks about a parole not yet
    granted on that day; the fee stays priced on the grant date."""
    granted = document("general", {"filed_on": "2025-06-02", "granted_on": "2025-10-16"})
    result = prescreen(granted, evaluated_at=EVALUATED_AT, as_of=as_of)
    before = [c for c in result.cautions if "before the grant date (2025-10-16)" in c]
    assert bool(before) is cautioned
    assert not [c for c in result.cautions if "before the postmark date" in c]
    ungranted = prescreen(
        document("general", {"filed_on": "2025-06-02"}), evaluated_at=EVALUATED_AT, as_of=as_of
    )
    assert not [c for c in ungranted.cautions if "before the grant date" in c]
