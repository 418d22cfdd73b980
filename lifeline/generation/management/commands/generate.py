"""`lifeline generate`: a synthetic data set in the database or in files, with its ground truth."""

from __future__ import annotations

import datetime as dt
import time
from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lifeline.core import clock
from lifeline.core.errors import DomainError
from lifeline.generation.dataset import GenerationOptions, generate_dataset
from lifeline.generation.output import write_documents, write_truth
from lifeline.generation.selectors import has_requests
from lifeline.generation.services import save_dataset
from lifeline.generation.truth import build_truth
from lifeline.programs.registry import get_registry


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a number between 0 and 0.5") from None
    if not 0 <= value <= 0.5:
        raise ArgumentTypeError(f"{text} is not between 0 and 0.5")
    return value


def _count(text: str) -> int:
    if not text.isdigit():
        raise ArgumentTypeError(f"{text!r} is not a whole number of requests")
    return int(text)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None


class Command(BaseCommand):
    help = (
        "Create a synthetic data set: people from the programs' populations, families, "
        "supporters, requests inside each program's open windows, duplicates and fraud rings, "
        "with the ground truth in a separate file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--requests", type=_count, default=1000, help="how many requests (default 1000)"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
        parser.add_argument(
            "--duplicate-share",
            type=_share,
            default=0.05,
            help="share of requests that file an earlier person again (0.05)",
        )
        parser.add_argument(
            "--fraud-share",
            type=_share,
            default=0.08,
            help="share of requests in planted fraud rings (0.08)",
        )
        parser.add_argument(
            "--programs",
            default="",
            help="comma-separated program slugs (default: every open program)",
        )
        parser.add_argument(
            "--until",
            type=_date,
            default=None,
            help="last filing date (default today; fix it for repeatable data)",
        )
        parser.add_argument(
            "--truth",
            type=Path,
            default=None,
            help="ground-truth file, .json or .csv "
            "(default var/generated/truth-SEED.json, or in --output-dir)",
        )
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="write requests.jsonl and declarations.jsonl here instead of "
            "saving to the database",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already holds requests",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        offline: Path | None = options["output_dir"]
        if options["if_empty"] and offline is None and has_requests():
            self.stdout.write("The database already holds requests; nothing generated.")
            return
        generation = GenerationOptions(
            requests=options["requests"],
            seed=options["seed"],
            last_filing_on=options["until"] or clock.today(),
            duplicate_share=options["duplicate_share"],
            fraud_share=options["fraud_share"],
            programs=tuple(p.strip() for p in options["programs"].split(",") if p.strip()),
        )
        truth_path: Path = options["truth"] or (
            (offline or Path(settings.VAR_DIR) / "generated") / f"truth-{generation.seed}.json"
        )
        started = time.perf_counter()
        try:
            self._run(generation, offline, truth_path)
        except DomainError as error:
            raise CommandError(error.message) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{generation.requests} requests in {elapsed:.1f} s "
            f"({generation.requests / elapsed:.0f} requests/s); truth: {truth_path}"
        )

    def _run(self, generation: GenerationOptions, offline: Path | None, truth_path: Path) -> None:
        if truth_path.suffix not in {".json", ".csv"}:
            raise CommandError(f"--truth must end in .json or .csv, not {truth_path.name!r}.")
        console = Console(stderr=True)
        columns = (
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task("generating", total=generation.requests)
            dataset = generate_dataset(
                generation, get_registry(), progress=lambda n: progress.advance(task, n)
            )
            progress.update(task, completed=generation.requests)
            if offline is not None:
                saved = None
                write_documents(dataset, offline)
            else:
                saving = progress.add_task("saving", total=len(dataset.requests))
                saved = save_dataset(
                    dataset=dataset, progress=lambda n: progress.advance(saving, n)
                )
        write_truth(build_truth(dataset, saved), truth_path)
        if offline is not None:
            self.stdout.write(f"Wrote requests.jsonl and declarations.jsonl to {offline}")
