"""`lifeline analytics consistency` (a report from a decision file) and `refresh` (summaries)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifeline.analytics.errors import DecisionTableInvalid

if TYPE_CHECKING:
    from lifeline.analytics.consistency.io import DecisionColumns

USAGE_ERROR = 2
TOP_OF_THE_LIST = 10  # adjudicators printed by rank after a consistency run
_EXAMPLES = """examples:
  lifeline analytics consistency --input decisions.parquet --group-col office \\
      --adjudicator-col officer --outcome-col granted \\
      --covariates program,nationality,urgency,represented --output report.json --plot funnel.png
  lifeline analytics consistency --input judges.csv --group-col court --adjudicator-col judge \\
      --decisions-col decisions --grants-col grants --output report.json --min-caseload 100
"""


class _StderrProgress:
    """Progress lines on stderr with elapsed time; fit steps at most once a second."""

    def __init__(self, stream: TextIO, *, is_quiet: bool) -> None:
        self.stream = stream
        self.is_quiet = is_quiet
        self.started = time.monotonic()
        self.last_step = -1.0

    def __call__(self, message: str) -> None:
        if self.is_quiet:
            return
        now = time.monotonic()
        if message.startswith("fit step"):
            if now - self.last_step < 1.0:
                return
            self.last_step = now
        self.stream.write(f"[{now - self.started:7.1f} s] {message}\n")
        self.stream.flush()


def _column_list(value: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("give at least one column name")
    return names


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from error
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _probability(value: str) -> float:
    try:
        number = float(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from error
    if not 0.0 < number < 1.0:
        raise argparse.ArgumentTypeError("must be strictly between 0 and 1")
    return number


def _odds_ratio_threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from error
    if not 1.0 < number <= 200.0:
        raise argparse.ArgumentTypeError("must be above 1 and at most 200")
    return number


class Command(BaseCommand):
    help = "Decision-consistency analytics over a table of decisions (offline, no database)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        consistency = actions.add_parser(
            "consistency",
            help="adjudicator disparity adjusted for case mix, with a JSON report",
            description=(
                "Fit grant ~ case mix + (1 | group) + (1 | adjudicator) to aggregated rows "
                "(--decisions-col and --grants-col) or to one row per case (--outcome-col), "
                "then report the adjudicator SD, the GAO P5-P95 spread, odds ratios against "
                "the group, FDR-controlled outlier flags and the Refugee Roulette 50%% rule."
            ),
            epilog=_EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add = consistency.add_argument
        add("--input", required=True, type=Path, help="CSV, TSV (optionally .gz) or Parquet file")
        add(
            "--group-col",
            required=True,
            type=_column_list,
            help="column(s) defining comparable groups, e.g. office or office,period",
        )
        add("--adjudicator-col", required=True, help="column naming the adjudicator")
        add("--decisions-col", help="aggregated rows: column with the number of decisions")
        add("--grants-col", help="aggregated rows: column with the number of grants")
        add("--outcome-col", help="case-level rows: column with 1/0, true/false or granted/denied")
        add(
            "--covariates",
            type=_column_list,
            default=(),
            help="comma-separated categorical case-mix columns (program,nationality,...)",
        )
        add("--output", required=True, type=Path, help="where to write the JSON report")
        add("--plot", type=Path, help="also write a funnel plot PNG here")
        add(
            "--min-caseload",
            type=_positive_int,
            default=50,
            help="decisions needed before an adjudicator is tested (default 50)",
        )
        add(
            "--fdr",
            type=_probability,
            default=0.05,
            help="false-discovery-rate level for flags (default 0.05)",
        )
        add(
            "--interval-level",
            type=_probability,
            default=0.9,
            help="coverage of the odds-ratio intervals (default 0.9)",
        )
        add(
            "--min-outlier-odds-ratio",
            type=_odds_ratio_threshold,
            default=1.5,
            help="smallest odds ratio against colleagues (either way) that counts as an outlier "
            "rather than ordinary spread (default 1.5)",
        )
        add("--quiet", action="store_true", help="no progress messages on stderr")
        actions.add_parser(
            "refresh",
            help="recompute the operations summaries the dashboards read (needs the database)",
            description="Recompute every operations summary (backlog, throughput, time to "
            "decision, SLAs, evidence requests, caps, integrity flags, second-review agreement) "
            "in the database, as the refresh task does.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "refresh":
            self._refresh()
            return
        # Imported here so that --help and option errors answer without loading SciPy and Arrow.
        from lifeline.analytics.consistency.io import read_decision_rows
        from lifeline.analytics.consistency.plot import draw_funnel_plot
        from lifeline.analytics.consistency.report import (
            ConsistencyOptions,
            analyse_consistency,
            build_report,
            write_report,
        )

        columns = self._columns(options)
        output: Path = options["output"]
        plot: Path | None = options["plot"]
        for target in (output, plot):
            if target is not None and not target.parent.is_dir():
                raise CommandError(
                    f"cannot write '{target}': directory '{target.parent}' does not exist",
                    returncode=USAGE_ERROR,
                )
        progress = _StderrProgress(sys.stderr, is_quiet=options["quiet"])
        settings = ConsistencyOptions(
            min_caseload=options["min_caseload"],
            fdr_level=options["fdr"],
            interval_level=options["interval_level"],
            min_outlier_odds_ratio=options["min_outlier_odds_ratio"],
        )
        try:
            progress(f"reading {options['input']}")
            rows = read_decision_rows(options["input"], columns)
            analysis = analyse_consistency(rows, options=settings, progress=progress)
        except DecisionTableInvalid as error:
            raise CommandError(error.message, returncode=USAGE_ERROR) from error
        report = build_report(analysis)
        try:
            progress(f"writing {output}")
            write_report(output, report)
            if plot is not None:
                progress(f"drawing the funnel plot {plot}")
                draw_funnel_plot(analysis, plot)
        except OSError as error:
            raise CommandError(f"cannot write the report: {error}", returncode=1) from error
        summary = report["summary"]
        share = report["share_deviating_over_50pct"]
        parts = [
            f"adjudicator SD {report['adjudicator_sd_logit']:.3f} (logit)",
            f"ordinary spread SD {report['ordinary_sd_logit']:.3f} (estimated without outliers)",
            f"P5-P95 spread {report['p5_p95_spread_points']:.1f} points",
            f"{summary['flagged']} of {summary['pairs_tested']} adjudicators flagged",
        ]
        if share is not None:
            parts.append(f"{100 * share:.1f}% deviate by more than 50%")
        self.stdout.write(f"wrote {output}: {', '.join(parts)}")
        for entry in report["adjudicators"]:
            if entry["flagged"]:
                self.stdout.write(
                    f"flagged {entry['adjudicator']} ({entry['group']}): {entry['why']}"
                )
        ranked = sorted((e for e in report["adjudicators"] if e["rank"]), key=lambda e: e["rank"])
        for entry in ranked[:TOP_OF_THE_LIST]:
            self.stdout.write(
                f"rank {entry['rank']}: {entry['adjudicator']} ({entry['group']}), odds ratio "
                f"{entry['odds_ratio']:.2f}, local fdr {entry['local_fdr']:.3f}, "
                f"q {entry['q_value']:.3f}{', flagged' if entry['flagged'] else ''}"
            )
        if summary["pairs_tested"] == 0:
            self.stderr.write(
                f"note: no adjudicator has {settings.min_caseload} decisions and a colleague in "
                "the same group, so none was tested (see --min-caseload and --group-col)"
            )

    def _refresh(self) -> None:
        from lifeline.analytics.operations.summaries import refresh_operations_summaries

        snapshot = refresh_operations_summaries()
        self.stdout.write(
            f"operations summaries of {snapshot.computed_at:%Y-%m-%d %H:%M:%S} UTC over "
            f"{snapshot.request_count} submitted requests, computed in "
            f"{snapshot.duration_ms / 1000:.2f} s"
        )

    def _columns(self, options: dict[str, Any]) -> DecisionColumns:
        from lifeline.analytics.consistency.io import DecisionColumns

        has_counts = options["decisions_col"] is not None or options["grants_col"] is not None
        has_outcome = options["outcome_col"] is not None
        if has_counts == has_outcome:
            raise CommandError(
                "give either --decisions-col and --grants-col (aggregated rows) "
                "or --outcome-col (one row per case)",
                returncode=USAGE_ERROR,
            )
        if has_counts and (options["decisions_col"] is None or options["grants_col"] is None):
            raise CommandError(
                "aggregated rows need both --decisions-col and --grants-col",
                returncode=USAGE_ERROR,
            )
        return DecisionColumns(
            group=options["group_col"],
            adjudicator=options["adjudicator_col"],
            decisions=options["decisions_col"],
            grants=options["grants_col"],
            outcome=options["outcome_col"],
            covariates=options["covariates"],
        )
