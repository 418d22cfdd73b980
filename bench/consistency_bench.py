"""Decision-consistency benchmark: 1M case-level decisions through the CLI, and calibration."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.csv as pa_csv  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from lifeline.analytics.consistency.io import decision_rows_from_table  # noqa: E402
from lifeline.analytics.consistency.report import (  # noqa: E402
    ConsistencyOptions,
    analyse_consistency,
    build_report,
)
from lifeline.analytics.consistency.simulate import (  # noqa: E402
    SIMULATION_COLUMNS,
    Calibration,
    SimulationSpec,
    score_calibration,
    simulate_decisions,
)

SCENARIOS = {
    "default (SD 0.15, 10% outliers at OR 2-3)": SimulationSpec(),
    "20% outliers": SimulationSpec(outlier_share=0.2),
    "no spread (SD 0), 10% outliers": SimulationSpec(adjudicator_sd_logit=0.0),
    "strong case-mix differences (Dirichlet 0.3)": SimulationSpec(case_mix_concentration=0.3),
    "global null (SD 0.3, no outliers)": SimulationSpec(
        adjudicator_sd_logit=0.3, outlier_share=0.0
    ),
    "small caseloads (60-200), 10% outliers": SimulationSpec(caseload_low=60, caseload_high=200),
}


def _plain_columns(table: pa.Table) -> pa.Table:
    """Dictionary columns as plain strings, as a CSV writer wants them."""
    return pa.table(
        {
            name: table[name].cast(pa.string())
            if pa.types.is_dictionary(table[name].type)
            else table[name]
            for name in table.column_names
        }
    )


def run_scale(cases: int, file_format: str, seed: int) -> dict:
    """Generate `cases` decisions, then time `lifeline analytics consistency` on them."""
    officers = max(cases // 500, 2)
    spec = SimulationSpec(
        groups=20,
        adjudicators_per_group=max(officers // 20, 1),
        caseload_low=250,
        caseload_high=750,
    )
    started = time.perf_counter()
    simulation = simulate_decisions(spec, seed)
    generated_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"decisions.{file_format}"
        if file_format == "parquet":
            pq.write_table(simulation.table, source)
        else:
            pa_csv.write_csv(_plain_columns(simulation.table), source)
        report_path, plot_path = Path(folder) / "report.json", Path(folder) / "funnel.png"
        command = [
            str(Path(sys.executable).parent / "lifeline"), "analytics", "consistency",
            "--input", str(source), "--group-col", "office", "--adjudicator-col", "officer",
            "--outcome-col", "granted",
            "--covariates", ",".join(SIMULATION_COLUMNS.covariates),
            "--output", str(report_path), "--plot", str(plot_path),
        ]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, env={**os.environ, "LIFELINE_DEBUG": "1"})
        wall_s = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = json.loads(report_path.read_text())
        file_mb = source.stat().st_size / 1e6
    calibration = score_calibration(simulation, report["adjudicators"])
    return {
        "cases": simulation.table.num_rows,
        "format": file_format,
        "file_mb": round(file_mb, 1),
        "generate_s": round(generated_s, 1),
        "cli_wall_s": round(wall_s, 1),
        "cli_cpu_s": round(
            (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1
        ),
        "cli_peak_rss_mb": round(after.ru_maxrss / 1024),
        "fit_s": report["fit"]["seconds"],
        "fit_evaluations": report["fit"]["evaluations"],
        "cells": report["summary"]["cells"],
        "adjudicators": report["summary"]["adjudicators"],
        "adjudicator_sd_logit": report["adjudicator_sd_logit"],
        "true_sd_of_effects": round(float(np.std(simulation.true_log_odds_ratio)), 4),
        "flagged": calibration.flagged,
        "false_discovery_rate": round(calibration.false_discovery_rate, 4),
        "power": round(calibration.power, 4),
        "coverage_90": round(calibration.coverage, 4),
    }


def run_calibration(replicates: int, scenarios: list[str]) -> list[dict]:
    """Many replicates per scenario: FDR (pooled and mean per replicate), power, coverage."""
    results = []
    for name in scenarios:
        spec = SCENARIOS[name]
        total = Calibration.none()
        any_false, sds = 0, []
        started = time.perf_counter()
        for seed in range(10_000, 10_000 + replicates):
            simulation = simulate_decisions(spec, seed)
            rows = decision_rows_from_table(simulation.table, SIMULATION_COLUMNS)
            analysis = analyse_consistency(rows, options=ConsistencyOptions())
            one = score_calibration(simulation, build_report(analysis)["adjudicators"])
            total = total + one
            any_false += one.false_flags > 0
            sds.append(analysis.funnel.flagging_sd_logit)
        results.append(
            {
                "scenario": name,
                "replicates": replicates,
                "flagged": total.flagged,
                "false_flags": total.false_flags,
                "fdr": round(total.false_discovery_rate, 4),
                "pooled_false_flag_share": round(total.pooled_false_flag_share, 4),
                "replicates_with_a_false_flag": round(any_false / replicates, 3),
                "outliers_or2_n200": total.outliers_in_scope,
                "power_or2_n200": round(total.power, 4) if total.outliers_in_scope else None,
                "coverage_90": round(total.coverage, 4),
                "flagging_sd_mean": round(float(np.mean(sds)), 4),
                "seconds_per_replicate": round((time.perf_counter() - started) / replicates, 2),
            }
        )
        print(json.dumps(results[-1]), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--format", choices=["parquet", "csv", "both"], default="both")
    parser.add_argument("--replicates", type=int, default=200)
    parser.add_argument("--scenario", action="append", choices=list(SCENARIOS),
                        help="calibration scenario(s); default all")  # fmt: skip
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-calibration", action="store_true")
    parser.add_argument("--json", type=Path, help="also write all results here")
    args = parser.parse_args()
    results: dict = {"cpu_count": os.cpu_count()}
    if not args.skip_scale:
        formats = ["parquet", "csv"] if args.format == "both" else [args.format]
        results["scale"] = []
        for file_format in formats:
            results["scale"].append(run_scale(args.cases, file_format, seed=1))
            print(json.dumps(results["scale"][-1]), flush=True)
    if not args.skip_calibration:
        results["calibration"] = run_calibration(args.replicates, args.scenario or list(SCENARIOS))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
