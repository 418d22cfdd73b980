"""A program version's termination names its event on the policy timeline, where the dates and
the court orders acting on it are recorded once; `lifeline policies validate` checks the name."""

from __future__ import annotations

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.registry import load_registry, reset_registry
from lifeline.programs.services import record_draft_program_version
from lifeline.programs.tests.policy_texts import (
    MINIMAL,
    TEST_CITATION,
    make_policy_dir,
    write_version,
)
from lifeline.programs.timeline_files import reset_timeline
from lifeline.programs.validation import validate_policy_path

TIMELINE = """\
version: timeline-2030-01-01
title: A timeline for tests
checked_on: 2030-06-01
events:
- id: testprog_termination
  subject: parole:{subject}
  effect: terminate
  effective_on: 2030-04-01
  announced_on: {announced_on}
  checked_on: 2030-06-01
  summary: The test program is terminated; parole ends on 1 Apr 2030.
  sources:
  - authority:
      kind: program_page
      title: A test page
      url: https://www.uscis.gov/humanitarian
    quote: The test program is terminated.
    confidence: secondary
    read_in: https://example.org/a-copy-of-the-test-page
"""


def _terminated(event: str) -> str:
    termination = f"""\
termination:
  event: {event}
  individual_exceptions: Unless decided otherwise in an individual case.
  citation: TEST_CITATION
"""
    intake_end = """\
  - starts_on: 2030-03-01
    status: terminated
    reason: Terminated for tests.
    citation: TEST_CITATION
request_kinds:"""
    text = MINIMAL.replace("request_kinds:", intake_end, 1)
    text = text.replace("parole:\n", termination + "parole:\n", 1)
    return text.replace("TEST_CITATION", TEST_CITATION)


def _root(tmp_path, *, event: str, subject: str = "testprog", announced_on: str = "2030-03-01"):
    root = make_policy_dir(tmp_path)
    write_version(root, _terminated(event))
    (root / "pathways").mkdir()
    (root / "pathways" / "timeline-2030-01-01.yaml").write_text(
        TIMELINE.format(subject=subject, announced_on=announced_on), encoding="utf-8"
    )
    return root


def test_a_termination_naming_its_timeline_event_validates(tmp_path):
    root = _root(tmp_path, event="testprog_termination")
    assert load_registry(root).versions("testprog")[0].termination is not None
    assert "valid" in validate_policy_path(root)


@pytest.mark.parametrize(
    ("event", "subject", "announced_on", "problem"),
    [
        ("testprog_ended", "testprog", "2030-03-01", "'testprog_ended' is no termination event"),
        ("testprog_termination", "otherprog", "2030-03-01", "terminates parole:otherprog"),
        ("testprog_termination", "testprog", "2030-02-28", "on no terminated intake date"),
    ],
)
def test_a_termination_naming_no_event_of_its_program_is_refused(
    tmp_path, event, subject, announced_on, problem
):
    root = _root(tmp_path, event=event, subject=subject, announced_on=announced_on)
    with pytest.raises(PolicyFileInvalid) as caught:
        validate_policy_path(root)
    assert problem in caught.value.message


@pytest.mark.django_db
def test_a_draft_naming_no_timeline_event_is_refused_before_it_is_kept(tmp_path, settings):
    settings.LIFELINE_POLICY_DIR = _root(tmp_path, event="testprog_termination")
    reset_registry()
    reset_timeline()
    administrator = User.objects.create_user(username="admin1", role=UserRole.PROGRAM_ADMINISTRATOR)
    try:
        with pytest.raises(PolicyFileInvalid, match="'no_such_event' is no termination event"):
            record_draft_program_version(
                actor=administrator, source_yaml=_terminated("no_such_event")
            )
        kept = record_draft_program_version(
            actor=administrator, source_yaml=_terminated("testprog_termination")
        )
        assert kept.version == "testprog-2030-01-01"
    finally:
        reset_registry()
        reset_timeline()
