"""Pre-screen semantics: every rule evaluated, outcome precedence, unknown facts, the JSON shape."""

from __future__ import annotations

import datetime as dt
import json

import cel
import pytest

from lifeline.programs.documents import RequestDocument
from lifeline.programs.errors import NoVersionInForce, UnknownProgram
from lifeline.programs.evaluation import (
    get_filing_fee_due_cents,
    list_required_evidence,
    prescreen,
)
from lifeline.programs.expressions import presence_tests
from lifeline.programs.registry import get_registry, load_registry
from lifeline.programs.tests.builders import EVALUATED_AT
from lifeline.programs.tests.policy_texts import make_policy_dir, write_version


@pytest.fixture
def registry(tmp_path):
    root = make_policy_dir(tmp_path)
    write_version(root)
    return load_registry(root)


def _document(**changes) -> RequestDocument:
    data = {
        "program": "testprog",
        "kind": "initial",
        "category": "medical",
        "filed_on": "2030-03-01",
        "beneficiary": {
            "given_name": "A",
            "family_name": "B",
            "birth_date": "1990-01-01",
            "sex": "F",
            "citizenships": ["UA"],
            "current_country": "PL",
            "passport": {"country": "UA", "number": "X1234567", "expires_on": "2035-01-01"},
        },
        "immigration_history": {"in_united_states": False, "in_removal_proceedings": False},
    }
    for key, value in changes.items():
        if key in ("in_united_states", "in_removal_proceedings"):
            data["immigration_history"][key] = value
        else:
            data[key] = value
    return RequestDocument.model_validate(data)


def _outcome(registry, **changes):
    """The pre-screen of a request that sends the filing fee due, unless `changes` say otherwise."""
    document = _document(**changes)
    if "filing_fee_remitted_cents" not in changes:
        due_cents = get_filing_fee_due_cents(document, registry=registry)
        document = document.model_copy(update={"filing_fee_remitted_cents": due_cents})
    return prescreen(document, evaluated_at=EVALUATED_AT, registry=registry)


FAIL_NOT_ACCEPTED = {"filed_on": "2030-07-01"}
FAIL_ROUTE = {"in_removal_proceedings": True}
FAIL_NOT_ELIGIBLE = {"in_united_states": True}
FAIL_NEEDS_INFORMATION = {
    "beneficiary": {
        "given_name": "A",
        "family_name": "B",
        "birth_date": "2020-01-01",
        "sex": "F",
        "citizenships": ["UA"],
        "current_country": "PL",
    }
}


@pytest.mark.parametrize(
    ("failures", "outcome"),
    [
        ([], "meets_criteria"),
        ([FAIL_NEEDS_INFORMATION], "needs_information"),
        ([FAIL_NEEDS_INFORMATION, FAIL_NOT_ELIGIBLE], "not_eligible"),
        ([FAIL_NEEDS_INFORMATION, FAIL_NOT_ELIGIBLE, FAIL_ROUTE], "route_elsewhere"),
        (
            [FAIL_NEEDS_INFORMATION, FAIL_NOT_ELIGIBLE, FAIL_ROUTE, FAIL_NOT_ACCEPTED],
            "not_accepted",
        ),
        ([FAIL_NOT_ACCEPTED, FAIL_NEEDS_INFORMATION], "not_accepted"),
        ([FAIL_ROUTE, FAIL_NEEDS_INFORMATION], "route_elsewhere"),
    ],
)
def test_the_strongest_failure_decides_the_outcome(registry, failures, outcome):
    changes = {key: value for failure in failures for key, value in failure.items()}
    result = _outcome(registry, **changes)
    assert result.outcome == outcome
    assert result.route_to == ("ice" if outcome == "route_elsewhere" else None)


def test_every_rule_is_evaluated_even_after_failures(registry):
    result = _outcome(registry, **FAIL_NOT_ACCEPTED, **FAIL_ROUTE, **FAIL_NOT_ELIGIBLE)
    assert [rule.id for rule in result.rules] == [
        "accepting_requests_on_filing_date",
        "request_kind_accepted",
        "category_accepted",
        "cap_not_reached_test_total",
        "outside_united_states",
        "not_in_proceedings",
        "filed_before_cutoff",
        "passport_valid",
        "adult",
        "filing_fee_remitted",
    ]
    assert {rule.id for rule in result.rules if rule.result == "fail"} == {
        "outside_united_states",
        "not_in_proceedings",
        "filed_before_cutoff",
    }


def test_a_rule_that_cannot_be_evaluated_for_a_missing_fact_is_unknown(registry):
    result = _outcome(registry, **FAIL_NEEDS_INFORMATION)
    passport = next(rule for rule in result.rules if rule.id == "passport_valid")
    assert passport.result == "unknown"
    assert "Not checked: the request does not say passport." in passport.explanation
    assert result.outcome == "needs_information"


def test_a_rule_with_a_false_guard_is_not_applicable(registry):
    document = _document()
    assert document.kind == "initial"
    result = prescreen(
        document.model_copy(update={"kind": "reparole"}),
        registry=registry,
        evaluated_at=EVALUATED_AT,
    )
    adult = next(rule for rule in result.rules if rule.id == "adult")
    assert adult.result == "not_applicable"
    # testprog takes initial requests only: a re-parole request goes to the general one.
    assert (result.outcome, result.route_to) == ("route_elsewhere", "reparole")


def test_a_request_filed_before_the_program_existed_is_not_accepted(registry):
    result = _outcome(registry, filed_on="2029-12-31")
    assert result.program_version == "testprog-2030-01-01"
    assert result.rules[0].result == "fail"
    assert result.outcome == "not_accepted"


def test_the_result_json_has_exactly_the_documented_keys(registry):
    payload = json.loads(_outcome(registry).model_dump_json())
    assert list(payload) == [
        "answer_version",
        "outcome",
        "outcome_explanation",
        "program",
        "program_version",
        "evaluated_at",
        "as_of",
        "postmarked_on",
        "route_to",
        "route",
        "cautions",
        "parole_max_days",
        "parole",
        "fees",
        "rules",
        "people",
        "household",
    ]
    assert payload["answer_version"] == 2
    assert payload["evaluated_at"] == "2026-11-28T10:00:00Z"
    assert payload["as_of"] == "2026-11-28"
    assert payload["parole_max_days"] == 365
    assert payload["parole"] == {
        "requested_days": None,
        "program_max_days": 365,
        "allowed_days": 365,
    }
    assert set(payload["fees"][0]) == {
        "kind",
        "amount_usd",
        "waivable",
        "reason",
        "charged_at",
        "priced_on",
        "citation",
    }
    assert set(payload["rules"][0]) == {"id", "result", "explanation", "citation"}
    assert set(payload["rules"][0]["citation"]) == {"authority", "url", "quote"}
    assert [person["person"] for person in payload["people"]] == ["principal"]
    assert list(payload["people"][0]) == [
        "person",
        "relationship",
        "outcome",
        "outcome_explanation",
        "route_to",
        "route",
        "parole",
        "fees",
        "rules",
    ]
    assert payload["outcome_explanation"] == payload["people"][0]["outcome_explanation"] != ""
    assert payload["household"] == {
        "people": 1,
        "outcomes": {"meets_criteria": 1},
        "all_meet_criteria": True,
        "not_part_of_request": 0,
    }


def test_evaluated_at_defaults_to_the_clock(registry, time_machine):
    time_machine.move_to(dt.datetime(2031, 5, 6, 7, 8, 9, 123456, tzinfo=dt.UTC))
    result = prescreen(_document(), registry=registry)
    assert result.evaluated_at == dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=dt.UTC)


def test_an_unknown_program_is_a_clear_not_found():
    with pytest.raises(UnknownProgram, match="Unknown program 'nowhere'; known programs: "):
        get_registry().versions("nowhere")


def test_version_in_force_refuses_a_date_before_the_first_version():
    registry = get_registry()
    assert registry.version_in_force("u4u", dt.date(2024, 3, 1)).version == "u4u-2024-02-27"
    with pytest.raises(NoVersionInForce):
        registry.version_in_force("u4u", dt.date(2022, 4, 24))


def test_the_evidence_checklist_follows_category_kind_and_guards(registry):
    adult = [item.id for item in list_required_evidence(_document(), registry=registry)]
    child = list_required_evidence(_document(**FAIL_NEEDS_INFORMATION), registry=registry)
    assert adult == ["identity", "physician_statement"]
    assert [item.id for item in child] == ["identity", "physician_statement", "parental_consent"]


def test_projected_context_gives_the_same_results_as_the_whole_document():
    from lifeline.programs.evaluation import evaluate
    from lifeline.programs.facts import build_context
    from lifeline.programs.tests.builders import BASES, document

    registry = get_registry()
    for program in BASES:
        doc = document(program)
        version = registry.version_for_filing(program, doc.postmarked_on)
        whole = evaluate(doc, version, build_context(doc), evaluated_at=EVALUATED_AT)
        projected = evaluate(
            doc, version, build_context(doc, registry.usage_for(version)), evaluated_at=EVALUATED_AT
        )
        assert whole == projected


@pytest.mark.parametrize(
    ("source", "doc", "absent"),
    [
        ("has(doc.a)", {}, "a"),
        ("has(doc.a)", {"a": 1}, None),
        ("doc.b == 1 && has(doc.a.c)", {"b": 1, "a": {}}, "a.c"),
        # Another part that does not hold decides: the rule fails whatever the missing fact.
        ("doc.b == 1 && has(doc.a)", {"b": 2}, None),
        ("doc.t != '' && doc.b == 1", {"t": "", "b": 1}, "t"),
        ("doc.t != '' && doc.b == 1", {"t": "", "b": 2}, None),
        # Only a test at the top level counts: inside a negation or a macro absence means "no".
        ("!has(doc.a)", {}, None),
        ("(doc.b == 1 || has(doc.a))", {"b": 2}, None),
        ("doc.list.all(x, has(x.a))", {"list": [{}]}, None),
        ("doc.s == 'a && b' && has(doc.a)", {"s": "a && b"}, "a"),
    ],
)
def test_a_presence_test_not_holding_names_the_fact_only_when_the_rest_holds(source, doc, absent):
    context = cel.Context(variables={"doc": doc})
    assert presence_tests(source).absent(context) == absent
