"""TPS for a country the timeline tracks no events for: not "not available" (Sudan, Somalia,
Yemen and others held designations that are not modelled here) but legal review, saying that
Lifeline does not track it and where to check; answers worded without raw status codes.

8 U.S.C. 1254a(b)(1): "A designation of a foreign state (or part of such foreign state) under
this paragraph shall not become effective unless notice of the designation (including a
statement of the findings under this paragraph and the effective date of the designation) is
published in the Federal Register."
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import get_pathway_registry
from lifeline.programs.timeline import TimelineFile

D = dt.date.fromisoformat
USCIS_TPS_PAGE = "https://www.uscis.gov/humanitarian/temporary-protected-status"
RAW_STATUSES = ("not_on_file", "not_available", "needs_legal_review", " is terminated ", "expired")


def _tps(country: str, on: str, arrived_on: str = "2023-06-01") -> Any:
    request = {
        "person": {"citizenships": [country]},
        "arrivals": [{"on": arrived_on, "document": "parole"}],
    }
    answer = check(PathwayRequest.model_validate(request), as_of=D(on))
    return next(option for option in answer.options if option.code == "tps")


def _text(option: Any) -> str:
    return " ".join([option.summary, *option.timeline])


# The timeline's list of subjects was last checked on 2026-08-19: the day before, of and after.
@pytest.mark.parametrize("on", ["2025-06-01", "2026-08-18", "2026-08-19", "2026-08-20"])
@pytest.mark.parametrize("country", ["SD", "SO", "YE", "MM"])
def test_an_untracked_country_needs_legal_review_and_says_where_to_check(country: str, on: str):
    option = _tps(country, on)
    assert option.status == "needs_legal_review"
    assert option.summary.startswith(
        f"Lifeline does not track TPS for {country}, so it cannot say whether a designation is "
        f"in force on {on}."
    )
    assert f"USCIS Temporary Protected Status page ({USCIS_TPS_PAGE})" in option.summary
    assert "published in the Federal Register" in option.summary
    statute = next(
        c for c in option.citations if c.authority == "INA 244(b)(1), 8 U.S.C. 1254a(b)(1)"
    )
    assert statute.quote is not None and "is published in the Federal Register" in statute.quote


@pytest.mark.parametrize("country", ["AF", "HN", "HT", "NI", "SV", "UA", "VE"])
def test_the_timeline_tracks_the_countries_it_has_events_for(country: str):
    timeline = get_pathway_registry().timeline
    assert timeline.tps_subjects(country)
    assert "does not track" not in _tps(country, "2024-06-01").summary


def test_only_a_country_s_own_designations_are_tracked_for_it():
    timeline = get_pathway_registry().timeline
    assert timeline.tps_subjects("VE") == ["tps:ve", "tps:ve_2021"]
    assert timeline.tps_subjects("SD") == []
    assert timeline.tps_subjects("V") == []


@pytest.mark.parametrize(
    ("on", "status"),
    [("2024-04-01", "may_apply"), ("2025-04-19", "may_apply"), ("2025-04-20", "deadline_passed")],
)
def test_a_tracked_country_is_answered_from_its_designation_as_before(on: str, status: str):
    # 88 FR 56872 redesignated Ukraine from 20 Oct 2023, with continuous residence since
    # 16 Aug 2023 and initial registration from its publication on 21 Aug 2023 to 19 Apr 2025
    # (answers start on 2024-04-01, the first day whose fees are on file).
    option = _tps("UA", on)
    assert option.status == status
    closed = "Initial registration closed on 2025-04-19."
    assert option.summary == (
        "Register for TPS by 2025-04-19." if status == "may_apply" else closed
    )
    assert "does not track" not in option.summary


@pytest.mark.parametrize(
    ("on", "words"),
    [
        ("2025-11-07", None),
        ("2025-11-08", "the designation is not in force on 2025-11-08"),
    ],
)
def test_a_terminated_designation_is_worded_for_people(on: str, words: str | None):
    # 90 FR 43225: "After November 7, 2025, nationals of Venezuela ... who have been granted
    # Temporary Protected Status under Venezuela's 2021 designation will no longer have
    # Temporary Protected Status."
    option = _tps("VE", on, arrived_on="2021-01-01")
    text = _text(option)
    assert words is None or words in text
    assert not any(raw in option.summary for raw in RAW_STATUSES)


@pytest.mark.parametrize("on", ["2025-07-05", "2025-07-06", "2025-07-07", "2025-07-08"])
def test_a_designation_past_its_end_is_worded_for_people(on: str):
    # Honduras's designation was set to end on 5 Jul 2025; the termination notice (90 FR 30089)
    # was published on 8 Jul 2025, so on 6 and 7 Jul no extension or termination was known.
    option = _tps("HN", on, arrived_on="1998-06-01")
    lapsed = on in ("2025-07-06", "2025-07-07")
    expected = (
        "The TPS designation of this country was set to end on 2025-07-05, and no extension of "
        f"it is on file as of {on}."
    )
    assert (option.summary == expected) is lapsed
    assert not any(raw in option.summary for raw in RAW_STATUSES)


@pytest.mark.parametrize("on", ["2026-08-19", "2026-08-20"])
def test_a_tracked_country_after_its_last_check_is_worded_without_the_subject_code(on: str):
    option = _tps("HT", on, arrived_on="2024-03-01")
    unknown = "unknown: check current status. TPS for HT was last checked on 2026-08-19, before"
    assert (unknown in option.summary) is (on == "2026-08-20")
    assert "tps:" not in option.summary


def test_a_timeline_that_tracks_tps_must_say_where_to_check_the_rest():
    shipped = get_pathway_registry().timeline.file
    data = shipped.model_dump(mode="json", exclude={"untracked_tps"})
    with pytest.raises(ValueError, match="untracked_tps"):
        TimelineFile.model_validate(data)
