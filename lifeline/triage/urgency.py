"""The urgency score of a request from its structured facts and narrative, factor by factor."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from lifeline.programs.documents import RequestDocument
from lifeline.triage.cues import find_cues
from lifeline.triage.enums import UrgencyLevel

CRITICAL_FROM = 60
HIGH_FROM = 30
MAX_SCORE = 100
EXPEDITE_POINTS = 20
NARRATIVE_POINTS = {
    "medical_emergency": 10,
    "imminent_harm": 10,
    "child_alone": 10,
    "dated_event": 5,
}
CUE_LABELS = {
    "medical_emergency": "The narrative describes a medical emergency",
    "imminent_harm": "The narrative describes a threat of harm",
    "child_alone": "The narrative describes a child without a parent",
    "dated_event": "The narrative mentions a dated event (funeral, dying relative, hearing)",
}
# The structured fact that already counts what a narrative cue says.
CUE_FACT = {
    "medical_emergency": "life_threatening",
    "imminent_harm": "individually_targeted",
    "child_alone": "child_without_parent",
    "dated_event": "dated_event",
}


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    points: int
    source: str  # "fact", "narrative" or "expedite"
    detail: str = ""


@dataclass(frozen=True)
class Urgency:
    score: int
    level: str
    factors: tuple[Factor, ...]

    def factors_as_json(self) -> list[dict[str, object]]:
        return [asdict(factor) for factor in self.factors]


def level_for(score: int) -> str:
    if score >= CRITICAL_FROM:
        return UrgencyLevel.CRITICAL
    return UrgencyLevel.HIGH if score >= HIGH_FROM else UrgencyLevel.STANDARD


def _date_points(day: dt.date | None, today: dt.date) -> tuple[int, str]:
    if day is None:
        return 0, ""
    days = (day - today).days
    if days < 0:
        return 0, f"on {day}, already past"
    points = 25 if days <= 7 else 15 if days <= 30 else 5 if days <= 90 else 0
    return points, f"on {day}, in {days} days"


def _fact_factors(document: RequestDocument, today: dt.date) -> list[Factor]:
    u = document.urgency
    factors = []
    if u.life_threatening:
        detail = u.diagnosis or "diagnosis not stated"
        factors.append(
            Factor("life_threatening", "Life-threatening medical need", 40, "fact", detail)
        )
        points, detail = _date_points(u.treatment_on, today)
        if u.treatment_on is not None:
            factors.append(Factor("treatment_date", "Treatment date", points, "fact", detail))
        if u.treatment_unavailable_at_home:
            factors.append(
                Factor("treatment_unavailable", "Treatment not available at home", 10, "fact")
            )
    if u.individually_targeted:
        factors.append(
            Factor("individually_targeted", "Individually targeted for harm", 30, "fact")
        )
    if u.threat_evidence:
        factors.append(Factor("threat_evidence", "Evidence of the threat", 15, "fact"))
    if u.child_without_parent:
        factors.append(
            Factor("child_without_parent", "A child without a parent or guardian", 30, "fact")
        )
    if u.event_kind:
        points, detail = _date_points(u.event_on, today)
        if u.event_kind == "dying_relative":
            points += 10
        label = f"Dated event: {u.event_kind.replace('_', ' ')}"
        factors.append(Factor("dated_event", label, points, "fact", detail or "no date given"))
    return factors


def score_urgency(
    document: RequestDocument,
    *,
    today: dt.date,
    is_expedited: bool = False,
    expedite_reason: str = "",
) -> Urgency:
    """Every contributing factor with its points; a narrative cue already shown by a fact adds 0."""
    factors = _fact_factors(document, today)
    counted = {factor.code for factor in factors}
    for cue in find_cues(document.narrative):
        points = 0 if CUE_FACT[cue.kind] in counted else NARRATIVE_POINTS[cue.kind]
        detail = f"“{cue.phrase}” ({cue.language}): …{cue.excerpt}…"
        if not points:
            detail += " (already counted from the facts)"
        factors.append(
            Factor(f"narrative_{cue.kind}", CUE_LABELS[cue.kind], points, "narrative", detail)
        )
    if is_expedited:
        factors.append(
            Factor(
                "expedite_granted", "Expedite granted", EXPEDITE_POINTS, "expedite", expedite_reason
            )
        )
    score = min(sum(factor.points for factor in factors), MAX_SCORE)
    return Urgency(score=score, level=level_for(score), factors=tuple(factors))
