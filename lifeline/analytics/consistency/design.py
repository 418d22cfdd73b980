"""The fixed-effect design of the consistency model: intercept and treatment-coded factors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lifeline.analytics.consistency.cells import DecisionCells


@dataclass(frozen=True)
class ModelDesign:
    """Cells with their fixed-effect design: an intercept and treatment-coded categorical factors.

    factor_codes[k][i] is the coefficient column (within factor k) that cell i switches on, or
    -1 for the factor's reference level. Factor 0 is the intercept.
    """

    factor_codes: list[np.ndarray]
    factor_sizes: list[int]
    fixed_names: list[str]
    group_index: np.ndarray
    adjudicator_index: np.ndarray
    decisions: np.ndarray
    grants: np.ndarray
    group_count: int
    adjudicator_count: int

    @property
    def fixed_count(self) -> int:
        return sum(self.factor_sizes)

    def fixed_linear_predictor(self, coefficients: np.ndarray) -> np.ndarray:
        return FactorBlock(self.factor_codes, self.factor_sizes).times(coefficients)

    def weighted_row_sums(
        self, row_group: np.ndarray, groups: int, weight: np.ndarray
    ) -> np.ndarray:
        """Per group of cells, the weighted sum of their fixed-effect design rows."""
        return FactorBlock(self.factor_codes, self.factor_sizes).cross(weight, row_group, groups).T


def build_design(cells: DecisionCells) -> ModelDesign:
    """Intercept plus one indicator per non-reference covariate level (reference: most cases)."""
    codes = [np.zeros(cells.cell_count, dtype=np.int64)]
    sizes = [1]
    names = ["(intercept)"]
    for position, covariate in enumerate(cells.covariate_names):
        level_of_cell = cells.covariate_index[:, position]
        levels = cells.covariate_levels[position]
        weight = np.bincount(level_of_cell, weights=cells.decisions, minlength=len(levels))
        reference = int(np.argmax(weight))
        kept = [level for level in range(len(levels)) if level != reference and weight[level] > 0]
        column_of = np.full(len(levels), -1, dtype=np.int64)
        column_of[kept] = np.arange(len(kept))
        codes.append(column_of[level_of_cell])
        sizes.append(len(kept))
        names.extend(f"{covariate}={levels[level]}" for level in kept)
    return ModelDesign(
        factor_codes=codes,
        factor_sizes=sizes,
        fixed_names=names,
        group_index=cells.group_index,
        adjudicator_index=cells.adjudicator_index,
        decisions=cells.decisions,
        grants=cells.grants,
        group_count=len(cells.group_labels),
        adjudicator_count=len(cells.adjudicator_labels),
    )


class FactorBlock:
    """A design matrix of 0/1 indicators, one active column (or none) per factor and cell.

    Products with it are bincounts, which is much faster than general sparse algebra.
    """

    def __init__(self, codes: list[np.ndarray], sizes: list[int]) -> None:
        self.columns = int(sum(sizes))
        offsets = np.cumsum([0, *sizes[:-1]])
        # Column index per cell and factor; the reference level points at a spare slot.
        self.index = [
            np.where(code >= 0, offset + code, self.columns)
            for code, offset in zip(codes, offsets, strict=True)
        ]

    def times(self, coefficients: np.ndarray) -> np.ndarray:
        padded = np.append(coefficients, 0.0)
        total = padded[self.index[0]]
        for index in self.index[1:]:
            total = total + padded[index]
        return total

    def transpose_times(self, values: np.ndarray) -> np.ndarray:
        total = np.zeros(self.columns + 1)
        for index in self.index:
            total += np.bincount(index, weights=values, minlength=total.size)
        return total[:-1]

    def gram(self, weight: np.ndarray) -> np.ndarray:
        """X' diag(weight) X: factors own disjoint columns, so only pairs of factors interact."""
        size = self.columns + 1
        flat = np.zeros(size * size)
        for position, first in enumerate(self.index):
            for second in self.index[position + 1 :]:
                flat += np.bincount(first * size + second, weights=weight, minlength=flat.size)
        result = flat.reshape(size, size)
        result = result + result.T
        for index in self.index:
            result[np.diag_indices(size)] += np.bincount(index, weights=weight, minlength=size)
        return result[:-1, :-1]

    def cross(self, weight: np.ndarray, other: np.ndarray, other_count: int) -> np.ndarray:
        """X' diag(weight) Z for an indicator matrix Z given by its column per cell."""
        size = self.columns + 1
        total = np.zeros(size * other_count)
        for index in self.index:
            total += np.bincount(index * other_count + other, weights=weight, minlength=total.size)
        return total.reshape(size, other_count)[:-1]
