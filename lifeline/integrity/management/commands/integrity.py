"""`lifeline integrity`: identity resolution and ring detection on users' own files (offline)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from lifeline.core.masking import SEALED_KINDS, lookup_index
from lifeline.integrity.errors import IntegrityInputError
from lifeline.integrity.identity.features import person_features
from lifeline.integrity.identity.linkage import MATCH_THRESHOLD, resolve
from lifeline.integrity.identity.linkage_settings import MODEL_NAME
from lifeline.integrity.rings.detection import HASHED_KINDS, Signal, detect_rings
from lifeline.integrity.rings.policy import HUB_FILE, POLICY_VERSION, RingPolicy, load_hub_values
from lifeline.integrity.rings.rules import RULES
from lifeline.integrity.tables import (
    FORM_FIELDS,
    PERSON_FIELDS,
    mapped_columns,
    read_table,
    resolve_mapping,
    write_table,
)


class Command(BaseCommand):
    help = "Identity resolution and fraud-ring detection on your own CSV or Parquet files."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        resolve_p = sub.add_parser(
            "resolve", help="cluster records of the same person", description=(
                "One output row per input record: the id column, then cluster_id. "
                f"Fields: {', '.join(PERSON_FIELDS)}."),
        )  # fmt: skip
        rings_p = sub.add_parser(
            "rings", help="find serial sponsors and shared-identifier rings", description=(
                "One output row per flagged form: the id column, ring_id, rule_codes, score. "
                f"Fields: {', '.join(FORM_FIELDS)}. Rules: {', '.join(RULES)}."),
        )  # fmt: skip
        sub.add_parser(
            "screen", help="(re)build identities, rings and flags for every form in the database"
        )
        for p in (resolve_p, rings_p):
            p.add_argument("--input", required=True, type=Path, help="CSV (with header) or Parquet")
            p.add_argument("--output", required=True, type=Path, help="CSV, or Parquet by suffix")
            p.add_argument("--id-column", required=True, help="column that identifies each row")
            p.add_argument(
                "--map", action="append", default=[], metavar="FIELD=COLUMN",
                help="map a field to a column; repeat once per field (same-named columns map "
                "themselves)",
            )  # fmt: skip
        resolve_p.add_argument("--threshold", type=float, default=MATCH_THRESHOLD)
        rings_p.add_argument(
            "--serial-threshold", type=int, default=20,
            help="forms per resolved supporter that make a serial sponsor",
        )  # fmt: skip
        rings_p.add_argument(
            "--hub-file", type=Path, default=HUB_FILE,
            help="CSV kind,value[,note] of shelters, law offices, organisations",
        )  # fmt: skip
        rings_p.add_argument("--evidence", type=Path, help="also write each ring's evidence (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(stderr=True)
        try:
            if options["action"] == "resolve":
                self._resolve(console, options)
            elif options["action"] == "rings":
                self._rings(console, options)
            else:
                self._screen(console)
        except IntegrityInputError as error:
            raise CommandError(error.message, returncode=2) from error

    def _load(
        self, console: Console, options: dict[str, Any], fields: tuple[str, ...]
    ) -> tuple[pa.Table, dict[str, str]]:
        with console.status(f"reading {options['input'].name}"):
            table = read_table(options["input"])
            mapping = resolve_mapping(
                table, id_column=options["id_column"], maps=options["map"], allowed=fields
            )
        if table.num_rows == 0:
            raise IntegrityInputError("The input file has no rows.")
        console.print(f"{table.num_rows:,} rows; fields: {', '.join(sorted(mapping))}")
        return table, mapping

    def _resolve(self, console: Console, options: dict[str, Any]) -> None:
        if not 0 < options["threshold"] < 1:
            raise IntegrityInputError("--threshold must be between 0 and 1.")
        table, mapping = self._load(console, options, PERSON_FIELDS)
        if not {"given_name", "family_name"} <= set(mapping):
            raise IntegrityInputError("resolve needs at least given_name and family_name.")
        with console.status("normalising names, dates, phones, addresses"):
            features = person_features(mapped_columns(table, mapping))
        with console.status("scoring candidate pairs (Splink on DuckDB)"):
            result = resolve(features, threshold=options["threshold"])
        id_column = options["id_column"]
        out = pa.table({id_column: table.column(id_column),
                        "cluster_id": pa.array(result.cluster_of_row, pa.int64())})  # fmt: skip
        write_table(out, options["output"])
        clusters = len(set(result.cluster_of_row.tolist()))
        console.print(f"{table.num_rows:,} records -> {clusters:,} people; "
                      f"{result.pairs.num_rows:,} linked pairs -> {options['output']}")  # fmt: skip

    def _rings(self, console: Console, options: dict[str, Any]) -> None:
        if options["serial_threshold"] < 2:
            raise IntegrityInputError("--serial-threshold must be at least 2.")
        table, mapping = self._load(console, options, FORM_FIELDS)
        try:
            hubs = load_hub_values(options["hub_file"])
        except (OSError, KeyError, ValueError) as error:
            raise IntegrityInputError(f"Cannot read the hub file: {error}") from error
        policy = RingPolicy(serial_sponsor_forms=options["serial_threshold"], hub_values=hubs)
        with console.status("starting") as status:
            report = detect_rings(
                mapped_columns(table, mapping), policy=policy, progress=status.update
            )
        ids = table.column(options["id_column"]).to_pylist()
        rows = sorted(report.ring_of_row)
        ring_ids = [report.ring_of_row[r] for r in rows]
        out = pa.table({
            options["id_column"]: [ids[r] for r in rows],
            "ring_id": ring_ids,
            "rule_codes": [";".join(report.rules_of_row[r]) for r in rows],
            "score": [report.score_of_ring[g] for g in ring_ids],
        })  # fmt: skip
        write_table(out, options["output"])
        if options["evidence"]:
            evidence = {
                "policy_version": POLICY_VERSION,
                "model": MODEL_NAME,
                "rings": {ring: [_shown(signal) for signal in signals]
                          for ring, signals in report.evidence_of_ring.items()},
            }  # fmt: skip
            options["evidence"].write_text(json.dumps(evidence, indent=1), encoding="utf-8")
        console.print(f"{len(rows):,} flagged forms in {len(report.score_of_ring):,} rings "
                      f"-> {options['output']}")  # fmt: skip

    def _screen(self, console: Console) -> None:
        from lifeline.integrity.screening.batch import screen_all_forms

        with console.status("starting") as status:
            summary = screen_all_forms(progress=status.update)
        console.print(
            f"{summary.forms:,} forms, {summary.identities:,} resolved supporters, "
            f"{summary.rings:,} rings; {summary.flags_raised:,} flags raised, "
            f"{summary.flags_withdrawn:,} withdrawn"
        )


def _shown(signal: Signal) -> dict[str, Any]:
    """A signal as the evidence file keeps it: an SSN masked, with the keyed hash that finds it
    again; a bank account only as the run's keyed hash; never a number in clear."""
    shown = {**vars(signal), "value": signal.shown_value}
    if signal.kind in SEALED_KINDS and signal.kind not in HASHED_KINDS:
        shown["value_index"] = lookup_index(signal.kind, signal.value)
    return shown
