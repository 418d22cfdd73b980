"""Fixtures for the analytics tests: the TRAC judge table as counts, and small decision files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TRAC_TABLE = FIXTURES / "trac_judge_asylum_fy2012_2017.csv"


def read_trac_counts() -> pa.Table:
    """The TRAC table with grants rebuilt as round(decisions * per_grants / 100)."""
    raw = pa_csv.read_csv(TRAC_TABLE)
    decisions = raw["decisions"].to_numpy()
    grants = np.round(decisions * raw["per_grants"].to_numpy() / 100.0).astype(np.int64)
    return pa.table(
        {
            "court": raw["imm_ct"],
            "judge": raw["judge"],
            "decisions": decisions,
            "grants": grants,
            "per_denials": raw["per_denials"],
        }
    )


@pytest.fixture(scope="session")
def trac_counts() -> pa.Table:
    return read_trac_counts()


@pytest.fixture
def trac_counts_csv(tmp_path: Path, trac_counts: pa.Table) -> Path:
    path = tmp_path / "trac_counts.csv"
    pa_csv.write_csv(trac_counts, path)
    return path
