"""`lifeline pathways check FILE.json [--as-of DATE]`: every option after parole, offline."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from lifeline.core.errors import DomainError
from lifeline.core.validation_messages import problems_by_line
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check


class Command(BaseCommand):
    help = "Pathways after parole: options, deadlines, fees and sources (offline)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        tools = parser.add_subparsers(dest="tool", required=True)
        run = tools.add_parser(
            "check",
            help="Answer every option for a pathway request (JSON; see docs/pathways.md).",
        )
        run.add_argument("file", help="The pathway request (JSON); - reads stdin.")
        run.add_argument("--as-of", dest="as_of", help="The date to answer for (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        as_of = None
        if options.get("as_of"):
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    f"--as-of {options['as_of']!r} is not a date (YYYY-MM-DD)", returncode=2
                ) from None
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}", returncode=2) from error
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: "
                f"{error.msg})",
                returncode=2,
            ) from error
        try:
            request = PathwayRequest.model_validate(data)
        except ValidationError as error:
            raise CommandError(
                f"{path} is not a valid pathway request:\n{problems_by_line(error)}", returncode=2
            ) from error
        try:
            answer = check(request, as_of=as_of)
        except DomainError as error:
            raise CommandError(f"{path}: {error}", returncode=2) from error
        self.stdout.write(answer.model_dump_json(indent=2))
