"""`lifeline backup create|restore`: one archive of the database, uploads and audit checkpoints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifeline.operations.backup import BackupError, create_backup, restore_backup


class Command(BaseCommand):
    help = "Back up and restore the database, the uploaded files and the audit checkpoints."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        create = subcommands.add_parser(
            "create",
            help="write a .tar.gz of the database snapshot, uploads and audit checkpoints",
            description=(
                "Snapshot the configured database while it keeps serving (SQLite online "
                "backup API, or pg_dump), then add the uploaded files and the audit "
                "checkpoints file when configured. No key is written into the archive."
            ),
        )
        create.add_argument(
            "--output",
            type=Path,
            help="archive to write (default: var/backups/lifeline-<UTC time>.tar.gz)",
        )
        restore = subcommands.add_parser(
            "restore",
            help="restore an archive into the configured database and media folder, then check it",
            description=(
                "Restore into the configured database (empty, unless --replace) and media "
                "folder, then open every encrypted value with the configured field keys and "
                "verify the audit chain. Exit 1 if anything does not check out."
            ),
        )
        restore.add_argument("archive", type=Path, help="a file written by `backup create`")
        restore.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already holds Lifeline tables",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["subcommand"] == "create":
                self._create(options["output"])
            else:
                self._restore(options["archive"], replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from error

    def _create(self, output: Path | None) -> None:
        summary = create_backup(archive=output)
        checkpoints = ", audit checkpoints" if summary.has_checkpoints else ""
        self.stdout.write(
            f"Backup written: {summary.archive} ({summary.engine} database, "
            f"{summary.file_count} uploaded files{checkpoints}; "
            f"{summary.size_bytes / 1e6:.1f} MB in {summary.seconds:.1f} s). "
            "Keys are not in it: keep LIFELINE_FIELD_KEYS in the key store."
        )

    def _restore(self, archive: Path, *, replace: bool) -> None:
        summary = restore_backup(archive=archive, replace=replace)
        audit = summary.audit
        self.stdout.write(
            f"Restored {archive} into the {summary.engine} database in {summary.seconds:.1f} s: "
            f"{summary.file_count} uploaded files; {summary.people} people, "
            f"{summary.decrypted_values} encrypted values opened with the configured keys."
        )
        if summary.checkpoints_restored_to:
            self.stdout.write(f"Audit checkpoints restored to {summary.checkpoints_restored_to}.")
        for note in summary.notes:
            self.stdout.write(f"Note: {note}.")
        counted = f"{audit.event_count} events in {audit.stream_count} streams"
        if audit.first_break is not None:
            raise CommandError(
                f"Audit trail BROKEN after restore ({counted}): {audit.first_break.describe()}",
                returncode=1,
            )
        self.stdout.write(f"Audit trail intact: {counted}.")
