"""`lifeline parole term FILE.json`: when a parole term ends, as JSON; offline, no database."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from lifeline.core.errors import DomainError
from lifeline.core.json_files import argument_name, read_json_argument
from lifeline.core.validation_messages import problems_by_line
from lifeline.parole.terms import ParoleRecord, compute_term
from lifeline.programs.registry import get_registry

EXAMPLE = (
    '{"program": "frp", "class_of_admission": "FRP", "paroled_on": "2024-03-01", '
    '"original_ends_on": "2027-02-28", "pending_filings": [{"kind": "i485", '
    '"filed_on": "2025-12-01", "decided_on": null}], "individual_determinations": [], '
    '"as_of": "2026-02-01"}'
)


class Command(BaseCommand):
    help = "Parole-term tools that run offline on your own files."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="tool", required=True)
        term = commands.add_parser(
            "term",
            help="When a parole term ends, from a parole record document (JSON).",
            description=f"Prints JSON with ends_on, status, reason, citations and "
            f"reparole_window_opens_on. Example input: {EXAMPLE}",
        )
        term.add_argument("file", help="The parole record document (JSON); - reads stdin.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = argument_name(options["file"])
        try:
            data = read_json_argument(options["file"])
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error
        try:
            record = ParoleRecord.model_validate(data)
        except ValidationError as error:
            raise CommandError(
                f"{path} is not a valid parole record:\n{problems_by_line(error)}",
                returncode=2,
            ) from error
        try:
            answer = compute_term(record, get_registry())
        except DomainError as error:
            raise CommandError(f"{path}: {error}", returncode=2) from error
        self.stdout.write(json.dumps(answer.as_json(), ensure_ascii=False, indent=2))
