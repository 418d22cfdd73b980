"""The what-if report: which pending requests a draft would change, and why."""

from __future__ import annotations

import pytest

from lifeline.programs.evaluation import prescreen
from lifeline.programs.loader import read_program_version
from lifeline.programs.registry import get_registry
from lifeline.programs.tests.builders import EVALUATED_AT, document
from lifeline.programs.what_if import compare_versions


def _draft(old: str, new: str, base: str = "u4u-2024-02-27"):
    current = get_registry().version(base)
    assert current is not None and old in current.source_text
    return read_program_version(
        current.source_text.replace(old, new),
        source_name="draft.yaml",
        fee_kinds=get_registry().fees.kinds(),
        check_location=False,
    )


@pytest.fixture
def pending():
    return [
        ("HP-1", document("u4u")),
        ("HP-2", document("u4u", {"supporters": []})),
        ("HP-3", document("u4u", {"beneficiary.birth_date": "2006-01-01"})),
        ("HP-4", document("chnv_cuba")),
    ]


def test_a_draft_that_changes_nothing_reports_no_changes(pending):
    draft = _draft("title: Uniting for Ukraine, with", "title: Uniting for Ukraine (draft), with")
    report = compare_versions(pending, draft=draft, evaluated_at=EVALUATED_AT)
    assert (report.evaluated_count, report.changed_count, report.skipped_other_programs) == (
        3,
        0,
        1,
    )


def test_a_stricter_supporter_list_lists_the_requests_it_would_change_and_why(pending):
    draft = _draft("    - citizen\n", "")
    report = compare_versions(pending, draft=draft, evaluated_at=EVALUATED_AT)
    assert [change.reference for change in report.changes] == ["HP-1", "HP-3"]
    first = report.changes[0]
    assert (first.before_version, first.before_outcome, first.after_outcome) == (
        "u4u-2022-04-25",
        "meets_criteria",
        "not_eligible",
    )
    assert [(rule.id, rule.before, rule.after) for rule in first.rule_changes] == [
        ("supporter_status_qualifies", "pass", "fail")
    ]
    assert report.transitions == {
        "meets_criteria->not_eligible": 1,
        "needs_information->not_eligible": 1,
    }


def test_a_draft_applies_its_intake_status_as_if_in_force_on_the_filing_date(pending):
    draft = _draft("title: Uniting for Ukraine, paused", "title: Paused", base="u4u-2025-01-28")
    report = compare_versions(pending, draft=draft, evaluated_at=EVALUATED_AT)
    # the January 2025 version pauses initial requests: every initial request would be refused
    assert report.changed_count == 3
    assert {change.after_outcome for change in report.changes} == {"not_accepted"}
    assert report.changes[0].rule_changes[0].id == "accepting_requests_on_filing_date"


def test_the_before_outcome_is_the_prescreens_for_a_kind_a_later_version_first_took():
    # U4U first took re-parole on 2024-02-27: one filed the day before was filed too early.
    early = document(
        "u4u",
        {
            "kind": "reparole",
            "filed_on": "2024-02-26",
            "immigration_history.in_united_states": True,
            "immigration_history.prior_parole": {
                "class_of_admission": "PAR",
                "paroled_on": "2022-03-01",
                "ends_on": "2024-05-26",
                "complied_with_conditions": True,
            },
        },
    )
    screened = prescreen(early, evaluated_at=EVALUATED_AT)
    assert screened.program_version == "u4u-2022-04-25"
    # A draft of the version that takes re-parole: the request would change, from what the
    # pre-screen says of it.
    draft = _draft("title: Uniting for Ukraine", "title: Uniting for Ukraine (draft)")

    report = compare_versions([("HP-1", early)], draft=draft, evaluated_at=EVALUATED_AT)

    (change,) = report.changes
    assert (change.before_version, change.before_outcome) == (
        screened.program_version,
        screened.outcome,
    )
    assert change.before_outcome == "not_accepted"
