"""Each scripted journey writes the same ordered audit events, and leaves the same states, as
the recorded baseline; `EXPECTED_CHANGES` names the journeys meant to differ, and why.

Record the baseline again with `python -m tests.journeys.record` (or LIFELINE_RECORD_JOURNEYS=1).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.journeys.recorder import last_event_id, record
from tests.journeys.steps import JOURNEYS, run_journey

pytestmark = pytest.mark.django_db

BASELINE = Path(__file__).with_name("baseline.json")
RECORDING = os.environ.get("LIFELINE_RECORD_JOURNEYS") == "1"

# Journey name -> the intended difference from the baseline, for a move now refused (or a
# reaction now ordered differently) on purpose. A listed journey must differ from its baseline;
# every other journey must match it exactly. Empty: today's code is the baseline.
EXPECTED_CHANGES: dict[str, str] = {}


def _baseline() -> dict[str, Any]:
    if not BASELINE.exists():
        return {}
    loaded: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return loaded


def _save(journey: str, observed: dict[str, Any]) -> None:
    baseline = {name: kept for name, kept in _baseline().items() if name in JOURNEYS}
    baseline[journey] = observed
    text = json.dumps(dict(sorted(baseline.items())), indent=1, ensure_ascii=False)
    BASELINE.write_text(text + "\n", encoding="utf-8")


@pytest.mark.parametrize("journey", sorted(JOURNEYS))
def test_journey_audit_events_match_baseline(journey: str) -> None:
    start = last_event_id()
    run_journey(journey)
    observed = record(start)
    if RECORDING:
        _save(journey, observed)
        return
    expected = _baseline().get(journey)
    assert expected is not None, f"no baseline for {journey}: run python -m tests.journeys.record"
    if journey in EXPECTED_CHANGES:
        assert observed != expected, (
            f"{journey} is listed as changed on purpose ({EXPECTED_CHANGES[journey]}) "
            "but matches its baseline"
        )
        return
    assert [e["action"] for e in observed["events"]] == [e["action"] for e in expected["events"]]
    assert observed["events"] == expected["events"]
    assert observed["final_states"] == expected["final_states"]


def test_the_baseline_and_the_expected_changes_name_only_scripted_journeys() -> None:
    assert set(EXPECTED_CHANGES) <= set(JOURNEYS)
    if not RECORDING:
        assert set(_baseline()) == set(JOURNEYS)
