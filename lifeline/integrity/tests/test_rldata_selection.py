"""The rule that chooses the RLdata comparison variant on tuning data only (ADR 0145)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"
VARIANTS = ("old", "new", "newer")


@pytest.fixture(scope="module")
def selection():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("rldata_selection", BENCH / "rldata_selection.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    sys.path.remove(str(BENCH))


def _scores(guard: float, *tuning: float) -> dict[str, float]:
    return {"rldata500": guard} | {f"rllike:{i}": f1 for i, f1 in enumerate(tuning)}


def test_the_best_mean_over_the_tuning_sets_wins(selection):
    f1 = {"old": _scores(0.99, 0.90, 0.92), "new": _scores(0.99, 0.95, 0.93),
          "newer": _scores(0.99, 0.93, 0.93)}  # fmt: skip
    assert selection.choose_variant(f1, VARIANTS) == "new"


def test_a_variant_far_below_the_best_on_rldata500_is_out(selection):
    f1 = {"old": _scores(0.99, 0.90, 0.90), "new": _scores(0.96, 0.99, 0.99),
          "newer": _scores(0.98, 0.95, 0.95)}  # fmt: skip
    assert selection.choose_variant(f1, VARIANTS) == "newer"


def test_a_near_tie_goes_to_the_variant_listed_first(selection):
    f1 = {"old": _scores(0.99, 0.9500, 0.9500), "new": _scores(0.99, 0.9508, 0.9508),
          "newer": _scores(0.99, 0.9400, 0.9400)}  # fmt: skip
    assert selection.choose_variant(f1, VARIANTS) == "old"
    assert selection.choose_variant(f1, ("new", "old", "newer")) == "new"


def test_every_variant_builds_its_own_comparisons(selection):
    def levels(variant: str) -> list[int]:
        settings = selection.ev.rldata_model(variant).settings.get_settings("duckdb")
        return [len(c.comparison_levels) for c in settings.comparisons]

    assert levels("jw+parts") == [6, 6, 4, 4, 4]
    assert levels("edit+joint") == [7, 7, 6]
    assert levels("edit+joint-coarse") == [7, 7, 5]
    fuzzy_tf = {
        variant: selection.ev.rldata_model(variant)
        .settings.get_settings("duckdb")
        .comparisons[0]
        .comparison_levels[2]
        .as_dict()
        .get("tf_adjustment_column")
        for variant in ("edit+joint", "edit-tf+joint")
    }
    assert fuzzy_tf == {"edit+joint": None, "edit-tf+joint": "given_name"}
    with pytest.raises(ValueError, match="Unknown RLdata variant"):
        selection.ev.rldata_model("soundex+joint")
