"""`lifeline audit verify`: recompute every audit chain and name the first broken event."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lifeline.audit.models import AuditEvent
from lifeline.audit.verification import VerificationReport, verify_audit_trail


class Command(BaseCommand):
    help = "Work with the hash-chained audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        verify = subcommands.add_parser(
            "verify",
            help="recompute every hash and link; exit 1 naming the first broken event",
            description=(
                "Walk every audit stream in sequence order, recompute each event's hash and "
                "check its link to the event before it and to the stream head. Exit 0 when "
                "the trail is intact, 1 when an event was modified or deleted."
            ),
            formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        )
        verify.add_argument(
            "--no-progress", action="store_true", help="do not draw a progress bar on stderr"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = self._verify(show_progress=not options["no_progress"])
        summary = f"{report.event_count} events in {report.stream_count} streams"
        first_break = report.first_break
        if first_break is None:
            self.stdout.write(f"Audit trail intact: {summary}.")
            return
        self.stdout.write(f"Audit trail BROKEN: {summary}; {len(report.breaks)} streams broken.")
        for found in report.breaks[1:]:
            self.stdout.write(f"  also {found.describe()}")
        raise CommandError(f"first broken event: {first_break.describe()}", returncode=1)

    def _verify(self, *, show_progress: bool) -> VerificationReport:
        console = Console(stderr=True)
        if not (show_progress and console.is_terminal):
            return verify_audit_trail()
        with Progress(
            TextColumn("verifying audit trail"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("verify", total=AuditEvent.objects.count())
            return verify_audit_trail(on_progress=lambda done: progress.advance(task, done))
