"""A policy file with a mistake is refused on load with the file, line, rule id and the problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from pydantic import ValidationError

from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.registry import load_registry
from lifeline.programs.tests.policy_texts import (
    MINIMAL,
    make_policy_dir,
    write_version,
)
from lifeline.programs.timeline import Reregistration
from lifeline.programs.timeline_files import load_timeline

FILE = "policies/testprog/testprog-2030-01-01.yaml"
CUTOFF_RULE = '    expression: "facts.postmarked_on < params.cutoff_on"'


def _line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def _refusal(tmp_path, text: str) -> str:
    root = make_policy_dir(tmp_path)
    write_version(root, text)
    with pytest.raises(PolicyFileInvalid) as caught:
        load_registry(root)
    return caught.value.message


@pytest.mark.parametrize(
    ("old", "new", "rule_id", "problem"),
    [
        (
            CUTOFF_RULE,
            '    expression: "facts.postmarked_on <"',
            "filed_before_cutoff",
            "CEL syntax error",
        ),
        (
            CUTOFF_RULE,
            '    expression: "age_at(facts.postmarked_on, facts.postmarked_on) > 1"',
            "filed_before_cutoff",
            "undefined helper 'age_at'",
        ),
        (
            CUTOFF_RULE,
            '    expression: "doc.beneficiary.pasport.expires_on > facts.postmarked_on"',
            "filed_before_cutoff",
            "'doc.beneficiary.pasport' is not a field of the request document",
        ),
        (
            CUTOFF_RULE,
            '    expression: "facts.filing_day < params.cutoff_on"',
            "filed_before_cutoff",
            "unknown fact 'facts.filing_day'",
        ),
        (
            CUTOFF_RULE,
            '    expression: "facts.postmarked_on < params.cut_off_on"',
            "filed_before_cutoff",
            "unknown parameter 'params.cut_off_on'",
        ),
        (
            CUTOFF_RULE,
            '    expression: "facts.postmarked_on < stuff"',
            "filed_before_cutoff",
            "unknown variable 'stuff'",
        ),
        (
            CUTOFF_RULE,
            '    expression: "facts.postmarked_on > 5"',
            "filed_before_cutoff",
            "cannot be evaluated",
        ),
        (
            CUTOFF_RULE,
            '    expression: "facts.beneficiary_age_years"',
            "filed_before_cutoff",
            "must give true or false",
        ),
    ],
)
def test_a_bad_expression_is_refused_naming_file_line_and_rule(
    tmp_path, old, new, rule_id, problem
):
    text = MINIMAL.replace(old, new)
    message = _refusal(tmp_path, text)
    assert f"{FILE}, line {_line_of(text, new.strip())}, rule '{rule_id}'" in message
    assert problem in message


@pytest.mark.parametrize(
    ("old", "new", "fragment", "problem"),
    [
        ("title: A test program", "title: [unclosed", "summary:", "not valid YAML"),
        (
            "title: A test program",
            "title: A test program\ncolour: blue",
            "colour:",
            "unknown key 'colour'",
        ),
        ("effective_from: 2030-01-01", "effective_from: 2030-02-30", "effective_from:", "bad date"),
        ('  cutoff_on: "2030-06-01"', '  cutoff_on: "2030-13-01"', "cutoff_on:", "bad date"),
        (
            "title: A test program",
            "title: A test program\ntitle: Again",
            "title: Again",
            "duplicate key 'title'",
        ),
        (
            "  - kind: parole_grant",
            "  - kind: visa_fee",
            "kind: visa_fee",
            "fee kind 'visa_fee' is not in the shared fee schedule",
        ),
        (
            "version: testprog-2030-01-01",
            "version: testprog-2030-02-02",
            "version:",
            "the file must be named testprog-2030-02-02.yaml",
        ),
    ],
)
def test_a_file_level_mistake_is_refused_naming_file_and_line(
    tmp_path, old, new, fragment, problem
):
    text = MINIMAL.replace(old, new)
    message = _refusal(tmp_path, text)
    assert f"{FILE}, line {_line_of(text, fragment)}" in message
    assert problem in message


def test_an_unknown_key_inside_a_rule_names_the_rule(tmp_path):
    text = MINIMAL.replace(
        "    effect: route_elsewhere\n", "    effect: route_elsewhere\n    severity: high\n"
    )
    message = _refusal(tmp_path, text)
    assert f"line {_line_of(text, 'severity:')}, rule 'not_in_proceedings'" in message
    assert "unknown key 'severity'" in message


def test_a_duplicate_rule_id_is_refused(tmp_path):
    text = MINIMAL.replace("  - id: adult\n", "  - id: passport_valid\n")
    message = _refusal(tmp_path, text)
    assert "rule 'passport_valid'" in message
    assert "duplicate rule id 'passport_valid'" in message


def test_route_elsewhere_needs_route_to(tmp_path):
    message = _refusal(tmp_path, MINIMAL.replace("    route_to: ice\n", ""))
    assert "rule 'not_in_proceedings'" in message
    assert "route_to is required" in message


def test_a_rule_may_not_take_a_built_in_rule_id(tmp_path):
    text = MINIMAL.replace("  - id: adult\n", "  - id: category_accepted\n")
    assert "is reserved" in _refusal(tmp_path, text)


def test_overlapping_versions_of_one_program_are_refused(tmp_path):
    root = make_policy_dir(tmp_path)
    write_version(
        root,
        MINIMAL.replace(
            "effective_from: 2030-01-01", "effective_from: 2030-01-01\neffective_until: 2030-12-31"
        ),
    )
    later = MINIMAL.replace("2030-01-01", "2030-06-01")
    write_version(root, later, name="testprog-2030-06-01")
    with pytest.raises(PolicyFileInvalid) as caught:
        load_registry(root)
    assert "policies/testprog/testprog-2030-06-01.yaml" in caught.value.message
    assert "effective dates overlap with testprog-2030-01-01" in caught.value.message


def test_a_shared_cap_must_mean_the_same_limit_everywhere(tmp_path):
    root = make_policy_dir(tmp_path)
    write_version(root)
    other = MINIMAL.replace("testprog", "otherprog").replace("limit: 100", "limit: 200")
    write_version(root, other, name="otherprog-2030-01-01")
    with pytest.raises(PolicyFileInvalid) as caught:
        load_registry(root)
    assert "cap 'test_total'" in caught.value.message


def test_a_bad_fee_file_is_refused_too(tmp_path):
    root = make_policy_dir(tmp_path)
    fee_file = root / "_fees" / "fees-2024-04-01.yaml"
    fee_file.write_text(fee_file.read_text().replace("amount_usd: 630", "amount_usd: lots"))
    with pytest.raises(PolicyFileInvalid) as caught:
        load_registry(root)
    assert "policies/_fees/fees-2024-04-01.yaml, line" in caught.value.message
    assert "amount_usd" in caught.value.message


def test_the_minimal_policy_itself_is_valid(tmp_path):
    root = make_policy_dir(tmp_path)
    write_version(root)
    assert load_registry(root).programs() == ["testprog"]


def test_a_reregistration_period_that_closes_before_it_opens_names_the_fault():
    timeline = load_timeline(Path(settings.LIFELINE_POLICY_DIR)).file
    event = next(e for e in timeline.events if e.reregistration is not None)
    assert event.reregistration is not None
    period = event.reregistration.model_dump()

    with pytest.raises(ValidationError, match="closes_on is before opens_on"):
        Reregistration.model_validate(
            period | {"closes_on": period["opens_on"] - dt.timedelta(days=1)}
        )
    assert Reregistration.model_validate(period | {"closes_on": period["opens_on"]})
