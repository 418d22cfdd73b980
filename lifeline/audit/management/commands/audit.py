"""`lifeline audit verify` and `checkpoint`: check every chain against keys and checkpoints."""

from __future__ import annotations

import argparse
import functools
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lifeline.audit.checkpoints import (
    Checkpoint,
    CheckpointProblem,
    checkpoint_path,
    read_checkpoint_file,
    take_audit_checkpoint,
)
from lifeline.audit.models import AuditEvent
from lifeline.audit.verification import VerificationReport, verify_audit_trail


class Command(BaseCommand):
    help = "Work with the hash-chained audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        verify = subcommands.add_parser(
            "verify",
            help="recheck every seal, link and checkpoint; exit 1 naming the first break",
            description=(
                "Walk every audit stream in sequence order, recompute each event's HMAC under "
                "its key id and check its link to the event before it and to the stream head; "
                "then check the signature of every line of the checkpoint file and that every "
                "stream it records is still there, at least as long, with the same hash at the "
                "recorded sequence. Exit 0 when all holds, 1 when anything was modified, "
                "deleted, rolled back or re-signed, or when there is no checkpoint to check."
            ),
            formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        )
        verify.add_argument(
            "--no-progress", action="store_true", help="do not draw a progress bar on stderr"
        )
        subcommands.add_parser(
            "checkpoint",
            help="append a signed line with every stream's head to the checkpoint file",
            description=(
                "Append one line to LIFELINE_AUDIT_CHECKPOINT_PATH: the time, the checkpoint "
                "key id, every stream's head sequence and hash, the number of streams and an "
                "HMAC over the line. The task worker does this every hour."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "checkpoint":
            self._checkpoint()
            return
        path = checkpoint_path()
        read = read_checkpoint_file(path)
        checkpoints, problems = read if read is not None else ([], [])
        report = self._verify(
            show_progress=not options["no_progress"],
            checkpoints=checkpoints,
            problems=problems,
        )
        summary = f"{report.event_count} events in {report.stream_count} streams"
        anchored = f"{self._anchored(checkpoints, path)}; database: {_database()}"
        if report.is_intact and (checkpoints or report.event_count == 0):
            self.stdout.write(f"Audit trail intact: {summary}; {anchored}.")
            return
        if report.is_intact:
            raise CommandError(
                f"chains intact ({summary}) but {anchored}: a removed tail or stream cannot be "
                "detected; run `lifeline audit checkpoint` (the task worker does so hourly)",
                returncode=1,
            )
        self.stdout.write(
            f"Audit trail BROKEN: {summary}; {len(report.breaks)} streams broken; {anchored}."
        )
        described = [problem.describe() for problem in report.checkpoint_problems]
        described += [found.describe() for found in report.breaks]
        for line in described[1:]:
            self.stdout.write(f"  also {line}")
        raise CommandError(f"first break: {described[0]}", returncode=1)

    def _checkpoint(self) -> None:
        checkpoint = take_audit_checkpoint()
        self.stdout.write(
            f"Audit checkpoint {checkpoint.taken_at} under key {checkpoint.key_id}: "
            f"{len(checkpoint.heads)} streams, appended to {checkpoint_path()}."
        )

    @staticmethod
    def _anchored(checkpoints: list[Checkpoint], path: Any) -> str:
        if not checkpoints:
            return f"no checkpoints in {path}"
        latest = checkpoints[-1]
        return (
            f"checked against {len(checkpoints)} checkpoints in {path}, the latest "
            f"{latest.taken_at} (key {latest.key_id}, {len(latest.heads)} streams)"
        )

    def _verify(
        self,
        *,
        show_progress: bool,
        checkpoints: list[Checkpoint],
        problems: list[CheckpointProblem],
    ) -> VerificationReport:
        verify = functools.partial(
            verify_audit_trail, checkpoints=checkpoints, checkpoint_problems=problems
        )
        console = Console(stderr=True)
        if not (show_progress and console.is_terminal):
            return verify()
        with Progress(
            TextColumn("verifying audit trail"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("verify", total=AuditEvent.objects.count())
            return verify(on_progress=lambda done: progress.advance(task, done))


def _database() -> str:
    """The database verified, as DATABASE_URL named it (engine, name, host; no password)."""
    named = connection.settings_dict
    where = f" on {named['HOST']}:{named.get('PORT') or 'default port'}" if named["HOST"] else ""
    return f"{connection.vendor} {named['NAME']}{where}"
