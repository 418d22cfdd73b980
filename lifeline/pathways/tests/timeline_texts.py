"""Test timelines: the shipped one with a court order or termination added, in a copy of the
policy folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from lifeline.pathways.registry import reset_pathway_registry
from lifeline.programs.tests.policy_texts import make_policy_dir

SHIPPED_VERSION = "timeline-2026-12-07"
# A stay of the CHNV Cuba termination from 20 June 2025: test data only, not a real order.
STAY_EVENT = """
- id: chnv_cuba_test_stay
  subject: parole:chnv_cuba
  effect: block
  targets: chnv_cuba_termination
  effective_on: '{effective_on}'
  checked_on: '2026-08-19'
  summary: A court stays the CHNV termination for Cuban parolees (test order).
  sources:
  - authority:
      kind: program_page
      title: 'USCIS: Temporary Protected Status'
      url: https://www.uscis.gov/humanitarian/temporary-protected-status
    quote: A test order, not a real one.
    confidence: secondary
    read_in: https://example.org/a-test-copy
"""


def shipped_text() -> str:
    folder = Path(settings.LIFELINE_POLICY_DIR) / "pathways"
    return (folder / f"{SHIPPED_VERSION}.yaml").read_text(encoding="utf-8")


def with_stay(*, version: str = "timeline-2026-12-08", effective_on: str = "2025-06-20") -> str:
    """The shipped timeline as `version`, with a stay of the CHNV Cuba termination."""
    text = shipped_text().replace(f"version: {SHIPPED_VERSION}", f"version: {version}")
    return text.rstrip("\n") + "\n" + STAY_EVENT.format(effective_on=effective_on).lstrip("\n")


def policy_copy(tmp_path: Path, settings_fixture: Any) -> Path:
    """A copy of the shipped policies the tests may write to (the settings fixture puts the
    shipped folder back afterwards); the caches start afresh."""
    root = make_policy_dir(tmp_path, with_shipped=True)
    settings_fixture.LIFELINE_POLICY_DIR = root
    reset_pathway_registry()
    return root
