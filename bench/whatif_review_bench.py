"""The what-if review from the database: N pending requests re-evaluated under a draft version.

Usage: .venv/bin/python bench/whatif_review_bench.py [--requests 100000] [--database-url URL]

Builds a fresh database (SQLite in a temporary folder unless --database-url is given), stores N
pending requests of the general program (documents varied from the shipped example), then times
`review_draft_program_version`: reading every pending document, validating it, evaluating it
under the version in force and under the draft, and storing the report. Target: 100,000 in
under 2 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_django(database_url: str | None, var_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["LIFELINE_VAR_DIR"] = var_dir
    os.environ["LIFELINE_DEBUG"] = "1"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if database_url:
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", "--noinput", verbosity=0)


def _store_pending_requests(count: int, seed: int) -> None:
    from lifeline.accounts.models import User
    from lifeline.intake.enums import RequestStatus
    from lifeline.intake.models import ParoleRequest
    from lifeline.people.models import Person

    example = json.loads((ROOT / "examples" / "general-medical.json").read_text())
    rng = random.Random(seed)
    filer = User.objects.create_user(username="bench-filer", role="beneficiary")
    person = Person.objects.create(
        given_name="Bench",
        family_name="Person",
        birth_date="1980-01-01",
        sex="F",
        citizenships=["UA"],
        current_country="PL",
    )
    batch: list[ParoleRequest] = []
    for index in range(count):
        document = json.loads(json.dumps(example))
        document["requested_duration_days"] = rng.choice([90, 180, 365, 540, 730])
        document["filed_on"] = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        document.setdefault("immigration_history", {})["in_removal_proceedings"] = (
            rng.random() < 0.05
        )
        batch.append(
            ParoleRequest(
                reference=f"HP-BENCH{index:07d}",
                program="general",
                kind="initial",
                category=document["category"],
                status=RequestStatus.PRESCREENED,
                beneficiary=person,
                filed_by=filer,
                document=document,
            )
        )
        if len(batch) == 5000:
            ParoleRequest.objects.bulk_create(batch)
            batch.clear()
    ParoleRequest.objects.bulk_create(batch)


def _draft_text() -> str:
    text = (ROOT / "policies" / "general" / "general-2016-12-23.yaml").read_text()
    text = text.replace("version: general-2016-12-23", "version: general-2099-01-01", 1)
    text = text.replace("effective_from: 2016-12-23", "effective_from: 2099-01-01", 1)
    text = text.replace("  - starts_on: 2016-12-23", "  - starts_on: 2099-01-01", 1)
    rule = (
        "\n  - id: requested_duration_at_most_one_year\n"
        '    expression: "doc.requested_duration_days <= 365"\n'
        "    effect: not_eligible\n"
        "    explanation: Granted for at most one year at a time.\n"
        "    citation: A benchmark policy change.\n"
    )
    return text.replace("rules:\n", "rules:" + rule, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        _setup_django(args.database_url, var_dir)
        from django.db import connection

        from lifeline.accounts.models import User
        from lifeline.intake.policy_review import review_draft_program_version

        started = time.perf_counter()
        _store_pending_requests(args.requests, args.seed)
        print(
            f"stored {args.requests:,} pending requests in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        administrator = User.objects.create_user(
            username="bench-admin", role="program_administrator"
        )
        started = time.perf_counter()
        report = review_draft_program_version(actor=administrator, source_yaml=_draft_text())
        elapsed = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "database": connection.vendor,
                    "pending_requests": report.evaluated_count,
                    "changed": report.changed_count,
                    "transitions": report.transitions,
                    "review_seconds": round(elapsed, 1),
                    "per_request_ms": round(1000 * elapsed / max(report.evaluated_count, 1), 3),
                    "target_seconds": 120,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
