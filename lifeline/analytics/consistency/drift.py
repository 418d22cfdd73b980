"""Reason-code drift: each code's share of a month's codes, compared with the months before."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.spatial import distance

from lifeline.core.errors import ValidationFailed

DEFAULT_BASELINE_MONTHS = 6
DEFAULT_SIGNIFICANCE = 0.01


class DriftInputInvalid(ValidationFailed):
    """Drift settings that cannot be used."""

    code = "drift_input_invalid"


@dataclass(frozen=True)
class ReasonCodeCell:
    """Decisions of one month and program, and how often each reason code was given."""

    month: dt.date
    program: str
    decisions: int
    counts: Mapping[str, int]


@dataclass(frozen=True)
class MonthDrift:
    """One month: its code counts and shares, and how far it moved from its baseline."""

    month: dt.date
    decisions: int
    counts: dict[str, int]
    shares: dict[str, float]
    baseline_decisions: int
    js_distance: float | None  # Jensen-Shannon distance (base 2, 0..1) to the baseline shares
    chi_square: float | None
    p_value: float | None
    is_drift: bool


@dataclass(frozen=True)
class ReasonCodeDrift:
    codes: list[str]
    months: list[MonthDrift]
    baseline_months: int
    significance: float


def measure_reason_code_drift(
    cells: Iterable[ReasonCodeCell],
    *,
    program: str | None = None,
    baseline_months: int = DEFAULT_BASELINE_MONTHS,
    significance: float = DEFAULT_SIGNIFICANCE,
) -> ReasonCodeDrift:
    """Shares by month; each month is tested against the pooled `baseline_months` before it
    (chi-square test of homogeneity on the code counts) and measured by Jensen-Shannon distance."""
    if not 1 <= baseline_months <= 36:
        raise DriftInputInvalid("The baseline must be between 1 and 36 months.")
    if not 0 < significance < 1:
        raise DriftInputInvalid("The significance level must be between 0 and 1.")
    counts: dict[dt.date, Counter[str]] = {}
    decided: Counter[dt.date] = Counter()
    for cell in cells:
        if program is not None and cell.program != program:
            continue
        month = cell.month.replace(day=1)
        counts.setdefault(month, Counter()).update(cell.counts)
        decided[month] += cell.decisions
    codes = sorted({code for month_counts in counts.values() for code in month_counts})
    months = sorted(counts)
    table = np.array([[counts[month][code] for code in codes] for month in months], dtype=float)
    entries = []
    for index, month in enumerate(months):
        earlier = [
            i
            for i, other in enumerate(months[:index])
            if _months_between(other, month) <= baseline_months
        ]
        baseline = table[earlier].sum(axis=0) if earlier else np.zeros(len(codes))
        entries.append(
            _month_drift(
                month,
                decided[month],
                sum(decided[months[i]] for i in earlier),
                codes,
                table[index],
                baseline,
                significance,
            )
        )
    return ReasonCodeDrift(
        codes=codes, months=entries, baseline_months=baseline_months, significance=significance
    )


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _month_drift(
    month: dt.date,
    decisions: int,
    baseline_decisions: int,
    codes: list[str],
    row: np.ndarray,
    baseline: np.ndarray,
    significance: float,
) -> MonthDrift:
    total = row.sum()
    shares = {code: float(row[i] / total) if total else 0.0 for i, code in enumerate(codes)}
    counts = {code: int(row[i]) for i, code in enumerate(codes)}
    if total == 0 or baseline.sum() == 0:
        return MonthDrift(
            month, decisions, counts, shares, baseline_decisions, None, None, None, False
        )
    used = (row + baseline) > 0
    js = float(distance.jensenshannon(row[used] / total, baseline[used] / baseline.sum(), base=2))
    if used.sum() < 2:
        return MonthDrift(month, decisions, counts, shares, baseline_decisions, js, 0.0, 1.0, False)
    result = stats.chi2_contingency(np.vstack([row[used], baseline[used]]), correction=False)
    p_value = float(result.pvalue)
    return MonthDrift(
        month=month,
        decisions=decisions,
        counts=counts,
        shares=shares,
        baseline_decisions=baseline_decisions,
        js_distance=js,
        chi_square=float(result.statistic),
        p_value=p_value,
        is_drift=p_value < significance,
    )
