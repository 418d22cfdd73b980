"""The parole fee's start date and open exemption, the Afghan start date, and refused documents."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from pydantic import ValidationError

from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import prescreen
from lifeline.programs.registry import get_registry

EXAMPLES = Path(settings.BASE_DIR) / "examples"


def _example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text())


def _parole_fee(document: dict, as_of: dt.date):
    answer = prescreen(RequestDocument.model_validate(document), as_of=as_of)
    return next(line for line in answer.fees if line.kind == "parole_grant")


def test_a_grant_the_day_before_dhs_began_charging_owes_nothing_and_cites_the_notice():
    document = _example("general-medical.json") | {"postmarked_on": "2025-09-01"}
    before = _parole_fee(document, dt.date(2025, 10, 15))
    on = _parole_fee(document, dt.date(2025, 10, 16))
    assert (before.amount_usd, on.amount_usd) == (0, 1000)
    assert "FR Doc 2025-19564" in before.citation.authority
    assert "1804(c)" not in before.citation.authority


@pytest.mark.parametrize(("emergency", "open_named"), [(None, True), (False, False)])
def test_the_fee_line_names_a_medical_exemption_the_facts_leave_open(emergency, open_named):
    document = _example("general-medical.json")
    document["urgency"] |= {"medical_emergency": emergency, "treatment_unavailable_at_home": True}
    line = _parole_fee(document, dt.date(2026, 12, 1))
    assert line.amount_usd == 1000
    assert ("Not known whether exempt" in line.reason) is open_named


def test_afghan_start_date_quotes_the_sentence_that_states_it():
    version = get_registry().version_for_filing("afghan_reparole", dt.date(2024, 11, 18))
    rule = next(rule for rule in version.rules if rule.id == "paroled_on_or_after_2021_07_31")
    assert "on or after July 31, 2021" in rule.citation.quote
    assert "Sept. 30, 2023" not in rule.citation.quote


@pytest.mark.parametrize(
    ("paroled_on", "result"),
    [("2021-07-30", "fail"), ("2021-07-31", "pass"), ("2023-10-01", "pass")],
)
def test_afghan_first_parole_counts_from_july_31_2021_with_no_end(paroled_on, result):
    document = _example("afghan-reparole.json")
    document["immigration_history"]["prior_parole"]["paroled_on"] = paroled_on
    answer = prescreen(RequestDocument.model_validate(document), as_of=dt.date(2024, 11, 18))
    rule = next(rule for rule in answer.rules if rule.id == "paroled_on_or_after_2021_07_31")
    assert rule.result == result


def _household_child(born: str, given: str = "Child") -> dict:
    person = _example("u4u-initial.json")["beneficiary"] | {"birth_date": born, "given_name": given}
    return {"relationship": "child", "person": person}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["beneficiary"].update(citizenships=["UA", "UA"]), "citizenships names a"),
        (
            lambda d: d.update(household=[{"relationship": "spouse", "person": d["beneficiary"]}]),
            "household[0] is the principal beneficiary themself",
        ),
        (
            lambda d: d.update(household=[_household_child(d["beneficiary"]["birth_date"])]),
            "household[0] is a child not born after the principal beneficiary",
        ),
        (
            lambda d: d.update(household=[_household_child("2023-03-15")]),
            "household[0].person.birth_date is after postmarked_on",
        ),
        (
            lambda d: d.update(household=[_household_child("2015-01-01")] * 2),
            "household[1] is the same person as household[0]",
        ),
        (
            lambda d: d.update(schema_version=1, filed_on=d["postmarked_on"]),
            "schema_version 1 names the filing date filed_on",
        ),
        (lambda d: d.update(filed_on=d["postmarked_on"]), "filed_on is the filing date of"),
    ],
)
def test_the_request_document_refuses_impossible_people_and_dates(change, message):
    document = _example("u4u-initial.json")
    change(document)
    with pytest.raises(ValidationError) as caught:
        RequestDocument.model_validate(document)
    assert message in str(caught.value)


def test_a_child_born_after_the_principal_is_accepted():
    document = _example("u4u-initial.json")
    document["household"] = [_household_child("2015-01-01")]
    assert RequestDocument.model_validate(document).household[0].relationship == "child"


def test_twins_and_a_child_born_on_the_postmark_date_are_accepted():
    document = _example("u4u-initial.json")
    document["household"] = [
        _household_child("2015-01-01", "Sofia"),
        _household_child("2015-01-01", "Maria"),
        _household_child(document["postmarked_on"], "Ivan"),
    ]
    assert len(RequestDocument.model_validate(document).household) == 3
