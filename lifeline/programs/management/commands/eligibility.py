"""`lifeline eligibility`: pre-screen a request document, or what-if a draft (offline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifeline.core.errors import DomainError
from lifeline.programs.checking import check_documents, parse_date
from lifeline.programs.document_files import (
    answer_schema,
    iter_request_documents,
    request_document_schema,
)
from lifeline.programs.loader import read_program_version
from lifeline.programs.registry import get_registry
from lifeline.programs.what_if import compare_versions

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "Pre-screen request documents against the program versions on file (no database)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{check,whatif,schema}"
        )
        check = actions.add_parser(
            "check",
            help="evaluate request documents and print the pre-screen answers",
            description="Evaluate each request document against the program version in force on "
            "its postmark date. One FILE.json prints its answer; several files, folders (*.json) "
            "or JSON Lines files print one line per document: "
            '{"source": ..., "answer": {...}}. Exits 0 for any outcome; on invalid input it '
            "answers every valid document first, then exits 2 naming each invalid file (or JSON "
            "Lines line). With --as-of the system clock is never read.",
        )
        check.add_argument(
            "paths",
            type=Path,
            nargs="+",
            metavar="FILE|DIR",
            help="request documents: JSON files, folders of them, or JSON Lines files",
        )
        check.add_argument(
            "--as-of",
            type=parse_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="the date the question is asked for (default: today, UTC); it sets a monthly "
            "cap's month and prices a parole fee with no grant date",
        )
        whatif = actions.add_parser(
            "whatif",
            help="compare a draft version with the versions in force over many documents",
            description="Evaluate each document under its current version and under the draft; "
            "print a JSON report of the requests whose outcome would change, and why.",
        )
        whatif.add_argument(
            "--draft",
            type=Path,
            required=True,
            metavar="FILE.yaml",
            help="the draft program version",
        )
        whatif.add_argument(
            "--documents",
            type=Path,
            required=True,
            metavar="DIR_OR_JSONL",
            help="a folder of request documents (*.json) or a JSON Lines file",
        )

        schema = actions.add_parser(
            "schema",
            help="print the JSON Schema of a request document (or of the answer)",
            description="Print the JSON Schema of the request document (the API's request body "
            "and the input of `check`); docs/request-document-v2.schema.json is its saved copy. "
            "With --answer, the schema of the pre-screen answer "
            "(docs/prescreen-answer-v2.schema.json).",
        )
        schema.add_argument(
            "--answer", action="store_true", help="the answer's schema instead of the document's"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "check":
                self._check(options["paths"], options["as_of"])
            elif options["action"] == "whatif":
                self._whatif(options["draft"], options["documents"])
            elif options["answer"]:
                self.stdout.write(answer_schema())
            else:
                self.stdout.write(request_document_schema())
        except DomainError as exc:
            raise CommandError(exc.message, returncode=INVALID_INPUT) from None

    def _check(self, paths: list[Path], as_of: dt.date | None) -> None:
        check_documents(paths, as_of=as_of, write=self.stdout.write)

    def _whatif(self, draft_path: Path, documents: Path) -> None:
        registry = get_registry()
        try:
            text = draft_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {draft_path}: {exc.strerror}.", returncode=2) from None
        draft = read_program_version(
            text,
            source_name=str(draft_path),
            fee_kinds=registry.fees.kinds(),
            check_location=False,
        )
        registry.with_version(draft)  # refuses a draft that overlaps another version
        if not documents.exists():
            raise CommandError(f"{documents} does not exist.", returncode=INVALID_INPUT)
        report = compare_versions(iter_request_documents(documents), draft=draft)
        self.stdout.write(report.model_dump_json(indent=2))
