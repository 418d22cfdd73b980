"""Collapse decisions into cells of identical group, adjudicator and case mix (same likelihood)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lifeline.analytics.consistency.io import DecisionRows
from lifeline.analytics.errors import DecisionTableInvalid


@dataclass(frozen=True)
class DecisionCells:
    """Binomial cells: decisions and grants per (group, adjudicator, covariate levels)."""

    group_index: np.ndarray
    adjudicator_index: np.ndarray
    covariate_index: np.ndarray  # cells x covariates, codes into covariate_levels
    decisions: np.ndarray
    grants: np.ndarray
    group_labels: list[str]
    adjudicator_labels: list[str]
    covariate_names: tuple[str, ...]
    covariate_levels: tuple[list[str], ...]
    source_rows: int

    @property
    def cell_count(self) -> int:
        return int(self.decisions.size)


def aggregate_cells(rows: DecisionRows) -> DecisionCells:
    """Sum decisions and grants over rows that share every categorical value; drop empty cells."""
    columns = [rows.groups, rows.adjudicators, *rows.covariates.values()]
    keys = np.column_stack([column.codes for column in columns])
    sizes = [max(len(column.labels), 1) for column in columns]
    if float(np.prod(np.asarray(sizes, dtype=np.float64))) < 2.0**62:
        radix = np.cumprod([1, *sizes[:-1]]).astype(np.int64)
        unique_keys, inverse = np.unique(keys @ radix, return_inverse=True)
        cell_keys = (unique_keys[:, None] // radix[None, :]) % np.asarray(sizes, dtype=np.int64)
    else:
        cell_keys, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    decisions = np.bincount(inverse, weights=rows.decisions, minlength=len(cell_keys))
    grants = np.bincount(inverse, weights=rows.grants, minlength=len(cell_keys))
    kept = decisions > 0
    if not kept.any():
        raise DecisionTableInvalid("the table records no decisions (all counts are zero)")
    cell_keys = cell_keys[kept].astype(np.int64)
    group_index, group_labels = _compact(cell_keys[:, 0], rows.groups.labels)
    adjudicator_index, adjudicator_labels = _compact(cell_keys[:, 1], rows.adjudicators.labels)
    return DecisionCells(
        group_index=group_index,
        adjudicator_index=adjudicator_index,
        covariate_index=cell_keys[:, 2:],
        decisions=decisions[kept],
        grants=grants[kept],
        group_labels=group_labels,
        adjudicator_labels=adjudicator_labels,
        covariate_names=tuple(rows.covariates),
        covariate_levels=tuple(column.labels for column in rows.covariates.values()),
        source_rows=int(rows.decisions.size),
    )


def _compact(codes: np.ndarray, labels: list[str]) -> tuple[np.ndarray, list[str]]:
    """Renumber codes so that only levels with decisions remain."""
    used, index = np.unique(codes, return_inverse=True)
    return index.reshape(-1).astype(np.int64), [labels[i] for i in used]
