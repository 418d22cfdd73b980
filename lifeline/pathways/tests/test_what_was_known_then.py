"""An answer as of a date states only what was announced by then (ADR 0211), and the work permit
is worded by the date and labelled by its basis (ADR 0212)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import get_pathway_registry
from lifeline.pathways.words import option_label
from lifeline.programs.timeline import Timeline
from lifeline.programs.timeline_files import unannounced_events

D = dt.date.fromisoformat
WITH_TPS = "Permission to work while you hold TPS"
HONDURAN_TPS_HOLDER = {
    "person": {"citizenships": ["HN"]},
    "arrivals": [
        {"on": "1998-06-01", "document": "without_inspection"},
        {"on": "2022-03-01", "document": "parole"},
    ],
    "departures": [{"on": "2022-02-01"}],
    "parole": [{"program": "general", "from_on": "2022-03-01", "until_on": "2022-09-01"}],
    "tps": [{"country": "HN", "from_on": "1999-01-05", "until_on": "2025-07-05"}],
}
VENEZUELAN = {
    "person": {"citizenships": ["VE"]},
    "arrivals": [{"on": "2023-02-01", "document": "parole", "class_of_admission": "DT"}],
    "parole": [{"program": "chnv_venezuela", "from_on": "2023-02-01", "until_on": "2025-01-31"}],
    "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
}
HAITIAN = {
    "person": {"citizenships": ["HT"]},
    "arrivals": [{"on": "2024-03-01", "document": "parole", "class_of_admission": "DT"}],
    "parole": [{"program": "chnv_haiti", "from_on": "2024-03-01", "until_on": "2026-02-28"}],
    "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
}


def _answer(request: dict[str, Any], on: str) -> Any:
    return check(PathwayRequest.model_validate(request), as_of=D(on))


def _option(request: dict[str, Any], on: str, code: str) -> Any:
    return next(o for o in _answer(request, on).options if o.code == code)


def _timeline() -> Timeline:
    return get_pathway_registry().timeline


def test_a_termination_is_announced_from_its_notice_s_publication():
    # 90 FR 30089, terminating Honduras TPS effective 8 Sep 2025, was published on 8 Jul 2025.
    summary = _timeline().by_id["tps_hn_termination"].summary
    before = _option(HONDURAN_TPS_HOLDER, "2025-07-07", "tps")
    on_the_day = _option(HONDURAN_TPS_HOLDER, "2025-07-08", "tps")
    assert f"Announced: {summary}" not in before.timeline
    assert f"Announced: {summary}" in on_the_day.timeline
    state = _timeline().state_on("tps:hn", D("2024-06-01"))
    assert state.announced_termination is None


@pytest.mark.parametrize(
    ("request_data", "dates"),
    [
        (HONDURAN_TPS_HOLDER, ["2024-06-01", "2025-07-07", "2025-07-31", "2025-08-19"]),
        (VENEZUELAN, ["2025-01-20", "2025-02-02", "2025-03-30"]),
        (HAITIAN, ["2025-06-30", "2025-09-10", "2025-11-27"]),
    ],
)
def test_no_event_announced_after_the_date_is_stated(
    request_data: dict[str, Any], dates: list[str]
):
    events = _timeline().file.events
    for on in dates:
        text = _answer(request_data, on).model_dump_json()
        later = [e for e in events if not e.known_on(D(on))]
        assert later, "the dates are chosen before some announcement"
        stated = [e.id for e in later if e.summary in text]
        assert stated == [], f"as of {on}"


def test_the_validator_asks_every_event_for_its_announcement_date():
    timeline = _timeline()
    assert unannounced_events(timeline) == []
    events = [
        e.model_copy(update={"announced_on": None})
        if e.id in ("tps_hn_termination", "afghan_siv_com_deadline")
        else e
        for e in timeline.file.events
    ]
    problems = unannounced_events(Timeline(timeline.file.model_copy(update={"events": events})))
    assert len(problems) == 1 and problems[0].startswith("tps_hn_termination: announced_on")


PAROLEE_WITH_PERMIT = {
    "person": {"citizenships": ["UA"]},
    "arrivals": [{"on": "2024-05-01", "document": "parole", "class_of_admission": "UHP"}],
    "parole": [{"program": "u4u", "from_on": "2024-05-01", "until_on": "2027-04-30"}],
    "work_permits": [{"category": "c11", "valid_from": "2024-06-01", "valid_until": "2026-03-31"}],
}
RULE_OF_30_OCT_2025 = "Renewals filed from 2025-10-30 do not extend the card"


def test_the_end_of_automatic_extensions_is_stated_from_its_rule_s_publication():
    # 90 FR 48799 (FR Doc 2025-19702) was published and took effect on 30 Oct 2025.
    before = _option(PAROLEE_WITH_PERMIT, "2025-10-29", "employment_authorization")
    on_the_day = _option(PAROLEE_WITH_PERMIT, "2025-10-30", "employment_authorization")
    assert not any(RULE_OF_30_OCT_2025 in s for s in before.window.computation)
    assert any(RULE_OF_30_OCT_2025 in s for s in on_the_day.window.computation)
    assert "no longer extend" not in before.window.legal_rule
    assert "no longer extend" in on_the_day.window.legal_rule
    assert not any("2025-19702" in (c.url or "") for c in before.citations)
    assert any("2025-19702" in (c.url or "") for c in on_the_day.citations)


PAROLEE_WITHOUT_PERMIT = {**PAROLEE_WITH_PERMIT, "work_permits": []}


@pytest.mark.parametrize(
    ("on", "lasts"),
    [
        ("2024-06-01", "until about 2027-04-30 (the end of parole)"),
        ("2025-07-21", "until about 2027-04-30 (the end of parole)"),
        ("2025-07-22", "until about 2026-07-22 (one year or the end of parole on 2027-04-30"),
    ],
)
def test_the_one_year_cap_is_worded_only_from_its_date(on: str, lasts: str):
    option = _option(PAROLEE_WITHOUT_PERMIT, on, "employment_authorization")
    assert lasts in option.window.computation[0]
    assert ("whichever is shorter" in option.window.computation[0]) == (on >= "2025-07-22")


@pytest.mark.parametrize(("on", "stated"), [("2025-07-03", False), ("2025-07-04", True)])
def test_the_cap_enters_the_legal_rule_with_its_enactment(on: str, stated: bool):
    option = _option(PAROLEE_WITHOUT_PERMIT, on, "employment_authorization")
    assert ("from 22 July 2025 last one year" in option.window.legal_rule) is stated


def test_a_permit_resting_on_tps_is_not_labelled_as_parole():
    answer = _answer(HONDURAN_TPS_HOLDER, "2024-06-01")
    work = next(o for o in answer.options if o.code == "employment_authorization")
    assert "(a)(12)" in work.summary
    assert (work.basis, work.plain_label) == ("tps", WITH_TPS)
    assert option_label(work.code, work.basis, work.plain_label) == WITH_TPS
    parolee = _option(PAROLEE_WITHOUT_PERMIT, "2024-06-01", "employment_authorization")
    assert parolee.basis is None
    assert (
        option_label(parolee.code, parolee.basis, parolee.plain_label)
        == "Permission to work while on parole"
    )
    # Asylum's safe date, shown while fear of return is unknown, would come first: rule it out.
    no_fear = _answer({**HONDURAN_TPS_HOLDER, "facts": {"fear_of_return": "no"}}, "2024-06-01")
    assert no_fear.next_deadline is not None
    assert no_fear.next_deadline.code == work.code
    assert (no_fear.next_deadline.what, no_fear.next_deadline.basis) == (WITH_TPS, "tps")


def test_the_basis_label_is_translated_by_its_code_not_by_its_english_words():
    with translation.override("uk"):
        tps = option_label("employment_authorization", "tps", "reworded English")
        expected = translation.gettext(WITH_TPS)

    assert expected != WITH_TPS  # the catalog translates it
    assert tps == expected
