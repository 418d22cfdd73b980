"""`lifeline policies`: validate policy files (offline) or sync them into the published record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifeline.core.errors import DomainError
from lifeline.programs.validation import validate_policy_path

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "Validate program policy files, or load the shipped ones into the published record."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{validate,load}")
        validate = actions.add_parser(
            "validate",
            help="check policy files or folders and report the first mistake (no database)",
            description="Check each PATH (a policy folder, a program folder, a version file or a "
            "fee file; default: the shipped policies). Exits 2 with the file, line, rule id and "
            "what is wrong on the first mistake.",
        )
        validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        validate.add_argument(
            "--report",
            action="store_true",
            help="also count citations: primary authorities by kind, and secondary-only ones",
        )
        actions.add_parser(
            "load",
            help="record every shipped version in the database (safe to run again)",
            description="Sync the policy folder into the published-version record and print "
            "what was created, updated or retired.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "validate":
                for line in self._validate(options["paths"]):
                    self.stdout.write(line)
                if options["report"]:
                    for line in self._report(options["paths"]):
                        self.stdout.write(line)
            else:
                self._load()
        except DomainError as exc:
            raise CommandError(exc.message, returncode=INVALID_INPUT) from None

    def _validate(self, paths: list[Path]) -> list[str]:
        from lifeline.programs.registry import policy_dir

        return [validate_policy_path(path) for path in paths or [policy_dir()]]

    def _report(self, paths: list[Path]) -> list[str]:
        from lifeline.programs.citation_report import count_citations
        from lifeline.programs.registry import policy_dir

        return count_citations(paths or [policy_dir()]).lines()

    def _load(self) -> None:
        from lifeline.programs.services import load_shipped_policies

        report = load_shipped_policies()
        for label, versions in (
            ("created", report.created),
            ("updated", report.updated),
            ("retired", report.retired),
        ):
            for version in versions:
                self.stdout.write(f"{label}: {version}")
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.retired)} retired, {len(report.unchanged)} unchanged."
        )
