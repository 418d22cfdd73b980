"""Accuracy measures for clusterings against known truth: pairwise and B-cubed scores."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one kind."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def _pairs_within(labels: Sequence[Hashable]) -> int:
    return sum(n * (n - 1) // 2 for n in Counter(labels).values())


def pairwise_scores(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> Scores:
    """Over all record pairs put in one cluster: how many are true, and how many true found."""
    both = _pairs_within(list(zip(predicted, truth, strict=True)))
    found, real = _pairs_within(predicted), _pairs_within(truth)
    return Scores(precision=both / found if found else 1.0, recall=both / real if real else 1.0)


def bcubed_scores(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> Scores:
    """B-cubed cluster precision and recall, averaged over records."""
    joint = Counter(zip(predicted, truth, strict=True))
    size_p, size_t = Counter(predicted), Counter(truth)
    n = len(predicted)
    precision = sum(c * c / size_p[p] for (p, _), c in joint.items()) / n
    recall = sum(c * c / size_t[t] for (_, t), c in joint.items()) / n
    return Scores(precision=precision, recall=recall)


def pair_completeness(candidate_pairs: set[tuple[int, int]], truth: Sequence[Hashable]) -> float:
    """Share of true matching pairs that blocking put forward as candidates."""
    members: dict[Hashable, list[int]] = defaultdict(list)
    for row, label in enumerate(truth):
        members[label].append(row)
    total = hit = 0
    for rows in members.values():
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                total += 1
                hit += (min(a, b), max(a, b)) in candidate_pairs
    return hit / total if total else 1.0
