"""`rescreen_report`: which filed requests would change outcome if pre-screened again now."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lifeline.core import clock
from lifeline.intake.document_migration import rescreen
from lifeline.intake.models import ParoleRequest, RescreenReport


class Command(BaseCommand):
    help = (
        "Evaluate every filed request again and print, per program, the changes of outcome "
        "(the report the request document v2 migration stored). Writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stored",
            action="store_true",
            help="print the reports stored by migrations instead of evaluating now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["stored"]:
            reports = [{"reason": row.reason, **row.report} for row in RescreenReport.objects.all()]
            self.stdout.write(json.dumps(reports, indent=2, ensure_ascii=False))
            return
        evaluated_at = clock.now().replace(microsecond=0).astimezone(dt.UTC)
        report = rescreen(ParoleRequest, None, evaluated_at=evaluated_at)
        self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
