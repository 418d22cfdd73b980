"""Urgency scoring: every factor from the facts and from narrative cues in each portal language."""
# ruff: noqa: RUF001 - narratives in Cyrillic and Arabic script are intended.

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.intake.tests.factories import request_document
from lifeline.triage.cues import CUES, find_cues
from lifeline.triage.urgency import score_urgency

TODAY = dt.date(2026, 11, 2)
NO_FACTS = {"urgency": {}, "narrative": ""}


def _score(**document):  # type: ignore[no-untyped-def]
    return score_urgency(request_document(**{**NO_FACTS, **document}), today=TODAY)


@pytest.mark.parametrize(
    ("urgency", "score", "level", "codes"),
    [
        ({}, 0, "standard", []),
        (
            {
                "life_threatening": True,
                "treatment_on": "2026-11-06",
                "treatment_unavailable_at_home": True,
            },
            75,
            "critical",
            ["life_threatening", "treatment_date", "treatment_unavailable"],
        ),
        (
            {"life_threatening": True, "treatment_on": "2027-06-01"},
            40,
            "high",
            ["life_threatening", "treatment_date"],
        ),
        (
            {"individually_targeted": True, "threat_evidence": True},
            45,
            "high",
            ["individually_targeted", "threat_evidence"],
        ),
        (
            {"child_without_parent": True, "individually_targeted": True},
            60,
            "critical",
            ["individually_targeted", "child_without_parent"],
        ),
        ({"event_kind": "funeral", "event_on": "2026-11-05"}, 25, "standard", ["dated_event"]),
        (
            {"event_kind": "dying_relative", "event_on": "2026-11-20"},
            25,
            "standard",
            ["dated_event"],
        ),
        ({"event_kind": "funeral", "event_on": "2026-10-01"}, 0, "standard", ["dated_event"]),
    ],
)
def test_structured_facts_each_add_their_points(urgency, score, level, codes) -> None:  # type: ignore[no-untyped-def]
    result = _score(urgency=urgency)
    assert (result.score, result.level) == (score, level)
    assert [factor.code for factor in result.factors] == codes


@pytest.mark.parametrize(
    ("narrative", "kind", "language"),
    [
        ("My brother received a death threat yesterday.", "imminent_harm", "en"),
        ("Me amenazaron de muerte y vivo escondida.", "imminent_harm", "es"),
        ("Mon fils est orphelin depuis la guerre.", "child_alone", "fr"),
        ("Yo menase fanmi mwen chak jou.", "imminent_harm", "ht"),
        ("Дитина залишилася без батьків після обстрілу.", "child_alone", "uk"),
        ("Маме нужна срочная пересадка почки.", "medical_emergency", "ru"),
        ("والدتي مصابة بالسرطان وتحتاج إلى علاج عاجل.", "medical_emergency", "ar"),
        ("پدرم سرطان دارد و در کابل درمان نیست.", "medical_emergency", "fa-af"),
        ("طالبانو زما کورنۍ ته ګواښ کړی.", "imminent_harm", "ps"),
        ("Tenemos que llegar al funeral de mi padre.", "dated_event", "es"),
    ],
)
def test_narrative_cues_are_found_in_every_portal_language(narrative, kind, language) -> None:  # type: ignore[no-untyped-def]
    cues = {cue.kind: cue for cue in find_cues(narrative)}
    assert kind in cues
    # A phrase shared by two languages (e.g. Russian and Ukrainian) names the first lexicon.
    assert language in {
        cue_language
        for cue_language, phrases in CUES[kind].items()
        if any(p.rstrip("*") == cues[kind].phrase for p in phrases)
    }
    result = _score(narrative=narrative)
    factor = next(f for f in result.factors if f.code == f"narrative_{kind}")
    assert factor.points > 0 and factor.source == "narrative"
    assert cues[kind].phrase in factor.detail


def test_a_narrative_cue_already_shown_by_a_fact_adds_nothing_but_is_still_listed() -> None:
    result = _score(urgency={"life_threatening": True}, narrative="She needs an urgent transplant.")
    factor = next(f for f in result.factors if f.code == "narrative_medical_emergency")
    assert factor.points == 0 and "already counted" in factor.detail
    assert result.score == 40


def test_short_words_do_not_match_inside_longer_ones() -> None:
    assert find_cues("Ракета упала рядом с домом.") == []  # "рак" (cancer) is not in "ракета"


@pytest.mark.parametrize(
    ("narrative", "kinds"),
    [
        ("Her illness is life-threatening.", ["medical_emergency"]),
        ("A life‑threatening infection.", ["medical_emergency"]),  # non-breaking hyphen
        ("They threatened my brother.", ["imminent_harm"]),
    ],
)
def test_a_cue_matches_whole_words_only_never_after_a_hyphen(narrative, kinds) -> None:  # type: ignore[no-untyped-def]
    assert [cue.kind for cue in find_cues(narrative)] == kinds


def test_arabic_script_variants_match_after_normalisation() -> None:
    # Arabic yeh and kaf against the Persian forms used in the cue list.
    assert {c.kind for c in find_cues("يتيم")} == {"child_alone"}


def test_an_expedite_adds_its_points_and_reason() -> None:
    document = request_document(**NO_FACTS)
    result = score_urgency(document, today=TODAY, is_expedited=True, expedite_reason="Surgery")
    assert result.score == 20 and result.factors[-1].detail == "Surgery"


def test_the_score_is_capped_at_100() -> None:
    result = _score(
        urgency={
            "life_threatening": True,
            "treatment_on": "2026-11-03",
            "treatment_unavailable_at_home": True,
            "individually_targeted": True,
            "child_without_parent": True,
        }
    )
    assert result.score == 100 and result.level == "critical"
