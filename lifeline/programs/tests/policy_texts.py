"""A small valid program version for loader, evaluation and publishing tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

# A real primary citation in flow style, usable wherever a policy file takes `citation`.
TEST_CITATION = (
    "{authority: {kind: statute, ina_section: 212(d)(5)(A), usc_title: 8, "
    "usc_section: 1182(d)(5)(A), url: 'https://uscode.house.gov/view.xhtml?req=granuleid:"
    "USC-prelim-title8-section1182&num=0&edition=prelim'}, quote: 'only on a case-by-case basis "
    "for urgent humanitarian reasons or significant public benefit'}"
)

MINIMAL = """\
program: testprog
version: testprog-2030-01-01
title: A test program
summary: A program used only by the test suite.
effective_from: 2030-01-01
checked_on: 2026-12-07
cut_off_on: 2026-12-07
intake:
  - starts_on: 2030-01-01
    status: open
    reason: Open for tests.
    citation: TEST_CITATION
request_kinds: [initial]
categories: [medical, other]
evidence:
  all:
    - id: identity
      label: An identity document
  medical:
    - id: physician_statement
      label: A physician's statement
    - id: parental_consent
      label: Consent of a parent
      when: "facts.is_minor"
caps:
  - id: test_total
    limit: 100
    period: total
    citation: TEST_CITATION
parole:
  max_days: 365
adjudication:
  sla_hours: {standard: 720, high: 168, critical: 48}
  evidence_response_days: 30
  signoff: {every_denial: true, approval_with_open_integrity_flag: true}
  blind_second_review_share: 0.1
  rubric:
    - id: urgency
      label: Urgency
      guidance: How pressing it is.
  reason_codes:
    - code: approve_test
      decision: approve
      label: Approved
      notice_text: Parole is authorized.
fees:
  - kind: i131_filing
  - kind: parole_grant
params:
  cutoff_on: "2030-06-01"
rules:
  - id: outside_united_states
    expression: "!doc.immigration_history.in_united_states"
    effect: not_eligible
    explanation: Must be outside the United States.
    citation: TEST_CITATION
  - id: not_in_proceedings
    expression: "!doc.immigration_history.in_removal_proceedings"
    effect: route_elsewhere
    route_to: ice
    explanation: People in removal proceedings go to ICE.
    citation: TEST_CITATION
  - id: filed_before_cutoff
    expression: "facts.postmarked_on < params.cutoff_on"
    effect: not_accepted
    explanation: Filed before the cutoff.
    citation: TEST_CITATION
  - id: passport_valid
    expression: "doc.beneficiary.passport.expires_on >= facts.postmarked_on"
    effect: not_eligible
    explanation: A valid passport.
    citation: TEST_CITATION
  - id: adult
    when: "doc.kind == 'initial'"
    expression: "!facts.is_minor"
    effect: needs_information
    explanation: An adult, or information about the child's guardian.
    citation: TEST_CITATION
uncertainties:
  - field: params.cutoff_on
    value: "2030-06-01"
    why: A made-up date for the tests.
    citations: [Test citation.]
sources:
  - Test source.
""".replace("TEST_CITATION", TEST_CITATION)


def make_policy_dir(tmp_path: Path, *, with_shipped: bool = False) -> Path:
    """A policy folder with the shipped fee schedules (and optionally the shipped programs)."""
    shipped = Path(settings.LIFELINE_POLICY_DIR)
    root = tmp_path / "policies"
    if with_shipped:
        shutil.copytree(shipped, root)
    else:
        shutil.copytree(shipped / "_fees", root / "_fees")
    return root


def write_version(root: Path, text: str = MINIMAL, name: str = "testprog-2030-01-01") -> Path:
    folder = root / name.split("-")[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path
