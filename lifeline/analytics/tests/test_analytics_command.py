"""The `lifeline analytics consistency` command line: both input shapes, formats, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from lifeline.analytics.consistency.simulate import SimulationSpec, simulate_decisions
from lifeline.analytics.management.commands.analytics import Command
from lifeline.cli import main

REPORT_KEYS = {
    "method",
    "adjudicator_sd_logit",
    "p5_p95_spread_points",
    "share_deviating_over_50pct",
    "adjudicators",
}
ADJUDICATOR_KEYS = {
    "rank",
    "local_fdr",
    "group",
    "adjudicator",
    "decisions",
    "grant_rate",
    "expected_rate",
    "odds_ratio",
    "ci_low",
    "ci_high",
    "q_value",
    "flagged",
    "deviates_over_50pct",
}
COUNT_ARGS = ["--group-col", "court", "--adjudicator-col", "judge"]
COUNT_ARGS += ["--decisions-col", "decisions", "--grants-col", "grants"]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run the command exactly as the command line does; return (exit code, stdout, stderr)."""
    argv = ["lifeline", "analytics", "consistency", *(str(arg) for arg in args)]
    try:
        Command().run_from_argv(argv)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def case_level_table() -> pa.Table:
    spec = SimulationSpec(groups=3, adjudicators_per_group=6, caseload_low=60, caseload_high=120)
    return simulate_decisions(spec, seed=11).table


def write_table(table: pa.Table, path: Path) -> Path:
    if path.suffix == ".parquet":
        pq.write_table(table, path)
    else:
        plain = pa.table(
            {
                name: table[name].cast(pa.string())
                if pa.types.is_dictionary(table[name].type)
                else table[name]
                for name in table.column_names
            }
        )
        pa_csv.write_csv(plain, path)
    return path


def test_aggregated_csv_rows_give_the_report_shape_of_the_issue(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trac_counts_csv: Path
) -> None:
    output = tmp_path / "report.json"
    code, out, err = run_cli(capsys, "--input", trac_counts_csv, *COUNT_ARGS, "--output", output)
    assert code == 0, err
    report = json.loads(output.read_text())
    assert set(report) >= REPORT_KEYS
    assert len(report["adjudicators"]) == 293
    assert all(set(entry) >= ADJUDICATOR_KEYS for entry in report["adjudicators"])
    assert "of 288 adjudicators flagged" in out
    assert "fit step" in err and "reading" in err
    top = [line for line in out.splitlines() if line.startswith("rank ")]
    first = min(report["adjudicators"], key=lambda entry: entry["rank"] or 10**6)
    assert len(top) == 10 and top[0].startswith(f"rank 1: {first['adjudicator']} (")
    assert f"local fdr {first['local_fdr']:.3f}" in top[0]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_case_level_rows_with_covariates_are_read_from_csv_and_parquet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case_level_table: pa.Table, suffix: str
) -> None:
    source = write_table(case_level_table, tmp_path / f"cases{suffix}")
    output = tmp_path / "report.json"
    code, _out, err = run_cli(
        capsys, "--input", source, "--group-col", "office", "--adjudicator-col", "officer",
        "--outcome-col", "granted", "--covariates", "program,nationality,urgency,represented",
        "--output", output, "--min-caseload", "30", "--quiet",
    )  # fmt: skip
    assert code == 0, err
    assert err == ""
    report = json.loads(output.read_text())
    assert report["summary"]["source_rows"] == case_level_table.num_rows
    assert report["summary"]["pairs_tested"] == 18
    assert report["formula"].startswith("grant ~ 1 + program + nationality + urgency")
    assert any(term["term"].startswith("represented=") for term in report["fixed_effects"])


def test_aggregated_parquet_gives_the_same_report_as_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trac_counts: pa.Table, trac_counts_csv: Path
) -> None:
    parquet = tmp_path / "trac.parquet"
    pq.write_table(trac_counts, parquet)
    from_csv, from_parquet = tmp_path / "csv.json", tmp_path / "parquet.json"
    run_cli(capsys, "--input", trac_counts_csv, *COUNT_ARGS, "--output", from_csv, "--quiet")
    code, _out, err = run_cli(
        capsys, "--input", parquet, *COUNT_ARGS, "--output", from_parquet, "--quiet"
    )
    assert code == 0, err
    csv_report, parquet_report = (json.loads(path.read_text()) for path in (from_csv, from_parquet))
    assert csv_report["adjudicators"] == parquet_report["adjudicators"]
    assert csv_report["adjudicator_sd_logit"] == parquet_report["adjudicator_sd_logit"]


def test_a_table_with_nothing_to_compare_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = _csv(tmp_path / "tiny.csv", "office,officer,outcome\nA,x,1\nB,y,0\nA,x,0\nB,y,1\n")
    code, out, err = run_cli(
        capsys, "--input", source, "--group-col", "office", "--adjudicator-col", "officer",
        "--outcome-col", "outcome", "--output", tmp_path / "r.json", "--quiet",
    )  # fmt: skip
    assert code == 0
    assert "0 of 0 adjudicators flagged" in out
    assert "none was tested" in err
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["share_deviating_over_50pct"] is None
    assert all(entry["q_value"] is None for entry in report["adjudicators"])


def test_plot_option_writes_a_funnel_png(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trac_counts_csv: Path
) -> None:
    plot = tmp_path / "funnel.png"
    code, _out, err = run_cli(
        capsys, "--input", trac_counts_csv, *COUNT_ARGS, "--output", tmp_path / "r.json",
        "--plot", plot, "--quiet",
    )  # fmt: skip
    assert code == 0, err
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert plot.stat().st_size > 20_000


def _csv(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


GOOD_HEADER = "court,judge,decisions,grants\n"
BAD_INPUTS = [
    ("missing file", None, COUNT_ARGS, "input file not found"),
    ("missing column", GOOD_HEADER.replace("grants", "granted") + "A,x,10,2\n", COUNT_ARGS,
     "column(s) 'grants' not found"),
    ("non-numeric count", GOOD_HEADER + "A,x,ten,2\nA,y,10,2\n", COUNT_ARGS,
     "column 'decisions' must hold counts; data row 1 has 'ten'"),
    ("fractional count", GOOD_HEADER + "A,x,10,2.5\nA,y,10,2\n", COUNT_ARGS,
     "whole, non-negative counts; data row 1 has 2.5"),
    ("negative count", GOOD_HEADER + "A,x,10,2\nA,y,-4,2\n", COUNT_ARGS,
     "whole, non-negative counts; data row 2 has -4"),
    ("grants above decisions", GOOD_HEADER + "A,x,10,2\nA,y,10,12\n", COUNT_ARGS,
     "'grants' exceeds 'decisions' in 1 row(s); the first is data row 2 (12 grants of 10)"),
    ("empty table", GOOD_HEADER, COUNT_ARGS, "has no rows"),
    ("blank adjudicator", GOOD_HEADER + "A,x,10,2\nA, ,10,2\n", COUNT_ARGS,
     "column 'judge' has 1 empty value(s); the first is in data row 2"),
    ("no decisions at all", GOOD_HEADER + "A,x,0,0\nA,y,0,0\n", COUNT_ARGS, "no decisions"),
    ("a single adjudicator", GOOD_HEADER + "A,x,10,2\nB,x,10,3\n", COUNT_ARGS,
     "only one adjudicator"),
    ("unknown outcome value", "court,judge,outcome\nA,x,granted\nA,y,maybe\n",
     ["--group-col", "court", "--adjudicator-col", "judge", "--outcome-col", "outcome"],
     "outcome value(s) 'maybe'"),
    ("outcome not 0 or 1", "court,judge,outcome\nA,x,1\nA,y,2\n",
     ["--group-col", "court", "--adjudicator-col", "judge", "--outcome-col", "outcome"],
     "outcome value(s) '2'"),
    ("both shapes at once", GOOD_HEADER + "A,x,10,2\n", [*COUNT_ARGS, "--outcome-col", "grants"],
     "give either --decisions-col and --grants-col"),
    ("counts without grants", GOOD_HEADER + "A,x,10,2\n",
     ["--group-col", "court", "--adjudicator-col", "judge", "--decisions-col", "decisions"],
     "need both --decisions-col and --grants-col"),
    ("unsupported format", "", COUNT_ARGS, "unsupported input format"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "content", "args", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_exits_2_with_a_clear_message_and_no_traceback(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    case: str,
    content: str | None,
    args: list[str],
    message: str,
) -> None:
    source = tmp_path / ("decisions.xlsx" if case == "unsupported format" else "decisions.csv")
    if content is not None:
        _csv(source, content)
    if case == "unsupported format":
        source.write_bytes(b"PK\x03\x04")
    output = tmp_path / "report.json"
    code, _out, err = run_cli(capsys, "--input", source, *args, "--output", output, "--quiet")
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert not output.exists()


def test_a_corrupt_parquet_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "decisions.parquet"
    source.write_bytes(b"not parquet at all")
    code, _out, err = run_cli(
        capsys, "--input", source, *COUNT_ARGS, "--output", tmp_path / "r.json"
    )
    assert code == 2
    assert "cannot read 'decisions.parquet'" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-caseload", "0"], "--min-caseload: must be at least 1"),
        (["--fdr", "1.5"], "--fdr: must be strictly between 0 and 1"),
        (["--output", "/no/such/dir/report.json"], "directory '/no/such/dir' does not exist"),
    ],
)
def test_bad_options_exit_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trac_counts_csv: Path, args: list[str],
    message: str,
) -> None:  # fmt: skip
    base = ["--input", str(trac_counts_csv), *COUNT_ARGS, "--output", str(tmp_path / "r.json")]
    code, _out, err = run_cli(capsys, *base, *args)
    assert code == 2
    assert message in err


def test_help_works_from_the_installed_entry_point() -> None:
    entry_point = Path(sys.executable).parent / "lifeline"
    result = subprocess.run(  # noqa: S603 - our own entry point
        [str(entry_point), "analytics", "consistency", "--help"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "LIFELINE_TESTING": "1"},
    )  # fmt: skip
    assert result.returncode == 0
    assert "--adjudicator-col" in result.stdout and "--outcome-col" in result.stdout


def test_lifeline_help_lists_the_analytics_command(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--help"])
    assert "analytics" in capsys.readouterr().out
