"""`lifeline demo accounts`: a login for every role, with the address of the demo.
`lifeline demo office`: months of a working office's history, replayed through the services."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from io import StringIO
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from lifeline.analytics.consistency.summary import refresh_consistency_summary
from lifeline.analytics.operations.summaries import refresh_operations_summaries
from lifeline.core import clock
from lifeline.core.errors import DomainError
from lifeline.core.jobs import queued_behind_new_work
from lifeline.generation.demo import ensure_demo_accounts
from lifeline.generation.office import OfficeOptions, run_office
from lifeline.generation.selectors import has_requests


class Command(BaseCommand):
    help = (
        "Prepare the demo: `accounts` creates (or resets) one login per role; `office` files "
        "requests over the last months and replays the office's work on them day by day."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("what", choices=["accounts", "office"], help="what to prepare")
        parser.add_argument("--requests", type=int, default=900, help="office: requests filed")
        parser.add_argument("--seed", type=int, default=7, help="office: same seed, same data")
        parser.add_argument("--months", type=int, default=6, help="office: months of history")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="office: do nothing when the database already holds requests",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # The history's deliveries run after anything the demo's users do meanwhile.
            with queued_behind_new_work():
                if options["what"] == "office":
                    self._office(options)
                else:
                    self._accounts()
        except DomainError as error:
            raise CommandError(error.message) from error

    def _office(self, options: dict[str, Any]) -> None:
        if options["if_empty"] and has_requests():
            self.stdout.write("The database already holds requests; no office history made.")
            return
        if options["requests"] < 1 or options["months"] < 1:
            raise CommandError("--requests and --months must be at least 1.")
        started = time.perf_counter()
        history = run_office(
            OfficeOptions(
                requests=options["requests"],
                seed=options["seed"],
                today=clock.today(),
                months=options["months"],
            )
        )
        # The summaries the analytics pages read, as the daily tasks compute them.
        refresh_operations_summaries()
        refresh_consistency_summary()
        counts = ", ".join(f"{count} {what}" for what, count in sorted(history.counts.items()))
        self.stdout.write(
            f"Office history {history.first_day} to {history.last_day} in "
            f"{time.perf_counter() - started:.1f} s: {counts}."
        )

    def _accounts(self) -> None:
        accounts = ensure_demo_accounts()
        table = Table(title="Demo logins", title_justify="left")
        for column in ("role", "username", "password", "second factor"):
            table.add_column(column, overflow="fold")
        for account in accounts:
            table.add_row(account.role, account.username, account.password, account.second_factor)
        buffer = StringIO()
        console = Console(file=buffer, width=100)
        console.print(table)
        console.print(f"Sign in at {settings.LIFELINE_PUBLIC_BASE_URL.rstrip('/')}/")
        self.stdout.write(buffer.getvalue(), ending="")
