"""The request wizard's fact questions (Yes, No, I don't know), its household step, and the
pre-screen shown per person in plain words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from lifeline.accounts.models import User
from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest
from lifeline.portal.tests.flows import (
    beneficiary_with_a_confirmed_declaration,
    date_parts,
    post_steps,
    request_answers,
    signed_in,
)
from lifeline.supporters.models import SupporterDeclaration

pytestmark = pytest.mark.django_db
BASE = "/requests/new/"
RAW_KEYS = re.compile(
    r"\b(meets_criteria|needs_information|not_eligible|not_accepted|route_elsewhere|"
    r"i131_filing|parole_grant|household\[\d\])\b"
)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


@pytest.fixture
def beneficiary() -> User:
    return beneficiary_with_a_confirmed_declaration()


def _member(index: int, relationship: str, born: str, **facts: str) -> dict[str, str]:
    given = {"spouse": "Taras", "child": "Sofia"}[relationship]
    answers = {
        "relationship": relationship,
        "given_name": given,
        "family_name": "Kovalenko",
        **date_parts("x", "birth_date", born),
        "sex": "M" if relationship == "spouse" else "F",
        "citizenship": "UA",
        "current_country": "PL",
        "passport_country": "UA",
        "passport_number": f"FE12345{index}",
        **date_parts("x", "passport_expires_on", "2031-01-01"),
        "travelling_with_principal": "yes",
        "principal_is": "parent" if relationship == "child" else "",
        "in_united_states": "no",
        "in_removal_proceedings": "no",
        "ever_ordered_removed": "no",
        "ever_entered_irregularly": "no",
        "ever_interdicted_at_sea": "no",
        "resident_or_refugee_elsewhere": "no",
        "vaccinations": "yes",
        **facts,
    }
    return {f"household-m{index}_{key.removeprefix('x-')}": value for key, value in answers.items()}


def _answers(members: dict[str, str], **steps: dict[str, str]) -> dict[str, dict[str, Any]]:
    declaration = SupporterDeclaration.objects.get()
    answers = request_answers([declaration.reference])
    count = len({key.split("_")[0] for key in members})
    answers["household"] = {"household-count": str(count), **members}
    for step, fields in steps.items():
        answers[step] = {**answers[step], **fields}
    return answers


def _filed(client: Client, answers: dict[str, dict[str, Any]]) -> ParoleRequest:
    response = post_steps(client, BASE, answers)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ParoleRequest.objects.get()


def _send_anyway(client: Client, created: ParoleRequest) -> None:
    """Send the filed request as it is, missing evidence and all, so it is pre-screened."""
    client.post(
        f"/requests/{created.reference}/submit/",
        {"version": str(created.version), "send_without_missing": "yes"},
    )


@pytest.mark.parametrize(
    ("answer", "stored"),
    [("yes", True), ("no", False), ("unknown", None)],
)
def test_a_fact_answered_yes_no_or_i_dont_know_is_stored_true_false_or_unknown(
    beneficiary: User, answer: str, stored: bool | None
) -> None:
    answers = _answers(
        {}, attestations={"tb_screening": answer}, history={"in_united_states": answer}
    )
    if answer == "yes":  # a person here is then asked since when (ADR 0274)
        steps = list(answers.items())
        at = [name for name, _fields in steps].index("history") + 1
        answers = dict([*steps[:at], ("arrival", {"in_us_since_unknown": "on"}), *steps[at:]])
    document = read_document(_filed(signed_in(beneficiary), answers))
    assert document.attestations.tb_screening is stored
    assert document.immigration_history.in_united_states is stored
    stored_json = ParoleRequest.objects.get().document
    assert stored_json["attestations"].get("tb_screening") is stored  # null: not known


def test_every_fact_question_offers_i_dont_know_as_a_radio_button(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    answers = _answers({})
    _answer_steps_before(client, answers, "history")
    page = client.get(f"{BASE}history/").content.decode()
    assert page.count('value="unknown"') == 9
    assert 'type="radio" name="history-in_united_states" value="unknown"' in page
    assert 'type="checkbox"' not in page


def _step_data(answers: dict[str, dict[str, Any]], step: str) -> dict[str, Any]:
    return {k if k.startswith(f"{step}-") else f"{step}-{k}": v for k, v in answers[step].items()}


def _answer_steps_before(client: Client, answers: dict[str, dict[str, Any]], step: str) -> None:
    """Answer every step of the wizard that comes before `step`, in order."""
    for earlier in list(answers)[: list(answers).index(step)]:
        response = client.post(f"{BASE}{earlier}/", _step_data(answers, earlier))
        assert response.status_code == 302, (earlier, response.content.decode()[:2000])


def test_a_medical_request_must_answer_the_medical_facts_but_may_answer_i_dont_know(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    answers = _answers(
        {}, reason={"life_threatening": "", "treatment_unavailable_at_home": "unknown"}
    )
    _answer_steps_before(client, answers, "reason")
    data = _step_data(answers, "reason")
    response = client.post(f"{BASE}reason/", data)
    assert response.status_code == 400
    assert "reason-life_threatening-error" in response.content.decode()
    data["reason-life_threatening"] = "unknown"
    assert client.post(f"{BASE}reason/", data).status_code == 302


def test_family_members_are_added_and_removed_on_the_household_step(beneficiary: User) -> None:
    client = signed_in(beneficiary)
    answers = _answers({})
    _answer_steps_before(client, answers, "household")
    url = f"{BASE}household/"
    assert client.post(url, {"household-count": "0", "household-add": "1"}).status_code == 302
    page = client.get(url).content.decode()
    assert 'id="family-member-1"' in page and "Fill in this field" not in page
    spouse, child = _member(0, "spouse", "1986-05-02"), _member(1, "child", "2016-02-10")
    data = {"household-count": "2", **spouse, **child, "household-remove": "0"}
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert 'id="family-member-1"' in page and 'id="family-member-2"' not in page
    assert 'value="Sofia"' in page and 'value="Taras"' not in page


def test_the_household_goes_into_the_document_with_each_members_own_facts(
    beneficiary: User,
) -> None:
    members = {
        **_member(0, "spouse", "1986-05-02", in_removal_proceedings="unknown"),
        **_member(1, "child", "2016-02-10", travelling_with_principal="no"),
    }
    document = read_document(_filed(signed_in(beneficiary), _answers(members)))
    spouse, child = document.household
    assert (spouse.relationship, child.relationship) == ("spouse", "child")
    assert spouse.travelling_with_principal is True
    assert spouse.immigration_history.in_united_states is False
    assert spouse.immigration_history.in_removal_proceedings is None
    assert child.travelling_with_principal is False and child.travelling_with is None


@pytest.mark.parametrize(("answer", "stated"), [("no", []), ("yes", None), ("unknown", None)])
def test_a_no_to_a_history_list_question_states_none_and_any_other_answer_leaves_it_unknown(
    beneficiary: User, answer: str, stated: list | None
) -> None:
    """Request document v2: an empty list says "none"; a list left out is not known."""
    questions = {
        "ever_ordered_removed": answer,
        "ever_entered_irregularly": answer,
        "ever_interdicted_at_sea": answer,
        "resident_or_refugee_elsewhere": answer,
    }
    members = _member(0, "spouse", "1986-05-02", **questions)
    document = read_document(_filed(signed_in(beneficiary), _answers(members, history=questions)))
    (spouse,) = document.household
    for history, who in (
        (document.immigration_history, document.beneficiary),
        (spouse.immigration_history, spouse.person),
    ):
        assert history.removal_orders == stated and history.irregular_entries == stated
        assert history.sea_interdictions == stated
        assert who.permanent_resident_of == stated and who.refugee_status_in == stated


@pytest.mark.parametrize(
    ("step", "field"),
    [("history", "history-ever_interdicted_at_sea"), ("household", "_ever_interdicted_at_sea")],
)
def test_the_wizard_asks_whether_each_person_was_interdicted_at_sea_with_i_dont_know(
    beneficiary: User, step: str, field: str
) -> None:
    """88 FR 26329 and 88 FR 26327 bar Cubans and Haitians "interdicted at sea after April 27,
    2023": the principal and each family member are asked, and may answer "I don't know"."""
    client = signed_in(beneficiary)
    answers = _answers(_member(0, "spouse", "1986-05-02"))
    _answer_steps_before(client, answers, step)
    if step == "household":
        client.post(f"{BASE}household/", {"household-count": "0", "household-add": "1"})
    page = client.get(f"{BASE}{step}/").content.decode()
    radios = re.findall(rf'name="([^"]*{field})" value="(yes|no|unknown)"', page)
    assert sorted(value for _name, value in radios) == ["no", "unknown", "yes"]
    assert "stopped at sea (interdicted)" in page and "I don&#x27;t know" in page


def test_a_child_under_18_must_say_whether_the_person_is_a_parent_or_guardian(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    answers = _answers(_member(0, "child", "2016-02-10", principal_is=""))
    _answer_steps_before(client, answers, "household")
    response = client.post(f"{BASE}household/", answers["household"])
    assert response.status_code == 400
    assert "parent or legal guardian" in response.content.decode()


def test_a_refused_household_step_keeps_everything_typed_and_resuming_stops_there(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    members = {**_member(0, "spouse", "1986-05-02"), **_member(1, "child", "2016-02-10")}
    members["household-m1_principal_is"] = ""
    answers = _answers(members)
    _answer_steps_before(client, answers, "household")
    assert client.post(f"{BASE}household/", answers["household"]).status_code == 400
    assert client.get(BASE)["Location"].endswith(f"{BASE}household/")
    assert client.get(f"{BASE}reason/")["Location"].endswith(f"{BASE}household/")
    page = client.get(f"{BASE}household/").content.decode()
    for typed in ('value="Taras"', 'value="Sofia"', 'value="FE123451"', 'value="2016"'):
        assert typed in page
    errors = page[page.index('class="usa-alert usa-alert--error') :]
    errors = errors[: errors.index("</div>")]
    assert errors.count("<li>") == 1 and "parent or legal guardian" in errors
    members["household-m1_principal_is"] = "parent"
    assert client.post(f"{BASE}household/", members | {"household-count": "2"}).status_code == 302


def test_the_result_page_shows_each_person_in_plain_words_without_raw_keys(
    beneficiary: User,
) -> None:
    members = {
        **_member(0, "spouse", "1986-05-02"),
        # General parole is for a person outside the United States (INA 212(d)(5)(A)); a child
        # already here without a parole is routed to asylum (INA 208(a)(1), ADR 0231).
        **_member(1, "child", "2016-02-10", in_united_states="yes"),
    }
    client = signed_in(beneficiary)
    created = _filed(client, _answers(members))
    _send_anyway(client, created)
    created.refresh_from_db()
    record = created.prescreens.get(is_current=True)
    assert [person["outcome"] for person in record.people] == [
        "meets_criteria",
        "meets_criteria",
        "route_elsewhere",
    ]
    page = client.get(f"/requests/{created.reference}/").content.decode()
    assert 'id="prescreen-person-3"' in page
    assert "Taras Kovalenko (Spouse or partner of the principal)" in page
    assert "Sofia Kovalenko (Child of the principal)" in page
    assert "Individuals Outside the United States</a>: “Individuals who are outside of" in page
    assert "Another process or office decides" in page and "Meets the basic criteria" in page
    assert "Asylum" in page and "1 year after the date of the alien" in page
    household = page[page.index('id="prescreen-household"') :].split("</p>")[0]
    assert "Meets the basic criteria: 2; Another process or office decides: 1." in household
    assert "Longest parole period for this request (days): 180." in page
    assert "Form I-131 filing fee" in page and "Paid when the request is filed" in page
    assert "Amount set by the fee law in force on" in page
    prescreen = page[page.index('id="prescreen"') : page.index('id="checklist-heading"')]
    assert not RAW_KEYS.search(prescreen)


def test_the_household_in_the_request_is_told_apart_from_separate_requests_of_family_members(
    beneficiary: User,
) -> None:
    members = {**_member(0, "spouse", "1986-05-02"), **_member(1, "child", "2016-02-10")}
    client = signed_in(beneficiary)
    created = _filed(client, _answers(members))
    _send_anyway(client, created)
    page = client.get(f"/requests/{created.reference}/").content.decode()
    assert "Taras Kovalenko (Spouse or partner of the principal)" in page
    family = page[page.index('id="family-heading"') :].split("</section>")[0]
    assert ">Separate requests of family members</h2>" in family
    assert "No separate requests of family members are linked to this request." in family
    assert "No family members are linked" not in page


def test_a_routed_request_names_the_route_its_explanation_and_the_sentence_it_relies_on(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    created = _filed(client, _answers({}, history={"in_removal_proceedings": "yes"}))
    _send_anyway(client, created)
    page = client.get(f"/requests/{created.reference}/").content.decode()
    prescreen = page[page.index('id="prescreen"') : page.index('id="checklist-heading"')]
    assert "Another process or office decides" in prescreen
    assert "U.S. Immigration and Customs Enforcement" in prescreen
    assert 'href="https://www.uscis.gov/humanitarian/humanitarian_parole"' in prescreen
    assert "you must submit your request to U.S. Immigration and Customs Enforcement" in prescreen
    assert not RAW_KEYS.search(prescreen) and ">ice<" not in prescreen


def test_a_routed_request_reads_the_route_in_ukrainian_and_the_law_in_english(
    beneficiary: User,
) -> None:
    client = signed_in(beneficiary)
    created = _filed(client, _answers({}, history={"in_removal_proceedings": "yes"}))
    _send_anyway(client, created)
    page = client.get(f"/uk/requests/{created.reference}/").content.decode()
    prescreen = page[page.index('id="prescreen"') : page.index('id="checklist-heading"')]
    assert "Імміграційна та митна служба США (ICE)" in prescreen
    assert "просить про гуманітарний пароль ICE, а не USCIS" in prescreen  # noqa: RUF001
    assert "asks ICE for parole" not in prescreen
    assert (
        '<span lang="en" dir="ltr"><a class="usa-link" '
        'href="https://www.uscis.gov/humanitarian/humanitarian_parole">'
    ) in prescreen
    assert "you must submit your request to U.S. Immigration and Customs Enforcement" in prescreen


@pytest.mark.parametrize(
    ("answer", "sent_cents", "waiver", "outcome"),
    [
        ("send", 63000, False, "meets_criteria"),  # Form I-131 filing fee, $630 in 2026
        ("waiver", None, True, "meets_criteria"),
        ("unknown", None, False, "needs_information"),
    ],
)
def test_the_filing_fee_is_sent_waived_or_not_known_yet_and_not_known_asks_for_it(
    beneficiary: User, answer: str, sent_cents: int | None, waiver: bool, outcome: str
) -> None:
    client = signed_in(beneficiary)
    created = _filed(client, _answers({}, fee={"filing_fee": answer}))
    assert created.document.get("filing_fee_remitted_cents") == sent_cents
    assert created.document["fee_waiver_requested"] is waiver
    _send_anyway(client, created)
    assert created.prescreens.get(is_current=True).outcome == outcome
    page = client.get(f"/es/requests/{created.reference}/").content.decode()
    said = "Aún no comprobado: la solicitud no indica la tasa de presentación enviada."
    assert (said in page) is (answer == "unknown")


def test_a_rule_the_answers_fail_is_said_to_be_not_met_not_left_for_an_officer_to_check(
    beneficiary: User,
) -> None:
    # The child answered Yes to "in the United States now": general parole's rule for people
    # outside the United States fails for her, it is not an open question.
    members = {**_member(0, "child", "2016-02-10", in_united_states="yes")}
    client = signed_in(beneficiary)
    created = _filed(client, _answers(members))
    _send_anyway(client, created)
    page = client.get(f"/requests/{created.reference}/").content.decode()
    child = page[page.index('id="prescreen-person-2"') : page.index('id="checklist-heading"')]
    point = child[child.index("This process is for people outside the United States") - 200 :]
    assert "From what you told us, this is not met." in point[:200]
    assert "An officer will check whether this is met." not in point[:200]


def test_a_fee_with_nothing_to_pay_says_why_and_a_fee_to_pay_does_not_repeat_its_reason(
    beneficiary: User,
) -> None:
    # The principal states a medical emergency whose treatment is unavailable at home: the
    # exception of 8 U.S.C. 1804(b)(1)(A), (B)(i) to the parole fee, the principal's alone.
    client = signed_in(beneficiary)
    created = _filed(client, _answers({**_member(0, "spouse", "1986-05-02")}))
    _send_anyway(client, created)
    page = client.get(f"/requests/{created.reference}/").content.decode()
    principal = page[page.index('id="prescreen-person-1"') : page.index('id="prescreen-person-2"')]
    spouse = page[page.index('id="prescreen-person-2"') : page.index('id="checklist-heading"')]
    exempt = principal[principal.index("Immigration parole fee") :].split("</li>")[0]
    assert "nothing to pay" in exempt
    assert "1804(b)(1)(A)" in exempt and "cannot obtain necessary treatment" in exempt
    charged = spouse[spouse.index("Immigration parole fee") :].split("</li>")[0]
    assert "$1,000" in charged and "portal-fee-reason" not in charged


@pytest.mark.parametrize(
    ("members", "due"),
    [
        # Form I-131 instructions: "A separate application and fee for each individual principal
        # and derivative beneficiary is required." $630 a person in 2026.
        ({}, "$630"),
        ({**_member(0, "spouse", "1986-05-02"), **_member(1, "child", "2016-02-10")}, "$1,890"),
        # A spouse who does not travel or join is not part of the request (ADR 0278); one whose
        # travel is not known yet is still counted.
        ({**_member(0, "spouse", "1986-05-02", travelling_with_principal="no")}, "$630"),
        ({**_member(0, "spouse", "1986-05-02", travelling_with_principal="unknown")}, "$1,260"),
    ],
)
def test_the_fee_step_says_how_much_is_due_for_everyone_in_the_request(
    beneficiary: User, members: dict[str, str], due: str
) -> None:
    client = signed_in(beneficiary)
    answers = _answers(members)
    before_fee = dict(list(answers.items())[: list(answers).index("fee")])
    for step, fields in before_fee.items():
        data = {k if k.startswith(f"{step}-") else f"{step}-{k}": v for k, v in fields.items()}
        assert client.post(f"{BASE}{step}/", data).status_code == 302, step
    page = client.get(f"{BASE}fee/").content.decode()
    assert f"The filing fee due for everyone in this request: {due}." in page


def test_a_spouse_who_does_not_travel_or_join_is_shown_apart_and_not_screened_or_priced(
    beneficiary: User,
) -> None:
    members = {
        **_member(0, "spouse", "1986-05-02", travelling_with_principal="no"),
        **_member(1, "child", "2016-02-10"),
    }
    client = signed_in(beneficiary)
    created = _filed(client, _answers(members))
    _send_anyway(client, created)
    created.refresh_from_db()
    record = created.prescreens.get(is_current=True)
    outcomes = [person["outcome"] for person in record.people]
    assert outcomes == ["meets_criteria", "not_applicable", "meets_criteria"]
    assert record.people[1]["rules"] == [] and record.people[1]["fees"] == []
    page = client.get(f"/requests/{created.reference}/").content.decode()
    spouse = page[page.index('id="prescreen-person-2"') : page.index('id="prescreen-person-3"')]
    assert "Taras Kovalenko (Spouse or partner of the principal)" in spouse
    assert "Not part of this request." in spouse
    assert "does not travel with the person or join them" in spouse
    assert "Form I-131 filing fee" not in spouse and "Longest parole period" not in spouse
    household = page[page.index('id="prescreen-household"') :].split("</p>")[0]
    assert "Meets the basic criteria: 2." in household
    apart = page[page.index('id="prescreen-not-part"') :].split("</p>")[0]
    assert "are not part of this request: 1." in apart
    prescreen = page[page.index('id="prescreen"') : page.index('id="checklist-heading"')]
    assert not RAW_KEYS.search(prescreen) and "not_applicable" not in prescreen


def test_a_spouse_not_part_of_the_request_reads_in_spanish(beneficiary: User) -> None:
    members = _member(0, "spouse", "1986-05-02", travelling_with_principal="no")
    client = signed_in(beneficiary)
    created = _filed(client, _answers(members))
    _send_anyway(client, created)
    page = client.get(f"/es/requests/{created.reference}/").content.decode()
    spouse = page[page.index('id="prescreen-person-2"') : page.index('id="checklist-heading"')]
    assert "No forma parte de esta solicitud." in spouse
    assert "no forman parte de esta solicitud: 1." in page
    assert "Not part of this request" not in page
