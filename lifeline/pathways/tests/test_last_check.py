"""No subject is answered as known past the last date its status was confirmed (ADR 0175).

The timeline's `checked_on` is 19 August 2026: the stored texts hold nothing later on any TPS or
parole subject, so an event read afterwards does not move a subject's last check, and every such
subject is "unknown: check current status" from 20 August 2026. USCIS's holds alone were
confirmed later, to 28 August 2026, by a dated record of USCIS's alert on the N.D. Cal. order
(ADR 0228). The TPS option cites the re-registration rule, 8 CFR 244.17(a): "Aliens granted
Temporary Protected Status must re-register periodically in accordance with USCIS instructions."
"""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import get_pathway_registry

LAST_CHECK = dt.date(2026, 8, 19)
HOLDS_CHECKED = dt.date(2026, 8, 28)


def test_no_event_claims_a_later_check_than_the_timeline_but_the_holds():
    timeline = get_pathway_registry().timeline
    assert timeline.file.checked_on == LAST_CHECK
    late = {event.subject: event.checked_on for event in timeline.file.events}
    late = {subject: on for subject, on in late.items() if on > LAST_CHECK}
    assert late == {"hold:uscis_benefits": HOLDS_CHECKED}
    assert timeline.last_checked_on("hold:uscis_benefits") == HOLDS_CHECKED


@pytest.mark.parametrize("subject", ["tps:ht", "tps:ve", "tps:ve_2021", "program:afghan_siv"])
def test_subjects_read_again_in_december_are_unknown_after_the_last_check(subject: str):
    timeline = get_pathway_registry().timeline
    assert timeline.state_on(subject, LAST_CHECK).known
    after = timeline.state_on(subject, LAST_CHECK + dt.timedelta(days=1))
    assert not after.known
    assert after.explanation.startswith("unknown: check current status")


@pytest.mark.parametrize(
    ("as_of", "unknown"), [("2026-08-19", False), ("2026-08-20", True), ("2026-12-07", True)]
)
def test_a_haitian_tps_answer_after_the_last_check_says_to_check_current_status(
    as_of: str, unknown: bool
):
    request = {
        "person": {"citizenships": ["HT"]},
        "arrivals": [{"on": "2024-03-01", "document": "parole"}],
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date.fromisoformat(as_of))
    option = next(option for option in answer.options if option.code == "tps")
    assert ("unknown: check current status" in option.summary) is unknown


def test_a_tps_holder_s_answer_cites_the_re_registration_rule():
    request = {
        "person": {"citizenships": ["UA"]},
        "arrivals": [{"on": "2022-05-01", "document": "parole"}],
        "tps": [{"country": "UA", "from_on": "2023-10-20", "until_on": "2026-10-19"}],
    }
    answer = check(PathwayRequest.model_validate(request), as_of=dt.date(2025, 6, 1))
    option = next(option for option in answer.options if option.code == "tps")
    assert option.status == "not_yet"
    quotes = [citation.quote or "" for citation in option.citations]
    assert any("must re-register periodically" in quote for quote in quotes)
