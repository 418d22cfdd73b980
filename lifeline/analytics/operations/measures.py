"""Measures computed from summary counts: nearest-rank percentiles and Cohen's kappa."""

from __future__ import annotations

import math
from collections.abc import Mapping


def nearest_rank_percentile(histogram: Mapping[int, int], share: float) -> int | None:
    """The smallest value with at least `share` of the counts at or below it (nearest rank:
    the ceil(share * n)-th smallest value); None for an empty histogram."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


def cohens_kappa(pairs: Mapping[tuple[str, str], int]) -> float | None:
    """Cohen's kappa for two raters from counts of (first rating, second rating) pairs; None
    when it is not defined (no pairs, or both raters always gave one and the same rating)."""
    total = sum(pairs.values())
    if total == 0:
        return None
    first: dict[str, int] = {}
    second: dict[str, int] = {}
    for (a, b), count in pairs.items():
        first[a] = first.get(a, 0) + count
        second[b] = second.get(b, 0) + count
    observed = sum(count for (a, b), count in pairs.items() if a == b) / total
    expected = sum(first[label] * second.get(label, 0) for label in first) / total**2
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def agreement_share(pairs: Mapping[tuple[str, str], int]) -> float | None:
    total = sum(pairs.values())
    return None if total == 0 else sum(c for (a, b), c in pairs.items() if a == b) / total
